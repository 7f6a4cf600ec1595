using System.Globalization;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Rules;

/// <summary>
/// LLM1007: a retry around an OpenAI/System.ClientModel or Anthropic client call whose client keeps its default
/// retries (3 and 2). Reported on the client call; the fix turns the client's retries off where it is created.
/// </summary>
internal sealed class DoubleRetryRule : IRetryRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.DoubleRetry;

    public void Analyze(in RetryRuleContext context)
    {
        var site = context.Site;
        if (site.WrappedClient is not { Call: { } call } client)
        {
            return;
        }

        // Attempts here times the client's own: (1 + outer retries) * (1 + client retries), when the outer count is known.
        var outer = site.Bound.Retries is { } retries && retries >= 0 ? retries : (int?)null;
        var requests = outer is { } n ? ((n + 1) * (client.Retries + 1)).ToString(CultureInfo.InvariantCulture) : (client.Retries + 1).ToString(CultureInfo.InvariantCulture);
        var name = client.Sdk == "Anthropic" ? "an Anthropic client" : "an OpenAI client";
        var turnOff = client.Sdk == "Anthropic" ? "MaxRetries = 0" : "RetryPolicy = new ClientRetryPolicy(0)";
        var properties = client.FixData;
        var what = outer is null ? requests : requests + " in all";
        context.Report(Descriptor, call, properties, client.FixLocations, name, client.Retries.ToString(CultureInfo.InvariantCulture), what, turnOff);
    }
}
