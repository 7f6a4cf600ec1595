using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Transport.Rules;

/// <summary>
/// LLM3003: an SSE loop that stops on <c>[DONE]</c> and never looks for an <c>error</c> field (seed 004: a mid-stream
/// error arrives as <c>data: {"error": {...}}</c> and the stream closes). Loops that hand the raw event to someone
/// else (yield, callback, channel) leave the check to that consumer and are not reported.
/// </summary>
internal sealed class StreamErrorEventsRule
{
    /// <summary>Diagnostic property: <see cref="PayloadKind"/> of the fix's insertion.</summary>
    public const string PayloadKindProperty = "PayloadKind";

    /// <summary>Diagnostic property: the expression holding the event (a document, an element, or the data string).</summary>
    public const string PayloadProperty = "Payload";

    /// <summary>Diagnostic property: "after" or "before" the anchor statement (additional location 0).</summary>
    public const string PlacementProperty = "Placement";

    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.StreamErrorEvents;

    public void Analyze(StreamLoop loop, TransportTypes types, System.Action<Diagnostic> report)
    {
        if (loop.ChecksError || loop.PassesRawEvent)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        var additional = ImmutableArray<Location>.Empty;
        if (loop.PayloadKind != PayloadKind.None && loop.Anchor is { } anchor && loop.Payload is { } payload && types.JsonDocument is not null && types.HttpRequestException is not null)
        {
            properties = properties
                .Add(PayloadKindProperty, loop.PayloadKind.ToString())
                .Add(PayloadProperty, payload)
                .Add(PlacementProperty, loop.InsertAfter ? "after" : "before");
            // How the fix spells System.Text.Json and System.Net.Http types at the anchor is asked by the fix (TypeNameScope).
            additional = ImmutableArray.Create(anchor.GetLocation());
        }

        report(Diagnostic.Create(Descriptor, loop.DoneCheck.Syntax.GetLocation(), additional, properties));
    }
}
