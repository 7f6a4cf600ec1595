using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Transport;

/// <summary>The types the transport model recognizes, each resolved once per compilation, on first use.</summary>
internal sealed class TransportTypes
{
    /// <summary>Each type is looked up on first use: see <see cref="LazyTypes"/>.</summary>
    private INamedTypeSymbol? Resolve(ref object? slot, string metadataName) => LazyTypes.Resolve(_compilation, ref slot, metadataName);

    private readonly Compilation _compilation;

    private TransportTypes(Compilation compilation)
    {
        _compilation = compilation;
    }

    public INamedTypeSymbol? HttpClient => Resolve(ref _httpClient, "System.Net.Http.HttpClient");

    private object? _httpClient;

    public INamedTypeSymbol? HttpHeaders => Resolve(ref _httpHeaders, "System.Net.Http.Headers.HttpHeaders");

    private object? _httpHeaders;

    public INamedTypeSymbol? AuthenticationHeaderValue => Resolve(ref _authenticationHeaderValue, "System.Net.Http.Headers.AuthenticationHeaderValue");

    private object? _authenticationHeaderValue;

    public INamedTypeSymbol? HttpCompletionOption => Resolve(ref _httpCompletionOption, "System.Net.Http.HttpCompletionOption");

    private object? _httpCompletionOption;

    public INamedTypeSymbol? ApiKeyCredential => Resolve(ref _apiKeyCredential, "System.ClientModel.ApiKeyCredential");

    private object? _apiKeyCredential;

    public INamedTypeSymbol? ClientPipelineOptions => Resolve(ref _clientPipelineOptions, "System.ClientModel.Primitives.ClientPipelineOptions");

    private object? _clientPipelineOptions;

    public INamedTypeSymbol? AnthropicClient => Resolve(ref _anthropicClient, "Anthropic.AnthropicClient");

    private object? _anthropicClient;

    public INamedTypeSymbol? AnthropicClientOptions => Resolve(ref _anthropicClientOptions, "Anthropic.Core.ClientOptions");

    private object? _anthropicClientOptions;

    public INamedTypeSymbol? Environment => Resolve(ref _environment, "System.Environment");

    private object? _environment;

    public INamedTypeSymbol? InvalidOperationException => Resolve(ref _invalidOperationException, "System.InvalidOperationException");

    private object? _invalidOperationException;

    public INamedTypeSymbol? HttpRequestException => Resolve(ref _httpRequestException, "System.Net.Http.HttpRequestException");

    private object? _httpRequestException;

    public INamedTypeSymbol? TextReader => Resolve(ref _textReader, "System.IO.TextReader");

    private object? _textReader;

    public INamedTypeSymbol? SseParser => Resolve(ref _sseParser, "System.Net.ServerSentEvents.SseParser");

    private object? _sseParser;

    public INamedTypeSymbol? SseItem => Resolve(ref _sseItem, "System.Net.ServerSentEvents.SseItem`1");

    private object? _sseItem;

    public INamedTypeSymbol? JsonDocument => Resolve(ref _jsonDocument, "System.Text.Json.JsonDocument");

    private object? _jsonDocument;

    public INamedTypeSymbol? JsonElement => Resolve(ref _jsonElement, "System.Text.Json.JsonElement");

    private object? _jsonElement;

    public INamedTypeSymbol? JsonValueKind => Resolve(ref _jsonValueKind, "System.Text.Json.JsonValueKind");

    private object? _jsonValueKind;

    public INamedTypeSymbol? TimeSpan => Resolve(ref _timeSpan, "System.TimeSpan");

    private object? _timeSpan;

    public INamedTypeSymbol? Timeout => Resolve(ref _timeout, "System.Threading.Timeout");

    private object? _timeout;

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
