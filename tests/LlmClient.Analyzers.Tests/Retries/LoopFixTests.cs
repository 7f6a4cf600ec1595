using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>The LLM1001 and LLM1002 fixes on hand-written loops.</summary>
public class LoopFixTests
{
    [Fact]
    public Task Filter_is_added_to_an_unfiltered_catch() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
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
                    [|catch (HttpRequestException)|]
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """, """
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
                    catch (HttpRequestException ex) when (ex.StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """, RuleIdentifiers.NonRetryableStatus);

    [Fact]
    public Task Existing_filter_is_narrowed() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    [|catch (ClientResultException e) when (attempt < 3 && e.Status != 400)|]
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, """
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException e) when (attempt < 3 && e.Status != 400 && (e.Status is 408 or 429 or >= 500))
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, RuleIdentifiers.NonRetryableStatus);

    [Fact]
    public Task Catch_of_Exception_gets_a_pattern_filter() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    [|catch (Exception ex)|]
                    {
                        Console.WriteLine(ex.Message);
                    }
                }

                return "";
            }
        }
        """, """
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    catch (Exception ex) when (ex is not ClientResultException { Status: (>= 400 and < 500 and not 408 and not 429) })
                    {
                        Console.WriteLine(ex.Message);
                    }
                }

                return "";
            }
        }
        """, RuleIdentifiers.NonRetryableStatus);

    [Fact]
    public Task Guard_is_inserted_before_continue() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if ([|!response.IsSuccessStatusCode|])
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    return response;
                }

                throw new InvalidOperationException();
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if (!response.IsSuccessStatusCode)
                    {
                        if (response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError))
                        {
                            return response;
                        }

                        await Task.Delay(1000);
                        continue;
                    }

                    return response;
                }

                throw new InvalidOperationException();
            }
        }
        """, RuleIdentifiers.NonRetryableStatus);

    [Fact]
    public Task Guard_returns_the_response_from_the_innermost_function_that_returns_one() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        class Client
        {
            async Task<int> Outer(HttpClient http, HttpContent body)
            {
                Func<Task<HttpResponseMessage>> lambda = async () =>
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        var response = await http.PostAsync("v1/chat/completions", body);
                        if ([|!response.IsSuccessStatusCode|])
                        {
                            await Task.Delay(1000);
                            continue;
                        }

                        return response;
                    }

                    throw new InvalidOperationException();
                };

                async Task<HttpResponseMessage> Local()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        var response = await http.PostAsync("v1/chat/completions", body);
                        if ([|!response.IsSuccessStatusCode|])
                        {
                            await Task.Delay(1000);
                            continue;
                        }

                        return response;
                    }

                    throw new InvalidOperationException();
                }

                await lambda();
                await Local();
                return 0;
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<int> Outer(HttpClient http, HttpContent body)
            {
                Func<Task<HttpResponseMessage>> lambda = async () =>
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        var response = await http.PostAsync("v1/chat/completions", body);
                        if (!response.IsSuccessStatusCode)
                        {
                            if (response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError))
                            {
                                return response;
                            }

                            await Task.Delay(1000);
                            continue;
                        }

                        return response;
                    }

                    throw new InvalidOperationException();
                };

                async Task<HttpResponseMessage> Local()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        var response = await http.PostAsync("v1/chat/completions", body);
                        if (!response.IsSuccessStatusCode)
                        {
                            if (response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError))
                            {
                                return response;
                            }

                            await Task.Delay(1000);
                            continue;
                        }

                        return response;
                    }

                    throw new InvalidOperationException();
                }

                await lambda();
                await Local();
                return 0;
            }
        }
        """, RuleIdentifiers.NonRetryableStatus);

    [Fact]
    public Task Guard_is_inserted_after_success_check() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        class Client
        {
            async Task<string?> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if ([|response.IsSuccessStatusCode|])
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    await Task.Delay(1000);
                }

                return null;
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<string?> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadAsStringAsync();
                    }

                    if (response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError))
                    {
                        response.EnsureSuccessStatusCode();
                    }

                    await Task.Delay(1000);
                }

                return null;
            }
        }
        """, RuleIdentifiers.NonRetryableStatus);

    [Fact]
    public Task Loop_condition_is_narrowed() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                HttpResponseMessage response;
                var attempt = 0;
                do
                {
                    response = await http.PostAsync("v1/chat/completions", body);
                }
                while ([|!response.IsSuccessStatusCode && ++attempt < 3|]);

                return response;
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                HttpResponseMessage response;
                var attempt = 0;
                do
                {
                    response = await http.PostAsync("v1/chat/completions", body);
                }
                while (!response.IsSuccessStatusCode && ++attempt < 3 && (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError));

                return response;
            }
        }
        """, RuleIdentifiers.NonRetryableStatus);

    [Fact]
    public Task Counter_is_added_to_an_unbounded_catch_loop() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
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
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        await Task.Delay(1000);
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
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        if (++attempt > 3)
                        {
                            throw;
                        }

                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, RuleIdentifiers.UnboundedRetry);

    [Fact]
    public Task Counter_is_added_to_a_do_while_condition() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
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
                while (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable);

                return response;
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                HttpResponseMessage response;
                var attempt = 0;
                do
                {
                    response = await http.PostAsync("v1/chat/completions", body);
                }
                while ((response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) && ++attempt <= 3);

                return response;
            }
        }
        """, RuleIdentifiers.UnboundedRetry);

    [Fact]
    public Task Counter_is_added_to_a_flag_loop_condition() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage?> Send(HttpClient http, HttpContent body)
            {
                HttpResponseMessage? result = null;
                var done = false;
                [|while|] (!done)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        result = response;
                        done = true;
                    }
                }

                return result;
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage?> Send(HttpClient http, HttpContent body)
            {
                HttpResponseMessage? result = null;
                var done = false;
                var attempt = 0;
                while (!done && attempt++ <= 3)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        result = response;
                        done = true;
                    }
                }

                return result;
            }
        }
        """, RuleIdentifiers.UnboundedRetry);

    [Fact]
    public Task Handler_loop_gets_a_counter_and_returns_the_last_response() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
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
        """, """
        using System.Net;

        class RetryHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var attempt = 0;
                while (true)
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        return response;
                    }

                    await Task.Delay(1000, cancellationToken);

                    if (++attempt > 3)
                    {
                        return response;
                    }
                }
            }
        }
        """, RuleIdentifiers.UnboundedRetry);

    [Fact]
    public Task Continue_loop_gets_a_check_before_each_continue() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http, HttpContent body)
            {
                [|for|] (;;)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests) continue;
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """, """
        using System.Net;

        class Client
        {
            async Task<string> Send(HttpClient http, HttpContent body)
            {
                var attempt = 0;
                for (;;)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        if (++attempt > 3)
                        {
                            response.EnsureSuccessStatusCode();
                        }

                        continue;
                    }
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        await Task.Delay(1000);
                        if (++attempt > 3)
                        {
                            response.EnsureSuccessStatusCode();
                        }
                        continue;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadAsStringAsync();
                }
            }
        }
        """, RuleIdentifiers.UnboundedRetry);
}
