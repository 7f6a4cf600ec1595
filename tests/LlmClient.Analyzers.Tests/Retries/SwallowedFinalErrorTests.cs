using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>LLM1005: bounded retries that lose the last failure when they run out, per shape, and the fix.</summary>
public class SwallowedFinalErrorTests
{
    private const string Swallowed = RuleIdentifiers.SwallowedFinalError;

    private const string Backoff = """
            static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt)));
        """;

    [Fact]
    public Task Return_null_after_a_catch_loop_is_reported_and_throws_the_last_error() => Verify<RetryAnalyzer>.CodeFixAsync<SurfaceFinalErrorFixer>($$"""
        using System.Net;

        class Client
        {
            async Task<string?> Send(HttpClient http)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }

                [|return null;|]
            }

        {{Backoff}}
        }
        """, $$"""
        using System.Net;

        class Client
        {
            async Task<string?> Send(HttpClient http)
            {
                Exception? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        lastError = ex;

                        await Task.Delay(Backoff(attempt));
                    }
                }

                throw lastError!;
            }

        {{Backoff}}
        }
        """, Swallowed);

    [Fact]
    public Task Empty_string_after_logging_is_reported_and_an_unnamed_exception_gets_a_name() => Verify<RetryAnalyzer>.CodeFixAsync<SurfaceFinalErrorFixer>($$"""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                var attempt = 0;
                while (attempt < 3)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status is 408 or >= 500)
                    {
                        attempt++;
                        await Task.Delay(Backoff(attempt));
                    }
                }

                Console.WriteLine("The model did not answer.");
                [|return string.Empty;|]
            }

        {{Backoff}}
        }
        """, $$"""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                var attempt = 0;
                Exception? lastError = null;
                while (attempt < 3)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status is 408 or >= 500)
                    {
                        lastError = ex;

                        attempt++;
                        await Task.Delay(Backoff(attempt));
                    }
                }

                Console.WriteLine("The model did not answer.");
                throw lastError!;
            }

        {{Backoff}}
        }
        """, Swallowed);

    [Fact]
    public Task Falling_off_the_end_after_continue_repeats_is_reported_without_a_fix() => Verify<RetryAnalyzer>.CodeFixAsync<SurfaceFinalErrorFixer>($$"""
        class Client
        {
            async Task Notify(HttpClient http, HttpContent content)
            {
                [|for|] (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/responses", content);
                        if ((int)response.StatusCode is 408 or >= 500)
                        {
                            await Task.Delay(Backoff(attempt));
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return;
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null)
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

        {{Backoff}}
        }
        """, $$"""
        class Client
        {
            async Task Notify(HttpClient http, HttpContent content)
            {
                [|for|] (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/responses", content);
                        if ((int)response.StatusCode is 408 or >= 500)
                        {
                            await Task.Delay(Backoff(attempt));
                            continue;
                        }

                        response.EnsureSuccessStatusCode();
                        return;
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null)
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

        {{Backoff}}
        }
        """, Swallowed);

    [Fact]
    public Task Catch_only_loop_falling_off_the_end_is_fixed() => Verify<RetryAnalyzer>.CodeFixAsync<SurfaceFinalErrorFixer>($$"""
        class Client
        {
            async Task Notify(HttpClient http, HttpContent content)
            {
                [|for|] (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/responses", content);
                        response.EnsureSuccessStatusCode();
                        return;
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null or System.Net.HttpStatusCode.RequestTimeout or >= System.Net.HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

        {{Backoff}}
        }
        """, $$"""
        class Client
        {
            async Task Notify(HttpClient http, HttpContent content)
            {
                Exception? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/responses", content);
                        response.EnsureSuccessStatusCode();
                        return;
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null or System.Net.HttpStatusCode.RequestTimeout or >= System.Net.HttpStatusCode.InternalServerError)
                    {
                        lastError = ex;

                        await Task.Delay(Backoff(attempt));
                    }
                }

                throw lastError!;
            }

        {{Backoff}}
        }
        """, Swallowed);

    [Fact]
    public Task A_catch_without_a_name_gets_one() => Verify<RetryAnalyzer>.CodeFixAsync<SurfaceFinalErrorFixer>($$"""
        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    {|LLM1001:catch (HttpRequestException)|}
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }

                [|return "";|]
            }

        {{Backoff}}
        }
        """, $$"""
        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                Exception? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    {|LLM1001:catch (HttpRequestException ex)|}
                    {
                        lastError = ex;

                        await Task.Delay(Backoff(attempt));
                    }
                }

                throw lastError!;
            }

        {{Backoff}}
        }
        """, Swallowed, editorConfig: "dotnet_diagnostic.LLM1004.severity = none");

    [Fact]
    public Task Return_default_in_the_catch_on_the_last_attempt_becomes_a_rethrow() => Verify<RetryAnalyzer>.CodeFixAsync<SurfaceFinalErrorFixer>($$"""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<ChatCompletion?> Ask(ChatClient chat, string prompt)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await chat.CompleteChatAsync(new UserChatMessage(prompt));
                    }
                    catch (ClientResultException ex) when (ex.Status is 408 or >= 500)
                    {
                        if (attempt >= 3)
                        {
                            [|return default;|]
                        }

                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

        {{Backoff}}
        }
        """, $$"""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<ChatCompletion?> Ask(ChatClient chat, string prompt)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await chat.CompleteChatAsync(new UserChatMessage(prompt));
                    }
                    catch (ClientResultException ex) when (ex.Status is 408 or >= 500)
                    {
                        if (attempt >= 3)
                        {
                            throw;
                        }

                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

        {{Backoff}}
        }
        """, Swallowed);

    [Fact]
    public Task Recursion_returning_null_at_its_depth_limit_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        class Client
        {
            async Task<string?> Ask(HttpClient http, int depth = 0)
            {
                try
                {
                    return await http.GetStringAsync("v1/models");
                }
                catch (HttpRequestException ex) when (ex.StatusCode is null or System.Net.HttpStatusCode.RequestTimeout or >= System.Net.HttpStatusCode.InternalServerError)
                {
                    if (depth >= 3)
                    {
                        [|return null;|]
                    }

                    await Task.Delay(Backoff(depth));
                    return await Ask(http, depth + 1);
                }
            }

        {{Backoff}}
        }
        """, Swallowed);

    [Fact]
    public Task Response_loop_returning_null_is_reported_without_a_fix() => Verify<RetryAnalyzer>.CodeFixAsync<SurfaceFinalErrorFixer>($$"""
        class Client
        {
            async Task<string?> Send(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    using var response = await http.PostAsync("v1/chat/completions", content);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    if ((int)response.StatusCode is not (408 or >= 500))
                    {
                        response.EnsureSuccessStatusCode();
                    }

                    await Task.Delay(Backoff(attempt));
                }

                [|return null;|]
            }

        {{Backoff}}
        }
        """, $$"""
        class Client
        {
            async Task<string?> Send(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    using var response = await http.PostAsync("v1/chat/completions", content);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    if ((int)response.StatusCode is not (408 or >= 500))
                    {
                        response.EnsureSuccessStatusCode();
                    }

                    await Task.Delay(Backoff(attempt));
                }

                [|return null;|]
            }

        {{Backoff}}
        }
        """, Swallowed);

    // ---- Look-alikes that surface the error ----

    [Fact]
    public Task Surfacing_the_final_error_is_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        using System.ClientModel;
        using System.Net;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> ThrowAfterLoop(HttpClient http)
            {
                Exception? last = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        last = ex;
                        await Task.Delay(Backoff(attempt));
                    }
                }

                throw new InvalidOperationException("The gateway did not answer.", last);
            }

            async Task<string> RethrowOnLastAttempt(ChatClient chat, string prompt)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status is 408 or >= 500)
                    {
                        if (++attempt > 3)
                        {
                            throw;
                        }

                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

            async Task<string> FilterLetsTheLastOneThrough(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

            async Task<HttpResponseMessage> ReturnsTheLastResponse(HttpClient http, HttpContent content)
            {
                HttpResponseMessage response = null!;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    response = await http.PostAsync("v1/responses", content);
                    if (response.IsSuccessStatusCode || (int)response.StatusCode is not (408 or >= 500))
                    {
                        return response;
                    }

                    await Task.Delay(Backoff(attempt));
                }

                return response;
            }

        {{Backoff}}
        }
        """);

    [Fact]
    public Task A_filter_that_lets_the_last_failure_through_makes_the_code_after_the_loop_unreachable() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        using System.Net;

        class Client
        {
            private const int MaxAttempts = 4;

            async Task<string> Send(HttpClient http)
            {
                for (var attempt = 0; attempt < MaxAttempts; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < MaxAttempts - 1 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }

                return default!;
            }

            async Task Notify(HttpClient http, HttpContent content)
            {
                for (var attempt = 0; attempt <= 3; attempt++)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/responses", content);
                        response.EnsureSuccessStatusCode();
                        return;
                    }
                    catch (HttpRequestException ex) when (attempt < 3 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }
            }

        {{Backoff}}
        }
        """);

    [Fact]
    public Task Success_that_leaves_the_loop_is_not_read_as_exhaustion() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        class Client
        {
            async Task<string?> Send(HttpClient http)
            {
                string? result = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        result = await http.GetStringAsync("v1/models");
                        break;
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null or System.Net.HttpStatusCode.RequestTimeout or >= System.Net.HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(Backoff(attempt));
                    }
                }

                return null;
            }

        {{Backoff}}
        }
        """);

    [Fact]
    public Task Polly_and_unbounded_retries_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        using Polly;

        class Client
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, Backoff);

            async Task<string?> Forever(HttpClient http)
            {
                {|LLM1002:while|} (true)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null or System.Net.HttpStatusCode.RequestTimeout or >= System.Net.HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay({|LLM1003:1000|});
                    }
                }

                return null;
            }

        {{Backoff}}
        }
        """);
}
