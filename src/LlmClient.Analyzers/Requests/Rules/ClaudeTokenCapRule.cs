using System.Collections.Immutable;
using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests.Rules;

/// <summary>LLM2004: a claude-* request with no output-token cap (seed 003, missing_max_tokens).</summary>
internal sealed class ClaudeTokenCapRule : IRequestRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.ClaudeTokenCap;

    public void Analyze(in RequestRuleContext context)
    {
        var request = context.Request;
        if (!GatewayFacts.IsClaudeModel(request.ModelName))
        {
            return;
        }

        var keys = GatewayFacts.TokenCapKeys(request.EffectiveEndpoint);
        if (keys.IsEmpty)
        {
            return;
        }

        foreach (var key in keys)
        {
            if (!request.Body.DefinitelyLacks(key))
            {
                return;
            }
        }

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(RequestRuleContext.AddKeyProperty, keys[0])
            .Add(RequestRuleContext.ValueProperty, GatewayFacts.SuggestedMaxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.ReportOnBody(Descriptor, properties, request.ModelName!, keys[0]);
    }
}
