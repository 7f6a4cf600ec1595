// Valid corpus: SDK clients used correctly (OpenAI, Microsoft.Extensions.AI, Anthropic).
#pragma warning disable OPENAI001 // Experimental OpenAI APIs.
using System.ClientModel;
using Anthropic;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace ValidCorpus.Sdk;

public sealed class OpenAiSdkUser
{
    private readonly ChatClient _chat;

    public OpenAiSdkUser()
    {
        var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set OPENAI_API_KEY.");
        _chat = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri("https://gateway.example/v1") }).GetChatClient("gpt-5.5");
    }

    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        var options = new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 512 };
        ChatCompletion completion = await _chat.CompleteChatAsync([new UserChatMessage(question)], options, cancellationToken);
        return completion.Content[0].Text;
    }

    public async IAsyncEnumerable<string> StreamAsync(string question, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in _chat.CompleteChatStreamingAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = 256 }, cancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                yield return part.Text;
            }
        }
    }
}

public sealed class ExtensionsAiUser(IChatClient client)
{
    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { ModelId = "gpt-5.5", Temperature = 0.1f, MaxOutputTokens = 400 };
        var response = await client.GetResponseAsync(question, options, cancellationToken);
        return response.Text;
    }
}

public sealed class AnthropicUser
{
    private readonly AnthropicClient _client = new() { MaxRetries = 3 };

    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        var parameters = new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 1024,
            Messages = [new UserMessageParam(question)],
        };
        var message = await _client.Messages.Create(parameters, cancellationToken);
        return message.Content.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
