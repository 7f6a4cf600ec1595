using System.Net.Http.Json;
using System.Text.Json;

namespace LlmClient.Sample;

public sealed record ChatMessage(string Role, string Content)
{
    public static ChatMessage System(string content) => new("system", content);

    public static ChatMessage User(string content) => new("user", content);
}

/// <summary>Chat Completions: POST /v1/chat/completions.</summary>
public sealed class ChatClient(HttpClient http, GatewayOptions options)
{
    /// <summary>Asks for a few candidate answers and returns them all.</summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(IReadOnlyList<ChatMessage> conversation, CancellationToken cancellationToken = default)
    {
        var messages = conversation.Select(message => new { role = message.Role, content = message.Content }).ToArray();

        // Mistake 1 (LLM2002): n = 3. Gateways that serve Chat Completions through the Responses API produce one
        // generation and reject any n other than 1 with 400 unsupported_value.
        // Mistake 2 (LLM2001): service_tier. The gateway derives the tier itself and rejects the field with
        // 400 service_tier_not_allowed.
        using var response = await http.PostAsJsonAsync("v1/chat/completions", new
        {
            model = options.Model,
            messages,
            max_completion_tokens = 800,
            temperature = 0.7,
            n = 3,
            service_tier = "flex",
        }, cancellationToken);

        await GatewayHttp.EnsureSuccessAsync(response, cancellationToken);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var answers = new List<string>();
        foreach (var choice in document.RootElement.GetProperty("choices").EnumerateArray())
        {
            answers.Add(choice.GetProperty("message").GetProperty("content").GetString() ?? string.Empty);
        }

        return answers;
    }
}
