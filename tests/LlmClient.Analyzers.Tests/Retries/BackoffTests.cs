using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>LLM1003: retries without exponential backoff and jitter, per shape, and the fix.</summary>
public class BackoffTests
{
    private const string Backoff = RuleIdentifiers.Backoff;

    // ---- Loops ----

    [Fact]
    public Task Constant_delay_in_a_loop_is_reported_and_made_exponential() => Verify<RetryAnalyzer>.CodeFixAsync<BackoffFixer>("""
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay([|1000|]);
                    }
                }
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }
        }
        """, Backoff);

    [Fact]
    public Task Exponential_delay_without_jitter_is_reported() => Verify<RetryAnalyzer>.CodeFixAsync<BackoffFixer>("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt, CancellationToken ct)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: ct);
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status is 408 or >= 500)
                    {
                        if (++attempt > 3)
                        {
                            throw;
                        }

                        await Task.Delay([|TimeSpan.FromSeconds(Math.Pow(2, attempt))|], ct);
                    }
                }
            }
        }
        """, """
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt, CancellationToken ct)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: ct);
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status is 408 or >= 500)
                    {
                        if (++attempt > 3)
                        {
                            throw;
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))), ct);
                    }
                }
            }
        }
        """, Backoff);

    [Fact]
    public Task Random_wait_that_ignores_the_attempt_and_a_constant_field_are_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

            async Task<string> Send(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay([|Random.Shared.Next(500, 1500)|]);
                    }
                }
            }

            string SendSync(HttpClient http)
            {
                var wait = Pause;
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return http.GetStringAsync("v1/models").Result;
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        Thread.Sleep([|wait|]);
                    }
                }
            }
        }
        """, Backoff);

    [Fact]
    public Task No_wait_at_all_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                [|for|] (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                    }
                }
            }
        }
        """, Backoff);

    [Fact]
    public Task Exponential_jittered_and_helper_waits_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string> Inline(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }

            async Task<string> PowPlusJitter(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000));
                        await Task.Delay(delay);
                    }
                }
            }

            async Task<string> Doubling(HttpClient http)
            {
                var delay = TimeSpan.FromSeconds(1);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(delay * (0.5 + Random.Shared.NextDouble()));
                        delay *= 2;
                    }
                }
            }

            async Task<string> Helper(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(DelayFor(attempt));
                    }
                }
            }

            async Task<string> WaitHelper(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await WaitBeforeRetryAsync(attempt);
                    }
                }
            }

            static TimeSpan DelayFor(int attempt) => TimeSpan.FromSeconds(attempt);

            static Task WaitBeforeRetryAsync(int attempt) => Task.CompletedTask;
        }
        """);

    // ---- Polly v7 ----

    [Fact]
    public Task Polly_v7_constant_sleep_provider_is_reported_and_made_exponential() => Verify<RetryAnalyzer>.CodeFixAsync<BackoffFixer>("""
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, [|_ => TimeSpan.FromSeconds(2)|]);
        }
        """, """
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, attempt => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
        }
        """, Backoff);

    [Fact]
    public Task Polly_v7_exponential_without_jitter_is_reported() => Verify<RetryAnalyzer>.CodeFixAsync<BackoffFixer>("""
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, [|retry => TimeSpan.FromSeconds(Math.Pow(2, retry))|]);
        }
        """, """
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, retry => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, retry))));
        }
        """, Backoff);

    [Fact]
    public Task Polly_v7_retry_without_wait_becomes_wait_and_retry() => Verify<RetryAnalyzer>.CodeFixAsync<BackoffFixer>("""
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().[|RetryAsync|](3);
            static readonly ISyncPolicy Once = Policy.Handle<HttpRequestException>().[|Retry|]();
        }
        """, """
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, attempt => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
            static readonly ISyncPolicy Once = Policy.Handle<HttpRequestException>().WaitAndRetry(1, attempt => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
        }
        """, Backoff);

    [Fact]
    public Task Polly_v7_fixed_schedule_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>()
                .WaitAndRetryAsync([|new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }|]);
        }
        """, Backoff);

    [Fact]
    public Task Polly_v7_jittered_and_opaque_providers_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Jittered = Policy.Handle<HttpRequestException>()
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
            static readonly IAsyncPolicy Helper = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, Sleep);
            static readonly IAsyncPolicy Schedule = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(Schedules());

            static TimeSpan Sleep(int attempt) => TimeSpan.FromSeconds(attempt);
            static IEnumerable<TimeSpan> Schedules() => [];
        }
        """);

    // ---- Polly v8 ----

    [Fact]
    public Task Polly_v8_default_backoff_is_reported_and_made_exponential() => Verify<RetryAnalyzer>.CodeFixAsync<BackoffFixer>("""
        using Polly;
        using Polly.Retry;

        class Policies
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = [|new|]()
            {
                MaxRetryAttempts = 3,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
            };
        }
        """, """
        using Polly;
        using Polly.Retry;

        class Policies
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                MaxRetryAttempts = 3,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
            };
        }
        """, Backoff);

    [Fact]
    public Task Polly_v8_exponential_without_jitter_is_reported() => Verify<RetryAnalyzer>.CodeFixAsync<BackoffFixer>("""
        using Polly;
        using Polly.Retry;

        class Policies
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                [|UseJitter = false|],
                Delay = TimeSpan.FromSeconds(1),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
            };
        }
        """, """
        using Polly;
        using Polly.Retry;

        class Policies
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                MaxDelay = TimeSpan.FromSeconds(30),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
            };
        }
        """, Backoff);

    [Fact]
    public Task Polly_v8_constant_backoff_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class Policies
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                [|BackoffType = DelayBackoffType.Constant|],
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
            };
        }
        """, Backoff);

    [Fact]
    public Task Polly_v8_exponential_with_jitter_or_a_generator_is_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class Policies
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Jittered = new()
            {
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
            };

            static readonly RetryStrategyOptions<HttpResponseMessage> Generated = new()
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result?.Headers.RetryAfter?.Delta),
            };
        }
        """);

    [Fact]
    public Task Sdk_client_policies_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using System.ClientModel.Primitives;
        using OpenAI;

        class Factory
        {
            static OpenAIClientOptions Options() => new() { RetryPolicy = new ClientRetryPolicy(maxRetries: 3) };
        }
        """);
}
