using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>LLM1004: retries of 429 that never read Retry-After, per shape, and the look-alikes that do.</summary>
public class RetryAfterTests
{
    private const string RetryAfter = RuleIdentifiers.RetryAfter;

    private const string Backoff = """
            static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt)));
        """;

    [Fact]
    public Task Catch_of_429_without_Retry_After_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
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
                    [|catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)|]
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

        {{Backoff}}
        }
        """, RetryAfter);

    [Fact]
    public Task Response_check_of_429_without_Retry_After_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", content);
                    if ([|response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3|])
                    {
                        await Task.Delay(Backoff(attempt));
                        continue;
                    }

                    return response;
                }
            }

        {{Backoff}}
        }
        """, RetryAfter);

    [Fact]
    public Task Response_loop_is_fixed_with_a_bounded_Retry_After_helper() => Verify<RetryAnalyzer>.CodeFixAsync<RetryAfterFixer>("""
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent content, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", content, ct);
                    if ([|response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < 3|])
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))), ct);
                        continue;
                    }

                    return response;
                }
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent content, CancellationToken ct)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", content, ct);
                    if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < 3)
                    {
                        await Task.Delay(RetryAfterOrBackoff(response, TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt)))), ct);
                        continue;
                    }

                    return response;
                }
            }

            /// <summary>
            /// The wait the server asks for in Retry-After (a delta or a date), or <paramref name="backoff"/> when it sends none.
            /// A wait longer than 60 s fails with the response's status rather than holding the caller.
            /// </summary>
            private static TimeSpan RetryAfterOrBackoff(HttpResponseMessage response, TimeSpan backoff)
            {
                var retryAfter = response.Headers.RetryAfter;
                var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null);
                if (wait is null)
                {
                    return backoff;
                }

                if (wait > TimeSpan.FromSeconds(60))
                {
                    throw new HttpRequestException($"The server asked to retry after {wait}, longer than this retry waits.", null, response.StatusCode);
                }

                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait.Value;
            }
        }
        """, RetryAfter);

    [Fact]
    public Task Two_loops_in_one_type_share_one_helper_and_a_millisecond_wait_is_converted() => Verify<RetryAnalyzer>.CodeFixAsync<RetryAfterFixer>("""
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> First(HttpClient http, HttpContent content)
            {
                HttpResponseMessage response;
                var attempt = 0;
                while (true)
                {
                    response = await http.PostAsync("v1/responses", content);
                    if ([|response.StatusCode == HttpStatusCode.TooManyRequests && ++attempt <= 3|])
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
                        continue;
                    }

                    return response;
                }
            }

            async Task<HttpResponseMessage> Second(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/responses", content);
                    if ([|response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3|])
                    {
                        await Task.Delay((int)(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                        continue;
                    }

                    return response;
                }
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> First(HttpClient http, HttpContent content)
            {
                HttpResponseMessage response;
                var attempt = 0;
                while (true)
                {
                    response = await http.PostAsync("v1/responses", content);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests && ++attempt <= 3)
                    {
                        await Task.Delay(RetryAfterOrBackoff(response, TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000))));
                        continue;
                    }

                    return response;
                }
            }

            async Task<HttpResponseMessage> Second(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/responses", content);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                    {
                        await Task.Delay(RetryAfterOrBackoff(response, TimeSpan.FromMilliseconds((int)(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))))));
                        continue;
                    }

                    return response;
                }
            }

            /// <summary>
            /// The wait the server asks for in Retry-After (a delta or a date), or <paramref name="backoff"/> when it sends none.
            /// A wait longer than 60 s fails with the response's status rather than holding the caller.
            /// </summary>
            private static TimeSpan RetryAfterOrBackoff(HttpResponseMessage response, TimeSpan backoff)
            {
                var retryAfter = response.Headers.RetryAfter;
                var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null);
                if (wait is null)
                {
                    return backoff;
                }

                if (wait > TimeSpan.FromSeconds(60))
                {
                    throw new HttpRequestException($"The server asked to retry after {wait}, longer than this retry waits.", null, response.StatusCode);
                }

                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait.Value;
            }
        }
        """, RetryAfter);

    [Fact]
    public Task Polly_v8_retrying_429_without_Retry_After_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class Policies
        {
            // Polly v7's usual sleep providers cannot see the response: not reported.
            static readonly IAsyncPolicy<HttpResponseMessage> V7 = Policy
                .HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));

            static readonly RetryStrategyOptions<HttpResponseMessage> V8 = new()
            {
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => [|r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable|]),
            };
        }
        """, RetryAfter);

    [Fact]
    public Task A_mention_of_Retry_After_in_a_comment_or_a_longer_name_is_not_a_read() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        using System.Net;

        class Client
        {
            static readonly TimeSpan RetryAfterDefault = TimeSpan.FromSeconds(1);

            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", content);
                    // TODO: read RetryAfter (the retry-after header) here.
                    if ([|response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3|])
                    {
                        await Task.Delay(Backoff(attempt) + RetryAfterDefault);
                        continue;
                    }

                    return response;
                }
            }

        {{Backoff}}
        }
        """, RetryAfter);

    [Fact]
    public Task Retry_After_read_through_the_header_name_is_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> ByHeaderName(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", content);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                    {
                        var seconds = response.Headers.TryGetValues("Retry-After", out var values) && int.TryParse(values.First(), out var s) ? s : 1;
                        await Task.Delay(TimeSpan.FromSeconds(Math.Min(seconds, 60)) + Backoff(attempt));
                        continue;
                    }

                    return response;
                }
            }

        {{Backoff}}
        }
        """);

    [Fact]
    public Task Retry_After_read_through_an_escaped_identifier_is_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        // A Unicode escape can spell RetryAfter: the file's text does not show it, so its tokens are read.
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> ByEscapedName(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", content);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                    {
                        var wait = response.Headers.Retry\u0041fter?.Delta is { } delta && delta <= TimeSpan.FromSeconds(60) ? delta : Backoff(attempt);
                        await Task.Delay(wait);
                        continue;
                    }

                    return response;
                }
            }

        {{Backoff}}
        }
        """);

    [Fact]
    public Task Anthropic_exceptions_carry_no_headers_and_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;

        class Assistant(AnthropicClient client)
        {
            async Task<Message> Ask(MessageCreateParams parameters)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await client.Messages.Create(parameters);
                    }
                    catch (AnthropicRateLimitException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Retries_that_read_Retry_After_or_do_not_retry_429_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class Client
        {
            async Task<HttpResponseMessage> Inline(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", content);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                    {
                        var wait = response.Headers.RetryAfter?.Delta is { } delta && delta <= TimeSpan.FromSeconds(60) ? delta : Backoff(attempt);
                        await Task.Delay(wait);
                        continue;
                    }

                    return response;
                }
            }

            async Task<HttpResponseMessage> Helper(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", content);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
                    {
                        await Task.Delay(DelayFor(response, attempt));
                        continue;
                    }

                    return response;
                }
            }

            async Task<string> ServerErrorsOnly(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

            static readonly RetryStrategyOptions<HttpResponseMessage> V8 = new()
            {
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta),
            };

            static TimeSpan DelayFor(HttpResponseMessage response, int attempt)
                => response.Headers.RetryAfter?.Delta is { } delta && delta <= TimeSpan.FromSeconds(60) ? delta : Backoff(attempt);

        {{Backoff}}
        }
        """);
}
