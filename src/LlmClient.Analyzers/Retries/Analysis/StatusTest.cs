using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Analysis;

/// <summary>
/// A test on a status value (<c>status == 429</c>, <c>is >= 500 or 408</c>, <c>codes.Contains(status)</c>) as what it
/// lets pass: which statuses of 100-599, and whether "no status" (null) and the 0 a failed call's status may read as do.
/// That is everything <see cref="Condition.FromPredicate"/> asks of a test, so tests combine by set operations instead of
/// as delegates called for each of 500 statuses.
/// </summary>
internal readonly struct StatusTest
{
    private StatusTest(OutcomeSet statuses, bool matchesNull, bool matchesZero)
    {
        Statuses = statuses;
        MatchesNull = matchesNull;
        MatchesZero = matchesZero;
    }

    /// <summary>The statuses (100-599) that pass.</summary>
    public OutcomeSet Statuses { get; }

    public bool MatchesNull { get; }

    public bool MatchesZero { get; }

    /// <summary>Every value passes (a discard, <c>var x</c>).</summary>
    public static StatusTest Any { get; } = new(OutcomeSet.AllStatuses, true, true);

    /// <summary>Every value but null passes (a type pattern).</summary>
    public static StatusTest AnyStatus { get; } = new(OutcomeSet.AllStatuses, false, true);

    /// <summary>The statuses of <paramref name="set"/> pass (<c>set.Contains(status)</c>; null and 0 do not).</summary>
    public static StatusTest In(OutcomeSet set) => new(set.Intersect(OutcomeSet.AllStatuses), false, false);

    /// <summary><c>status op constant</c>, with C#'s lifted semantics: only == and != can hold of null.</summary>
    public static StatusTest Compare(BinaryOperatorKind kind, long? constant)
    {
        if (kind == BinaryOperatorKind.NotEquals)
        {
            return Compare(BinaryOperatorKind.Equals, constant).Not();
        }

        if (constant is not { } c)
        {
            return kind == BinaryOperatorKind.Equals ? new(OutcomeSet.Empty, true, false) : None;
        }

        return kind switch
        {
            BinaryOperatorKind.Equals => new(c is >= int.MinValue and <= int.MaxValue ? OutcomeSet.Status((int)c) : OutcomeSet.Empty, false, c == 0),
            BinaryOperatorKind.LessThan => c == long.MinValue ? None : new(OutcomeSet.Range(OutcomeSet.MinStatus, c - 1), false, 0 < c),
            BinaryOperatorKind.LessThanOrEqual => new(OutcomeSet.Range(OutcomeSet.MinStatus, c), false, 0 <= c),
            BinaryOperatorKind.GreaterThan => c == long.MaxValue ? None : new(OutcomeSet.Range(c + 1, OutcomeSet.MaxStatus), false, 0 > c),
            BinaryOperatorKind.GreaterThanOrEqual => new(OutcomeSet.Range(c, OutcomeSet.MaxStatus), false, 0 >= c),
            _ => None,
        };
    }

    private static StatusTest None => new(OutcomeSet.Empty, false, false);

    public StatusTest Not() => new(OutcomeSet.AllStatuses.Except(Statuses), !MatchesNull, !MatchesZero);

    public StatusTest And(StatusTest other) => new(Statuses.Intersect(other.Statuses), MatchesNull && other.MatchesNull, MatchesZero && other.MatchesZero);

    public StatusTest Or(StatusTest other) => new(Statuses.Union(other.Statuses), MatchesNull || other.MatchesNull, MatchesZero || other.MatchesZero);
}
