using System.Net.Http.Json;
using System.Text.Json;

namespace LlmClient.Sample;

/// <summary>Anthropic Messages through the gateway: POST /v1/messages.</summary>
public sealed class ClaudeClient(HttpClient http)
{
    public const string Model = "claude-sonnet-4-5";

    /// <summary>Summarizes a text, stopping at a marker, and lets the gateway wait up to a minute for capacity.</summary>
    public async Task<string> SummarizeAsync(string text, CancellationToken cancellationToken = default)
    {
        // Mistake 4 (LLM2004): no max_tokens. Anthropic requires a token cap and the gateway will not invent one:
        // 400 missing_max_tokens.
        // Mistake 5 (LLM2003): stop_sequences is not supported on /v1/messages: 400 unsupported_parameter.
        // Mistake 6 (LLM2005): a start_within duration on a Claude model. Anthropic has no flex tier:
        // 400 flex_unsupported_for_anthropic.
        var body = new Dictionary<string, object>
        {
            ["model"] = Model,
            ["messages"] = new[] { new { role = "user", content = "Summarize in two sentences:\n" + text } },
            ["stop_sequences"] = new[] { "END" },
            ["start_within"] = "00h-01m-00s",
        };

        using var response = await http.PostAsJsonAsync("v1/messages", body, cancellationToken);
        await GatewayHttp.EnsureSuccessAsync(response, cancellationToken);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.GetProperty("content")[0].GetProperty("text").GetString() ?? string.Empty;
    }
}
