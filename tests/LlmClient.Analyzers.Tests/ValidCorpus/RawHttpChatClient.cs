// Valid corpus: a hand-written chat client over HttpClient that does everything right.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ValidCorpus.RawHttp;

public sealed record ChatMessageDto(string Role, string Content);

public sealed class GatewayChatClient
{
    private const int MaxRetries = 3;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;

    public GatewayChatClient(HttpClient http)
    {
        _http = http;
        _http.BaseAddress ??= new Uri("https://gateway.example/");
        var key = Environment.GetEnvironmentVariable("GATEWAY_API_KEY")
            ?? throw new InvalidOperationException("Set GATEWAY_API_KEY.");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public async Task<string> CompleteAsync(IReadOnlyList<ChatMessageDto> messages, CancellationToken cancellationToken)
    {
        var body = new
        {
            model = "gpt-5.5",
            messages = messages.Select(m => new { role = m.Role, content = m.Content }).ToArray(),
            n = 1,
            max_completion_tokens = 1024,
        };

        for (var attempt = 0; ; attempt++)
        {
            using var response = await _http.PostAsJsonAsync("v1/chat/completions", body, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                return document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
            }

            if (!IsTransient(response.StatusCode) || attempt >= MaxRetries)
            {
                var error = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new HttpRequestException($"Gateway returned {(int)response.StatusCode}: {error}", null, response.StatusCode);
            }

            await Task.Delay(DelayFor(response, attempt), cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode status)
        => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
           || ((int)status >= 500 && status is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);

    private static TimeSpan DelayFor(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta <= MaxRetryAfter ? delta : throw new HttpRequestException($"Retry-After of {delta} exceeds the limit.");
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait <= MaxRetryAfter ? (wait < TimeSpan.Zero ? TimeSpan.Zero : wait) : throw new HttpRequestException($"Retry-After of {wait} exceeds the limit.");
        }

        var exponential = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * exponential);
    }

    public async Task<string> RespondAsync(string input, CancellationToken cancellationToken)
    {
        var content = JsonContent.Create(new { model = "gpt-5.5", input, max_output_tokens = 512 });
        using var response = await _http.PostAsync("v1/responses", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<string> AskClaudeAsync(string question, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(new
        {
            model = "claude-sonnet-4",
            max_tokens = 1024,
            messages = new[] { new { role = "user", content = question } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<byte[]> GenerateImagesAsync(string prompt, CancellationToken cancellationToken)
    {
        // n is fine on image generation.
        using var response = await _http.PostAsJsonAsync("v1/images/generations", new { model = "gpt-image-1", prompt, n = 4 }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }
}
