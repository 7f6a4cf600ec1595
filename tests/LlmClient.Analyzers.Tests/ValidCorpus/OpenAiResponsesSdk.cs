// Valid corpus: the OpenAI SDK's ResponsesClient: CreateResponseOptions with reasoning and JSON-schema text
// output, conversation chaining through previous response ids, function tools, streaming that fails on error
// events, and a background response polled to completion.
#pragma warning disable OPENAI001 // The Responses API surface is experimental in the .NET SDK.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Responses;

namespace ValidCorpus.Styles.OpenAiResponses;

public sealed class ResponsesFactory
{
    public static ResponsesClient Create()
    {
        var credential = new ApiKeyCredential(
            Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("OPENAI_API_KEY is missing."));
        var options = new ResponsesClientOptions
        {
            Endpoint = new Uri("https://llm.gateway.example/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
            NetworkTimeout = TimeSpan.FromMinutes(3),
        };
        return new ResponsesClient(credential, options);
    }
}

/// <summary>Keeps a conversation server-side: each turn points at the previous response.</summary>
public sealed class ChainedConversation(ResponsesClient client, string model)
{
    private string? _lastResponseId;

    public async Task<string> SayAsync(string userText, CancellationToken cancellationToken)
    {
        var options = new CreateResponseOptions
        {
            Model = model,
            Instructions = "You are a terse pair programmer. Prefer code over prose.",
            PreviousResponseId = _lastResponseId,
            MaxOutputTokenCount = 1200,
            StoredOutputEnabled = true,
        };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem(userText));

        ResponseResult response = await client.CreateResponseAsync(options, cancellationToken);
        _lastResponseId = response.Id;
        return response.GetOutputText();
    }

    public void Forget() => _lastResponseId = null;
}

public sealed record ReleaseNote(string Title, string[] Highlights);

public sealed class ReleaseNoteWriter(ResponsesClient client)
{
    private static readonly BinaryData NoteSchema = BinaryData.FromObjectAsJson(new
    {
        type = "object",
        properties = new
        {
            title = new { type = "string" },
            highlights = new { type = "array", items = new { type = "string" } },
        },
        required = new[] { "title", "highlights" },
        additionalProperties = false,
    });

    public async Task<ReleaseNote> WriteAsync(IEnumerable<string> commitMessages, CancellationToken cancellationToken)
    {
        var options = new CreateResponseOptions("o4-mini", [ResponseItem.CreateUserMessageItem(string.Join('\n', commitMessages))])
        {
            Instructions = "Turn these commit messages into user-facing release notes.",
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.Low },
            TextOptions = new ResponseTextOptions
            {
                TextFormat = ResponseTextFormat.CreateJsonSchemaFormat("release_note", NoteSchema, jsonSchemaIsStrict: true),
            },
            MaxOutputTokenCount = 2000,
        };

        ResponseResult response = await client.CreateResponseAsync(options, cancellationToken);
        if (response.Status != ResponseStatus.Completed)
        {
            throw new InvalidOperationException($"Response {response.Id} ended as {response.Status}: {response.IncompleteStatusDetails?.Reason}");
        }

        return JsonSerializer.Deserialize<ReleaseNote>(response.GetOutputText(), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("Empty release note.");
    }
}

public sealed class InventoryAgent(ResponsesClient client, IReadOnlyDictionary<string, int> stock)
{
    private const int MaxTurns = 4;

    private static readonly ResponseTool StockTool = ResponseTool.CreateFunctionTool(
        functionName: "stock_level",
        functionParameters: BinaryData.FromString("""{"type":"object","properties":{"sku":{"type":"string"}},"required":["sku"],"additionalProperties":false}"""),
        strictModeEnabled: true,
        functionDescription: "Units in stock for a SKU");

    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        List<ResponseItem> input = [ResponseItem.CreateUserMessageItem(question)];
        string? previous = null;

        for (var turn = 0; turn < MaxTurns; turn++)
        {
            var options = new CreateResponseOptions("gpt-4.1", input)
            {
                PreviousResponseId = previous,
                MaxOutputTokenCount = 600,
                ParallelToolCallsEnabled = false,
            };
            options.Tools.Add(StockTool);

            ResponseResult response = await client.CreateResponseAsync(options, cancellationToken);
            var calls = response.OutputItems.OfType<FunctionCallResponseItem>().ToList();
            if (calls.Count == 0)
            {
                return response.GetOutputText();
            }

            previous = response.Id;
            input = calls
                .Select(call => (ResponseItem)ResponseItem.CreateFunctionCallOutputItem(call.CallId, Lookup(call.FunctionArguments)))
                .ToList();
        }

        throw new InvalidOperationException("The agent did not finish within the turn budget.");
    }

    private string Lookup(BinaryData arguments)
    {
        using var json = JsonDocument.Parse(arguments);
        var sku = json.RootElement.GetProperty("sku").GetString() ?? string.Empty;
        return stock.TryGetValue(sku, out var units) ? units.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown sku";
    }
}

public sealed class ResponseStreamer(ResponsesClient client)
{
    public async Task<string> StreamToConsoleAsync(string prompt, TextWriter output, CancellationToken cancellationToken)
    {
        var options = new CreateResponseOptions("gpt-4.1-mini", [ResponseItem.CreateUserMessageItem(prompt)])
        {
            MaxOutputTokenCount = 2500,
        };

        var transcript = new StringBuilder();
        await using var stream = await client.CreateResponseStreamingAsync(options, cancellationToken);
        await foreach (StreamingResponseUpdate update in stream.WithCancellation(cancellationToken))
        {
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    transcript.Append(delta.Delta);
                    await output.WriteAsync(delta.Delta.AsMemory(), cancellationToken);
                    break;
                case StreamingResponseErrorUpdate error:
                    throw new InvalidOperationException($"Stream error {error.Code}: {error.Message}");
                case StreamingResponseFailedUpdate failed:
                    throw new InvalidOperationException($"Response {failed.Response.Id} failed: {failed.Response.Error?.Message}");
                case StreamingResponseCompletedUpdate:
                    await output.WriteLineAsync();
                    break;
            }
        }

        return transcript.ToString();
    }
}

/// <summary>Long reports run in background mode; the caller polls until the response settles.</summary>
public sealed class BackgroundReportRunner(ResponsesClient client)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    public async Task<string> RunAsync(string brief, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);

        var options = new CreateResponseOptions("o3", [ResponseItem.CreateUserMessageItem(brief)])
        {
            BackgroundModeEnabled = true,
            StoredOutputEnabled = true,
            MaxOutputTokenCount = 16_000,
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.High },
        };

        ResponseResult response = await client.CreateResponseAsync(options, timeout.Token);
        try
        {
            while (response.Status is ResponseStatus.Queued or ResponseStatus.InProgress)
            {
                await Task.Delay(PollInterval, timeout.Token);
                response = await client.GetResponseAsync(response.Id, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await client.CancelResponseAsync(response.Id, CancellationToken.None);
            throw new TimeoutException($"Report {response.Id} did not finish within {deadline}.");
        }

        return response.Status == ResponseStatus.Completed
            ? response.GetOutputText()
            : throw new InvalidOperationException($"Report {response.Id} ended as {response.Status}: {response.Error?.Message}");
    }
}
