using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Analysis;

internal enum GateKind
{
    /// <summary>A catch clause (with or without a filter) that the failure entered.</summary>
    Catch,

    /// <summary>The true branch of an <c>if</c>.</summary>
    IfTrue,

    /// <summary>The false branch of an <c>if</c>.</summary>
    IfFalse,

    /// <summary>A <c>case</c> section of a <c>switch</c>.</summary>
    SwitchSection,

    /// <summary>The condition of the retry loop itself (<c>do { } while (!response.IsSuccessStatusCode)</c>).</summary>
    LoopCondition,

    /// <summary>A flag set from a status test (<c>ok = response.IsSuccessStatusCode</c>).</summary>
    Assignment,
}

/// <summary>The last place that decided which outcomes follow a path: where LLM1001 reports and fixes.</summary>
internal sealed class Gate
{
    public Gate(GateKind kind, SyntaxNode node, IOperation operation, Gate? previous)
    {
        Kind = kind;
        Node = node;
        Operation = operation;
        Previous = previous;
    }

    public GateKind Kind { get; }

    /// <summary>The catch clause, the condition, the switch section.</summary>
    public SyntaxNode Node { get; }

    /// <summary>The statement (catch clause, if, switch section, loop) the gate belongs to.</summary>
    public IOperation Operation { get; }

    /// <summary>The gate before this one (restored when both branches of an <c>if</c> rejoin).</summary>
    public Gate? Previous { get; }
}

/// <summary>An exception in flight: who threw it.</summary>
internal sealed class Thrower
{
    public Thrower(CallFamily? family, ITypeSymbol? userType)
    {
        Family = family;
        UserType = userType;
    }

    /// <summary>Thrown by the call (or EnsureSuccessStatusCode) for a failed outcome.</summary>
    public CallFamily? Family { get; }

    /// <summary>Thrown by user code (<c>throw new X(...)</c>).</summary>
    public ITypeSymbol? UserType { get; }
}

/// <summary>
/// The abstract state of one way through the retry region: the outcomes of the call that may be current, the
/// gate that last narrowed them, the flags known on the way, and the free conditions passed since the call.
/// </summary>
internal sealed class FlowPath
{
    public FlowPath(
        OutcomeSet set,
        Gate? gate,
        ImmutableDictionary<ILocalSymbol, bool> flags,
        ImmutableArray<IOperation> atoms,
        OutcomeSet named,
        bool uncertain,
        ICatchClauseOperation? catchClause,
        Thrower? exception)
    {
        Set = set;
        Gate = gate;
        Flags = flags;
        Atoms = atoms;
        Named = named;
        Uncertain = uncertain;
        CatchClause = catchClause;
        Exception = exception;
    }

    public OutcomeSet Set { get; }

    public Gate? Gate { get; }

    /// <summary>Boolean locals whose value is known on this path.</summary>
    public ImmutableDictionary<ILocalSymbol, bool> Flags { get; }

    /// <summary>Free conditions (counters, cancellation) this path depends on since the call.</summary>
    public ImmutableArray<IOperation> Atoms { get; }

    public OutcomeSet Named { get; }

    /// <summary>The path went through a condition that reads the outcome in a way that could not be read.</summary>
    public bool Uncertain { get; }

    /// <summary>The innermost catch clause the path went through since the call.</summary>
    public ICatchClauseOperation? CatchClause { get; }

    /// <summary>In a catch clause: the exception being handled (for <c>throw;</c>).</summary>
    public Thrower? Exception { get; }

    public static FlowPath Start(ImmutableDictionary<ILocalSymbol, bool> flags)
        => new(OutcomeSet.Pre, null, flags, ImmutableArray<IOperation>.Empty, OutcomeSet.Empty, false, null, null);

    public FlowPath WithSet(OutcomeSet set) => new(set, Gate, Flags, Atoms, Named, Uncertain, CatchClause, Exception);

    public FlowPath WithGate(Gate? gate) => new(Set, gate, Flags, Atoms, Named, Uncertain, CatchClause, Exception);

    public FlowPath WithFlags(ImmutableDictionary<ILocalSymbol, bool> flags) => new(Set, Gate, flags, Atoms, Named, Uncertain, CatchClause, Exception);

    public FlowPath WithAtoms(ImmutableArray<IOperation> atoms) => new(Set, Gate, Flags, atoms, Named, Uncertain, CatchClause, Exception);

    public FlowPath With(OutcomeSet set, Gate? gate, ImmutableArray<IOperation> atoms, OutcomeSet named, bool uncertain)
        => new(set, gate, Flags, atoms, named, uncertain, CatchClause, Exception);

    public FlowPath EnterCatch(OutcomeSet set, Gate gate, ICatchClauseOperation catchClause, Thrower exception)
        => new(set, gate, Flags, Atoms, Named, Uncertain, catchClause, exception);

    /// <summary>The call ran again: a fresh outcome.</summary>
    public FlowPath AfterCall(OutcomeSet set) => new(set, null, Flags, ImmutableArray<IOperation>.Empty, OutcomeSet.Empty, false, null, null);

    /// <summary>Can the two paths be merged into one (everything but the outcomes equal)?</summary>
    public bool SameStateAs(FlowPath other)
    {
        if (Gate != other.Gate || Uncertain != other.Uncertain || CatchClause != other.CatchClause || Exception != other.Exception
            || Atoms.Length != other.Atoms.Length || Flags.Count != other.Flags.Count)
        {
            return false;
        }

        for (var i = 0; i < Atoms.Length; i++)
        {
            if (Atoms[i] != other.Atoms[i])
            {
                return false;
            }
        }

        foreach (var pair in Flags)
        {
            if (!other.Flags.TryGetValue(pair.Key, out var value) || value != pair.Value)
            {
                return false;
            }
        }

        return true;
    }

    public FlowPath Merge(FlowPath other) => new(Set.Union(other.Set), Gate, Flags, Atoms, Named.Union(other.Named), Uncertain, CatchClause, Exception);
}
