using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>Flags, options, and the less common fix shapes.</summary>
public class EdgeCaseTests
{
    private const string NonRetryable = RuleIdentifiers.NonRetryableStatus;
    private const string Unbounded = RuleIdentifiers.UnboundedRetry;

    [Fact]
    public Task Do_while_on_429_without_limit_is_reported() => RetryVerify.AnalyzerAsync("""
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
                while (response.StatusCode == HttpStatusCode.TooManyRequests);

                return response;
            }
        }
        """, Unbounded);

    [Fact]
    public Task Flag_set_from_the_status_is_followed() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                HttpResponseMessage response;
                var ok = false;
                var attempt = 0;
                do
                {
                    response = await http.PostAsync("v1/chat/completions", body);
                    ok = [|response.IsSuccessStatusCode|];
                }
                while (!ok && ++attempt < 3);

                return response;
            }
        }
        """, NonRetryable);

    [Fact]
    public Task Handler_bounded_on_transient_statuses_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class RetryHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if (response.IsSuccessStatusCode || attempt >= 3 || response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError))
                    {
                        return response;
                    }

                    await Task.Delay(1000, cancellationToken);
                }
            }
        }
        """);

    [Fact]
    public Task Severity_none_in_editorconfig_silences() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                while (true)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
        }
        """, editorConfig: "dotnet_diagnostic.LLM1001.severity = none\ndotnet_diagnostic.LLM1002.severity = none");

    [Fact]
    public Task Catch_without_declaration_gets_one() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        using Anthropic;
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
                    [|catch|]
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }
        }
        """, """
        using System.Net;
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
                    catch (Exception ex) when (ex is not AnthropicApiException { StatusCode: (>= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError and not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests) })
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }
        }
        """, NonRetryable);

    [Fact]
    public Task Switch_section_gets_a_guard_and_named_501_is_excluded() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
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
                        [|case HttpStatusCode.TooManyRequests:
                        case HttpStatusCode.NotImplemented:|]
                            if (attempt >= 3) return response;
                            continue;
                        default:
                            return response;
                    }
                }
            }
        }
        """, """
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
                        case HttpStatusCode.NotImplemented:
                            if (response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or (>= HttpStatusCode.InternalServerError and not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported)))
                            {
                                return response;
                            }

                            if (attempt >= 3) return response;
                            continue;
                        default:
                            return response;
                    }
                }
            }
        }
        """, NonRetryable);

    [Fact]
    public Task Counter_is_added_to_every_repeating_catch() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
        using System.ClientModel;
        using OpenAI.Chat;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                var attempt = "unused";
                [|while|] (true)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        await Task.Delay(2000);
                    }
                    catch (ClientResultException ex) when (ex.Status >= 500) { }
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
                var attempt = "unused";
                var retry = 0;
                while (true)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status == 429)
                    {
                        if (++retry > 3)
                        {
                            throw;
                        }

                        await Task.Delay(2000);
                    }
                    catch (ClientResultException ex) when (ex.Status >= 500)
                    {
                        if (++retry > 3)
                        {
                            throw;
                        }
                    }
                }
            }
        }
        """, Unbounded);

    [Fact]
    public Task Loop_in_a_lambda_is_analyzed() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            Func<Task<string>> Make(HttpClient http) => async () =>
            {
                [|while|] (true)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    {|LLM1001:catch (HttpRequestException)|}
                    {
                        await Task.Delay(1000);
                    }
                }
            };
        }
        """, Unbounded);

    [Fact]
    public Task Custom_exception_with_an_opaque_test_is_not_reported() => RetryVerify.AnalyzerAsync("""
        class GatewayException(int status) : Exception
        {
            public bool IsTransient => status is 429 or >= 500;
        }

        class Client
        {
            async Task<string> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var response = await http.PostAsync("v1/chat/completions", body);
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new GatewayException((int)response.StatusCode);
                        }

                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (GatewayException ex) when (ex.IsTransient)
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task Not_OK_and_at_or_above_BadRequest_are_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        class Client
        {
            async Task<HttpResponseMessage> A(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/responses", body);
                    if ([|response.StatusCode != HttpStatusCode.OK && attempt < 3|])
                    {
                        continue;
                    }

                    return response;
                }
            }

            async Task<HttpResponseMessage> B(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var response = await http.PostAsync("v1/responses", body);
                    if ([|response.StatusCode >= HttpStatusCode.BadRequest && attempt < 3|])
                    {
                        continue;
                    }

                    return response;
                }
            }
        }
        """, NonRetryable);

    /// <summary>The snippet proposed for the sample project: one LLM1001 and one LLM1002.</summary>
    [Fact]
    public Task Sample_snippet() => RetryVerify.AnalyzerAsync("""
        using System.Net.Http.Json;

        static class NaiveRetry
        {
            public static async Task<string> AskAsync(HttpClient http, string prompt)
            {
                {|LLM1002:while|} (true)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-5.5", messages = new[] { new { role = "user", content = prompt } } });
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    {|LLM1001:catch (HttpRequestException)|}
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);
}
