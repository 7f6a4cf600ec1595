using System.Text;
using System.Text.Json;

namespace LlmClient.Sample;

/// <summary>The Responses API: POST /v1/responses.</summary>
public sealed class ResponsesClient(HttpClient http, GatewayOptions options)
{
    private const string ResponsesPath = "v1/responses";

    /// <summary>Sends one prompt and returns the text of the answer.</summary>
    public async Task<string> AskAsync(string instructions, string prompt, CancellationToken cancellationToken = default)
    {
        var json = BuildRequest(instructions, prompt);
        using var request = new HttpRequestMessage(HttpMethod.Post, ResponsesPath)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };

        using var response = await http.SendAsync(request, cancellationToken);
        await GatewayHttp.EnsureSuccessAsync(response, cancellationToken);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return ReadOutputText(document.RootElement);
    }

    private string BuildRequest(string instructions, string prompt)
    {
        // Mistake 3 (LLM2001): service_tier = "priority" is rejected on /v1/responses too (400
        // service_tier_not_allowed); a gateway that races tiers takes the intent from start_within instead.
        var body = new
        {
            model = options.Model,
            instructions,
            input = prompt,
            max_output_tokens = 1000,
            service_tier = "priority",
        };
        return JsonSerializer.Serialize(body);
    }

    /// <summary>Concatenates the output_text parts of the response's message items.</summary>
    private static string ReadOutputText(JsonElement root)
    {
        var text = new StringBuilder();
        foreach (var item in root.GetProperty("output").EnumerateArray())
        {
            if (item.GetProperty("type").GetString() != "message")
            {
                continue;
            }

            foreach (var part in item.GetProperty("content").EnumerateArray())
            {
                if (part.GetProperty("type").GetString() == "output_text")
                {
                    text.Append(part.GetProperty("text").GetString());
                }
            }
        }

        return text.ToString();
    }
}
