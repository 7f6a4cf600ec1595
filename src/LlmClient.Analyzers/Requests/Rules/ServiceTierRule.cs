using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests.Rules;

/// <summary>LLM2001: a caller-supplied service_tier is rejected (seed 003, service_tier_not_allowed).</summary>
internal sealed class ServiceTierRule : IRequestRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.ServiceTier;

    public void Analyze(in RequestRuleContext context)
    {
        var request = context.Request;
        if (context.IsAllowed(GatewayFacts.ServiceTier) || !GatewayFacts.RejectsServiceTier(request.EffectiveEndpoint))
        {
            return;
        }

        if (request.Body.Find(GatewayFacts.ServiceTier) is { } property && property.Value.Kind != WireValueKind.Null)
        {
            context.Report(Descriptor, property);
        }
    }
}
