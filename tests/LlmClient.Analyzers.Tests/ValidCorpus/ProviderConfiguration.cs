// Valid corpus: configuration-driven LLM access: options classes bound from IConfiguration and validated,
// keys read from environment variables named in configuration, and a router over OpenAI-compatible
// providers and an Azure OpenAI deployment (where the URL names the model).
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ValidCorpus.Styles.Configuration;

public enum ProviderKind
{
    OpenAiCompatible,
    AzureOpenAi,
}

public sealed class ProviderSettings
{
    public Uri BaseUrl { get; set; } = null!;

    public ProviderKind Kind { get; set; } = ProviderKind.OpenAiCompatible;

    /// <summary>The name of the environment variable that holds the key; never the key itself.</summary>
    public string ApiKeyVariable { get; set; } = string.Empty;

    public string Model { get; set; } = string.Empty;

    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>default, priority, auto, or a wait of 00h-00m-05s to 00h-10m-00s.</summary>
    public string StartWithin { get; set; } = "default";

    public int TimeoutSeconds { get; set; } = 100;
}

public sealed class LlmRoutingOptions
{
    public const string Section = "Llm";

    public string DefaultProvider { get; set; } = "primary";

    public Dictionary<string, ProviderSettings> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class LlmRoutingOptionsValidator : IValidateOptions<LlmRoutingOptions>
{
    private static readonly Regex Duration = new(@"^(\d{2})h-(\d{2})m-(\d{2})s$", RegexOptions.CultureInvariant);

    public ValidateOptionsResult Validate(string? name, LlmRoutingOptions options)
    {
        var failures = new List<string>();
        if (!options.Providers.ContainsKey(options.DefaultProvider))
        {
            failures.Add($"Default provider '{options.DefaultProvider}' is not configured.");
        }

        foreach (var (key, provider) in options.Providers)
        {
            if (string.IsNullOrWhiteSpace(provider.Model) || string.IsNullOrWhiteSpace(provider.ApiKeyVariable) || provider.BaseUrl is null)
            {
                failures.Add($"Provider '{key}' needs BaseUrl, ApiKeyVariable and Model.");
            }

            if (provider.MaxOutputTokens is < 1 or > 32_000)
            {
                failures.Add($"Provider '{key}': MaxOutputTokens must be between 1 and 32000.");
            }

            if (provider.TimeoutSeconds is < 5 or > 300)
            {
                failures.Add($"Provider '{key}': TimeoutSeconds must be between 5 and 300 for non-streaming calls.");
            }

            if (!IsValidStartWithin(provider.StartWithin))
            {
                failures.Add($"Provider '{key}': start_within '{provider.StartWithin}' is not default, priority, auto or HHh-MMm-SSs.");
            }

            if (provider.Model.StartsWith("claude-", StringComparison.OrdinalIgnoreCase) && Duration.IsMatch(provider.StartWithin))
            {
                failures.Add($"Provider '{key}': Claude models take default, priority or auto, not a wait.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidStartWithin(string value)
    {
        if (value is "default" or "priority" or "auto")
        {
            return true;
        }

        var match = Duration.Match(value);
        if (!match.Success)
        {
            return false;
        }

        var seconds = int.Parse(match.Groups[1].ValueSpan) * 3600 + int.Parse(match.Groups[2].ValueSpan) * 60 + int.Parse(match.Groups[3].ValueSpan);
        return seconds is >= 5 and <= 600;
    }

}

public sealed class ProviderRouter(IHttpClientFactory httpFactory, IOptionsMonitor<LlmRoutingOptions> options)
{
    private const string AzureApiVersion = "2024-10-21";

    public async Task<string> ChatAsync(string prompt, string? providerName = null, CancellationToken cancellationToken = default)
    {
        var routing = options.CurrentValue;
        var name = providerName ?? routing.DefaultProvider;
        var provider = routing.Providers.TryGetValue(name, out var found)
            ? found
            : throw new ArgumentException($"Unknown provider '{name}'.", nameof(providerName));

        var http = httpFactory.CreateClient(name);
        http.BaseAddress ??= provider.BaseUrl;
        http.Timeout = TimeSpan.FromSeconds(provider.TimeoutSeconds);

        var key = Environment.GetEnvironmentVariable(provider.ApiKeyVariable)
            ?? throw new InvalidOperationException($"Environment variable {provider.ApiKeyVariable} for provider '{name}' is not set.");

        var messages = new[] { new { role = "user", content = prompt } };
        using var response = provider.Kind switch
        {
            ProviderKind.AzureOpenAi => await SendAzureAsync(http, key, provider, messages, cancellationToken),
            _ => await SendCompatibleAsync(http, key, provider, messages, cancellationToken),
        };

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Provider '{name}' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}",
                null,
                response.StatusCode);
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
    }

    private static Task<HttpResponseMessage> SendCompatibleAsync(HttpClient http, string key, ProviderSettings provider, object messages, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = JsonContent.Create(new
            {
                model = provider.Model,
                messages,
                max_completion_tokens = provider.MaxOutputTokens,
                start_within = provider.StartWithin,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request, cancellationToken);
    }

    private static Task<HttpResponseMessage> SendAzureAsync(HttpClient http, string key, ProviderSettings provider, object messages, CancellationToken cancellationToken)
    {
        // Azure OpenAI: the deployment in the path selects the model, so the body carries none.
        var url = $"openai/deployments/{Uri.EscapeDataString(provider.Model)}/chat/completions?api-version={AzureApiVersion}";
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new { messages, max_completion_tokens = provider.MaxOutputTokens }),
        };
        request.Headers.Add("api-key", key);
        return http.SendAsync(request, cancellationToken);
    }
}

public static class LlmConfigurationSetup
{
    public static IServiceCollection AddLlmRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmRoutingOptions>()
            .Bind(configuration.GetSection(LlmRoutingOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmRoutingOptions>, LlmRoutingOptionsValidator>();
        services.AddHttpClient();
        services.AddSingleton<ProviderRouter>();
        return services;
    }

    /// <summary>The settings a local development run uses; keys still come from the environment.</summary>
    public static IConfiguration DevelopmentDefaults() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:DefaultProvider"] = "primary",
            ["Llm:Providers:primary:BaseUrl"] = "https://gateway.dev.example/",
            ["Llm:Providers:primary:ApiKeyVariable"] = "GATEWAY_DEV_KEY",
            ["Llm:Providers:primary:Model"] = "gpt-4.1-mini",
            ["Llm:Providers:primary:StartWithin"] = "auto",
            ["Llm:Providers:azure:Kind"] = nameof(ProviderKind.AzureOpenAi),
            ["Llm:Providers:azure:BaseUrl"] = "https://contoso-dev.openai.azure.com/",
            ["Llm:Providers:azure:ApiKeyVariable"] = "AZURE_OPENAI_KEY",
            ["Llm:Providers:azure:Model"] = "gpt-4o-deployment",
            ["Llm:Providers:claude:BaseUrl"] = "https://gateway.dev.example/",
            ["Llm:Providers:claude:ApiKeyVariable"] = "GATEWAY_DEV_KEY",
            ["Llm:Providers:claude:Model"] = "claude-sonnet-4-5",
            ["Llm:Providers:claude:MaxOutputTokens"] = "2048",
            ["Llm:Providers:claude:StartWithin"] = "priority",
        })
        .Build();
}
