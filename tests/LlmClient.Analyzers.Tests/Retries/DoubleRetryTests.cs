using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>LLM1007: retries around SDK clients that keep their own default retries, and the fix.</summary>
public class DoubleRetryTests
{
    private const string Double = RuleIdentifiers.DoubleRetry;

    private const string Retry = """
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        ChatCompletion completion = await CALL;
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status is 408 or >= 500)
                    {
                        if (++attempt > 3)
                        {
                            throw;
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
        """;

    private static string Loop(string call) => Retry.Replace("CALL", call, StringComparison.Ordinal);

    [Fact]
    public Task Client_without_options_in_a_field_gets_options_with_retries_off() => Verify<RetryAnalyzer>.CodeFixAsync<DoubleRetryFixer>($$"""
        using System.ClientModel;
        using OpenAI.Chat;

        class Assistant
        {
            private readonly ChatClient _chat = new ChatClient("gpt-5.5", new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!));

            async Task<string> Ask(string prompt)
            {
        {{Loop("[|_chat.CompleteChatAsync(new UserChatMessage(prompt))|]")}}
            }
        }
        """, $$"""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        class Assistant
        {
            private readonly ChatClient _chat = new ChatClient("gpt-5.5", new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });

            async Task<string> Ask(string prompt)
            {
        {{Loop("_chat.CompleteChatAsync(new UserChatMessage(prompt))")}}
            }
        }
        """, Double);

    [Fact]
    public Task Options_without_a_retry_policy_get_one() => Verify<RetryAnalyzer>.CodeFixAsync<DoubleRetryFixer>($$"""
        using System.ClientModel;
        using OpenAI;
        using OpenAI.Chat;

        class Assistant
        {
            async Task<string> Ask(string key, string prompt)
            {
                var options = new OpenAIClientOptions
                {
                    Endpoint = new Uri("https://gateway.example/v1"),
                };
                var chat = new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient("gpt-5.5");
        {{Loop("[|chat.CompleteChatAsync(new UserChatMessage(prompt))|]")}}
            }
        }
        """, $$"""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        class Assistant
        {
            async Task<string> Ask(string key, string prompt)
            {
                var options = new OpenAIClientOptions
                {
                    Endpoint = new Uri("https://gateway.example/v1"),
                    RetryPolicy = new ClientRetryPolicy(0),
                };
                var chat = new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient("gpt-5.5");
        {{Loop("chat.CompleteChatAsync(new UserChatMessage(prompt))")}}
            }
        }
        """, Double);

    [Fact]
    public Task Anthropic_client_gets_MaxRetries_zero() => Verify<RetryAnalyzer>.CodeFixAsync<DoubleRetryFixer>("""
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;

        class Assistant
        {
            private readonly AnthropicClient _client = new AnthropicClient();

            async Task<Message> Ask(MessageCreateParams parameters)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await [|_client.Messages.Create(parameters)|];
                    }
                    catch (Anthropic5xxException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }
        }
        """, """
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;

        class Assistant
        {
            private readonly AnthropicClient _client = new AnthropicClient { MaxRetries = 0 };

            async Task<Message> Ask(MessageCreateParams parameters)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await _client.Messages.Create(parameters);
                    }
                    catch (Anthropic5xxException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }
        }
        """, Double);

    [Fact]
    public Task Clients_with_their_retries_off_or_passed_in_are_not_reported() => Verify<RetryAnalyzer>.AnalyzerAsync($$"""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;
        using OpenAI;
        using OpenAI.Chat;

        class Assistant(ChatClient injected)
        {
            private readonly ChatClient _off = new OpenAIClient(
                new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!),
                new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }).GetChatClient("gpt-5.5");

            private readonly AnthropicClient _anthropic = new() { MaxRetries = 0 };

            async Task<string> AskOff(string prompt)
            {
        {{Loop("_off.CompleteChatAsync(new UserChatMessage(prompt))")}}
            }

            async Task<string> AskInjected(string prompt)
            {
        {{Loop("injected.CompleteChatAsync(new UserChatMessage(prompt))")}}
            }

            async Task<Message> AskClaude(MessageCreateParams parameters)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await _anthropic.Messages.Create(parameters);
                    }
                    catch (Anthropic5xxException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1000 * Math.Pow(2, attempt))));
                    }
                }
            }

            async Task<string> NoRetry(string prompt)
            {
                var chat = new ChatClient("gpt-5.5", new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!));
                ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(prompt));
                return completion.Content[0].Text;
            }
        }
        """);
}
