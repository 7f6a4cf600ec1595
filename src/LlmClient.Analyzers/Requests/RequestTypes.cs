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
    }

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
    public bool CanContainRequests => HttpClientJsonExtensions is not null || JsonContent is not null || JsonSerializer is not null;

    public static RequestTypes? Create(Compilation compilation)
    {
        var types = new RequestTypes(compilation);
        return types.CanContainRequests ? types : null;
    }
}
