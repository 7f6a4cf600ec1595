// Valid corpus: typed and named clients registered with IHttpClientFactory, with DelegatingHandlers for
// authentication, correlation and a transient-only retry that honours Retry-After.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ValidCorpus.Styles.HttpFactory;

public sealed class GatewayOptions
{
    public const string SectionName = "LlmGateway";

    public Uri BaseAddress { get; set; } = new("https://llm-gateway.internal.example/");

    public string ApiKeyVariable { get; set; } = "LLM_GATEWAY_API_KEY";

    public string ChatModel { get; set; } = "gpt-4.1-mini";

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    public int MaxRetries { get; set; } = 3;
}

/// <summary>Adds the bearer token from an environment variable named in configuration.</summary>
public sealed class ApiKeyHandler(IOptions<GatewayOptions> options) : DelegatingHandler
{
    private string? _cachedKey;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _cachedKey ??= Environment.GetEnvironmentVariable(options.Value.ApiKeyVariable)
            ?? throw new InvalidOperationException($"Environment variable {options.Value.ApiKeyVariable} is not set.");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _cachedKey);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Stamps every request with the ambient trace id so gateway logs can be joined with ours.</summary>
public sealed class CorrelationHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var id = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", id);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Retries 408, 429 and 5xx (not 501/505) a bounded number of times with capped, jittered exponential backoff.
/// A 429's Retry-After wins when it is reasonable. The last response is handed back for the caller to judge.
/// </summary>
public sealed class TransientRetryHandler(IOptions<GatewayOptions> options, ILogger<TransientRetryHandler> logger) : DelegatingHandler
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(45);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var maxRetries = Math.Clamp(options.Value.MaxRetries, 0, 5);
        for (var retry = 0; ; retry++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!ShouldRetry(response.StatusCode) || retry >= maxRetries)
            {
                return response;
            }

            var delay = DelayBefore(retry, response);
            logger.LogWarning("Gateway answered {Status} for {Uri}; retry {Retry} in {Delay}", (int)response.StatusCode, request.RequestUri, retry + 1, delay);
            response.Dispose();
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static bool ShouldRetry(HttpStatusCode status)
        => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
           || (int)status >= 500 && status != HttpStatusCode.NotImplemented && status != HttpStatusCode.HttpVersionNotSupported;

    private static TimeSpan DelayBefore(int retry, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var hint = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - DateTimeOffset.UtcNow,
                _ => (TimeSpan?)null,
            };

            if (hint is { } wait && wait > TimeSpan.Zero && wait <= LongestRetryAfter)
            {
                return wait;
            }
        }

        var capMs = Math.Min(30_000d, 1_000d * Math.Pow(2, retry));
        return TimeSpan.FromMilliseconds(capMs / 2 + Random.Shared.NextDouble() * capMs / 2);
    }
}

public sealed record SummaryResult(string Text, int InputTokens, int OutputTokens);

public interface ISummaryClient
{
    Task<SummaryResult> SummarizeAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>A typed client: the factory hands it a configured HttpClient.</summary>
public sealed class SummaryClient(HttpClient http, IOptions<GatewayOptions> options) : ISummaryClient
{
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<SummaryResult> SummarizeAsync(string text, CancellationToken cancellationToken = default)
    {
        var request = new
        {
            model = options.Value.ChatModel,
            messages = new object[]
            {
                new { role = "system", content = "Summarize in at most five sentences." },
                new { role = "user", content = text },
            },
            max_completion_tokens = 600,
            temperature = 0.2,
        };

        using var response = await http.PostAsJsonAsync("v1/chat/completions", request, Wire, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Summary failed with {(int)response.StatusCode}: {problem}", null, response.StatusCode);
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = json.RootElement;
        var usage = root.GetProperty("usage");
        return new SummaryResult(
            root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty,
            usage.GetProperty("prompt_tokens").GetInt32(),
            usage.GetProperty("completion_tokens").GetInt32());
    }
}

/// <summary>Consumes a named client rather than a typed one.</summary>
public sealed class ModerationService(IHttpClientFactory factory)
{
    public const string ClientName = "moderation";

    public async Task<bool> IsFlaggedAsync(string text, CancellationToken cancellationToken)
    {
        var http = factory.CreateClient(ClientName);
        using var response = await http.PostAsJsonAsync("v1/moderations", new { model = "omni-moderation-latest", input = text }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("results")[0].GetProperty("flagged").GetBoolean();
    }
}

public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddLlmGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<GatewayOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.Validate(o => o.MaxRetries is >= 0 and <= 5, "MaxRetries must be between 0 and 5.");

        services.AddTransient<ApiKeyHandler>();
        services.AddTransient<CorrelationHandler>();
        services.AddTransient<TransientRetryHandler>();

        services.AddHttpClient<ISummaryClient, SummaryClient>((provider, http) =>
            {
                var gateway = provider.GetRequiredService<IOptions<GatewayOptions>>().Value;
                http.BaseAddress = gateway.BaseAddress;
                http.Timeout = gateway.RequestTimeout;
            })
            .AddHttpMessageHandler<CorrelationHandler>()
            .AddHttpMessageHandler<ApiKeyHandler>()
            .AddHttpMessageHandler<TransientRetryHandler>();

        services.AddHttpClient(ModerationService.ClientName, (provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IOptions<GatewayOptions>>().Value.BaseAddress;
                http.Timeout = TimeSpan.FromSeconds(20);
            })
            .AddHttpMessageHandler<ApiKeyHandler>();

        services.AddSingleton<ModerationService>();
        return services;
    }
}

public static class GatewayBootstrap
{
    /// <summary>How a console tool wires the clients without a host.</summary>
    public static async Task<string> SummarizeFileAsync(string path, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLlmGateway(o => o.ChatModel = "gpt-4.1");

        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var summaries = provider.GetRequiredService<ISummaryClient>();
        var result = await summaries.SummarizeAsync(await File.ReadAllTextAsync(path, cancellationToken), cancellationToken);
        return $"{result.Text} ({result.InputTokens} in / {result.OutputTokens} out)";
    }
}
