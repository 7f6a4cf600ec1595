using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Analysis;

internal enum DenotationKind
{
    /// <summary>Nothing the retry model reads.</summary>
    None,

    /// <summary>The status of the call's outcome (an int or an <c>HttpStatusCode</c>).</summary>
    Status,

    /// <summary>The response of the call (<c>HttpResponseMessage</c>, <c>PipelineResponse</c>).</summary>
    Response,

    /// <summary>The exception the failed call threw.</summary>
    Exception,

    /// <summary>Polly v8 <c>Outcome&lt;T&gt;</c>.</summary>
    Outcome,

    /// <summary>Polly v8 <c>RetryPredicateArguments&lt;T&gt;</c>.</summary>
    PollyArguments,

    /// <summary>System.ClientModel's <c>PipelineMessage</c> in a <c>ClientRetryPolicy.ShouldRetry</c> override.</summary>
    Message,

    /// <summary>A value known to be null here (Polly's <c>Outcome.Exception</c> when a result was returned).</summary>
    Null,

    /// <summary>A constant (an int, an enum member, or null).</summary>
    Constant,

    /// <summary>A collection of statuses (<c>RetryableStatusCodes</c>).</summary>
    StatusList,

    /// <summary>A boolean property of the outcome (<c>IsSuccessStatusCode</c>): true for <see cref="Denotation.Set"/>.</summary>
    BoolOfOutcome,
}

/// <summary>What a value expression means to the retry model.</summary>
internal readonly struct Denotation
{
    private Denotation(DenotationKind kind, NetValue net, long? constant, OutcomeSet set, OutcomeSet named, ITypeSymbol? type)
    {
        Kind = kind;
        Net = net;
        Constant = constant;
        Set = set;
        Named = named;
        Type = type;
    }

    public static Denotation None => default;

    public static Denotation NullValue => new(DenotationKind.Null, NetValue.Unknown, null, OutcomeSet.Empty, OutcomeSet.Empty, null);

    public static Denotation Response => new(DenotationKind.Response, NetValue.Unknown, null, OutcomeSet.Empty, OutcomeSet.Empty, null);

    public static Denotation Outcome => new(DenotationKind.Outcome, NetValue.Unknown, null, OutcomeSet.Empty, OutcomeSet.Empty, null);

    public static Denotation Message => new(DenotationKind.Message, NetValue.Unknown, null, OutcomeSet.Empty, OutcomeSet.Empty, null);

    public static Denotation PollyArguments => new(DenotationKind.PollyArguments, NetValue.Unknown, null, OutcomeSet.Empty, OutcomeSet.Empty, null);

    public DenotationKind Kind { get; }

    /// <summary>For a status: what it reads as when the call failed without one.</summary>
    public NetValue Net { get; }

    /// <summary>For a constant: its value, or null for the null constant.</summary>
    public long? Constant { get; }

    /// <summary>For a status list: its members; for a boolean of the outcome: where it is true.</summary>
    public OutcomeSet Set { get; }

    /// <summary>For a status list: the members it names.</summary>
    public OutcomeSet Named { get; }

    /// <summary>For an exception: its static type.</summary>
    public ITypeSymbol? Type { get; }

    public bool IsNone => Kind == DenotationKind.None;

    public static Denotation Status(NetValue net) => new(DenotationKind.Status, net, null, OutcomeSet.Empty, OutcomeSet.Empty, null);

    public static Denotation Exception(ITypeSymbol? type) => new(DenotationKind.Exception, NetValue.Unknown, null, OutcomeSet.Empty, OutcomeSet.Empty, type);

    public static Denotation ConstantValue(long? value) => new(DenotationKind.Constant, NetValue.Unknown, value, OutcomeSet.Empty, OutcomeSet.Empty, null);

    public static Denotation StatusList(OutcomeSet members) => new(DenotationKind.StatusList, NetValue.Unknown, null, members, members, null);

    public static Denotation BoolOfOutcome(OutcomeSet whenTrue) => new(DenotationKind.BoolOfOutcome, NetValue.Unknown, null, whenTrue, OutcomeSet.Empty, null);
}
