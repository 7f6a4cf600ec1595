// Valid corpus: Microsoft.Extensions.AI: code written against IChatClient, DelegatingChatClient middleware
// (defaults, usage metering, a concurrency gate), streaming, structured output, tools, and Anthropic's
// IChatClient adapter.
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Anthropic;
using Microsoft.Extensions.AI;

namespace ValidCorpus.Styles.ExtensionsAi;

/// <summary>Fills in the model and an output cap when a caller leaves them out.</summary>
public sealed class DefaultingChatClient(IChatClient inner, string defaultModel, int defaultMaxOutputTokens) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetResponseAsync(messages, WithDefaults(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetStreamingResponseAsync(messages, WithDefaults(options), cancellationToken);

    private ChatOptions WithDefaults(ChatOptions? options)
    {
        var effective = options?.Clone() ?? new ChatOptions();
        effective.ModelId ??= defaultModel;
        effective.MaxOutputTokens ??= defaultMaxOutputTokens;
        return effective;
    }
}

/// <summary>Adds up token usage across calls, streamed or not.</summary>
public sealed class UsageMeteringChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    private long _inputTokens;
    private long _outputTokens;

    public long InputTokens => Interlocked.Read(ref _inputTokens);

    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Record(response.Usage);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                Record(usage.Details);
            }

            yield return update;
        }
    }

    private void Record(UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        Interlocked.Add(ref _inputTokens, usage.InputTokenCount ?? 0);
        Interlocked.Add(ref _outputTokens, usage.OutputTokenCount ?? 0);
    }
}

/// <summary>Caps concurrent calls to the provider so a burst of work queues here instead of drawing 429s.</summary>
public sealed class ConcurrencyGateChatClient(IChatClient inner, int maxConcurrency) : DelegatingChatClient(inner)
{
    private readonly SemaphoreSlim _gate = new(maxConcurrency, maxConcurrency);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}

public sealed record TriageResult(string Category, int Priority, string Summary);

public sealed class HelpdeskAssistant(IChatClient chat)
{
    private readonly List<ChatMessage> _history =
    [
        new(ChatRole.System, "You help employees with IT questions. Be brief and concrete."),
    ];

    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        _history.Add(new ChatMessage(ChatRole.User, question));
        var options = new ChatOptions
        {
            ModelId = "gpt-4.1-mini",
            Temperature = 0.3f,
            MaxOutputTokens = 700,
            AdditionalProperties = new AdditionalPropertiesDictionary { ["start_within"] = "auto" },
        };

        var response = await chat.GetResponseAsync(_history, options, cancellationToken);
        _history.AddMessages(response);
        return response.Text;
    }

    public async Task<string> StreamAnswerAsync(string question, Action<string> onText, CancellationToken cancellationToken)
    {
        _history.Add(new ChatMessage(ChatRole.User, question));
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(_history, new ChatOptions { MaxOutputTokens = 1000, TopP = 0.9f }, cancellationToken))
        {
            updates.Add(update);
            if (update.Text is { Length: > 0 } text)
            {
                onText(text);
            }
        }

        _history.AddMessages(updates);
        return string.Concat(updates.Select(u => u.Text));
    }

    public async Task<TriageResult> TriageAsync(string ticket, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            ModelId = "gpt-4.1",
            ResponseFormat = ChatResponseFormat.ForJsonSchema<TriageResult>(schemaName: "triage"),
            MaxOutputTokens = 300,
        };

        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Classify the ticket."), new ChatMessage(ChatRole.User, ticket)],
            options,
            cancellationToken);
        return JsonSerializer.Deserialize<TriageResult>(response.Text, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The model returned no triage result.");
    }

    public async Task<string> DescribeScreenshotAsync(Uri screenshot, CancellationToken cancellationToken)
    {
        var message = new ChatMessage(ChatRole.User,
        [
            new TextContent("What error does this screenshot show?"),
            new UriContent(screenshot, "image/png"),
        ]);

        var response = await chat.GetResponseAsync([message], new ChatOptions { MaxOutputTokens = 250 }, cancellationToken);
        return response.Text;
    }

    public static ChatOptions WithTools(Func<string, string> resetPassword, Func<string, string> ticketStatus)
        => new()
        {
            ModelId = "gpt-4.1",
            MaxOutputTokens = 500,
            ToolMode = ChatToolMode.Auto,
            Tools =
            [
                AIFunctionFactory.Create(resetPassword, "reset_password", "Starts a password reset for a user name"),
                AIFunctionFactory.Create(ticketStatus, "ticket_status", "Returns the status of a ticket id"),
            ],
        };
}

public static class ClaudeThroughExtensionsAi
{
    public static IChatClient Create()
    {
        // The Anthropic client reads ANTHROPIC_API_KEY itself; its own retries cover 408, 429 and 5xx.
        var anthropic = new AnthropicClient { MaxRetries = 3, Timeout = TimeSpan.FromSeconds(120) };
        IChatClient client = anthropic.AsIChatClient(defaultModelId: "claude-sonnet-4-5", defaultMaxOutputTokens: 1024);
        return new UsageMeteringChatClient(new ConcurrencyGateChatClient(client, maxConcurrency: 4));
    }

    public static async Task<string> ExplainAsync(IChatClient claude, string code, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            ModelId = "claude-sonnet-4-5",
            MaxOutputTokens = 1500,
            Temperature = 0.2f,
            Instructions = "Explain what the code does, then list any bugs.",
        };

        var answer = new StringBuilder();
        await foreach (var update in claude.GetStreamingResponseAsync(code, options, cancellationToken))
        {
            answer.Append(update.Text);
        }

        return answer.ToString();
    }
}
