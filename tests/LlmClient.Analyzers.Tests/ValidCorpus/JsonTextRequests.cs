// Valid corpus: request bodies written as JSON text (raw, interpolated raw and verbatim literals) and sent
// with HttpRequestMessage + SendAsync to the Chat Completions, Responses and Messages endpoints.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ValidCorpus.Styles.JsonText;

public sealed class PromptTemplates
{
    public const string SummarizeSystemPrompt = "Summarize the text in three bullet points.";

    // A fixed health-check request: small, cheap and deterministic enough for a smoke test.
    public const string PingRequest = """
        {
          "model": "gpt-4.1-mini",
          "messages": [
            { "role": "system", "content": "Reply with the single word: pong" },
            { "role": "user", "content": "ping" }
          ],
          "max_completion_tokens": 5,
          "temperature": 0
        }
        """;

    public const string ClassifierRequest = @"{
  ""model"": ""gpt-4.1-nano"",
  ""input"": ""Classify the sentiment of: the delivery was late again"",
  ""instructions"": ""Answer positive, negative or neutral."",
  ""max_output_tokens"": 16
}";
}

public sealed class JsonTextGatewayClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    public JsonTextGatewayClient(Uri gateway)
        : this(new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(90) }, ownsClient: true)
    {
    }

    public JsonTextGatewayClient(HttpClient http, bool ownsClient = false)
    {
        _http = http;
        _ownsClient = ownsClient;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent(PromptTemplates.PingRequest, Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var text = body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        return string.Equals(text?.Trim(), "pong", StringComparison.OrdinalIgnoreCase);
    }

    public async Task<string> ClassifyAsync(CancellationToken cancellationToken)
    {
        using var content = new StringContent(PromptTemplates.ClassifierRequest, JsonMediaType);
        using var response = await _http.PostAsync("v1/responses", content, cancellationToken);
        await ThrowOnErrorAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return ReadResponsesText(body.RootElement);
    }

    public async Task<string> SummarizeAsync(string text, CancellationToken cancellationToken)
    {
        // JsonEncodedText escapes quotes, backslashes and control characters for us.
        var escaped = JsonEncodedText.Encode(text).ToString();
        var json = $$"""
            {
              "model": "gpt-4.1-mini",
              "messages": [
                { "role": "system", "content": "{{PromptTemplates.SummarizeSystemPrompt}}" },
                { "role": "user", "content": "{{escaped}}" }
              ],
              "max_completion_tokens": 400
            }
            """;

        using var request = NewPost("v1/chat/completions", json);
        using var response = await _http.SendAsync(request, cancellationToken);
        await ThrowOnErrorAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
    }

    public async Task<string> TranslateWithClaudeAsync(string text, string targetLanguage, CancellationToken cancellationToken)
    {
        var json = $$"""
            {
              "model": "claude-haiku-4-5",
              "max_tokens": 1024,
              "system": "Translate the user's text into {{JsonEncodedText.Encode(targetLanguage)}}. Output only the translation.",
              "messages": [
                { "role": "user", "content": "{{JsonEncodedText.Encode(text)}}" }
              ]
            }
            """;

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("x-api-key", Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new InvalidOperationException("ANTHROPIC_API_KEY is not set."));

        using var response = await _http.SendAsync(request, cancellationToken);
        await ThrowOnErrorAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var builder = new StringBuilder();
        foreach (var block in body.RootElement.GetProperty("content").EnumerateArray())
        {
            if (block.GetProperty("type").GetString() == "text")
            {
                builder.Append(block.GetProperty("text").GetString());
            }
        }

        return builder.ToString();
    }

    public async Task<string> PriorityAnswerAsync(string question, CancellationToken cancellationToken)
    {
        // start_within asks the gateway for a scheduling class instead of a service tier.
        var json = $$"""{"model": "gpt-4.1", "input": {{JsonSerializer.Serialize(question)}}, "start_within": "priority", "max_output_tokens": 600}""";

        using var request = NewPost("v1/responses", json);
        using var response = await _http.SendAsync(request, cancellationToken);
        await ThrowOnErrorAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return ReadResponsesText(body.RootElement);
    }

    public async Task<string> BatchFriendlyAnswerAsync(string question, CancellationToken cancellationToken)
    {
        // A caller that can wait a few minutes lets the gateway schedule the request flexibly.
        var payload = "{\"model\":\"gpt-4.1-mini\",\"input\":" + JsonSerializer.Serialize(question)
            + ",\"start_within\":\"00h-05m-00s\",\"max_output_tokens\":300}";

        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("v1/responses", content, cancellationToken);
        await ThrowOnErrorAsync(response, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return ReadResponsesText(body.RootElement);
    }

    private static HttpRequestMessage NewPost(string path, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = JsonMediaType;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static string ReadResponsesText(JsonElement root)
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

    private static async Task ThrowOnErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new HttpRequestException(
            $"{(int)response.StatusCode} {response.ReasonPhrase} from {response.RequestMessage?.RequestUri}: {detail}",
            inner: null,
            response.StatusCode);
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }
}
