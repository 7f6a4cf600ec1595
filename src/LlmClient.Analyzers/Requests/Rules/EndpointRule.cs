using System;
using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests.Rules;

/// <summary>
/// LLM3001: a non-POST call to a POST-only LLM endpoint (seed 003, method_not_allowed), a wrong version segment
/// (seed 000, "Cannot POST /openai/v2/images/generations"), or a near miss of a known path (seed 003, unknown_url).
/// </summary>
internal static class EndpointRule
{
    public static DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.UnknownEndpoint;

    /// <param name="payloadIsLlm">The call sends a payload of LLM shape, which makes one-word near misses credible.</param>
    public static void Analyze(HttpCall call, bool payloadIsLlm, Action<Diagnostic> report)
    {
        string? problem = null;
        if (GatewayFacts.IsPostOnly(call.Endpoint) && call.Method != "POST")
        {
            problem = $"{call.Method} is not allowed here: LLM endpoints accept only POST (405 method_not_allowed)";
        }
        else if (GatewayFacts.WrongVersionSegment(call.Url) is { } version)
        {
            problem = $"the path has version '{version}' where the gateway serves v1 (404 unknown_url)";
        }
        else if (call.Endpoint == EndpointKind.NotLlm && GatewayFacts.NearMissEndpoint(call.Url, payloadIsLlm) is { } intended)
        {
            problem = $"the path is not a known LLM endpoint; did you mean {intended}? (404 unknown_url)";
        }

        if (problem is not null)
        {
            report(Diagnostic.Create(Descriptor, call.UrlLocation, problem, GatewayFacts.KnownEndpointList));
        }
    }
}
