// Valid corpus: Polly v7-style policies (Policy / PolicyBuilder) around raw HttpClient calls: transient-only
// predicates, three retries, jittered exponential backoff, Retry-After on 429, a per-try timeout.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Polly.Wrap;

namespace ValidCorpus.Styles.PollyV7;

public static class GatewayPolicies
{
    public const int RetryCount = 3;

    private static readonly TimeSpan MaxHonouredRetryAfter = TimeSpan.FromSeconds(30);

    public static bool IsTransient(HttpStatusCode status)
        => status == HttpStatusCode.RequestTimeout
           || status == HttpStatusCode.TooManyRequests
           || ((int)status >= 500 && status != HttpStatusCode.NotImplemented && status != HttpStatusCode.HttpVersionNotSupported);

    /// <summary>Full jitter over an exponential ceiling: 1 s, 2 s, 4 s ... capped at 30 s.</summary>
    public static TimeSpan JitteredBackoff(int retryAttempt)
    {
        var ceiling = Math.Min(30_000, 1_000 * Math.Pow(2, retryAttempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    public static TimeSpan RetryAfterOrBackoff(int retryAttempt, DelegateResult<HttpResponseMessage> outcome)
    {
        var retryAfter = outcome.Result?.Headers.RetryAfter;
        var hinted = retryAfter?.Delta ?? (retryAfter?.Date is { } at ? at - DateTimeOffset.UtcNow : null);
        return hinted is { } wait && wait > TimeSpan.Zero && wait <= MaxHonouredRetryAfter
            ? wait
            : JitteredBackoff(retryAttempt);
    }

    /// <summary>Retries transient statuses, connection failures and per-try timeouts.</summary>
    public static AsyncRetryPolicy<HttpResponseMessage> TransientRetry(Action<string>? log = null)
        => Policy<HttpResponseMessage>
            .Handle<HttpRequestException>(ex => ex.StatusCode is null || IsTransient(ex.StatusCode.Value))
            .Or<TimeoutRejectedException>()
            .OrResult(response => IsTransient(response.StatusCode))
            .WaitAndRetryAsync(
                RetryCount,
                sleepDurationProvider: (attempt, outcome, _) => RetryAfterOrBackoff(attempt, outcome),
                onRetryAsync: (outcome, delay, attempt, context) =>
                {
                    var reason = outcome.Exception?.GetType().Name ?? ((int)outcome.Result.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    log?.Invoke($"{context.OperationKey}: retry {attempt} after {reason} in {delay.TotalMilliseconds:F0} ms");
                    return Task.CompletedTask;
                });

    /// <summary>The retry outside, a per-attempt timeout inside: each try gets the full budget.</summary>
    public static AsyncPolicyWrap<HttpResponseMessage> RetryWithPerTryTimeout(TimeSpan perTry, Action<string>? log = null)
        => Policy.WrapAsync(
            TransientRetry(log),
            Policy.TimeoutAsync<HttpResponseMessage>(perTry, TimeoutStrategy.Optimistic));

    /// <summary>For calls that throw on failure; a <see cref="GatewayException"/> carries the Retry-After hint.</summary>
    public static AsyncRetryPolicy ThrowingTransientRetry()
        => Policy
            .Handle<GatewayException>(ex => IsTransient(ex.Status))
            .WaitAndRetryAsync(
                RetryCount,
                sleepDurationProvider: (attempt, exception, _) =>
                    exception is GatewayException { RetryAfter: { } wait } && wait > TimeSpan.Zero && wait <= MaxHonouredRetryAfter
                        ? wait
                        : JitteredBackoff(attempt),
                onRetryAsync: (_, _, _, _) => Task.CompletedTask);
}

/// <summary>A failed gateway call, with the status and any Retry-After the gateway sent.</summary>
public sealed class GatewayException(HttpStatusCode status, TimeSpan? retryAfter, string body)
    : HttpRequestException($"Gateway returned {(int)status}: {body}", null, status)
{
    public HttpStatusCode Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new GatewayException(response.StatusCode, response.Headers.RetryAfter?.Delta, body);
    }
}

public sealed class ResilientResponsesClient
{
    private readonly HttpClient _http;
    private readonly AsyncPolicyWrap<HttpResponseMessage> _policy;

    public ResilientResponsesClient(HttpClient http, Action<string>? log = null)
    {
        _http = http;
        _policy = GatewayPolicies.RetryWithPerTryTimeout(TimeSpan.FromSeconds(60), log);
    }

    public async Task<string> AskAsync(string question, string? previousResponseId, CancellationToken cancellationToken)
    {
        var payload = new
        {
            model = "gpt-4.1",
            input = question,
            previous_response_id = previousResponseId,
            max_output_tokens = 1000,
            store = true,
        };

        var context = new Context("responses.ask");
        using var response = await _policy.ExecuteAsync(
            (_, ct) => _http.PostAsJsonAsync("v1/responses", payload, ct),
            context,
            cancellationToken);

        if (!response.IsSuccessStatusCode)
        {
            // The policy gave up (or the status was never worth retrying): report it.
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Responses API failed with {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return json.RootElement.GetProperty("id").GetString() + ":" + OutputText(json.RootElement);
    }

    private static string OutputText(JsonElement root)
        => string.Concat(
            root.GetProperty("output").EnumerateArray()
                .Where(item => item.GetProperty("type").GetString() == "message")
                .SelectMany(item => item.GetProperty("content").EnumerateArray())
                .Where(part => part.GetProperty("type").GetString() == "output_text")
                .Select(part => part.GetProperty("text").GetString()));
}

public sealed class EmbeddingBatcher(HttpClient http)
{
    private static readonly AsyncRetryPolicy Retry = GatewayPolicies.ThrowingTransientRetry();

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(texts.Count);
        foreach (var chunk in texts.Chunk(64))
        {
            var batch = await Retry.ExecuteAsync(async ct =>
            {
                using var response = await http.PostAsJsonAsync("v1/embeddings", new { model = "text-embedding-3-small", input = chunk }, ct);
                await GatewayException.ThrowIfFailedAsync(response, ct);
                return await response.Content.ReadFromJsonAsync<EmbeddingResponse>(ct)
                    ?? throw new InvalidDataException("Empty embeddings response.");
            }, cancellationToken);

            vectors.AddRange(batch.Data.OrderBy(d => d.Index).Select(d => d.Embedding));
        }

        return vectors;
    }

    private sealed record EmbeddingResponse(List<EmbeddingItem> Data);

    private sealed record EmbeddingItem(int Index, float[] Embedding);
}

public sealed class ClaudeReviewer(HttpClient http)
{
    private readonly AsyncRetryPolicy<HttpResponseMessage> _retry = GatewayPolicies.TransientRetry();

    public async Task<string> ReviewAsync(string diff, CancellationToken cancellationToken)
    {
        using var response = await _retry.ExecuteAsync(ct =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
            {
                Content = JsonContent.Create(new
                {
                    model = "claude-opus-4-1",
                    max_tokens = 4096,
                    system = "You are a careful code reviewer. Point out bugs first, style last.",
                    messages = new[] { new { role = "user", content = diff } },
                }),
            };
            request.Headers.Add("anthropic-version", "2023-06-01");
            return http.SendAsync(request, ct);
        }, cancellationToken);

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("content")[0].GetProperty("text").GetString() ?? string.Empty;
    }
}
