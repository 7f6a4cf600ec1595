using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>LLM1001 and LLM1002 on Polly v7 policies and Polly v8 retry strategies.</summary>
public class PollyTests
{
    private const string NonRetryable = RuleIdentifiers.NonRetryableStatus;
    private const string Unbounded = RuleIdentifiers.UnboundedRetry;

    // ---- Polly v7 ----

    [Fact]
    public Task V7_OrResult_not_success_is_reported() => RetryVerify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class Policies
        {
            static readonly AsyncRetryPolicy<HttpResponseMessage> Retry = Policy
                .Handle<HttpRequestException>()
                .OrResult<HttpResponseMessage>(r => [|!r.IsSuccessStatusCode|])
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));
        }
        """, NonRetryable);

    [Fact]
    public Task V7_Handle_ClientResultException_without_predicate_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.[|Handle<ClientResultException>|]().RetryAsync(3);
        }
        """, NonRetryable);

    [Fact]
    public Task V7_exception_predicate_naming_4xx_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy
                .Handle<ClientResultException>(ex => [|ex.Status == 429 || ex.Status == 401|])
                .WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
        }
        """, NonRetryable);

    [Fact]
    public Task V7_RetryForever_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy
                .Handle<ClientResultException>(ex => ex.Status == 429)
                .[|RetryForeverAsync|]();
        }
        """, Unbounded);

    [Fact]
    public Task V7_WaitAndRetryForever_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;
        using Polly;

        class Policies
        {
            static readonly ISyncPolicy<HttpResponseMessage> Retry = Policy
                .HandleResult<HttpResponseMessage>(r => r.StatusCode == HttpStatusCode.TooManyRequests)
                .[|WaitAndRetryForever|](attempt => TimeSpan.FromSeconds(attempt));
        }
        """, Unbounded);

    [Fact]
    public Task V7_retry_count_of_int_MaxValue_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy
                .HandleResult<HttpResponseMessage>(r => (int)r.StatusCode >= 500)
                .[|RetryAsync|](int.MaxValue);
        }
        """, Unbounded);

    [Fact]
    public Task V7_builder_in_a_local_is_followed() => RetryVerify.AnalyzerAsync("""
        using Polly;

        class Policies
        {
            IAsyncPolicy<HttpResponseMessage> Build()
            {
                var builder = Policy.HandleResult<HttpResponseMessage>(r => [|(int)r.StatusCode >= 400|]);
                return builder.Or<HttpRequestException>().RetryAsync(3);
            }
        }
        """, NonRetryable);

    [Fact]
    public Task V7_transient_http_error_style_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy
                .Handle<HttpRequestException>()
                .OrResult<HttpResponseMessage>(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout || (int)r.StatusCode == 429)
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));
        }
        """);

    [Fact]
    public Task V7_helper_method_group_is_followed() => RetryVerify.AnalyzerAsync("""
        using System.Net;
        using Polly;

        class Policies
        {
            static bool IsTransient(HttpResponseMessage r) => r.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;

            static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy
                .HandleResult<HttpResponseMessage>(IsTransient)
                .RetryAsync(3);
        }
        """);

    [Fact]
    public Task V7_policy_unrelated_to_http_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using Polly;

        class Policies
        {
            static readonly ISyncPolicy Retry = Policy.Handle<IOException>().RetryForever();
        }
        """);

    // ---- Polly v8 ----

    [Fact]
    public Task V8_HandleResult_not_success_is_reported() => RetryVerify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static ResiliencePipeline<HttpResponseMessage> Build() => new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .HandleResult(r => [|!r.IsSuccessStatusCode|]),
                })
                .Build();
        }
        """, NonRetryable);

    [Fact]
    public Task V8_ShouldHandle_switch_naming_401_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.Net;
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                MaxRetryAttempts = 4,
                ShouldHandle = args => [|args.Outcome switch
                {
                    { Exception: HttpRequestException } => PredicateResult.True(),
                    { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized } => PredicateResult.True(),
                    _ => PredicateResult.False(),
                }|],
            };
        }
        """, NonRetryable);

    [Fact]
    public Task V8_default_predicate_over_sdk_results_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static ResiliencePipeline<ClientResult<ChatCompletion>> Build() => new ResiliencePipelineBuilder<ClientResult<ChatCompletion>>()
                .AddRetry([|new RetryStrategyOptions<ClientResult<ChatCompletion>>|] { MaxRetryAttempts = 3 })
                .Build();
        }
        """, NonRetryable);

    [Fact]
    public Task V8_MaxRetryAttempts_int_MaxValue_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static ResiliencePipeline Build() => new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = [|int.MaxValue|],
                    ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(ex => ex.Status is 429 or >= 500),
                })
                .Build();
        }
        """, Unbounded);

    [Fact]
    public Task V8_transient_predicates_are_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using System.Net;
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static ResiliencePipeline<HttpResponseMessage> Build() => new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = 4,
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500),
                })
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException || args.Outcome.Result?.StatusCode >= HttpStatusCode.InternalServerError),
                })
                .Build();

            static ResiliencePipeline BuildSdk() => new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(ex => ex.Status == 429 || ex.Status >= 500) })
                .Build();
        }
        """);

    [Fact]
    public Task V8_default_predicate_without_http_tie_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static ResiliencePipeline Build() => new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = int.MaxValue }).Build();
        }
        """);

    // ---- Execution: the call the policy runs ----

    [Fact]
    public Task V7_Handle_Exception_executed_over_an_sdk_call_is_reported() => RetryVerify.AnalyzerAsync("""
        using OpenAI.Chat;
        using Polly;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt)
            {
                var policy = Policy.[|Handle<Exception>|]().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
                ChatCompletion completion = await policy.ExecuteAsync(() => chat.CompleteChatAsync(new UserChatMessage(prompt)));
                return completion.Content[0].Text;
            }
        }
        """, NonRetryable);

    [Fact]
    public Task V7_forever_executed_over_GetStringAsync_is_reported() => RetryVerify.AnalyzerAsync("""
        using Polly;

        class Client
        {
            Task<string> Get(HttpClient http)
                => Policy.{|LLM1001:Handle<HttpRequestException>|}().{|LLM1002:RetryForeverAsync|}().ExecuteAsync(() => http.GetStringAsync("v1/models"));
        }
        """);

    [Fact]
    public Task V8_default_predicate_executed_over_an_sdk_call_is_reported() => RetryVerify.AnalyzerAsync("""
        using OpenAI.Chat;
        using Polly;
        using Polly.Retry;

        class Client
        {
            async Task<string> Ask(ChatClient chat, string prompt, CancellationToken ct)
            {
                var options = [|new RetryStrategyOptions|] { MaxRetryAttempts = 3 };
                var pipeline = new ResiliencePipelineBuilder().AddRetry(options).Build();
                ChatCompletion completion = await pipeline.ExecuteAsync(async token => (ChatCompletion)await chat.CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: token), ct);
                return completion.Content[0].Text;
            }
        }
        """, NonRetryable);

    [Fact]
    public Task Policy_executed_over_non_http_work_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class Client
        {
            async Task Work(Func<Task> save, CancellationToken ct)
            {
                await Policy.Handle<Exception>().RetryForeverAsync().ExecuteAsync(save);
                await new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions()).Build().ExecuteAsync(async token => await save(), ct);
            }
        }
        """);

    // ---- Fixes ----

    [Fact]
    public Task V7_predicate_is_rewritten() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy
                .Handle<HttpRequestException>()
                .OrResult<HttpResponseMessage>(r => [|!r.IsSuccessStatusCode|])
                .RetryAsync(3);
        }
        """, """
        using System.Net;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy<HttpResponseMessage> Retry = Policy
                .Handle<HttpRequestException>()
                .OrResult<HttpResponseMessage>(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                .RetryAsync(3);
        }
        """, NonRetryable);

    [Fact]
    public Task V7_predicate_is_added() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        using System.ClientModel;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.[|Handle<ClientResultException>|]().RetryAsync(3);
        }
        """, """
        using System.ClientModel;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy Retry = Policy.Handle<ClientResultException>(ex => ex.Status is 408 or 429 or >= 500).RetryAsync(3);
        }
        """, NonRetryable);

    [Fact]
    public Task V8_predicate_builder_is_rewritten() => RetryVerify.CodeFixAsync<RetryableOnlyFixer>("""
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => [|(int)r.StatusCode >= 400|]),
            };
        }
        """, """
        using System.Net;
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError),
            };
        }
        """, NonRetryable);

    [Fact]
    public Task V7_forever_is_bounded() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
        using System.ClientModel;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy A = Policy.Handle<ClientResultException>(ex => ex.Status == 429).[|RetryForeverAsync|]();
            static readonly IAsyncPolicy B = Policy.Handle<ClientResultException>(ex => ex.Status == 429).[|WaitAndRetryForeverAsync|](i => TimeSpan.FromSeconds(i));
            static readonly IAsyncPolicy C = Policy.Handle<ClientResultException>(ex => ex.Status == 429).[|RetryAsync|](int.MaxValue);
        }
        """, """
        using System.ClientModel;
        using Polly;

        class Policies
        {
            static readonly IAsyncPolicy A = Policy.Handle<ClientResultException>(ex => ex.Status == 429).RetryAsync(3);
            static readonly IAsyncPolicy B = Policy.Handle<ClientResultException>(ex => ex.Status == 429).WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
            static readonly IAsyncPolicy C = Policy.Handle<ClientResultException>(ex => ex.Status == 429).RetryAsync(3);
        }
        """, Unbounded);

    [Fact]
    public Task V7_forever_with_an_onRetry_that_has_no_bounded_twin_is_not_fixed() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
        using System.ClientModel;
        using Polly;

        class Policies
        {
            static readonly ISyncPolicy A = Policy.Handle<ClientResultException>(ex => ex.Status == 429).[|RetryForever|](ex => Console.WriteLine(ex.Message));
        }
        """, """
        using System.ClientModel;
        using Polly;

        class Policies
        {
            static readonly ISyncPolicy A = Policy.Handle<ClientResultException>(ex => ex.Status == 429).[|RetryForever|](ex => Console.WriteLine(ex.Message));
        }
        """, Unbounded);

    [Fact]
    public Task V8_max_value_is_replaced() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
        using System.ClientModel;
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static readonly RetryStrategyOptions Options = new()
            {
                MaxRetryAttempts = [|int.MaxValue|],
                ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(ex => ex.Status == 429),
            };
        }
        """, """
        using System.ClientModel;
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static readonly RetryStrategyOptions Options = new()
            {
                MaxRetryAttempts = 3,
                ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(ex => ex.Status == 429),
            };
        }
        """, Unbounded);
}
