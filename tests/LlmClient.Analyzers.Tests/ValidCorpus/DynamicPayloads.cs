// Valid corpus: payloads assembled at run time from dictionaries, System.Text.Json.Nodes, Newtonsoft JObject
// and plain classes serialized with a naming policy.
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;

namespace ValidCorpus.Styles.DynamicPayloads;

/// <summary>Properties named in C# style; the snake_case policy gives the wire names.</summary>
public sealed class CompletionSettings
{
    public string Model { get; set; } = "gpt-4.1-mini";

    public float? Temperature { get; set; }

    public int? MaxCompletionTokens { get; set; } = 512;

    public List<Dictionary<string, string>> Messages { get; set; } = [];
}

public sealed class DictionaryPayloadClient(HttpClient http)
{
    public async Task<string> CompleteAsync(string prompt, float? temperature, CancellationToken cancellationToken)
    {
        var payload = new Dictionary<string, object?>
        {
            ["model"] = "gpt-4.1-mini",
            ["messages"] = new[]
            {
                new Dictionary<string, string> { ["role"] = "user", ["content"] = prompt },
            },
            ["max_completion_tokens"] = 700,
        };

        if (temperature is { } t)
        {
            payload["temperature"] = t;
        }

        using var response = await http.PostAsJsonAsync("v1/chat/completions", payload, cancellationToken);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
    }

    public async Task<string> CompleteWithSettingsAsync(string system, string user, CancellationToken cancellationToken)
    {
        var settings = new CompletionSettings { Temperature = 0.4f };
        settings.Messages.Add(new() { ["role"] = "system", ["content"] = system });
        settings.Messages.Add(new() { ["role"] = "user", ["content"] = user });

        var snakeCase = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };

        using var response = await http.PostAsJsonAsync("v1/chat/completions", settings, snakeCase, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<string> LegacyCompletionAsync(string prefix, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            { "model", "gpt-3.5-turbo-instruct" },
            { "prompt", prefix },
            { "max_tokens", 64 },
            { "temperature", 0.0 },
        };

        using var response = await http.PostAsJsonAsync("v1/completions", body, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return document.RootElement.GetProperty("choices")[0].GetProperty("text").GetString() ?? string.Empty;
    }
}

public sealed class JsonNodePayloadClient(HttpClient http)
{
    public async Task<string> AskGeminiAsync(IEnumerable<(string Role, string Text)> history, CancellationToken cancellationToken)
    {
        var messages = new JsonArray();
        foreach (var (role, text) in history)
        {
            messages.Add(new JsonObject { ["role"] = role, ["content"] = text });
        }

        var body = new JsonObject
        {
            ["model"] = "gemini-2.5-flash",
            ["messages"] = messages,
            ["max_completion_tokens"] = 1024,
            ["start_within"] = "priority",
        };

        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v1/chat/completions", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return reply?["choices"]?[0]?["message"]?["content"]?.GetValue<string>() ?? string.Empty;
    }

    public async Task<JsonNode?> RunInteractionAsync(string model, string input, double temperature, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["input"] = input,
            ["generation_config"] = new JsonObject
            {
                ["temperature"] = temperature,
                ["max_output_tokens"] = 2048,
            },
        };

        using var response = await http.PostAsJsonAsync("v1/interactions", body, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
    }

    public async Task<string> StructuredAsync(string question, CancellationToken cancellationToken)
    {
        var schema = JsonNode.Parse("""
            {
              "type": "object",
              "properties": {
                "answer": { "type": "string" },
                "confidence": { "type": "number" }
              },
              "required": ["answer", "confidence"],
              "additionalProperties": false
            }
            """)!;

        var request = new JsonObject
        {
            ["model"] = "gpt-4.1",
            ["input"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
            ["text"] = new JsonObject
            {
                ["format"] = new JsonObject { ["type"] = "json_schema", ["name"] = "answer", ["schema"] = schema, ["strict"] = true },
            },
            ["max_output_tokens"] = 500,
        };

        using var response = await http.PostAsJsonAsync("v1/responses", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}

public sealed class NewtonsoftPayloadClient(HttpClient http)
{
    public async Task<string> AskClaudeAsync(string system, IReadOnlyList<string> turns, CancellationToken cancellationToken)
    {
        var messages = new JArray();
        for (var i = 0; i < turns.Count; i++)
        {
            messages.Add(new JObject
            {
                ["role"] = i % 2 == 0 ? "user" : "assistant",
                ["content"] = turns[i],
            });
        }

        var body = new JObject
        {
            ["model"] = "claude-sonnet-4-5",
            ["max_tokens"] = 2048,
            ["system"] = system,
            ["messages"] = messages,
        };

        using var content = new StringContent(body.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v1/messages", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Messages API returned {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        var reply = JObject.Parse(text);
        return string.Concat(reply["content"]!.Where(b => (string?)b["type"] == "text").Select(b => (string?)b["text"]));
    }

    public async Task<JObject> ChatAsync(string question, CancellationToken cancellationToken)
    {
        var body = new JObject(
            new JProperty("model", "gpt-4o-mini"),
            new JProperty("messages", new JArray(
                new JObject(new JProperty("role", "user"), new JProperty("content", question)))),
            new JProperty("max_completion_tokens", 300));

        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v1/chat/completions", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static JObject WithMetadata(JObject request, string tenant)
    {
        // Metadata travels to the gateway's logs; it has no effect on generation.
        request["metadata"] = new JObject { ["tenant"] = tenant, ["source"] = "batch-import" };
        return request;
    }
}
