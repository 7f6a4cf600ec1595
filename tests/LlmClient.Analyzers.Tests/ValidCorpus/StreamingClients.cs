// Valid corpus: streaming LLM clients done right — SSE readers that check for error events, a long timeout only on
// streaming clients, keys from the environment.
#pragma warning disable OPENAI001 // Experimental OpenAI APIs.
using System.ClientModel;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace ValidCorpus.Streaming;

public sealed class RawSseChatClient
{
    private readonly HttpClient _http;

    public RawSseChatClient()
    {
        // Streaming keeps data flowing, so a long client timeout is safe here.
        _http = new HttpClient { BaseAddress = new Uri("https://gateway.example/"), Timeout = TimeSpan.FromMinutes(10) };
        var key = Environment.GetEnvironmentVariable("LLM_API_KEY") ?? throw new InvalidOperationException("Set LLM_API_KEY.");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public async IAsyncEnumerable<string> StreamAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = new { model = "gpt-5.5", messages = new[] { new { role = "user", content = prompt } }, stream = true };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line["data: ".Length..];
            if (data == "[DONE]")
            {
                yield break;
            }

            using var document = JsonDocument.Parse(data);
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                throw new HttpRequestException(error.TryGetProperty("message", out var message) ? message.GetString() : error.ToString());
            }

            var choices = document.RootElement.GetProperty("choices");
            if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var content))
            {
                yield return content.GetString() ?? string.Empty;
            }
        }

        throw new HttpRequestException("The stream ended without [DONE].");
    }

    public async IAsyncEnumerable<string> StreamWithParserAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (item.Data == "[DONE]")
            {
                yield break;
            }

            var chunk = JsonSerializer.Deserialize<StreamChunk>(item.Data);
            if (chunk?.Error is { } error)
            {
                throw new HttpRequestException(error.Message);
            }

            yield return chunk?.Text ?? string.Empty;
        }
    }
}

public sealed record StreamChunk(string? Text, StreamError? Error);

public sealed record StreamError(string Message, string? Code);

public sealed class StreamingSdkClient
{
    private readonly ChatClient _chat;

    public StreamingSdkClient()
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri("https://gateway.example/v1"), NetworkTimeout = TimeSpan.FromMinutes(10) };
        var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set OPENAI_API_KEY.");
        _chat = new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient("gpt-5.5");
    }

    public async Task<string> StreamAsync(string question, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var update in _chat.CompleteChatStreamingAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = 256 }, cancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        return text.ToString();
    }
}
