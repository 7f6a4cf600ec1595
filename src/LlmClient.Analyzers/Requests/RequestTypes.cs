using System.Collections.Immutable;
using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests;

/// <summary>The types the request model recognizes, resolved once per compilation.</summary>
internal sealed class RequestTypes
{
    private RequestTypes(Compilation compilation)
    {
        HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        HttpContent = compilation.GetTypeByMetadataName("System.Net.Http.HttpContent");
        HttpRequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
        HttpMessageInvoker = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
        HttpClientJsonExtensions = compilation.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions");
        JsonContent = compilation.GetTypeByMetadataName("System.Net.Http.Json.JsonContent");
        JsonSerializer = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer");
        JsonSerializerOptions = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializerOptions");
        JsonNamingPolicy = compilation.GetTypeByMetadataName("System.Text.Json.JsonNamingPolicy");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
        StringContent = compilation.GetTypeByMetadataName("System.Net.Http.StringContent");
        GenericDictionaryInterface = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
        JsonObject = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonObject");
        JsonArray = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonArray");
        JObject = compilation.GetTypeByMetadataName("Newtonsoft.Json.Linq.JObject");
        JProperty = compilation.GetTypeByMetadataName("Newtonsoft.Json.Linq.JProperty");
        JToken = compilation.GetTypeByMetadataName("Newtonsoft.Json.Linq.JToken");
        JsonConvert = compilation.GetTypeByMetadataName("Newtonsoft.Json.JsonConvert");

        var sdk = ImmutableDictionary.CreateBuilder<INamedTypeSymbol, SdkOptionsType>(SymbolEqualityComparer.Default);
        foreach (var type in SdkParameters.Types)
        {
            if (compilation.GetTypeByMetadataName(type.MetadataName) is { } symbol)
            {
                sdk[symbol] = type;
            }
        }

        SdkOptions = sdk.ToImmutable();
    }

    public INamedTypeSymbol? StringContent { get; }

    public INamedTypeSymbol? GenericDictionaryInterface { get; }

    public INamedTypeSymbol? JsonObject { get; }

    public INamedTypeSymbol? JsonArray { get; }

    public INamedTypeSymbol? JObject { get; }

    public INamedTypeSymbol? JProperty { get; }

    public INamedTypeSymbol? JToken { get; }

    public INamedTypeSymbol? JsonConvert { get; }

    /// <summary>The SDK options types present in the compilation.</summary>
    public ImmutableDictionary<INamedTypeSymbol, SdkOptionsType> SdkOptions { get; }

    /// <summary>Is <paramref name="type"/> a string-keyed dictionary (Dictionary, JsonObject, JObject, AdditionalPropertiesDictionary...)?</summary>
    public bool IsStringKeyedCollection(ITypeSymbol? type)
    {
        if (type is null || GenericDictionaryInterface is null)
        {
            return false;
        }

        if (type is INamedTypeSymbol named && IsStringDictionary(named))
        {
            return true;
        }

        // Asked of every object creation and many values a payload reader meets, nearly always of a few types: the answer is
        // kept per type (AllInterfaces builds and substitutes the interface list on each call).
        if (!_stringKeyed.TryGetValue(type, out var answer))
        {
            answer = false;
            foreach (var candidate in type.AllInterfaces)
            {
                if (IsStringDictionary(candidate))
                {
                    answer = true;
                    break;
                }
            }

            _stringKeyed.TryAdd(type, answer);
        }

        return answer;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool> _stringKeyed = new(SymbolEqualityComparer.Default);

    private bool IsStringDictionary(INamedTypeSymbol type)
        => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, GenericDictionaryInterface)
           && type.TypeArguments.Length == 2
           && type.TypeArguments[0].SpecialType == SpecialType.System_String;

    public INamedTypeSymbol? HttpClient { get; }

    public INamedTypeSymbol? HttpContent { get; }

    public INamedTypeSymbol? HttpRequestMessage { get; }

    public INamedTypeSymbol? HttpMessageInvoker { get; }

    public INamedTypeSymbol? HttpClientJsonExtensions { get; }

    public INamedTypeSymbol? JsonContent { get; }

    public INamedTypeSymbol? JsonSerializer { get; }

    public INamedTypeSymbol? JsonSerializerOptions { get; }

    public INamedTypeSymbol? JsonNamingPolicy { get; }

    public INamedTypeSymbol? Uri { get; }

    /// <summary>No payload this package understands can be written without one of these.</summary>
    public bool CanContainRequests
        => HttpClientJsonExtensions is not null || JsonContent is not null || JsonSerializer is not null || StringContent is not null
           || JsonConvert is not null || !SdkOptions.IsEmpty;

    /// <summary>Resolved once per compilation and shared by RequestAnalyzer and TransportAnalyzer (each look-up searches every reference).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, RequestTypes> Shared = new();

    public static RequestTypes? Create(Compilation compilation)
    {
        var types = Shared.GetValue(compilation, static c => new RequestTypes(c));
        return types.CanContainRequests ? types : null;
    }
}
