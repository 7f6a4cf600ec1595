using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Requests.Payloads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests;

/// <summary>
/// Turns a send, serialize or SDK-options site into the requests it makes: the payload's wire keys and the
/// endpoint. Every request rule reads what this produces; no rule looks at syntax of its own.
/// </summary>
internal sealed class RequestExtractor
{
    private readonly RequestTypes _types;

    public RequestExtractor(RequestTypes types) => _types = types;

    /// <summary>Method names worth binding; everything else is skipped on syntax alone.</summary>
    public static readonly ImmutableArray<string> CandidateMethodNames = ImmutableArray.Create(
        "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "Create", "SerializeObject", "Serialize", "SerializeAsync", "SerializeToUtf8Bytes");

    public static bool IsCandidateMethodName(string name)
    {
        // A loop rather than IndexOf with a comparer, which boxes the array on every call (the filter asks for every call).
        foreach (var candidate in CandidateMethodNames)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For the candidate names that are static methods, the simple name of the one type declaring the method this
    /// extractor reads (a call <c>X.Name(...)</c> can only be it when X names that type or an alias of it).
    /// </summary>
    public static string? StaticDeclaringTypeName(string name) => name switch
    {
        "Create" => "JsonContent",
        "SerializeObject" => "JsonConvert",
        "Serialize" or "SerializeAsync" or "SerializeToUtf8Bytes" => "JsonSerializer",
        _ => null,
    };

    /// <summary>Type names worth binding in <c>new T(...)</c>.</summary>
    public static bool IsCandidateTypeName(string name) => name == "StringContent" || SdkParameters.IsCandidateTypeName(name);

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
        else if (SymbolEqualityComparer.Default.Equals(containingType, _types.JsonConvert) && method.Name == "SerializeObject")
        {
            // Newtonsoft names members as declared unless settings bring a contract resolver (not followed).
            payload = invocation.GetArgument("value");
            uri = SendTargetResolver.FindRequestUri(invocation, _types, index);
            policy = invocation.Arguments.Length > 1 && invocation.Arguments.Skip(1).Any(a => a.ArgumentKind != ArgumentKind.DefaultValue)
                ? NamingPolicy.Unknown
                : NamingPolicy.AsDeclared;
        }
        else
        {
            return ImmutableArray<LlmRequest>.Empty;
        }

        return Requests(PayloadReader.Read(payload, policy, new ReaderContext(_types, index)), uri, invocation, index);
    }

    public IEnumerable<LlmRequest> FromObjectCreation(IObjectCreationOperation creation, LocalIndex index)
    {
        if (creation.Type is not INamedTypeSymbol type)
        {
            return ImmutableArray<LlmRequest>.Empty;
        }

        if (_types.SdkOptions.TryGetValue(type, out var sdk))
        {
            var body = SdkOptionsReader.Read(creation, sdk, new ReaderContext(_types, index));
            return ImmutableArray.Create(new LlmRequest(body, sdk.Endpoint, url: null, creation.Syntax, isSdk: true));
        }

        if (SymbolEqualityComparer.Default.Equals(type, _types.StringContent) && creation.GetArgument("content") is { } content)
        {
            return FromStringContent(creation, content, index);
        }

        return ImmutableArray<LlmRequest>.Empty;
    }

    /// <summary><c>new StringContent(json)</c>: JSON text, or a JsonObject/JObject turned into text.</summary>
    private IEnumerable<LlmRequest> FromStringContent(IObjectCreationOperation creation, IOperation content, LocalIndex index)
    {
        var text = content.WalkDownConversions();
        if (text is ILocalReferenceOperation local && index.ValuesOf(local.Local) is { Length: 1 } values)
        {
            text = values[0].WalkDownConversions();
        }

        var uri = SendTargetResolver.FindRequestUri(creation, _types, index);
        if (text is IInvocationOperation { TargetMethod.Name: "ToJsonString" or "ToString", Instance: { } instance })
        {
            return Requests(PayloadReader.Read(instance, NamingPolicy.AsDeclared, new ReaderContext(_types, index)), uri, creation, index);
        }

        if (text.Syntax is not (LiteralExpressionSyntax or InterpolatedStringExpressionSyntax) || JsonTextReader.Read((ExpressionSyntax)text.Syntax) is not { } json)
        {
            return ImmutableArray<LlmRequest>.Empty;
        }

        // A body sent as text/plain (or any non-JSON media type) is not JSON, whatever it looks like.
        if (json.Body is null && !IsJsonIntended(creation, text))
        {
            return ImmutableArray<LlmRequest>.Empty;
        }

        var url = UrlResolver.Resolve(uri, index);
        var endpoint = url is null ? EndpointKind.Unresolved : GatewayFacts.ClassifyUrl(url);
        return json.Body is { } body
            ? ImmutableArray.Create(new LlmRequest(body, endpoint, url, creation.Syntax))
            : ImmutableArray.Create(new LlmRequest(json.Error!, json.ErrorLocation!, text.Syntax, endpoint, url, creation.Syntax));
    }

    /// <summary>The content declares a JSON media type, or declares none and its text starts like JSON.</summary>
    private static bool IsJsonIntended(IObjectCreationOperation creation, IOperation text)
    {
        if (creation.GetArgument("mediaType") is { } mediaType)
        {
            return mediaType.ConstantValue is { HasValue: true, Value: string type } && type.IndexOf("json", System.StringComparison.OrdinalIgnoreCase) >= 0;
        }

        var start = text.ConstantValue is { HasValue: true, Value: string s } ? s.TrimStart() : text.Syntax.ToString().TrimStart('$', '@', '"').TrimStart();
        return start.StartsWith("{", System.StringComparison.Ordinal) || start.StartsWith("[", System.StringComparison.Ordinal);
    }

    private static IEnumerable<LlmRequest> Requests(ImmutableArray<WireObject> objects, IOperation? uri, IOperation site, LocalIndex index)
    {
        if (objects.IsEmpty)
        {
            yield break;
        }

        var url = UrlResolver.Resolve(uri, index);
        var endpoint = url is null ? EndpointKind.Unresolved : GatewayFacts.ClassifyUrl(url);
        foreach (var body in objects)
        {
            yield return new LlmRequest(body, endpoint, url, site.Syntax);
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
                return NamingPolicy.Unknown;
            }
        }

        return NamingPolicyResolver.Resolve(invocation.GetArgument("options"), whenOmitted, index);
    }
}
