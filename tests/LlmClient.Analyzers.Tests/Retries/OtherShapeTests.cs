using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>Recursion, goto, DelegatingHandler, helper predicates and status lists.</summary>
public class OtherShapeTests
{
    private const string NonRetryable = RuleIdentifiers.NonRetryableStatus;
    private const string Unbounded = RuleIdentifiers.UnboundedRetry;

    // ---- Recursion ----

    [Fact]
    public Task Recursion_without_depth_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                    return completion.Content[0].Text;
                }
                {|LLM1001:catch (ClientResultException)|}
                {
                    await Task.Delay(1000);
                    return await {|LLM1002:Ask(chat, prompt)|};
                }
            }
        }
        """);

    [Fact]
    public Task Recursion_depth_never_tested_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt, int attempt = 0)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex) when (ex.Status is 429 or >= 500)
                {
                    await Task.Delay(1000 * (attempt + 1));
                    return await [|Ask(chat, prompt, attempt + 1)|];
                }
            }
        }
        """, Unbounded);

    [Fact]
    public Task Recursion_with_tested_depth_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt, int attempt = 0)
            {
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                    return completion.Content[0].Text;
                }
                catch (ClientResultException ex) when (attempt < 3 && ex.Status is 429 or >= 500)
                {
                    await Task.Delay(1000);
                    return await Ask(chat, prompt, attempt + 1);
                }
            }
        }
        """);

    [Fact]
    public Task Local_function_recursion_is_reported() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            Task<string> Send(HttpClient http)
            {
                return Attempt(0);

                async Task<string> Attempt(int n)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    {|LLM1001:catch (HttpRequestException) when (n < 3)|}
                    {
                        return await Attempt(n + 1);
                    }
                }
            }
        }
        """);

    // ---- goto ----

    [Fact]
    public Task Goto_retry_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http)
            {
            retry:
                try
                {
                    return await http.GetStringAsync("v1/models");
                }
                {|LLM1001:catch (HttpRequestException ex) when (ex.StatusCode != HttpStatusCode.BadRequest)|}
                {
                    await Task.Delay(1000);
                    {|LLM1002:goto retry|};
                }
            }
        }
        """);

    [Fact]
    public Task Goto_with_counter_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                var attempt = 0;
            retry:
                try
                {
                    return await http.GetStringAsync("v1/models");
                }
                catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests && ++attempt <= 3)
                {
                    await Task.Delay(1000);
                    goto retry;
                }
            }
        }
        """);

    // ---- DelegatingHandler ----

    [Fact]
    public Task Handler_retrying_every_failure_is_reported() => RetryVerify.AnalyzerAsync("""
        class RetryHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if ({|LLM1001:response.IsSuccessStatusCode || attempt >= 3|})
                    {
                        return response;
                    }

                    await Task.Delay(1000, cancellationToken);
                }
            }
        }
        """);

    [Fact]
    public Task Handler_without_limit_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class RetryHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                [|while|] (true)
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        return response;
                    }

                    await Task.Delay(1000, cancellationToken);
                }
            }
        }
        """, Unbounded);

    [Fact]
    public Task Handler_on_transient_statuses_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class RetryHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                HttpResponseMessage response;
                var attempt = 0;
                do
                {
                    response = await base.SendAsync(request, cancellationToken);
                }
                while (attempt++ < 3 && (response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode == 429 || (int)response.StatusCode >= 500));

                return response;
            }
        }
        """);

    // ---- Helper predicates and status lists ----

    [Fact]
    public Task Helper_predicate_is_followed() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            static bool ShouldRetry(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden or >= HttpStatusCode.InternalServerError;

            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if ({|LLM1001:attempt < 3 && ShouldRetry(response.StatusCode)|})
                    {
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Helper_predicate_on_exception_is_followed() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            static bool IsTransient(ClientResultException ex)
            {
                return ex.Status == 429 || ex.Status >= 500;
            }

            async Task<string> Ask(ChatClient chat, string prompt)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (IsTransient(ex))
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task Retryable_list_extended_with_401_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            static readonly HashSet<HttpStatusCode> RetryableStatusCodes = new() { HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable };

            static Client()
            {
                RetryableStatusCodes.Add(HttpStatusCode.Unauthorized);
            }

            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if ({|LLM1001:attempt < 3 && RetryableStatusCodes.Contains(response.StatusCode)|})
                    {
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Retryable_list_of_transient_codes_is_not_reported() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            static readonly int[] Retryable = [408, 429, 500, 502, 503, 504];

            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if (attempt < 3 && Retryable.Contains((int)response.StatusCode))
                    {
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Anthropic_catch_of_4xx_base_is_reported() => RetryVerify.AnalyzerAsync("""
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;

        class Client
        {
            async Task<Message?> Ask(AnthropicClient client, MessageCreateParams parameters)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await client.Messages.Create(parameters);
                    }
                    catch (AnthropicRateLimitException)
                    {
                        await Task.Delay(1000);
                    }
                    [|catch (Anthropic4xxException)|]
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }
        }
        """, NonRetryable);

    [Fact]
    public Task Anthropic_catch_of_rate_limit_and_5xx_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;

        class Client
        {
            async Task<Message?> Ask(AnthropicClient client, MessageCreateParams parameters)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await client.Messages.Create(parameters);
                    }
                    catch (AnthropicRateLimitException)
                    {
                        await Task.Delay(1000);
                    }
                    catch (Anthropic5xxException)
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }
        }
        """);

    [Fact]
    public Task Rethrow_of_non_retryable_in_catch_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

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
                    catch (HttpRequestException ex)
                    {
                        if (ex.StatusCode is { } status && (int)status < 500 && status != HttpStatusCode.TooManyRequests && status != HttpStatusCode.RequestTimeout)
                        {
                            throw;
                        }

                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """);
}
