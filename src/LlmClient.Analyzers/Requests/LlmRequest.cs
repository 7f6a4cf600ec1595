using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests;

/// <summary>
/// What one request sends: where to, and which keys with which values. Built once by
/// <see cref="RequestExtractor"/> and read by every request rule.
/// </summary>
internal sealed class LlmRequest
{
    public LlmRequest(WireObject body, EndpointKind endpoint, string? url, SyntaxNode sendSite)
    {
        Body = body;
        Endpoint = endpoint;
        Url = url;
        SendSite = sendSite;
        HasLlmShape = body.Has(GatewayFacts.Model) && (body.Has(GatewayFacts.Messages) || body.Has(GatewayFacts.Input) || body.Has(GatewayFacts.Prompt));
        EffectiveEndpoint = GatewayFacts.IsGenerationEndpoint(endpoint) ? endpoint : InferEndpoint(body);
    }

    public WireObject Body { get; }

    /// <summary>The endpoint named by the URL, or <see cref="EndpointKind.Unresolved"/>.</summary>
    public EndpointKind Endpoint { get; }

    /// <summary>The URL with unknown parts written as <c>{}</c>, when any part of it is known.</summary>
    public string? Url { get; }

    public SyntaxNode SendSite { get; }

    /// <summary>The payload has <c>model</c> with <c>messages</c>, <c>input</c> or <c>prompt</c>.</summary>
    public bool HasLlmShape { get; }

    /// <summary>The endpoint from the URL, or, where the URL does not say, the one the payload's shape implies.</summary>
    public EndpointKind EffectiveEndpoint { get; }

    /// <summary>Request rules fire only on LLM requests (spec: "What counts as an LLM call").</summary>
    public bool IsLlmRequest
        => GatewayFacts.IsGenerationEndpoint(Endpoint)
           || ((Endpoint == EndpointKind.Unresolved || Endpoint == EndpointKind.NotLlm) && HasLlmShape);

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
