using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>LLM1001 on hand-written loops: which statuses reach another attempt.</summary>
public class LoopTriggerTests
{
    private const string Id = RuleIdentifiers.NonRetryableStatus;

    [Fact]
    public Task Catch_without_filter_around_EnsureSuccessStatusCode_retries_everything() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<string> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await http.PostAsync("v1/chat/completions", body);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    [|catch (HttpRequestException)|]
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new InvalidOperationException("out of attempts");
            }
        }
        """, Id);

    [Fact]
    public Task Catch_of_ClientResultException_around_sdk_call_retries_everything() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    [|catch (ClientResultException ex)|]
                    {
                        if (++attempt >= 3) throw;
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, Id);

    [Fact]
    public Task Filter_naming_401_is_reported() => RetryVerify.AnalyzerAsync("""
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
                    [|catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests || ex.StatusCode == HttpStatusCode.Unauthorized)|]
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """, Id);

    [Fact]
    public Task Not_success_then_continue_is_reported() => RetryVerify.AnalyzerAsync("""
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
        """, Id);

    [Fact]
    public Task Int_comparison_at_or_above_400_is_reported() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                HttpResponseMessage response = null!;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    response = await http.PostAsync("v1/chat/completions", body);
                    if ([|(int)response.StatusCode >= 400|])
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    break;
                }

                return response;
            }
        }
        """, Id);

    [Fact]
    public Task Fall_through_after_success_check_is_reported() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<HttpResponseMessage?> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if ([|response.IsSuccessStatusCode|])
                    {
                        return response;
                    }

                    await Task.Delay(1000);
                }

                return null;
            }
        }
        """, Id);

    [Fact]
    public Task Switch_case_naming_401_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.TooManyRequests:
                        case HttpStatusCode.ServiceUnavailable:
                            if (attempt >= 3) return response;
                            await Task.Delay(1000);
                            continue;
                        [|case HttpStatusCode.Unauthorized:|]
                            if (attempt >= 3) return response;
                            continue;
                        default:
                            return response;
                    }
                }
            }
        }
        """, Id);

    [Fact]
    public Task Is_pattern_with_4xx_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                var attempt = 0;
                while (true)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if ([|response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.NotFound && attempt++ < 3|])
                    {
                        continue;
                    }

                    return response;
                }
            }
        }
        """, Id);

    [Fact]
    public Task Explicit_501_is_reported() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    var status = (int)response.StatusCode;
                    if ([|attempt < 3 && (status == 429 || status == 501 || status >= 502)|])
                    {
                        continue;
                    }

                    return response;
                }
            }
        }
        """, Id);

    // ---- Look-alikes that must stay silent ----

    [Fact]
    public Task Retry_on_408_429_and_5xx_is_not_reported() => RetryVerify.AnalyzerAsync("""
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
                    catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task Int_at_or_above_500_or_429_is_not_reported() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if (attempt < 3 && ((int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.TooManyRequests))
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    return response;
                }
            }
        }
        """);

    [Fact]
    public Task Message_text_test_is_not_reported() => RetryVerify.AnalyzerAsync("""
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
                    catch (ClientResultException ex) when (ex.Message.Contains("429"))
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task Network_errors_only_are_not_reported() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.PostAsync("v1/chat/completions", body);
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Worker_loop_is_not_a_retry() => RetryVerify.AnalyzerAsync("""
        using System.Collections.Concurrent;

        class Worker
        {
            async Task Run(HttpClient http, BlockingCollection<HttpContent> queue, CancellationToken ct)
            {
                while (true)
                {
                    var item = queue.Take(ct);
                    try
                    {
                        var response = await http.PostAsync("v1/chat/completions", item, ct);
                        response.EnsureSuccessStatusCode();
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Polling_loop_with_delay_on_success_is_not_a_retry() => RetryVerify.AnalyzerAsync("""
        using System.Net.Http.Json;

        record Job(string Status);

        class Poller
        {
            async Task<Job> Wait(HttpClient http, string id)
            {
                while (true)
                {
                    try
                    {
                        var job = await http.GetFromJsonAsync<Job>("v1/batches/" + id);
                        if (job!.Status == "completed")
                        {
                            return job;
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }

                    await Task.Delay(5000);
                }
            }
        }
        """);

    [Fact]
    public Task Repl_reading_console_is_not_a_retry() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Repl
        {
            async Task Run(ChatClient chat)
            {
                while (true)
                {
                    var line = Console.ReadLine();
                    if (line is null or "exit")
                    {
                        break;
                    }

                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(line));
                        Console.WriteLine(completion.Content[0].Text);
                    }
                    catch (ClientResultException ex)
                    {
                        Console.WriteLine("error: " + ex.Status);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task One_shot_fallback_is_not_a_retry() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient primary, ChatClient fallback, string prompt)
            {
                try
                {
                    ChatCompletion completion = await primary.CompleteChatAsync(new UserChatMessage(prompt));
                    return completion.Content[0].Text;
                }
                catch (ClientResultException)
                {
                    ChatCompletion completion = await fallback.CompleteChatAsync(new UserChatMessage(prompt));
                    return completion.Content[0].Text;
                }
            }
        }
        """);

    [Fact]
    public Task Loop_over_items_is_not_a_retry() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task SendAll(HttpClient http, IEnumerable<HttpContent> bodies)
            {
                foreach (var body in bodies)
                {
                    try
                    {
                        var response = await http.PostAsync("v1/embeddings", body);
                        response.EnsureSuccessStatusCode();
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
        }
        """);
}
