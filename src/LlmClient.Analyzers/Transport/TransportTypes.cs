using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Transport;

/// <summary>The types the transport model recognizes, resolved once per compilation.</summary>
internal sealed class TransportTypes
{
    private TransportTypes(Compilation compilation)
    {
        HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        HttpHeaders = compilation.GetTypeByMetadataName("System.Net.Http.Headers.HttpHeaders");
        AuthenticationHeaderValue = compilation.GetTypeByMetadataName("System.Net.Http.Headers.AuthenticationHeaderValue");
        HttpCompletionOption = compilation.GetTypeByMetadataName("System.Net.Http.HttpCompletionOption");
        ApiKeyCredential = compilation.GetTypeByMetadataName("System.ClientModel.ApiKeyCredential");
        ClientPipelineOptions = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.ClientPipelineOptions");
        AnthropicClient = compilation.GetTypeByMetadataName("Anthropic.AnthropicClient");
        AnthropicClientOptions = compilation.GetTypeByMetadataName("Anthropic.Core.ClientOptions");
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        InvalidOperationException = compilation.GetTypeByMetadataName("System.InvalidOperationException");
        HttpRequestException = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestException");
        TextReader = compilation.GetTypeByMetadataName("System.IO.TextReader");
        SseParser = compilation.GetTypeByMetadataName("System.Net.ServerSentEvents.SseParser");
        SseItem = compilation.GetTypeByMetadataName("System.Net.ServerSentEvents.SseItem`1");
        JsonDocument = compilation.GetTypeByMetadataName("System.Text.Json.JsonDocument");
        JsonElement = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
        JsonValueKind = compilation.GetTypeByMetadataName("System.Text.Json.JsonValueKind");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        Timeout = compilation.GetTypeByMetadataName("System.Threading.Timeout");
    }

    public INamedTypeSymbol? HttpClient { get; }

    public INamedTypeSymbol? HttpHeaders { get; }

    public INamedTypeSymbol? AuthenticationHeaderValue { get; }

    public INamedTypeSymbol? HttpCompletionOption { get; }

    public INamedTypeSymbol? ApiKeyCredential { get; }

    public INamedTypeSymbol? ClientPipelineOptions { get; }

    public INamedTypeSymbol? AnthropicClient { get; }

    public INamedTypeSymbol? AnthropicClientOptions { get; }

    public INamedTypeSymbol? Environment { get; }

    public INamedTypeSymbol? InvalidOperationException { get; }

    public INamedTypeSymbol? HttpRequestException { get; }

    public INamedTypeSymbol? TextReader { get; }

    public INamedTypeSymbol? SseParser { get; }

    public INamedTypeSymbol? SseItem { get; }

    public INamedTypeSymbol? JsonDocument { get; }

    public INamedTypeSymbol? JsonElement { get; }

    public INamedTypeSymbol? JsonValueKind { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? Timeout { get; }

    /// <summary>Without an HTTP client or an LLM SDK, no code in the compilation can call an LLM.</summary>
    public bool CanCallApis => HttpClient is not null || ApiKeyCredential is not null || AnthropicClient is not null;

    public static TransportTypes? Create(Compilation compilation)
    {
        var types = new TransportTypes(compilation);
        return types.CanCallApis ? types : null;
    }

    /// <summary>Is <paramref name="type"/> <paramref name="baseType"/> or derived from it?</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
