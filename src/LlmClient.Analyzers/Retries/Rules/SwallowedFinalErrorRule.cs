using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Rules;

/// <summary>
/// LLM1005: a bounded retry that, when the attempts run out, returns null/default/empty or ends the method as if it had
/// succeeded (seed 004: "surface the final error"; seed 001's own sample loses it). Reported on the statement that
/// swallows, or on the loop that falls through.
/// </summary>
internal sealed class SwallowedFinalErrorRule : IRetryRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.SwallowedFinalError;

    public void Analyze(in RetryRuleContext context)
    {
        var exhaustion = context.Site.Exhaustion;
        if (exhaustion.Kind != ExhaustionKind.Swallows || exhaustion.Location is not { } location)
        {
            return;
        }

        var fallsThrough = exhaustion.FixData.TryGetValue(RetryFixProperties.FallsThrough, out var value) && value == "true";
        var what = fallsThrough
            ? "When this retry runs out of attempts the method ends as if the call had succeeded"
            : "When the retry runs out of attempts this returns an empty value instead of the last failure";
        context.Report(Descriptor, location, exhaustion.FixData, exhaustion.FixLocations, what);
    }
}
