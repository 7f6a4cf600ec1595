using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Rules;

/// <summary>
/// LLM1006: a retry whose count is above <c>llm_client_analyzers.max_retries</c> (default 5; seed 004: "set
/// max-retries (3-5)"). Reads the bound's limit: Polly counts, <c>MaxRetryAttempts</c>, SDK <c>maxRetries</c> and
/// <c>MaxRetries</c>, and the constant a loop's counter is compared with (read as one attempt more than retries).
/// </summary>
internal sealed class RetryBudgetRule : IRetryRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.RetryBudget;

    public void Analyze(in RetryRuleContext context)
    {
        var site = context.Site;
        var max = context.Options.MaxRetries;
        if (site.Bound.Retries is not { } retries || retries <= max || site.Bound.Limit is not { } limit)
        {
            return;
        }

        var count = limit.ToString(CultureInfo.InvariantCulture);
        var what = site.Kind switch
        {
            RetryKind.PollyV7 or RetryKind.PollyV8 => $"This policy retries {count} times",
            RetryKind.ClientPolicy => $"This client retries {count} times",
            _ => $"This retry's counter runs to {count}",
        };

        var properties = ImmutableDictionary<string, string?>.Empty.Add(RetryFixProperties.Max, max.ToString(CultureInfo.InvariantCulture));
        var location = site.Bound.LimitLocation ?? site.Bound.Location ?? site.Location;
        var additional = site.Bound.LimitLocation is { } limitLocation ? new[] { limitLocation } : null;
        context.Report(Descriptor, location, properties, additional, what, max.ToString(CultureInfo.InvariantCulture));
    }
}
