using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Rules;

/// <summary>LLM1002: a retry that nothing stops but success (seed 004: set max-retries and surface the final error).</summary>
internal sealed class UnboundedRetryRule : IRetryRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.UnboundedRetry;

    public void Analyze(in RetryRuleContext context)
    {
        var site = context.Site;
        if (site.Bound.Kind != BoundKind.Unbounded)
        {
            return;
        }

        var why = site.Bound.Reason switch
        {
            UnboundedReason.CounterNeverAdvanced => $"The retry tests '{site.Bound.CounterName}' but never advances it, so it never stops",
            UnboundedReason.MaxValue => "The retry limit is int.MaxValue, which never runs out",
            UnboundedReason.Forever => "This policy retries forever",
            UnboundedReason.DepthNeverTested => $"The recursion advances '{site.Bound.CounterName}' but never tests it, so it never stops",
            _ => site.Kind switch
            {
                RetryKind.Recursion => "This recursive retry has no depth limit and repeats until the call succeeds",
                RetryKind.Goto => "This goto retry has no attempt limit and repeats until the call succeeds",
                _ => "This retry has no attempt limit and repeats until the call succeeds",
            },
        };

        var properties = site.BoundFixData;
        context.Report(Descriptor, site.Bound.Location ?? site.Location, properties, site.BoundFixLocations, why);
    }
}
