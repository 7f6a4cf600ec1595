using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Rules;

/// <summary>
/// LLM1004: a retry whose trigger lets 429 through and that never reads Retry-After, itself or in a helper it calls
/// (seed 003: "Back off for the number of seconds in the Retry-After header (60s ..., 5s ...)"). The SDK clients' own
/// policies honour it and are not reported. Polly v7 is not reported either: its common sleep providers
/// (<c>Func&lt;int, TimeSpan&gt;</c>) cannot see the response, and reading the header needs a different overload.
/// Reported on the condition that lets 429 through.
/// </summary>
internal sealed class RetryAfterRule : IRetryRule
{
    private const int TooManyRequests = 429;

    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.RetryAfter;

    public void Analyze(in RetryRuleContext context)
    {
        var site = context.Site;
        // ReadsRetryAfter last: it is read from the syntax on first use.
        if (site.Kind is RetryKind.ClientPolicy or RetryKind.PollyV7 || site.RetryAfterUnavailable || site.Trigger.Kind != TriggerKind.Statuses
            || !site.Trigger.Statuses.ContainsStatus(TooManyRequests) || site.ReadsRetryAfter)
        {
            return;
        }

        var location = site.Location;
        foreach (var path in site.Trigger.Paths)
        {
            if (path.Statuses.ContainsStatus(TooManyRequests))
            {
                location = path.Location;
                break;
            }
        }

        context.Report(Descriptor, location, site.RetryAfterFixData, site.RetryAfterFixLocations);
    }
}
