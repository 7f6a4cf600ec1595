using System;
using System.Collections.Immutable;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests;

/// <summary>What a request rule sees: one request, the options in force, and a way to report.</summary>
internal readonly struct RequestRuleContext
{
    /// <summary>Diagnostic property: the wire key a diagnostic is about.</summary>
    public const string WireKeyProperty = "WireKey";

    /// <summary>Diagnostic property: the key a fix adds to the body.</summary>
    public const string AddKeyProperty = "AddKey";

    /// <summary>Diagnostic property: the JSON text of the value a fix writes (added or replacing).</summary>
    public const string ValueProperty = "Value";

    private readonly Action<Diagnostic> _report;

    public RequestRuleContext(LlmRequest request, LlmAnalyzerOptions options, Action<Diagnostic> report)
    {
        Request = request;
        Options = options;
        _report = report;
    }

    public LlmRequest Request { get; }

    public LlmAnalyzerOptions Options { get; }

    /// <summary>The profile switches off portability rules (LLM2001-2003, LLM2005) or the user allows the key.</summary>
    public bool IsAllowed(string wireKey)
        => Options.Profile == GatewayProfile.OpenAI || (!Options.AllowedParameters.IsEmpty && Options.IsAllowed(wireKey));

    /// <summary>Reports on a property; the fixes edit it (additional location 0: its value, when it has one).</summary>
    public void Report(DiagnosticDescriptor descriptor, WireProperty property, ImmutableDictionary<string, string?>? properties, params object[] messageArgs)
    {
        var all = (properties ?? ImmutableDictionary<string, string?>.Empty).SetItem(WireKeyProperty, property.Name);
        var additional = property.ValueLocation is { } value ? ImmutableArray.Create(value) : ImmutableArray<Location>.Empty;
        _report(Diagnostic.Create(descriptor, property.Location, additional, all, messageArgs));
    }

    public void Report(DiagnosticDescriptor descriptor, WireProperty property, params object[] messageArgs)
        => Report(descriptor, property, null, messageArgs);

    /// <summary>
    /// Reports something the whole body lacks: on its model property when there is one (a small, meaningful squiggle),
    /// else on the body. Additional location 0 is always the body, where a fix adds the key.
    /// </summary>
    public void ReportOnBody(DiagnosticDescriptor descriptor, ImmutableDictionary<string, string?> properties, params object[] messageArgs)
    {
        var body = Request.Body;
        var location = body.Find(GatewayFacts.Model)?.Location ?? body.Location;
        _report(Diagnostic.Create(descriptor, location, ImmutableArray.Create(body.Location), properties, messageArgs));
    }

    public void Report(DiagnosticDescriptor descriptor, Location location, params object[] messageArgs)
        => _report(Diagnostic.Create(descriptor, location, messageArgs));

    /// <summary>How messages name an endpoint.</summary>
    public static string Describe(EndpointKind endpoint) => endpoint switch
    {
        EndpointKind.ChatCompletions => "/v1/chat/completions",
        EndpointKind.Responses => "/v1/responses",
        EndpointKind.Messages => "/v1/messages",
        EndpointKind.Interactions => "/v1/interactions",
        EndpointKind.Completions => "/v1/completions",
        EndpointKind.ProviderNeutral => "the gateway's chat endpoints",
        _ => "this endpoint",
    };
}

/// <summary>One request rule: a small class reading the request model.</summary>
internal interface IRequestRule
{
    DiagnosticDescriptor Descriptor { get; }

    void Analyze(in RequestRuleContext context);
}
