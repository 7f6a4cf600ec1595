using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Rules;

/// <summary>
/// LLM1003: a retry that does not wait, waits a constant time, or grows without jitter (seeds 000, 001, 004:
/// "exponential backoff with jitter: start ~1s, cap ~30s"). Reads the delay the model computed for each shape.
/// </summary>
internal sealed class BackoffRule : IRetryRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.Backoff;

    public void Analyze(in RetryRuleContext context)
    {
        var site = context.Site;
        var delay = site.Delay;
        var what = delay.Kind switch
        {
            RetryDelayKind.None => "This retry tries again at once, without waiting",
            RetryDelayKind.Constant => site.Kind == RetryKind.PollyV8
                ? "This retry strategy waits the same time before every attempt (Polly's default backoff is constant)"
                : "This retry waits the same time before every attempt",
            RetryDelayKind.NoJitter => "This retry's wait grows but has no jitter, so clients that failed together retry together",
            _ => null,
        };

        if (what is null)
        {
            return;
        }

        context.Report(Descriptor, delay.Location ?? site.Location, delay.FixData, delay.FixLocations, what);
    }
}
