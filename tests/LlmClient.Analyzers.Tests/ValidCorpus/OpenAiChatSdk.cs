// Valid corpus: the OpenAI .NET SDK's ChatClient: client construction against a gateway, the SDK's own
// bounded retries, structured output, function tools, vision by URL, streaming, and error handling that does
// not add a second layer of retries.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace ValidCorpus.Styles.OpenAiChat;

public static class OpenAiClients
{
    public static OpenAIClient FromEnvironment()
    {
        var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY")
            ?? throw new InvalidOperationException("Set OPENAI_API_KEY before starting the service.");
        var endpoint = Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } url
            ? new Uri(url)
            : new Uri("https://api.openai.com/v1");

        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 3),
            NetworkTimeout = TimeSpan.FromSeconds(120),
            UserAgentApplicationId = "invoice-assistant",
        };

        return new OpenAIClient(new ApiKeyCredential(key), options);
    }
}

public sealed record InvoiceFields(string Vendor, string InvoiceNumber, decimal Total, string Currency);

public sealed class InvoiceExtractor(ChatClient chat)
{
    private static readonly BinaryData Schema = BinaryData.FromString("""
        {
          "type": "object",
          "properties": {
            "vendor": { "type": "string" },
            "invoiceNumber": { "type": "string" },
            "total": { "type": "number" },
            "currency": { "type": "string", "minLength": 3, "maxLength": 3 }
          },
          "required": ["vendor", "invoiceNumber", "total", "currency"],
          "additionalProperties": false
        }
        """);

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);

    public async Task<InvoiceFields> ExtractAsync(string invoiceText, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage("Extract invoice fields. Use ISO 4217 currency codes."),
            new UserChatMessage(invoiceText),
        ];

        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("invoice_fields", Schema, jsonSchemaIsStrict: true),
            Temperature = 0f,
            MaxOutputTokenCount = 300,
        };

        ChatCompletion completion = await chat.CompleteChatAsync(messages, options, cancellationToken);
        if (completion.FinishReason != ChatFinishReason.Stop)
        {
            throw new InvalidOperationException($"Extraction stopped early: {completion.FinishReason}.");
        }

        return JsonSerializer.Deserialize<InvoiceFields>(completion.Content[0].Text, ReadOptions)
            ?? throw new InvalidDataException("The model returned an empty object.");
    }

    public async Task<string> DescribeScanAsync(Uri scanUrl, CancellationToken cancellationToken)
    {
        // Images go by URL: the gateway fetches them, so the request body stays small.
        var message = new UserChatMessage(
            ChatMessageContentPart.CreateTextPart("What kind of document is this, and is it legible?"),
            ChatMessageContentPart.CreateImagePart(scanUrl, ChatImageDetailLevel.Low));

        ChatCompletion completion = await chat.CompleteChatAsync(
            [message],
            new ChatCompletionOptions { MaxOutputTokenCount = 200 },
            cancellationToken);
        return completion.Content[0].Text;
    }
}

public sealed class CurrencyAgent(ChatClient chat, Func<string, string, decimal> rateLookup)
{
    private const int MaxSteps = 5;

    private static readonly ChatTool ConvertTool = ChatTool.CreateFunctionTool(
        functionName: "get_exchange_rate",
        functionDescription: "Exchange rate from one ISO currency to another",
        functionParameters: BinaryData.FromString("""
            {
              "type": "object",
              "properties": {
                "from": { "type": "string" },
                "to": { "type": "string" }
              },
              "required": ["from", "to"]
            }
            """));

    public async Task<string> RunAsync(string question, CancellationToken cancellationToken)
    {
        var history = new List<ChatMessage> { new UserChatMessage(question) };
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 500, AllowParallelToolCalls = true };
        options.Tools.Add(ConvertTool);

        for (var step = 0; step < MaxSteps; step++)
        {
            ChatCompletion completion = await chat.CompleteChatAsync(history, options, cancellationToken);
            if (completion.FinishReason != ChatFinishReason.ToolCalls)
            {
                return completion.Content.Count > 0 ? completion.Content[0].Text : completion.Refusal ?? string.Empty;
            }

            history.Add(new AssistantChatMessage(completion));
            foreach (var call in completion.ToolCalls)
            {
                using var args = JsonDocument.Parse(call.FunctionArguments);
                var rate = rateLookup(args.RootElement.GetProperty("from").GetString()!, args.RootElement.GetProperty("to").GetString()!);
                history.Add(new ToolChatMessage(call.Id, rate.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        throw new InvalidOperationException($"No answer after {MaxSteps} tool steps.");
    }
}

public sealed class StreamingNarrator(ChatClient chat)
{
    public async IAsyncEnumerable<string> NarrateAsync(string topic, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 1500, Temperature = 0.9f, TopP = 0.95f };
        var messages = new ChatMessage[]
        {
            new SystemChatMessage("You are a narrator for a nature documentary."),
            new UserChatMessage($"Narrate a short scene about {topic}."),
        };

        await foreach (StreamingChatCompletionUpdate update in chat.CompleteChatStreamingAsync(messages, options, cancellationToken))
        {
            foreach (ChatMessageContentPart part in update.ContentUpdate)
            {
                if (!string.IsNullOrEmpty(part.Text))
                {
                    yield return part.Text;
                }
            }

            if (update.FinishReason is ChatFinishReason.Length)
            {
                yield return " [truncated]";
            }
        }
    }

    public async Task<string> NarrateToStringAsync(string topic, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        await foreach (var chunk in NarrateAsync(topic, cancellationToken))
        {
            builder.Append(chunk);
        }

        return builder.ToString();
    }
}

/// <summary>Maps SDK failures to domain errors. The client already retried transient ones.</summary>
public sealed class SupportReplyService(ChatClient chat)
{
    public async Task<string?> DraftReplyAsync(string ticket, CancellationToken cancellationToken)
    {
        try
        {
            ClientResult<ChatCompletion> result = await chat.CompleteChatAsync(
                [new SystemChatMessage("Draft a polite, concise support reply."), new UserChatMessage(ticket)],
                new ChatCompletionOptions { MaxOutputTokenCount = 400, EndUserId = "support-desk" },
                cancellationToken);
            return result.Value.Content[0].Text;
        }
        catch (ClientResultException ex) when (ex.Status == 400)
        {
            // The ticket itself was rejected (too long, or blocked by moderation): no draft, a human answers.
            return null;
        }
        catch (ClientResultException ex) when (ex.Status is 401 or 403)
        {
            throw new InvalidOperationException("The gateway rejected our credentials; check OPENAI_API_KEY.", ex);
        }
    }

    public ClientResult<ChatCompletion> DraftSynchronously(string ticket)
        => chat.CompleteChat(new SystemChatMessage("Draft a polite, concise support reply."), new UserChatMessage(ticket));
}
