// Valid corpus: a Chat Completions client built on request/response DTOs with [JsonPropertyName],
// System.Net.Http.Json and a snake_case naming policy, including tool calling and JSON-schema output.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValidCorpus.Styles.ChatDtos;

public sealed class ChatCompletionRequest
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("messages")]
    public required IReadOnlyList<ChatTurn> Messages { get; init; }

    [JsonPropertyName("temperature")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? Temperature { get; init; }

    [JsonPropertyName("top_p")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? TopP { get; init; }

    [JsonPropertyName("max_completion_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxCompletionTokens { get; init; }

    [JsonPropertyName("tools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolDefinition>? Tools { get; init; }

    [JsonPropertyName("tool_choice")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToolChoice { get; init; }

    [JsonPropertyName("response_format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResponseFormat? ResponseFormat { get; init; }

    [JsonPropertyName("user")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? User { get; init; }
}

public sealed record ChatTurn(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string? Content)
{
    [JsonPropertyName("tool_call_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToolCallId { get; init; }

    [JsonPropertyName("tool_calls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    public static ChatTurn System(string text) => new("system", text);

    public static ChatTurn User(string text) => new("user", text);

    public static ChatTurn ToolResult(string callId, string json) => new("tool", json) { ToolCallId = callId };
}

public sealed record ToolDefinition(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("function")] FunctionDefinition Function);

public sealed record FunctionDefinition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("parameters")] JsonElement Parameters);

public sealed record ToolCall(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("function")] FunctionCall Function);

public sealed record FunctionCall(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arguments")] string Arguments);

public sealed record ResponseFormat(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("json_schema")] JsonElement? JsonSchema);

public sealed record ChatCompletionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChoice> Choices,
    [property: JsonPropertyName("usage")] TokenUsage? Usage);

public sealed record ChatChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] ChatTurn Message,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

public sealed record TokenUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens);

/// <summary>A small tool-calling assistant over /v1/chat/completions.</summary>
public sealed class ToolCallingAssistant
{
    private const int MaxToolRounds = 4;
    private const int MaxAttempts = 4;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonElement WeatherParameters = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": { "city": { "type": "string" } },
          "required": ["city"]
        }
        """).RootElement.Clone();

    private readonly HttpClient _http;
    private readonly string _model;

    public ToolCallingAssistant(HttpClient http, string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        _http = http;
        _model = model;
        var apiKey = Environment.GetEnvironmentVariable("LLM_GATEWAY_KEY")
            ?? throw new InvalidOperationException("LLM_GATEWAY_KEY is not set.");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public async Task<string> AnswerAsync(string question, Func<string, CancellationToken, Task<string>> lookupWeather, CancellationToken cancellationToken)
    {
        var transcript = new List<ChatTurn>
        {
            ChatTurn.System("You answer questions about the weather. Call get_weather for current conditions."),
            ChatTurn.User(question),
        };

        var tools = new[]
        {
            new ToolDefinition("function", new FunctionDefinition("get_weather", "Current weather for a city", WeatherParameters)),
        };

        for (var round = 0; round < MaxToolRounds; round++)
        {
            var request = new ChatCompletionRequest
            {
                Model = _model,
                Messages = transcript,
                Tools = tools,
                ToolChoice = "auto",
                Temperature = 0.3f,
                MaxCompletionTokens = 800,
            };

            var completion = await SendAsync(request, cancellationToken);
            var message = completion.Choices[0].Message;
            if (message.ToolCalls is not { Count: > 0 } calls)
            {
                return message.Content ?? string.Empty;
            }

            transcript.Add(message);
            foreach (var call in calls)
            {
                using var arguments = JsonDocument.Parse(call.Function.Arguments);
                var city = arguments.RootElement.GetProperty("city").GetString() ?? "unknown";
                var weather = await lookupWeather(city, cancellationToken);
                transcript.Add(ChatTurn.ToolResult(call.Id, JsonSerializer.Serialize(new { city, weather })));
            }
        }

        throw new InvalidOperationException($"The model was still calling tools after {MaxToolRounds} rounds.");
    }

    public async Task<JsonElement> ExtractAsync(string document, JsonElement schema, CancellationToken cancellationToken)
    {
        var request = new ChatCompletionRequest
        {
            Model = _model,
            Messages = [ChatTurn.System("Extract the fields described by the schema."), ChatTurn.User(document)],
            ResponseFormat = new ResponseFormat("json_schema", schema),
            MaxCompletionTokens = 1200,
        };

        var completion = await SendAsync(request, cancellationToken);
        var content = completion.Choices[0].Message.Content ?? throw new InvalidDataException("The model returned no content.");
        using var parsed = JsonDocument.Parse(content);
        return parsed.RootElement.Clone();
    }

    private async Task<ChatCompletionResponse> SendAsync(ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            attempt++;
            try
            {
                using var response = await _http.PostAsJsonAsync("v1/chat/completions", request, Json, cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts && response.Headers.RetryAfter?.Delta is { } wait && wait <= TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(wait, cancellationToken);
                    continue;
                }

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<ChatCompletionResponse>(Json, cancellationToken)
                    ?? throw new InvalidDataException("The gateway returned an empty body.");
            }
            catch (HttpRequestException ex) when (IsTransient(ex.StatusCode) && attempt < MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    private static bool IsTransient(HttpStatusCode? status) => status switch
    {
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
        HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => false,
        { } code => (int)code >= 500,
        null => false,
    };

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(30_000, 1_000 * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
