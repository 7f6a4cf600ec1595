using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries;

/// <summary>What a retry rule sees: one retry site, the options in force, and a way to report.</summary>
internal readonly struct RetryRuleContext
{
    private readonly Action<Diagnostic> _report;

    public RetryRuleContext(RetrySite site, LlmAnalyzerOptions options, Action<Diagnostic> report)
    {
        Site = site;
        Options = options;
        _report = report;
    }

    public RetrySite Site { get; }

    public LlmAnalyzerOptions Options { get; }

    public void Report(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?> properties, IEnumerable<Location>? additionalLocations, params object[] messageArgs)
        => _report(Diagnostic.Create(descriptor, location, additionalLocations, properties, messageArgs));
}

/// <summary>One retry rule: a small class reading the retry model.</summary>
internal interface IRetryRule
{
    DiagnosticDescriptor Descriptor { get; }

    void Analyze(in RetryRuleContext context);
}
