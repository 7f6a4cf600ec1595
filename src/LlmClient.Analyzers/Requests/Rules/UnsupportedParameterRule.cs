using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests.Rules;

/// <summary>LLM2003: parameters the gateway endpoint rejects (seed 003, unsupported_parameter / unsupported_generation_config).</summary>
internal sealed class UnsupportedParameterRule : IRequestRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.UnsupportedParameter;

    public void Analyze(in RequestRuleContext context)
    {
        var request = context.Request;
        var endpoint = request.EffectiveEndpoint;
        var where = RequestRuleContext.Describe(endpoint);
        var code = endpoint == EndpointKind.Interactions ? "unsupported_generation_config" : "unsupported_parameter";

        foreach (var path in GatewayFacts.UnsupportedParameters(endpoint))
        {
            if (!context.IsAllowed(path) && request.Body.FindPath(path) is { } property && property.Value.Kind != WireValueKind.Null)
            {
                context.Report(Descriptor, property, path, where, code);
            }
        }

        if (endpoint is EndpointKind.ChatCompletions or EndpointKind.ProviderNeutral
            && !context.IsAllowed(GatewayFacts.Modalities)
            && request.Body.Find(GatewayFacts.Modalities) is { } modalities
            && AsksForNonText(modalities.Value))
        {
            context.Report(Descriptor, modalities, "modalities (other than text)", where, code);
        }

        if (GatewayFacts.UsesMessagesBlocks(endpoint))
        {
            ReportBlocks(context, where, code);
        }
    }

    /// <summary>cache_control anywhere; citations on document and file blocks.</summary>
    private void ReportBlocks(in RequestRuleContext context, string where, string code)
    {
        foreach (var obj in context.Request.Body.DescendantsAndSelf())
        {
            if (!context.IsAllowed(GatewayFacts.CacheControl) && obj.Find(GatewayFacts.CacheControl) is { Value.Kind: not WireValueKind.Null } cache)
            {
                context.Report(Descriptor, cache, "cache_control", where, code);
            }

            if (!context.IsAllowed(GatewayFacts.Citations)
                && obj.Find(GatewayFacts.Type)?.Value.AsString is "document" or "file"
                && obj.Find(GatewayFacts.Citations) is { } citations
                && citations.Value.Kind != WireValueKind.Null
                && !(citations.Value.Constant is false))
            {
                context.Report(Descriptor, citations, "citations on a document block", where, code);
            }
        }
    }

    /// <summary>A modalities list with anything but "text" (or the SDK's flags with more than Text = 1).</summary>
    private static bool AsksForNonText(WireValue value)
    {
        if (value.Kind == WireValueKind.Constant && value.TryGetNumber(out var flags))
        {
            return ((long)flags & ~1L) != 0;
        }

        foreach (var item in value.Items)
        {
            if (item.AsString is { } modality && modality != GatewayFacts.TextModality)
            {
                return true;
            }
        }

        return false;
    }
}
