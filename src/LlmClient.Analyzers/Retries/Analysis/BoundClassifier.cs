using System;
using System.Collections.Generic;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Analysis;

/// <summary>
/// Reads the free conditions on the ways out of a retry as a bound: a counter tested and advanced bounds it; a
/// counter tested but never advanced, or a limit of <c>int.MaxValue</c>, does not; anything else (a deadline,
/// cancellation, an opaque call) leaves the bound unknown.
/// </summary>
internal static class BoundClassifier
{
    private enum AtomKind
    {
        Unknown,
        Counter,
        StuckCounter,
        MaxValue,
    }

    /// <param name="atoms">Free conditions on the exits that the repeated failures can take.</param>
    /// <param name="isAdvanced">Whether a counter symbol is advanced on the way round (written in the loop, passed as <c>attempt + 1</c>).</param>
    /// <param name="site">Where the retry is, for an unbounded result.</param>
    public static RetryBound Classify(IEnumerable<IOperation> atoms, Func<ISymbol, bool> isAdvanced, Location site)
    {
        RetryBound? bounded = null;
        var unknown = false;
        string? stuck = null;
        var maxValue = false;
        foreach (var atom in atoms)
        {
            var (kind, limit, name, limitOperation, counter) = ClassifyAtom(atom, isAdvanced);
            switch (kind)
            {
                case AtomKind.Counter:
                    if (bounded is null || (limit is { } l && (bounded.Limit is null || l < bounded.Limit)))
                    {
                        bounded = new RetryBound(BoundKind.Bounded, limit, UnboundedReason.None, atom.Syntax.GetLocation(), null, limitOperation?.Syntax.GetLocation(), countsAttempts: true, counter: counter);
                    }

                    break;
                case AtomKind.StuckCounter:
                    stuck ??= name;
                    break;
                case AtomKind.MaxValue:
                    maxValue = true;
                    break;
                default:
                    unknown = true;
                    break;
            }
        }

        if (bounded is not null)
        {
            return bounded;
        }

        if (unknown)
        {
            return RetryBound.Unknown;
        }

        if (stuck is not null)
        {
            return RetryBound.Unbounded(UnboundedReason.CounterNeverAdvanced, site, stuck);
        }

        return RetryBound.Unbounded(maxValue ? UnboundedReason.MaxValue : UnboundedReason.NoLimit, site);
    }

    private static (AtomKind Kind, int? Limit, string? Name, IOperation? LimitOperation, ISymbol? Counter) ClassifyAtom(IOperation atom, Func<ISymbol, bool> isAdvanced)
    {
        var operation = atom;
        while (true)
        {
            switch (operation)
            {
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    operation = not.Operand;
                    continue;
            }

            break;
        }

        if (operation is not IBinaryOperation binary
            || binary.OperatorKind is not (BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            return (AtomKind.Unknown, null, null, null, null);
        }

        var left = binary.LeftOperand.WalkDownConversions();
        var right = binary.RightOperand.WalkDownConversions();
        var (leftSymbol, leftIncrements) = Counter(left);
        var (rightSymbol, rightIncrements) = Counter(right);
        var leftAdvanced = leftSymbol is not null && (leftIncrements || isAdvanced(leftSymbol));
        var rightAdvanced = rightSymbol is not null && (rightIncrements || isAdvanced(rightSymbol));

        if (leftAdvanced || rightAdvanced)
        {
            var limit = leftAdvanced ? right : left;
            var value = Limit(limit);
            return value == int.MaxValue ? (AtomKind.MaxValue, null, null, null, null) : (AtomKind.Counter, value, null, limit, leftAdvanced ? leftSymbol : rightSymbol);
        }

        // Neither side moves: "attempt < max" with attempt never advanced is a retry that never stops.
        if (leftSymbol is ILocalSymbol or IParameterSymbol && (IsFixed(right) || rightSymbol is ILocalSymbol or IParameterSymbol))
        {
            return (AtomKind.StuckCounter, null, leftSymbol.Name, null, null);
        }

        if (rightSymbol is ILocalSymbol or IParameterSymbol && IsFixed(left))
        {
            return (AtomKind.StuckCounter, null, rightSymbol.Name, null, null);
        }

        return (AtomKind.Unknown, null, null, null, null);
    }

    private static (ISymbol? Symbol, bool Increments) Counter(IOperation operation)
        => operation is IIncrementOrDecrementOperation increment
            ? (SymbolOf(increment.Target), true)
            : (SymbolOf(operation), false);

    /// <summary>A constant, a const field, or a readonly field: a limit that does not move.</summary>
    private static bool IsFixed(IOperation operation)
        => operation.ConstantValue.HasValue
            || operation is IFieldReferenceOperation { Field: { IsReadOnly: true } or { IsConst: true } };

    private static int? Limit(IOperation operation)
        => operation.ConstantValue is { HasValue: true, Value: int value } ? value : null;

    /// <summary>The local, parameter, field or property an operation refers to, through conversions.</summary>
    internal static ISymbol? SymbolOf(IOperation operation) => operation.WalkDownConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };
}
