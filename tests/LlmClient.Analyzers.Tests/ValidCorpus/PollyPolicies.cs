// Valid corpus: Polly v7 and v8 retries that retry only transient failures, bounded, with backoff and jitter.
using System.Net;
using Polly;
using Polly.Retry;

namespace ValidCorpus.Polly;

public static class TransientPolicies
{
    private static bool IsTransient(HttpStatusCode status)
        => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    public static AsyncRetryPolicy<HttpResponseMessage> V7()
        => Policy<HttpResponseMessage>
            .Handle<HttpRequestException>()
            .OrResult(r => IsTransient(r.StatusCode))
            .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));

    public static ResiliencePipeline<HttpResponseMessage> V8()
        => new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                DelayGenerator = args =>
                    ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta is { } delta && delta < TimeSpan.FromMinutes(1) ? delta : (TimeSpan?)null),
            })
            .Build();
}
