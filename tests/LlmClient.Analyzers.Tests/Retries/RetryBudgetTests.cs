using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>LLM1006: retry counts above llm_client_analyzers.max_retries (default 5), per shape, and the fix.</summary>
public class RetryBudgetTests
{
    private const string Budget = RuleIdentifiers.RetryBudget;

    // ---- Loops ----

    [Fact]
    public Task Loop_limit_above_the_maximum_is_reported_and_lowered() => Verify<RetryAnalyzer>.CodeFixAsync<RetryBudgetFixer>("""
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
                    catch (HttpRequestException ex) when (attempt < [|10|] && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
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
                    catch (HttpRequestException ex) when (attempt < 5 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }
        }
        """, Budget);

    [Fact]
    public Task Rethrow_counter_above_the_maximum_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
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
                    catch (ClientResultException ex) when (ex.Status is 408 or >= 500)
                    {
                        if (++attempt > [|8|])
                        {
                            throw;
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }
        }
        """, Budget);

    [Fact]
    public Task Loop_limit_held_by_a_constant_is_reported_without_a_fix() => Verify<RetryAnalyzer>.CodeFixAsync<RetryBudgetFixer>("""
        using System.Net;

        class Client
        {
            private const int MaxAttempts = 20;

            async Task<string> Send(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < [|MaxAttempts|] && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }
        }
        """, """
        using System.Net;

        class Client
        {
            private const int MaxAttempts = 20;

            async Task<string> Send(HttpClient http)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException ex) when (attempt < [|MaxAttempts|] && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }
        }
        """, Budget);

    [Fact]
    public Task Loop_of_six_attempts_is_five_retries_and_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
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
                    catch (HttpRequestException ex) when (attempt < 6 && ex.StatusCode is null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }
        }
        """);

    // ---- Polly ----

    [Fact]
    public Task Polly_v7_count_is_reported_and_lowered() => Verify<RetryAnalyzer>.CodeFixAsync<RetryBudgetFixer>("""
        using System.Net;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy
                .HandleResult<HttpResponseMessage>(r => (int)r.StatusCode >= 500)
                .WaitAndRetryAsync([|10|], attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
        }
        """, """
        using System.Net;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy
                .HandleResult<HttpResponseMessage>(r => (int)r.StatusCode >= 500)
                .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
        }
        """, Budget);

    [Fact]
    public Task Polly_v7_named_count_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(retryCount: [|6|], Backoff);

            static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt)));
        }
        """, Budget);

    [Fact]
    public Task Polly_v8_MaxRetryAttempts_is_reported_and_lowered() => Verify<RetryAnalyzer>.CodeFixAsync<RetryBudgetFixer>("""
        using Polly;
        using Polly.Retry;

        class Policies
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                MaxRetryAttempts = [|12|],
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
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
                MaxRetryAttempts = 5,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
            };
        }
        """, Budget);

    [Fact]
    public Task Polly_counts_within_the_maximum_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class Policies
        {
            static readonly IAsyncPolicy V7 = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(5, Backoff);
            static readonly IAsyncPolicy V7Single = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(1, Backoff);

            static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt)));
            static readonly RetryStrategyOptions<HttpResponseMessage> V8 = new()
            {
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().Handle<HttpRequestException>(),
            };
        }
        """);

    // ---- SDK clients ----

    [Fact]
    public Task ClientRetryPolicy_maxRetries_is_reported_and_lowered() => Verify<RetryAnalyzer>.CodeFixAsync<RetryBudgetFixer>("""
        using System.ClientModel.Primitives;
        using OpenAI;

        class Factory
        {
            static OpenAIClientOptions Options() => new() { RetryPolicy = new ClientRetryPolicy(maxRetries: [|10|]) };
        }
        """, """
        using System.ClientModel.Primitives;
        using OpenAI;

        class Factory
        {
            static OpenAIClientOptions Options() => new() { RetryPolicy = new ClientRetryPolicy(maxRetries: 5) };
        }
        """, Budget);

    [Fact]
    public Task Anthropic_MaxRetries_is_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Anthropic;

        class Factory
        {
            static AnthropicClient Create() => new() { MaxRetries = [|7|] };
        }
        """, Budget);

    [Fact]
    public Task Sdk_counts_within_the_maximum_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using System.ClientModel.Primitives;
        using Anthropic;
        using OpenAI;

        class Factory
        {
            static OpenAIClientOptions Options() => new() { RetryPolicy = new ClientRetryPolicy(maxRetries: 5) };
            static AnthropicClient Create() => new() { MaxRetries = 3 };
        }
        """);

    // ---- Options ----

    [Fact]
    public Task A_larger_configured_maximum_accepts_the_count() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(10, Backoff);

            static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt)));
        }
        """, editorConfig: "llm_client_analyzers.max_retries = 10");

    [Fact]
    public Task A_smaller_configured_maximum_is_what_the_fix_writes() => Verify<RetryAnalyzer>.CodeFixAsync<RetryBudgetFixer>("""
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync([|3|], Backoff);

            static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt)));
        }
        """, """
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(2, Backoff);

            static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt)));
        }
        """, Budget, editorConfig: "llm_client_analyzers.max_retries = 2");

    [Fact]
    public Task Unbounded_and_unknown_counts_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync("""
        using Polly;

        class Policies
        {
            static IAsyncPolicy Build(int retries) => Policy.Handle<HttpRequestException>().WaitAndRetryAsync(retries, Backoff);
            static readonly IAsyncPolicy Forever = Policy.Handle<HttpRequestException>().{|LLM1002:WaitAndRetryForeverAsync|}(Backoff);

            static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt)));
        }
        """, Budget);
}
