using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Transport;

/// <summary>How the code fix for a stream loop can reach the event's JSON.</summary>
internal enum PayloadKind
{
    /// <summary>No place was found where a check can be inserted that compiles.</summary>
    None,

    /// <summary>A <c>JsonDocument</c> local already parsed from the event: check its <c>RootElement</c>.</summary>
    Document,

    /// <summary>A <c>JsonElement</c> local holding the event: check it directly.</summary>
    Element,

    /// <summary>A string holding the event's data: parse it into a document first.</summary>
    Text,
}

/// <summary>
/// A loop that reads a server-sent-event stream line by line or event by event, as the transport rules see it:
/// where it stops on <c>[DONE]</c>, whether it ever looks at an <c>error</c> field, and where a check could go.
/// Built once per loop by <see cref="StreamLoopReader"/>.
/// </summary>
internal sealed class StreamLoop
{
    public StreamLoop(ILoopOperation loop, IOperation doneCheck, bool checksError, bool passesRawEvent, PayloadKind payloadKind, string? payload, SyntaxNode? anchor, bool insertAfter)
    {
        Loop = loop;
        DoneCheck = doneCheck;
        ChecksError = checksError;
        PassesRawEvent = passesRawEvent;
        PayloadKind = payloadKind;
        Payload = payload;
        Anchor = anchor;
        InsertAfter = insertAfter;
    }

    public ILoopOperation Loop { get; }

    /// <summary>The comparison (or helper call) that ends the loop on <c>[DONE]</c>.</summary>
    public IOperation DoneCheck { get; }

    /// <summary>Something in the loop (or a helper it calls) looks at an <c>error</c> field or event.</summary>
    public bool ChecksError { get; }

    /// <summary>The raw event text leaves the loop (yielded, returned, handed to a callback or a channel): its consumer sees the error.</summary>
    public bool PassesRawEvent { get; }

    public PayloadKind PayloadKind { get; }

    /// <summary>The expression (source text) that holds the event: a document, an element or the data string.</summary>
    public string? Payload { get; }

    /// <summary>The statement the fix inserts its check after (or before) — a statement directly in a block of the loop.</summary>
    public SyntaxNode? Anchor { get; }

    public bool InsertAfter { get; }
}
