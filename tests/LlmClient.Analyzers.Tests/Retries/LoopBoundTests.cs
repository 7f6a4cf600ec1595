using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>LLM1002 on hand-written loops: what bounds the retry.</summary>
public class LoopBoundTests
{
    private const string Id = RuleIdentifiers.UnboundedRetry;

    [Fact]
    public Task While_true_with_catch_and_no_counter_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                [|while|] (true)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, Id);

    [Fact]
    public Task For_ever_around_sdk_call_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                [|for|] (;;)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
                    {
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """, Id);

    [Fact]
    public Task Do_while_not_success_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                HttpResponseMessage response;
                [|do|]
                {
                    response = await http.PostAsync("v1/chat/completions", body);
                }
                while ({|LLM1001:!response.IsSuccessStatusCode|});

                return response;
            }
        }
        """, Id);

    [Fact]
    public Task Flag_loop_is_reported() => RetryVerify.AnalyzerAsync("""
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;

        class Client
        {
            async Task<Message?> Ask(AnthropicClient client, MessageCreateParams parameters)
            {
                Message? message = null;
                var done = false;
                [|while|] (!done)
                {
                    try
                    {
                        message = await client.Messages.Create(parameters);
                        done = true;
                    }
                    catch (AnthropicRateLimitException)
                    {
                        await Task.Delay(1000);
                    }
                }

                return message;
            }
        }
        """, Id);

    [Fact]
    public Task Counter_tested_but_never_advanced_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            const int MaxRetries = 3;

            async Task<string?> Send(HttpClient http)
            {
                var attempt = 0;
                [|while|] (attempt < MaxRetries)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }
        }
        """, Id);

    [Fact]
    public Task Limit_of_int_MaxValue_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string?> Send(HttpClient http)
            {
                [|for|] (var attempt = 0; attempt < int.MaxValue; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }
        }
        """, Id);

    [Fact]
    public Task Network_only_retry_without_limit_is_reported() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                [|while|] (true)
                {
                    try
                    {
                        return await http.PostAsync("v1/chat/completions", body);
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, Id);

    // ---- Look-alikes that must stay silent ----

    [Fact]
    public Task While_true_capped_in_its_catch_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            const int MaxRetries = 3;

            async Task<string> Send(HttpClient http)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                    {
                        if (++attempt >= MaxRetries) throw;
                        await Task.Delay(1000 * attempt);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Counter_in_the_filter_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && attempt++ < 3)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Counter_checked_at_the_top_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                var attempt = 0;
                while (true)
                {
                    if (attempt++ >= 3)
                    {
                        throw new TimeoutException("gave up");
                    }

                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Cancellation_bounded_loop_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string?> Send(HttpClient http, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models", ct);
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(1000, ct);
                    }
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task Loop_that_throws_on_cancellation_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http, CancellationToken ct)
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    try
                    {
                        return await http.GetStringAsync("v1/models", ct);
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Schedule_loop_is_bounded() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            static readonly int[] Delays = [1000, 2000, 4000];

            async Task<string?> Send(HttpClient http)
            {
                foreach (var delay in Delays)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(delay);
                    }
                }

                return null;
            }
        }
        """);
}
