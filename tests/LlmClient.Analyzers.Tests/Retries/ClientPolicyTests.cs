using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>The SDK clients' own retry policies.</summary>
public class ClientPolicyTests
{
    private const string NonRetryable = RuleIdentifiers.NonRetryableStatus;
    private const string Unbounded = RuleIdentifiers.UnboundedRetry;

    [Fact]
    public Task ClientRetryPolicy_with_int_MaxValue_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;

        class Factory
        {
            OpenAIClient Create(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions
            {
                RetryPolicy = new ClientRetryPolicy(maxRetries: [|int.MaxValue|]),
            });
        }
        """, Unbounded);

    [Fact]
    public Task Anthropic_MaxRetries_int_MaxValue_is_reported() => RetryVerify.AnalyzerAsync("""
        using Anthropic;

        class Factory
        {
            AnthropicClient Create() => new() { MaxRetries = [|int.MaxValue|] };
        }
        """, Unbounded);

    [Fact]
    public Task Bounded_client_policies_are_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel.Primitives;
        using Anthropic;

        class Factory
        {
            ClientRetryPolicy Policy() => new ClientRetryPolicy(5);

            AnthropicClient Create() => new() { MaxRetries = 3 };
        }
        """);

    [Fact]
    public Task ShouldRetry_override_retrying_401_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel.Primitives;

        class AuthRetryPolicy : ClientRetryPolicy
        {
            protected override bool ShouldRetry(PipelineMessage message, Exception? exception)
                => [|message.Response?.Status == 401 || base.ShouldRetry(message, exception)|];
        }
        """, NonRetryable);

    [Fact]
    public Task ShouldRetry_override_on_every_error_is_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel.Primitives;

        class EverythingPolicy : ClientRetryPolicy
        {
            protected override bool ShouldRetry(PipelineMessage message, Exception? exception)
            {
                return [|exception is not null || message.Response!.IsError|];
            }
        }
        """, NonRetryable);

    [Fact]
    public Task ShouldRetry_override_on_transient_statuses_is_not_reported() => RetryVerify.AnalyzerAsync("""
        using System.ClientModel.Primitives;

        class TransientPolicy : ClientRetryPolicy
        {
            protected override bool ShouldRetry(PipelineMessage message, Exception? exception)
                => exception is not null || message.Response?.Status is 408 or 429 or >= 500 || base.ShouldRetry(message, exception);
        }
        """);

    [Fact]
    public Task Limit_is_replaced() => RetryVerify.CodeFixAsync<BoundRetryFixer>("""
        using System.ClientModel.Primitives;
        using Anthropic;

        class Factory
        {
            ClientRetryPolicy Policy() => new ClientRetryPolicy([|int.MaxValue|]);

            AnthropicClient Create() => new() { MaxRetries = [|int.MaxValue|] };
        }
        """, """
        using System.ClientModel.Primitives;
        using Anthropic;

        class Factory
        {
            ClientRetryPolicy Policy() => new ClientRetryPolicy(3);

            AnthropicClient Create() => new() { MaxRetries = 3 };
        }
        """, Unbounded);
}
