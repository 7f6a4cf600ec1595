// Valid corpus: hand-written server-sent-event readers over ResponseHeadersRead. Each one turns an in-band
// error event into an exception instead of ending quietly, and only these streaming clients lift
// HttpClient.Timeout (an idle timeout guards the stream instead).
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ValidCorpus.Styles.Sse;

public sealed class StreamFailedException(string message, string? code = null) : Exception(message)
{
    public string? Code { get; } = code;
}

public static class StreamingHttp
{
    /// <summary>A client for long streams: no overall timeout, the reader enforces an idle timeout per read.</summary>
    public static HttpClient Create(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };

        return new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }
}

public sealed class ChatCompletionsStreamReader(HttpClient streamingHttp)
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    public async IAsyncEnumerable<string> StreamAsync(string model, string prompt, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = new
        {
            model,
            messages = new[] { new { role = "user", content = prompt } },
            stream = true,
            stream_options = new { include_usage = true },
            max_completion_tokens = 2000,
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await streamingHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Stream refused with {(int)response.StatusCode}: {detail}", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        while (true)
        {
            idle.CancelAfter(IdleTimeout);
            var line = await reader.ReadLineAsync(idle.Token);
            if (line is null)
            {
                throw new StreamFailedException("The stream ended without [DONE].");
            }

            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue; // blank separators, comments (": keep-alive") and other fields
            }

            var data = line.AsSpan(5).Trim().ToString();
            if (data == "[DONE]")
            {
                yield break;
            }

            using var chunk = JsonDocument.Parse(data);
            if (chunk.RootElement.TryGetProperty("error", out var error))
            {
                throw new StreamFailedException(
                    error.TryGetProperty("message", out var message) ? message.GetString() ?? "stream error" : error.ToString(),
                    error.TryGetProperty("code", out var code) ? code.ToString() : null);
            }

            if (chunk.RootElement.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices
                && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content)
                && content.ValueKind == JsonValueKind.String)
            {
                yield return content.GetString()!;
            }
        }
    }
}

public sealed class ResponsesEventStreamReader(HttpClient streamingHttp)
{
    public async Task<string> CollectAsync(string input, Action<string> onDelta, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(new { model = "gpt-4.1", input, stream = true, max_output_tokens = 3000 });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };

        using var response = await streamingHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);

        var text = new StringBuilder();
        await foreach (SseItem<string> item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            using var json = JsonDocument.Parse(item.Data);
            var type = json.RootElement.TryGetProperty("type", out var t) ? t.GetString() : item.EventType;
            switch (type)
            {
                case "response.output_text.delta":
                    var delta = json.RootElement.GetProperty("delta").GetString() ?? string.Empty;
                    text.Append(delta);
                    onDelta(delta);
                    break;
                case "error":
                    throw new StreamFailedException(json.RootElement.GetProperty("message").GetString() ?? "error event", json.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null);
                case "response.failed":
                    var failure = json.RootElement.GetProperty("response").GetProperty("error");
                    throw new StreamFailedException(failure.GetProperty("message").GetString() ?? "response failed", failure.GetProperty("code").GetString());
                case "response.completed":
                    return text.ToString();
            }
        }

        throw new StreamFailedException("The stream closed before response.completed.");
    }
}

public sealed class AnthropicEventStreamReader(HttpClient streamingHttp)
{
    public async IAsyncEnumerable<string> StreamAsync(string system, string prompt, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object>
        {
            ["model"] = "claude-sonnet-4-5",
            ["max_tokens"] = 4096,
            ["system"] = system,
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = prompt } },
            ["stream"] = true,
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = JsonContent.Create(body) };
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await streamingHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));

        string? eventName = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
                continue;
            }

            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            using var data = JsonDocument.Parse(line["data: ".Length..]);
            if (eventName == "error" || data.RootElement.TryGetProperty("error", out _))
            {
                var error = data.RootElement.GetProperty("error");
                throw new StreamFailedException(error.GetProperty("message").GetString() ?? "overloaded", error.GetProperty("type").GetString());
            }

            if (eventName == "content_block_delta"
                && data.RootElement.GetProperty("delta") is var delta
                && delta.GetProperty("type").GetString() == "text_delta")
            {
                yield return delta.GetProperty("text").GetString() ?? string.Empty;
            }
            else if (eventName == "message_stop")
            {
                yield break;
            }
        }

        throw new StreamFailedException("The stream ended before message_stop.");
    }
}
