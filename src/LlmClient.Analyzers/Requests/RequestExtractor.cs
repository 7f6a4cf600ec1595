using System.Collections.Generic;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Requests.Payloads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests;

/// <summary>
/// Turns a send or serialize call into the requests it makes: the payload's wire keys and the endpoint.
/// Every request rule reads what this produces; no rule looks at syntax of its own.
/// </summary>
internal sealed class RequestExtractor
{
    private readonly RequestTypes _types;

    public RequestExtractor(RequestTypes types) => _types = types;

    /// <summary>Method names worth binding; everything else is skipped on syntax alone.</summary>
    public static bool IsCandidateMethodName(string name)
        => name is "PostAsJsonAsync" or "PutAsJsonAsync" or "PatchAsJsonAsync"
            or "Create"
            or "Serialize" or "SerializeAsync" or "SerializeToUtf8Bytes" or "SerializeToNode" or "SerializeToElement" or "SerializeToDocument";

    public IEnumerable<LlmRequest> FromInvocation(IInvocationOperation invocation, LocalIndex index)
    {
        var method = invocation.TargetMethod;
        var containingType = method.ContainingType;
        IOperation? payload;
        IOperation? uri;
        NamingPolicy policy;

        if (SymbolEqualityComparer.Default.Equals(containingType, _types.HttpClientJsonExtensions)
            && method.Name is "PostAsJsonAsync" or "PutAsJsonAsync" or "PatchAsJsonAsync")
        {
            payload = invocation.GetArgument("value");
            uri = invocation.GetArgument("requestUri");
            policy = PolicyFor(invocation, NamingPolicy.CamelCase, index);
        }
        else if (SymbolEqualityComparer.Default.Equals(containingType, _types.JsonContent) && method.Name == "Create")
        {
            payload = invocation.GetArgument("inputValue");
            uri = SendTargetResolver.FindRequestUri(invocation, _types, index);
            policy = PolicyFor(invocation, NamingPolicy.CamelCase, index);
        }
        else if (SymbolEqualityComparer.Default.Equals(containingType, _types.JsonSerializer) && method.Name.StartsWith("Serialize", System.StringComparison.Ordinal))
        {
            payload = invocation.GetArgument("value");
            uri = SendTargetResolver.FindRequestUri(invocation, _types, index);
            policy = PolicyFor(invocation, NamingPolicy.AsDeclared, index);
        }
        else
        {
            yield break;
        }

        var objects = PayloadReader.Read(payload, policy, index);
        if (objects.IsEmpty)
        {
            yield break;
        }

        var url = UrlResolver.Resolve(uri, index);
        var endpoint = url is null ? EndpointKind.Unresolved : GatewayFacts.ClassifyUrl(url);
        foreach (var body in objects)
        {
            yield return new LlmRequest(body, endpoint, url, invocation.Syntax);
        }
    }

    /// <summary>
    /// The naming policy of the call's options; a source-generated JsonTypeInfo hides it, so names count as declared.
    /// </summary>
    private static NamingPolicy PolicyFor(IInvocationOperation invocation, NamingPolicy whenOmitted, LocalIndex index)
    {
        foreach (var parameter in invocation.TargetMethod.Parameters)
        {
            if (parameter.Name is "jsonTypeInfo" or "context")
            {
                return NamingPolicy.AsDeclared;
            }
        }

        return NamingPolicyResolver.Resolve(invocation.GetArgument("options"), whenOmitted, index);
    }
}
