// Valid corpus: the official Anthropic .NET SDK: client options (its own bounded retries), system prompts,
// multi-turn conversations, extended thinking, token counting, streaming events, and exception handling
// that maps failures without retrying on top of the SDK.
using System.Runtime.CompilerServices;
using System.Text;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace ValidCorpus.Styles.AnthropicSdk;

public static class ClaudeClientFactory
{
    public static AnthropicClient Create(TimeSpan? timeout = null)
    {
        var options = new ClientOptions
        {
            ApiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY")
                ?? throw new InvalidOperationException("ANTHROPIC_API_KEY is not configured."),
            MaxRetries = 3,
            Timeout = timeout ?? TimeSpan.FromMinutes(2),
        };

        if (Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL") is { Length: > 0 } baseUrl)
        {
            options.BaseUrl = baseUrl;
        }

        return new AnthropicClient(options);
    }
}

public sealed class ClaudeConversation(IAnthropicClient client, string model = "claude-sonnet-4-5")
{
    private readonly List<MessageParam> _turns = [];

    public string SystemPrompt { get; init; } = "You are a helpful assistant for a logistics company.";

    public async Task<string> SendAsync(string userText, CancellationToken cancellationToken)
    {
        _turns.Add(new UserMessageParam(userText));

        var parameters = new MessageCreateParams
        {
            Model = model,
            MaxTokens = 2048,
            System = SystemPrompt,
            Messages = _turns.ToList(),
        };

        Message reply = await client.Messages.Create(parameters, cancellationToken);
        var text = TextOf(reply);
        _turns.Add(new AssistantMessageParam(text));
        return text;
    }

    public static string TextOf(Message message)
    {
        var builder = new StringBuilder();
        foreach (var block in message.Content)
        {
            if (block.TryPickText(out var text))
            {
                builder.Append(text.Text);
            }
        }

        return builder.ToString();
    }
}

public sealed class ClaudeAnalyst(IAnthropicClient client)
{
    public async Task<(string Reasoning, string Answer)> ThinkThroughAsync(string problem, CancellationToken cancellationToken)
    {
        var parameters = new MessageCreateParams
        {
            Model = "claude-sonnet-4-6",
            MaxTokens = 16_000,
            Thinking = new ThinkingConfigEnabled(budgetTokens: 8_000),
            Messages = [new UserMessageParam(problem)],
        };

        // A long thinking run is streamed: events keep arriving, so no idle timeout cuts it off.
        var patientClient = client.WithOptions(options => options with { Timeout = TimeSpan.FromMinutes(8) });
        var reasoning = new StringBuilder();
        var answer = new StringBuilder();
        await foreach (var streamEvent in patientClient.Messages.CreateStreaming(parameters, cancellationToken))
        {
            if (!streamEvent.TryPickContentBlockDelta(out var blockDelta))
            {
                continue;
            }

            if (blockDelta.Delta.TryPickThinking(out var thinking))
            {
                reasoning.Append(thinking.Thinking);
            }
            else if (blockDelta.Delta.TryPickText(out var text))
            {
                answer.Append(text.Text);
            }
        }

        return (reasoning.ToString(), answer.ToString());
    }

    public async Task<bool> FitsBudgetAsync(string document, long maxInputTokens, CancellationToken cancellationToken)
    {
        var count = await client.Messages.CountTokens(
            new MessageCountTokensParams
            {
                Model = "claude-haiku-4-5",
                Messages = [new UserMessageParam(document)],
            },
            cancellationToken);
        return count.InputTokens <= maxInputTokens;
    }
}

public sealed class ClaudeStreamer(IAnthropicClient client)
{
    public async IAsyncEnumerable<string> StreamAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var parameters = new MessageCreateParams
        {
            Model = "claude-haiku-4-5",
            MaxTokens = 1024,
            Messages = [new UserMessageParam(prompt)],
        };

        await foreach (RawMessageStreamEvent streamEvent in client.Messages.CreateStreaming(parameters, cancellationToken))
        {
            if (streamEvent.TryPickContentBlockDelta(out var blockDelta) && blockDelta.Delta.TryPickText(out var textDelta))
            {
                yield return textDelta.Text;
            }
            else if (streamEvent.TryPickDelta(out var messageDelta) && messageDelta.Usage.OutputTokens >= parameters.MaxTokens)
            {
                yield return "\n[stopped at the token limit]";
            }
        }
    }
}

public enum DraftOutcome
{
    Drafted,
    Rejected,
    Throttled,
}

public sealed record DraftResult(DraftOutcome Outcome, string? Text, string? RequestId = null);

/// <summary>The SDK retried already; here failures become results the caller can act on.</summary>
public sealed class ClaudeEmailDrafter(IAnthropicClient client)
{
    public async Task<DraftResult> DraftAsync(string instructions, CancellationToken cancellationToken)
    {
        var parameters = new MessageCreateParams
        {
            Model = "claude-haiku-4-5",
            MaxTokens = 800,
            System = "Write short, friendly business emails. No subject line.",
            Messages = [new UserMessageParam(instructions)],
        };

        try
        {
            var message = await client.Messages.Create(parameters, cancellationToken);
            return new DraftResult(DraftOutcome.Drafted, ClaudeConversation.TextOf(message));
        }
        catch (AnthropicBadRequestException ex)
        {
            return new DraftResult(DraftOutcome.Rejected, null, ex.RequestID);
        }
        catch (AnthropicRateLimitException ex)
        {
            // Still limited after the SDK's retries: tell the caller to come back later.
            return new DraftResult(DraftOutcome.Throttled, null, ex.RequestID);
        }
        catch (AnthropicApiException ex) when ((int)ex.StatusCode >= 500)
        {
            throw new InvalidOperationException($"Anthropic is failing ({(int)ex.StatusCode}, request {ex.RequestID}).", ex);
        }
    }
}
