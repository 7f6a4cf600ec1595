using System.Collections.Generic;
using System.Linq;
using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Rules;

/// <summary>
/// LLM1001: a retry that repeats a status that fails the same way on every attempt (seeds 001, 002, 004: do not
/// retry 4xx other than 408 and 429; 501 is not transient). Reported on the condition that lets the status through.
/// </summary>
internal sealed class NonRetryableStatusRule : IRetryRule
{
    private const int NamedInMessage = 4;

    /// <summary>The non-retryable 4xx statuses: the message names them as a range when a retry repeats them all.</summary>
    private static readonly int[] All4xx = Enumerable.Range(400, 100).Where(GatewayFacts.IsNonRetryableStatus).ToArray();

    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.NonRetryableStatus;

    public void Analyze(in RetryRuleContext context)
    {
        foreach (var path in context.Site.Trigger.Paths)
        {
            var nonRetryable = path.NonRetryable;
            if (nonRetryable.IsEmpty)
            {
                continue;
            }

            var statuses = nonRetryable.Statuses.ToList();

            var properties = path.FixData.SetItem(RetryFixProperties.Fix, path.Fix.ToString());
            context.Report(Descriptor, path.Location, properties, null, Describe(statuses), statuses.Count == 1 ? "fails" : "fail");
        }
    }

    /// <summary>"401 Unauthorized and 404 NotFound", or "every 4xx status except 408 and 429 (400 BadRequest, ...)".</summary>
    public static string Describe(IReadOnlyList<int> statuses)
    {
        if (statuses.Count >= All4xx.Length && All4xx.All(statuses.Contains))
        {
            var rest = statuses.Where(s => s >= 500).ToList();
            var text = "every 4xx status except 408 and 429 (400 BadRequest, 401 Unauthorized, 403 Forbidden, 404 NotFound, ...)";
            return rest.Count == 0 ? text : text + " and " + List(rest);
        }

        if (statuses.Count <= NamedInMessage)
        {
            return List(statuses);
        }

        var examples = statuses.Take(NamedInMessage).Select(GatewayFacts.DescribeStatus);
        return statuses.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " non-retryable statuses (" + string.Join(", ", examples) + ", ...)";
    }

    private static string List(IReadOnlyList<int> statuses)
    {
        var names = statuses.Select(GatewayFacts.DescribeStatus).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
    }
}
