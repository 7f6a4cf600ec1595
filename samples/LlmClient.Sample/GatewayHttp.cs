using System.Net.Http.Headers;
using System.Text.Json;

namespace LlmClient.Sample;

/// <summary>The HttpClient both clients share, and the gateway's error envelope.</summary>
public static class GatewayHttp
{
    public static HttpClient CreateClient(GatewayOptions options)
    {
        var http = new HttpClient
        {
            BaseAddress = options.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    /// <summary>Throws a <see cref="GatewayException"/> with the gateway's error code for a failed response.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? code = null;
        string message = body;
        try
        {
            // { "error": { "message": "...", "type": "...", "code": "..." } }
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() ?? body : body;
            }
        }
        catch (JsonException)
        {
            // Not the JSON envelope (a proxy's HTML page, for instance): keep the raw body.
        }

        throw new GatewayException((int)response.StatusCode, code, message);
    }
}

public sealed class GatewayException(int status, string? code, string message)
    : Exception($"Gateway returned {status} {code}: {message}")
{
    public int Status { get; } = status;

    public string? Code { get; } = code;
}
