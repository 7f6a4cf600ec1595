using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Analysis;

/// <summary>
/// What a boolean condition says about the outcome of the call: for which outcomes it may be true or false, and for
/// which it is so whatever the other ("free") parts of the condition are, such as an attempt counter.
/// </summary>
internal sealed class Condition
{
    private Condition(
        OutcomeSet whenTrue,
        OutcomeSet whenFalse,
        OutcomeSet mustTrue,
        OutcomeSet mustFalse,
        OutcomeSet named,
        ImmutableArray<IOperation> atoms,
        bool unknown,
        bool readsStatus,
        bool testsSdkException)
    {
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
        MustTrue = mustTrue;
        MustFalse = mustFalse;
        Named = named;
        Atoms = atoms;
        IsUnknown = unknown;
        ReadsStatus = readsStatus;
        TestsSdkException = testsSdkException;
    }

    public static Condition True { get; } = Constant(true);

    public static Condition False { get; } = Constant(false);

    /// <summary>Outcomes for which the condition may be true.</summary>
    public OutcomeSet WhenTrue { get; }

    /// <summary>Outcomes for which the condition may be false.</summary>
    public OutcomeSet WhenFalse { get; }

    /// <summary>Outcomes for which the condition is true whatever its free parts are.</summary>
    public OutcomeSet MustTrue { get; }

    /// <summary>Outcomes for which the condition is false whatever its free parts are.</summary>
    public OutcomeSet MustFalse { get; }

    /// <summary>Statuses named by a constant (<c>== 501</c>, <c>case 401:</c>).</summary>
    public OutcomeSet Named { get; }

    /// <summary>The free parts: sub-conditions that do not depend on the outcome (counters, flags, cancellation).</summary>
    public ImmutableArray<IOperation> Atoms { get; }

    /// <summary>The condition depends on the outcome in a way that could not be read (message text, an opaque call).</summary>
    public bool IsUnknown { get; }

    /// <summary>The condition reads a status (not only a type test or free parts).</summary>
    public bool ReadsStatus { get; }

    /// <summary>The condition tests for an SDK exception type (ClientResultException, an Anthropic exception).</summary>
    public bool TestsSdkException { get; }

    /// <summary>The condition says something about the outcome (it is neither free nor unknown).</summary>
    public bool IsFree => !IsUnknown && !ReadsStatus && !TestsSdkException && MustTrue.IsEmpty && MustFalse.IsEmpty && !Atoms.IsEmpty;

    public static Condition Constant(bool value)
        => value
            ? new(OutcomeSet.All, OutcomeSet.Empty, OutcomeSet.All, OutcomeSet.Empty, OutcomeSet.Empty, ImmutableArray<IOperation>.Empty, false, false, false)
            : new(OutcomeSet.Empty, OutcomeSet.All, OutcomeSet.Empty, OutcomeSet.All, OutcomeSet.Empty, ImmutableArray<IOperation>.Empty, false, false, false);

    /// <summary>A condition that does not depend on the outcome.</summary>
    public static Condition Free(IOperation atom)
        => new(OutcomeSet.All, OutcomeSet.All, OutcomeSet.Empty, OutcomeSet.Empty, OutcomeSet.Empty, ImmutableArray.Create(atom), false, false, false);

    /// <summary>A condition that depends on the outcome in a way that could not be read.</summary>
    public static Condition Unknown()
        => new(OutcomeSet.All, OutcomeSet.All, OutcomeSet.Empty, OutcomeSet.Empty, OutcomeSet.Empty, ImmutableArray<IOperation>.Empty, true, false, false);

    /// <summary>A test of the outcome: true exactly for <paramref name="whenTrue"/>, false for <paramref name="whenFalse"/>.</summary>
    public static Condition Outcome(OutcomeSet whenTrue, OutcomeSet whenFalse, OutcomeSet named, bool readsStatus, bool testsSdkException = false)
        => new(whenTrue, whenFalse, whenTrue, whenFalse, named, ImmutableArray<IOperation>.Empty, false, readsStatus, testsSdkException);

    public Condition Not()
        => new(WhenFalse, WhenTrue, MustFalse, MustTrue, Named, Atoms, IsUnknown, ReadsStatus, TestsSdkException);

    public Condition And(Condition other)
        => new(
            WhenTrue.Intersect(other.WhenTrue),
            WhenFalse.Union(other.WhenFalse),
            MustTrue.Intersect(other.MustTrue),
            MustFalse.Union(other.MustFalse),
            Named.Union(other.Named),
            Atoms.AddRange(other.Atoms),
            IsUnknown || other.IsUnknown,
            ReadsStatus || other.ReadsStatus,
            TestsSdkException || other.TestsSdkException);

    public Condition Or(Condition other)
        => new(
            WhenTrue.Union(other.WhenTrue),
            WhenFalse.Intersect(other.WhenFalse),
            MustTrue.Union(other.MustTrue),
            MustFalse.Intersect(other.MustFalse),
            Named.Union(other.Named),
            Atoms.AddRange(other.Atoms),
            IsUnknown || other.IsUnknown,
            ReadsStatus || other.ReadsStatus,
            TestsSdkException || other.TestsSdkException);

    /// <summary>Restricts the condition to outcomes in <paramref name="universe"/> (e.g. what an exception type can carry).</summary>
    public Condition Within(OutcomeSet universe)
        => new(
            WhenTrue.Intersect(universe),
            WhenFalse,
            MustTrue.Intersect(universe),
            MustFalse.Union(OutcomeSet.All.Except(universe)),
            Named,
            Atoms,
            IsUnknown,
            ReadsStatus,
            TestsSdkException);

    /// <summary>A status test (<see cref="StatusTest"/>) on a status that reads as <paramref name="net"/> when the call failed without one.</summary>
    public static Condition FromPredicate(StatusTest test, NetValue net, OutcomeSet named)
    {
        var whenTrue = test.Statuses;
        var whenFalse = OutcomeSet.AllStatuses.Except(test.Statuses);
        if (net == NetValue.Unknown || (net == NetValue.Null ? test.MatchesNull : test.MatchesZero))
        {
            whenTrue = whenTrue.Union(OutcomeSet.Net);
        }

        if (net == NetValue.Unknown || !(net == NetValue.Null ? test.MatchesNull : test.MatchesZero))
        {
            whenFalse = whenFalse.Union(OutcomeSet.Net);
        }

        // Before the call has run, a status test reads a stale value: it may go either way.
        whenTrue = whenTrue.Union(OutcomeSet.Pre);
        whenFalse = whenFalse.Union(OutcomeSet.Pre);
        return Outcome(whenTrue, whenFalse, named, readsStatus: true);
    }
}

/// <summary>What a status reads as when the call failed without a status.</summary>
internal enum NetValue
{
    /// <summary>Not knowable (a response variable after a transport failure).</summary>
    Unknown,

    /// <summary><c>HttpRequestException.StatusCode</c> is null.</summary>
    Null,

    /// <summary><c>ClientResultException.Status</c> is 0.</summary>
    Zero,
}
