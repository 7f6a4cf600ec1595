using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests;

/// <summary>One HTTP call: its method and the URL's known text (LLM3001 reads these).</summary>
internal sealed class HttpCall
{
    public HttpCall(string method, string url, Location urlLocation)
    {
        Method = method;
        Url = url;
        UrlLocation = urlLocation;
        Endpoint = GatewayFacts.ClassifyUrl(url);
    }

    /// <summary>The HTTP method in upper case.</summary>
    public string Method { get; }

    public string Url { get; }

    public Location UrlLocation { get; }

    public EndpointKind Endpoint { get; }
}

/// <summary>Reads the method and URL of HttpClient calls and <c>new HttpRequestMessage(method, uri)</c>.</summary>
internal static class HttpCallExtractor
{
    public static bool IsCandidateMethodName(string name)
        => name.StartsWith("Get", System.StringComparison.Ordinal) || name.StartsWith("Post", System.StringComparison.Ordinal)
           || name.StartsWith("Put", System.StringComparison.Ordinal) || name.StartsWith("Patch", System.StringComparison.Ordinal)
           || name.StartsWith("Delete", System.StringComparison.Ordinal);

    public static HttpCall? FromInvocation(IInvocationOperation invocation, RequestTypes types, LocalIndex index)
    {
        var method = invocation.TargetMethod;
        var isClient = SymbolEqualityComparer.Default.Equals(method.ContainingType, types.HttpClient)
                       || SymbolEqualityComparer.Default.Equals(method.ContainingType, types.HttpClientJsonExtensions);
        if (!isClient || VerbOf(method.Name) is not { } verb || invocation.GetArgument("requestUri") is not { } uri)
        {
            return null;
        }

        return Create(verb, uri, index);
    }

    public static HttpCall? FromObjectCreation(IObjectCreationOperation creation, RequestTypes types, LocalIndex index)
    {
        if (!SymbolEqualityComparer.Default.Equals(creation.Type, types.HttpRequestMessage)
            || creation.GetArgument("method") is not { } method
            || SendTargetResolver.MessageUri(creation) is not { } uri)
        {
            return null;
        }

        var verb = method.WalkDownConversions() switch
        {
            IPropertyReferenceOperation { Property: { IsStatic: true, Name: var name } } => name.ToUpperInvariant(),
            IObjectCreationOperation { Arguments.Length: 1 } created when created.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string text } => text.ToUpperInvariant(),
            _ => null,
        };

        return verb is null ? null : Create(verb, uri, index);
    }

    private static HttpCall? Create(string verb, IOperation uri, LocalIndex index)
        => UrlResolver.Resolve(uri, index) is { } url ? new HttpCall(verb, url, uri.Syntax.GetLocation()) : null;

    private static string? VerbOf(string name)
    {
        foreach (var verb in new[] { "Get", "Post", "Put", "Patch", "Delete" })
        {
            if (name.StartsWith(verb, System.StringComparison.Ordinal))
            {
                return verb.ToUpperInvariant();
            }
        }

        return null;
    }
}
