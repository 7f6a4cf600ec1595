using System.Collections.Immutable;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests.Rules;

/// <summary>
/// LLM2005: start_within must be default, priority, auto or HHh-MMm-SSs within 5-600 s, with no duration for claude-*
/// and no auto for gemini-*; the flexinference profile requires it (seed 003).
/// </summary>
internal sealed class StartWithinRule : IRequestRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.StartWithin;

    public void Analyze(in RequestRuleContext context)
    {
        var request = context.Request;
        if (context.IsAllowed(GatewayFacts.StartWithin) || !GatewayFacts.IsGenerationEndpoint(request.EffectiveEndpoint))
        {
            return;
        }

        var property = request.Body.Find(GatewayFacts.StartWithin);
        if (property is null || property.Value.Kind == WireValueKind.Null)
        {
            if (context.Options.Profile == GatewayProfile.FlexInference && request.Body.DefinitelyLacks(GatewayFacts.StartWithin))
            {
                var add = ImmutableDictionary<string, string?>.Empty
                    .Add(RequestRuleContext.AddKeyProperty, GatewayFacts.StartWithin)
                    .Add(RequestRuleContext.ValueProperty, Quote(GatewayFacts.StartWithinDefault));
                context.ReportOnBody(Descriptor, add, "The request sends no start_within, which the flexinference profile requires", "missing_start_within", Quote(GatewayFacts.StartWithinDefault));
            }

            return;
        }

        string? problem;
        string nearest;
        switch (property.Value)
        {
            case { Kind: WireValueKind.Constant, Constant: string text }:
                problem = GatewayFacts.CheckStartWithin(text, request.ModelName, out nearest);
                break;
            case { Kind: WireValueKind.Constant or WireValueKind.Object or WireValueKind.Array }:
                problem = "start_within is not a string";
                nearest = GatewayFacts.StartWithinDefault;
                break;
            default:
                return;
        }

        if (problem is null)
        {
            return;
        }

        var code = problem.Contains("Anthropic") ? "flex_unsupported_for_anthropic" : problem.Contains("Gemini") ? "auto_unsupported_for_gemini" : "invalid_start_within";
        var replace = ImmutableDictionary<string, string?>.Empty.Add(RequestRuleContext.ValueProperty, Quote(nearest));
        context.Report(Descriptor, property, replace, "Invalid start_within: " + problem, code, Quote(nearest));
    }

    private static string Quote(string value) => "\"" + value + "\"";
}
