using System;
using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests;

/// <summary>What a request rule sees: one request, the options in force, and a way to report.</summary>
internal readonly struct RequestRuleContext
{
    /// <summary>Diagnostic property naming the wire key a diagnostic is about (read by the code fixes).</summary>
    public const string WireKeyProperty = "WireKey";

    private readonly Action<Diagnostic> _report;

    public RequestRuleContext(LlmRequest request, LlmAnalyzerOptions options, Action<Diagnostic> report)
    {
        Request = request;
        Options = options;
        _report = report;
    }

    public LlmRequest Request { get; }

    public LlmAnalyzerOptions Options { get; }

    public void Report(DiagnosticDescriptor descriptor, WireProperty property, params object[] messageArgs)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(WireKeyProperty, property.Name);
        _report(Diagnostic.Create(descriptor, property.Location, properties, messageArgs));
    }
}

/// <summary>One request rule: a small class reading the request model.</summary>
internal interface IRequestRule
{
    DiagnosticDescriptor Descriptor { get; }

    void Analyze(in RequestRuleContext context);
}
