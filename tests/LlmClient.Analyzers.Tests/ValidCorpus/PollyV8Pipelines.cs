// Valid corpus: Polly v8 (Polly.Core) resilience pipelines: typed and untyped retry strategies with
// exponential backoff, jitter and Retry-After, a per-attempt timeout, and a registry of named pipelines.
#pragma warning disable OPENAI001 // Experimental OpenAI APIs.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace ValidCorpus.Styles.PollyV8;

public static class RetryAfter
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(40);

    /// <summary>The wait a 429 asks for, when it asks for a sane one; null lets the backoff decide.</summary>
    public static TimeSpan? From(HttpResponseMessage? response)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests, Headers.RetryAfter: { } header })
        {
            return null;
        }

        var wait = header.Delta ?? header.Date - DateTimeOffset.UtcNow;
        return wait > TimeSpan.Zero && wait <= Limit ? wait : null;
    }

    /// <summary>The same for System.ClientModel responses, whose headers are plain strings.</summary>
    public static TimeSpan? From(PipelineResponse? response)
    {
        if (response is not { Status: 429 } || !response.Headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= Limit.TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }
}

public static class HttpPipelines
{
    public static ResiliencePipeline<HttpResponseMessage> Create(ILogger logger, TimeSpan attemptTimeout)
        => new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                        || ((int)r.StatusCode >= 500 && r.StatusCode is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported))),
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                MaxDelay = TimeSpan.FromSeconds(30),
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.From(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var cause = args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}";
                    logger.LogWarning("Attempt {Attempt} failed ({Cause}); retrying in {Delay}", args.AttemptNumber + 1, cause, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(attemptTimeout)
            .Build();
}

public sealed class PipelineChatService(HttpClient http, ILogger<PipelineChatService> logger)
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = HttpPipelines.Create(logger, TimeSpan.FromSeconds(45));

    public async Task<string> ReplyAsync(IReadOnlyList<(string Role, string Content)> conversation, CancellationToken cancellationToken)
    {
        var body = new
        {
            model = "mistral-large-latest",
            messages = conversation.Select(turn => new { role = turn.Role, content = turn.Content }),
            max_completion_tokens = 900,
            top_p = 0.95,
        };

        using var response = await _pipeline.ExecuteAsync(
            async token => await http.PostAsJsonAsync("v1/chat/completions", body, token),
            cancellationToken);

        response.EnsureSuccessStatusCode();
        var completion = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
    }
}

/// <summary>Named pipelines built once and shared; callers pick them by key.</summary>
public sealed class GatewayResilience : IAsyncDisposable
{
    public const string Chat = "chat";
    public const string Batch = "batch";

    private readonly ResiliencePipelineRegistry<string> _registry = new();

    public GatewayResilience()
    {
        _registry.TryAddBuilder<HttpResponseMessage>(Chat, (builder, _) => builder
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(800),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>(ex => ex.StatusCode is null)
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500 && (int)r.StatusCode != 501 && (int)r.StatusCode != 505),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.From(args.Outcome.Result)),
            })
            .AddTimeout(TimeSpan.FromSeconds(30)));

        _registry.TryAddBuilder(Batch, (builder, _) => builder
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(2),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>(ex => ex.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ThrottledException { RetryAfter: { } wait } && wait <= RetryAfter.Limit ? wait : (TimeSpan?)null),
            }));
    }

    public ResiliencePipeline<HttpResponseMessage> ForChat() => _registry.GetPipeline<HttpResponseMessage>(Chat);

    public ResiliencePipeline ForBatch() => _registry.GetPipeline(Batch);

    public ValueTask DisposeAsync() => _registry.DisposeAsync();
}

/// <summary>A 429, keeping the Retry-After the gateway asked for.</summary>
public sealed class ThrottledException(TimeSpan? retryAfter)
    : HttpRequestException("The gateway is rate limiting this client.", null, HttpStatusCode.TooManyRequests)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

public sealed class NightlyDigest(HttpClient http, GatewayResilience resilience)
{
    public async Task<IReadOnlyList<string>> DigestAsync(IEnumerable<string> articles, CancellationToken cancellationToken)
    {
        var pipeline = resilience.ForBatch();
        var digests = new List<string>();
        foreach (var article in articles)
        {
            var digest = await pipeline.ExecuteAsync(async token =>
            {
                using var response = await http.PostAsJsonAsync(
                    "v1/responses",
                    new { model = "gpt-4.1-mini", instructions = "One-paragraph digest.", input = article, max_output_tokens = 250 },
                    token);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    throw new ThrottledException(response.Headers.RetryAfter?.Delta);
                }

                response.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(token));
                return json.RootElement.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString() ?? string.Empty;
            }, cancellationToken);

            digests.Add(digest);
        }

        return digests;
    }
}

/// <summary>
/// The SDK's own retries are switched off (ClientRetryPolicy(0)) because this pipeline owns retrying, so
/// attempts are not multiplied.
/// </summary>
public sealed class PipelineWrappedSdkChat
{
    private readonly ChatClient _chat;
    private readonly ResiliencePipeline<ChatCompletion> _pipeline;

    public PipelineWrappedSdkChat(Uri gateway)
    {
        var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("OPENAI_API_KEY is not set.");
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = gateway,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        };
        _chat = new ChatClient("gpt-4.1-mini", new ApiKeyCredential(key), clientOptions);

        _pipeline = new ResiliencePipelineBuilder<ChatCompletion>()
            .AddRetry(new RetryStrategyOptions<ChatCompletion>
            {
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1.5),
                MaxDelay = TimeSpan.FromSeconds(20),
                UseJitter = true,
                MaxRetryAttempts = 3,
                ShouldHandle = new PredicateBuilder<ChatCompletion>()
                    .Handle<ClientResultException>(ex => ex.Status is 408 or 429 or (>= 500 and not 501 and not 505)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ClientResultException failure ? RetryAfter.From(failure.GetRawResponse()) : null),
            })
            .Build();
    }

    public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 700, Temperature = 0.5f };
        ChatCompletion completion = await _pipeline.ExecuteAsync(
            async token => (await _chat.CompleteChatAsync([new UserChatMessage(prompt)], options, token)).Value,
            cancellationToken);
        return completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;
    }
}
