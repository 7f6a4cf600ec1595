using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>The complete-retry fix of LLM1001 and LLM1002: a hand-written loop becomes one call of SendWithRetryAsync.</summary>
public class CompleteRetryFixTests
{
    [Fact]
    public Task Catch_loop_around_ensure_success() => Verify<RetryAnalyzer>.CodeFixAsync<RetryableOnlyFixer>("""
        using System.Net.Http.Json;

        static class RetryingAsk
        {
            public static async Task<string> AskAsync(HttpClient http, string model, string prompt, CancellationToken cancellationToken)
            {
                {|LLM1002:while|} (true)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("v1/chat/completions", new
                        {
                            model,
                            messages = new[] { new { role = "user", content = prompt } },
                        }, cancellationToken);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync(cancellationToken);
                    }
                    {|LLM1004:[|catch (HttpRequestException)|]|}
                    {
                        await Task.Delay({|LLM1003:1000|}, cancellationToken);
                    }
                }
            }
        }
        """, """
        using System.Net;
        using System.Net.Http.Json;

        static class RetryingAsk
        {
            public static async Task<string> AskAsync(HttpClient http, string model, string prompt, CancellationToken cancellationToken)
            {
                using var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", new
                {
                    model,
                    messages = new[] { new { role = "user", content = prompt } },
                }, cancellationToken), cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            /// <summary>
            /// Sends the request <paramref name="send"/> makes, and again up to 3 times after a connection failure or a
            /// transient status (408, 429, or 5xx other than 501 and 505): after the wait the server asks for in Retry-After,
            /// else after an exponential backoff with jitter (up to 1 s, doubling, capped at 30 s). Any other status,
            /// the last failure, or a Retry-After longer than 60 s ends it with an
            /// <see cref="HttpRequestException"/> that carries the status and the response body.
            /// </summary>
            private static async Task<HttpResponseMessage> SendWithRetryAsync(
                Func<Task<HttpResponseMessage>> send,
                CancellationToken cancellationToken = default)
            {
                const int maxRetries = 3;
                for (var retry = 0; ; retry++)
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await send();
                    }
                    catch (HttpRequestException) when (retry < maxRetries)
                    {
                        // No response at all (the connection failed): back off and try again.
                        await Task.Delay(Backoff(retry), cancellationToken);
                        continue;
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    TimeSpan wait;
                    using (response)
                    {
                        var status = response.StatusCode;
                        var retryAfter = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
                        if (retry == maxRetries || !IsTransient(status) || retryAfter > TimeSpan.FromSeconds(60))
                        {
                            var body = await response.Content.ReadAsStringAsync(cancellationToken);
                            throw new HttpRequestException($"{(int)status} {response.ReasonPhrase}: {body}", null, status);
                        }

                        wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(retry);
                    }

                    await Task.Delay(wait, cancellationToken);
                }

                static bool IsTransient(HttpStatusCode status) => status switch
                {
                    HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
                    HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => false,
                    _ => (int)status >= 500,
                };

                // Exponential backoff with full jitter: a random wait up to 1 s, 2 s, 4 s..., capped at 30 s.
                static TimeSpan Backoff(int retry)
                    => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, retry)));
            }
        }
        """, RuleIdentifiers.NonRetryableStatus, RetryableOnlyFixer.CompleteRetryKey);

    [Fact]
    public Task Unbounded_loop_from_LLM1002() => Verify<RetryAnalyzer>.CodeFixAsync<BoundRetryFixer>("""
        using System.Net;
        using System.Net.Http.Json;
        using System.Text.Json;

        class ChatClient(HttpClient http)
        {
            public async Task<JsonElement> CompleteAsync(object payload, CancellationToken ct)
            {
                var attempt = 0;
                [|while|] (true)
                {
                    attempt++;
                    var response = await http.PostAsJsonAsync("v1/chat/completions", payload, ct).ConfigureAwait(false);
                    if ({|LLM1001:{|LLM1004:response.IsSuccessStatusCode|}|})
                    {
                        return await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
                    }

                    Console.WriteLine($"attempt {attempt} failed: {response.StatusCode}");
                    response.Dispose();
                    await Task.Delay({|LLM1003:TimeSpan.FromSeconds(2)|}, ct).ConfigureAwait(false);
                }
            }
        }
        """, """
        using System.Net;
        using System.Net.Http.Json;
        using System.Text.Json;

        class ChatClient(HttpClient http)
        {
            public async Task<JsonElement> CompleteAsync(object payload, CancellationToken ct)
            {
                var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", payload, ct), ct).ConfigureAwait(false);
                return await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
            }

            /// <summary>
            /// Sends the request <paramref name="send"/> makes, and again up to 3 times after a connection failure or a
            /// transient status (408, 429, or 5xx other than 501 and 505): after the wait the server asks for in Retry-After,
            /// else after an exponential backoff with jitter (up to 1 s, doubling, capped at 30 s). Any other status,
            /// the last failure, or a Retry-After longer than 60 s ends it with an
            /// <see cref="HttpRequestException"/> that carries the status and the response body.
            /// </summary>
            private static async Task<HttpResponseMessage> SendWithRetryAsync(
                Func<Task<HttpResponseMessage>> send,
                CancellationToken cancellationToken = default)
            {
                const int maxRetries = 3;
                for (var retry = 0; ; retry++)
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await send();
                    }
                    catch (HttpRequestException) when (retry < maxRetries)
                    {
                        // No response at all (the connection failed): back off and try again.
                        await Task.Delay(Backoff(retry), cancellationToken);
                        continue;
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    TimeSpan wait;
                    using (response)
                    {
                        var status = response.StatusCode;
                        var retryAfter = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
                        if (retry == maxRetries || !IsTransient(status) || retryAfter > TimeSpan.FromSeconds(60))
                        {
                            var body = await response.Content.ReadAsStringAsync(cancellationToken);
                            throw new HttpRequestException($"{(int)status} {response.ReasonPhrase}: {body}", null, status);
                        }

                        wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(retry);
                    }

                    await Task.Delay(wait, cancellationToken);
                }

                static bool IsTransient(HttpStatusCode status) => status switch
                {
                    HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
                    HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => false,
                    _ => (int)status >= 500,
                };

                // Exponential backoff with full jitter: a random wait up to 1 s, 2 s, 4 s..., capped at 30 s.
                static TimeSpan Backoff(int retry)
                    => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, retry)));
            }
        }
        """, RuleIdentifiers.UnboundedRetry, BoundRetryFixer.CompleteRetryKey);

    [Fact]
    public Task Request_message_is_built_per_attempt_and_counters_go() => Verify<RetryAnalyzer>.CodeFixAsync<RetryableOnlyFixer>("""
        using System.Net.Http.Json;

        class ResponsesClient(HttpClient http)
        {
            public async Task<string?> RespondAsync(string input, CancellationToken cancellationToken)
            {
                Exception? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses")
                        {
                            Content = JsonContent.Create(new { model = "gpt-4.1-mini", input }),
                        };
                        using var response = await http.SendAsync(request, cancellationToken);
                        response.EnsureSuccessStatusCode();
                        var text = await response.Content.ReadAsStringAsync(cancellationToken);
                        return text;
                    }
                    {|LLM1004:[|catch (HttpRequestException e)|]|}
                    {
                        lastError = e;
                        await Task.Delay({|LLM1003:500|}, cancellationToken);
                    }
                }

                {|LLM1005:return null;|}
            }
        }
        """, """
        using System.Net;
        using System.Net.Http.Json;

        class ResponsesClient(HttpClient http)
        {
            public async Task<string?> RespondAsync(string input, CancellationToken cancellationToken)
            {
                using var response = await SendWithRetryAsync(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses")
                    {
                        Content = JsonContent.Create(new { model = "gpt-4.1-mini", input }),
                    };
                    return await http.SendAsync(request, cancellationToken);
                }, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                return text;
            }

            /// <summary>
            /// Sends the request <paramref name="send"/> makes, and again up to 3 times after a connection failure or a
            /// transient status (408, 429, or 5xx other than 501 and 505): after the wait the server asks for in Retry-After,
            /// else after an exponential backoff with jitter (up to 1 s, doubling, capped at 30 s). Any other status,
            /// the last failure, or a Retry-After longer than 60 s ends it with an
            /// <see cref="HttpRequestException"/> that carries the status and the response body.
            /// </summary>
            private static async Task<HttpResponseMessage> SendWithRetryAsync(
                Func<Task<HttpResponseMessage>> send,
                CancellationToken cancellationToken = default)
            {
                const int maxRetries = 3;
                for (var retry = 0; ; retry++)
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await send();
                    }
                    catch (HttpRequestException) when (retry < maxRetries)
                    {
                        // No response at all (the connection failed): back off and try again.
                        await Task.Delay(Backoff(retry), cancellationToken);
                        continue;
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    TimeSpan wait;
                    using (response)
                    {
                        var status = response.StatusCode;
                        var retryAfter = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
                        if (retry == maxRetries || !IsTransient(status) || retryAfter > TimeSpan.FromSeconds(60))
                        {
                            var body = await response.Content.ReadAsStringAsync(cancellationToken);
                            throw new HttpRequestException($"{(int)status} {response.ReasonPhrase}: {body}", null, status);
                        }

                        wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(retry);
                    }

                    await Task.Delay(wait, cancellationToken);
                }

                static bool IsTransient(HttpStatusCode status) => status switch
                {
                    HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
                    HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => false,
                    _ => (int)status >= 500,
                };

                // Exponential backoff with full jitter: a random wait up to 1 s, 2 s, 4 s..., capped at 30 s.
                static TimeSpan Backoff(int retry)
                    => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, retry)));
            }
        }
        """, RuleIdentifiers.NonRetryableStatus, RetryableOnlyFixer.CompleteRetryKey);

    [Fact]
    public Task Success_that_breaks_keeps_the_code_after_the_loop() => Verify<RetryAnalyzer>.CodeFixAsync<BoundRetryFixer>("""
        using System.Net.Http.Json;

        class Summarizer(HttpClient http)
        {
            public async Task<int> SummarizeAsync(string text)
            {
                string body;
                [|while|] (true)
                {
                    try
                    {
                        var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4.1-mini", messages = new[] { new { role = "user", content = text } } });
                        response.EnsureSuccessStatusCode();
                        body = await response.Content.ReadAsStringAsync();
                        break;
                    }
                    {|LLM1001:{|LLM1004:catch (HttpRequestException ex)|}|}
                    {
                        Console.Error.WriteLine(ex.Message);
                        await Task.Delay({|LLM1003:1000|});
                    }
                }

                Console.WriteLine(body);
                return body.Length;
            }
        }
        """, """
        using System.Net;
        using System.Net.Http.Json;

        class Summarizer(HttpClient http)
        {
            public async Task<int> SummarizeAsync(string text)
            {
                string body;
                var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4.1-mini", messages = new[] { new { role = "user", content = text } } }));
                body = await response.Content.ReadAsStringAsync();
                Console.WriteLine(body);
                return body.Length;
            }

            /// <summary>
            /// Sends the request <paramref name="send"/> makes, and again up to 3 times after a connection failure or a
            /// transient status (408, 429, or 5xx other than 501 and 505): after the wait the server asks for in Retry-After,
            /// else after an exponential backoff with jitter (up to 1 s, doubling, capped at 30 s). Any other status,
            /// the last failure, or a Retry-After longer than 60 s ends it with an
            /// <see cref="HttpRequestException"/> that carries the status and the response body.
            /// </summary>
            private static async Task<HttpResponseMessage> SendWithRetryAsync(
                Func<Task<HttpResponseMessage>> send,
                CancellationToken cancellationToken = default)
            {
                const int maxRetries = 3;
                for (var retry = 0; ; retry++)
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await send();
                    }
                    catch (HttpRequestException) when (retry < maxRetries)
                    {
                        // No response at all (the connection failed): back off and try again.
                        await Task.Delay(Backoff(retry), cancellationToken);
                        continue;
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    TimeSpan wait;
                    using (response)
                    {
                        var status = response.StatusCode;
                        var retryAfter = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
                        if (retry == maxRetries || !IsTransient(status) || retryAfter > TimeSpan.FromSeconds(60))
                        {
                            var body = await response.Content.ReadAsStringAsync(cancellationToken);
                            throw new HttpRequestException($"{(int)status} {response.ReasonPhrase}: {body}", null, status);
                        }

                        wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(retry);
                    }

                    await Task.Delay(wait, cancellationToken);
                }

                static bool IsTransient(HttpStatusCode status) => status switch
                {
                    HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
                    HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => false,
                    _ => (int)status >= 500,
                };

                // Exponential backoff with full jitter: a random wait up to 1 s, 2 s, 4 s..., capped at 30 s.
                static TimeSpan Backoff(int retry)
                    => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, retry)));
            }
        }
        """, RuleIdentifiers.UnboundedRetry, BoundRetryFixer.CompleteRetryKey);

    [Fact]
    public Task Two_loops_in_one_type_share_one_helper() => Verify<RetryAnalyzer>.CodeFixAsync<BoundRetryFixer>("""
        using System.Net.Http.Json;

        class Gateway(HttpClient http)
        {
            public async Task<string> ChatAsync(object payload)
            {
                [|while|] (true)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("v1/chat/completions", payload);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    {|LLM1001:{|LLM1004:catch (HttpRequestException)|}|}
                    {
                        await Task.Delay({|LLM1003:1000|});
                    }
                }
            }

            public async Task<string> EmbedAsync(object payload)
            {
                [|while|] (true)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("v1/embeddings", payload);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    {|LLM1001:{|LLM1004:catch (HttpRequestException)|}|}
                    {
                        await Task.Delay({|LLM1003:1000|});
                    }
                }
            }
        }
        """, """
        using System.Net;
        using System.Net.Http.Json;

        class Gateway(HttpClient http)
        {
            public async Task<string> ChatAsync(object payload)
            {
                using var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", payload));
                return await response.Content.ReadAsStringAsync();
            }

            public async Task<string> EmbedAsync(object payload)
            {
                using var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/embeddings", payload));
                return await response.Content.ReadAsStringAsync();
            }

            /// <summary>
            /// Sends the request <paramref name="send"/> makes, and again up to 3 times after a connection failure or a
            /// transient status (408, 429, or 5xx other than 501 and 505): after the wait the server asks for in Retry-After,
            /// else after an exponential backoff with jitter (up to 1 s, doubling, capped at 30 s). Any other status,
            /// the last failure, or a Retry-After longer than 60 s ends it with an
            /// <see cref="HttpRequestException"/> that carries the status and the response body.
            /// </summary>
            private static async Task<HttpResponseMessage> SendWithRetryAsync(
                Func<Task<HttpResponseMessage>> send,
                CancellationToken cancellationToken = default)
            {
                const int maxRetries = 3;
                for (var retry = 0; ; retry++)
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await send();
                    }
                    catch (HttpRequestException) when (retry < maxRetries)
                    {
                        // No response at all (the connection failed): back off and try again.
                        await Task.Delay(Backoff(retry), cancellationToken);
                        continue;
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    TimeSpan wait;
                    using (response)
                    {
                        var status = response.StatusCode;
                        var retryAfter = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
                        if (retry == maxRetries || !IsTransient(status) || retryAfter > TimeSpan.FromSeconds(60))
                        {
                            var body = await response.Content.ReadAsStringAsync(cancellationToken);
                            throw new HttpRequestException($"{(int)status} {response.ReasonPhrase}: {body}", null, status);
                        }

                        wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(retry);
                    }

                    await Task.Delay(wait, cancellationToken);
                }

                static bool IsTransient(HttpStatusCode status) => status switch
                {
                    HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
                    HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => false,
                    _ => (int)status >= 500,
                };

                // Exponential backoff with full jitter: a random wait up to 1 s, 2 s, 4 s..., capped at 30 s.
                static TimeSpan Backoff(int retry)
                    => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, retry)));
            }
        }
        """, RuleIdentifiers.UnboundedRetry, BoundRetryFixer.CompleteRetryKey);
}
