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

        var client = invocation.Instance ?? invocation.GetArgumentAt(0);
        return Create(verb, uri, index, BaseAddressOf(client, index));
    }

    /// <summary>
    /// The BaseAddress of a client created or configured in the same method: <c>new HttpClient { BaseAddress = ... }</c>
    /// or <c>client.BaseAddress = ...</c> on a local.
    /// </summary>
    private static string? BaseAddressOf(IOperation? client, LocalIndex index)
    {
        if (client?.WalkDownConversions() is not ILocalReferenceOperation local)
        {
            return null;
        }

        IOperation? baseAddress = null;
        foreach (var value in index.ValuesOf(local.Local))
        {
            if (value.WalkDownConversions() is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } } assignment)
                    {
                        baseAddress = assignment.Value;
                    }
                }
            }
        }

        foreach (var read in index.ReadsOf(local.Local))
        {
            if (read.Parent is IPropertyReferenceOperation { Property.Name: "BaseAddress" } property
                && property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
            {
                baseAddress = assignment.Value;
            }
        }

        return baseAddress is null ? null : UrlResolver.Resolve(baseAddress, index);
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

        return verb is null ? null : Create(verb, uri, index, baseAddress: null);
    }

    private static HttpCall? Create(string verb, IOperation uri, LocalIndex index, string? baseAddress)
    {
        if (UrlResolver.Resolve(uri, index) is not { } url)
        {
            return null;
        }

        // A relative path appends to the base address (which should end in '/').
        if (baseAddress is not null && url.IndexOf("://", System.StringComparison.Ordinal) < 0 && !url.StartsWith("{}", System.StringComparison.Ordinal))
        {
            url = baseAddress.TrimEnd('/') + "/" + url.TrimStart('/');
        }

        return new HttpCall(verb, url, uri.Syntax.GetLocation());
    }

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
