using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests;

/// <summary>
/// What one request sends: where to, and which keys with which values. Built once by
/// <see cref="RequestExtractor"/> and read by every request rule.
/// </summary>
internal sealed class LlmRequest
{
    public LlmRequest(WireObject body, EndpointKind endpoint, string? url, SyntaxNode sendSite, bool isSdk = false)
    {
        Body = body;
        Endpoint = endpoint;
        Url = url;
        SendSite = sendSite;
        IsSdk = isSdk;
        HasLlmShape = body.Has(GatewayFacts.Model) && (body.Has(GatewayFacts.Messages) || body.Has(GatewayFacts.Input) || body.Has(GatewayFacts.Prompt));
        EffectiveEndpoint = GatewayFacts.IsGenerationEndpoint(endpoint) || endpoint == EndpointKind.ProviderNeutral ? endpoint : InferEndpoint(body);
        ModelName = body.Find(GatewayFacts.Model)?.Value.AsString;
    }

    /// <summary>A JSON text body that is not a JSON object: why, and where (LLM2007).</summary>
    public LlmRequest(string bodyError, Location errorLocation, SyntaxNode literal, EndpointKind endpoint, string? url, SyntaxNode sendSite)
        : this(new WireObject(System.Collections.Immutable.ImmutableArray<WireProperty>.Empty, literal, PayloadShape.JsonText, isClosed: false), endpoint, url, sendSite)
    {
        BodyError = bodyError;
        BodyErrorLocation = errorLocation;
    }

    public WireObject Body { get; }

    /// <summary>The endpoint named by the URL or SDK type, or <see cref="EndpointKind.Unresolved"/>.</summary>
    public EndpointKind Endpoint { get; }

    /// <summary>The URL with unknown parts written as <c>{}</c>, when any part of it is known.</summary>
    public string? Url { get; }

    public SyntaxNode SendSite { get; }

    /// <summary>The request is built through an SDK's options type.</summary>
    public bool IsSdk { get; }

    /// <summary>Set when the body is JSON text that does not parse or is not an object.</summary>
    public string? BodyError { get; }

    public Location? BodyErrorLocation { get; }

    /// <summary>The payload has <c>model</c> with <c>messages</c>, <c>input</c> or <c>prompt</c>.</summary>
    public bool HasLlmShape { get; }

    /// <summary>The endpoint from the URL, or, where the URL does not say, the one the payload's shape implies.</summary>
    public EndpointKind EffectiveEndpoint { get; }

    /// <summary>The <c>model</c>, when it is a constant string.</summary>
    public string? ModelName { get; }

    /// <summary>Request rules fire only on LLM requests (spec: "What counts as an LLM call").</summary>
    public bool IsLlmRequest
        => IsSdk
           || GatewayFacts.IsGenerationEndpoint(Endpoint)
           || ((Endpoint == EndpointKind.Unresolved || Endpoint == EndpointKind.NotLlm) && HasLlmShape);

    /// <summary>The URL names an LLM generation endpoint: the body is known to be a request of that API.</summary>
    public bool HasKnownEndpoint => IsSdk || GatewayFacts.IsGenerationEndpoint(Endpoint);

    private static EndpointKind InferEndpoint(WireObject body)
    {
        if (body.Has(GatewayFacts.Messages))
        {
            return EndpointKind.ChatCompletions;
        }

        if (body.Has(GatewayFacts.Input))
        {
            return EndpointKind.Responses;
        }

        return body.Has(GatewayFacts.Prompt) ? EndpointKind.Completions : EndpointKind.Unresolved;
    }
}
