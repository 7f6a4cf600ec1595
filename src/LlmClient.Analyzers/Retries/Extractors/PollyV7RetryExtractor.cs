using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// Polly v7 policies: <c>Policy.Handle&lt;T&gt;(...).Or...(...).OrResult(...).Retry*/WaitAndRetry*/*Forever*(...)</c>.
/// The trigger comes from the builder's clauses, the bound from the count or the <c>Forever</c>.
/// </summary>
internal static class PollyV7RetryExtractor
{
    private const int MaxChain = 16;

    /// <summary>The invoked names <see cref="IsCandidateName"/> accepts (RetryGate's file filter uses them too).</summary>
    public static readonly string[] CandidateNames =
        { "Retry", "RetryAsync", "WaitAndRetry", "WaitAndRetryAsync", "RetryForever", "RetryForeverAsync", "WaitAndRetryForever", "WaitAndRetryForeverAsync" };

    /// <summary>Cheap syntax filter on the invoked name.</summary>
    public static bool IsCandidateName(string name)
        => name is "Retry" or "RetryAsync" or "WaitAndRetry" or "WaitAndRetryAsync" or "RetryForever" or "RetryForeverAsync" or "WaitAndRetryForever" or "WaitAndRetryForeverAsync";

    public static RetrySite? Extract(InvocationExpressionSyntax syntax, ExtractionContext context)
    {
        var types = context.Types;
        if (!types.HasPollyV7
            || context.Model.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation invocation
            || !IsRetrySyntax(invocation.TargetMethod.ContainingType, types)
            || invocation.GetArgumentAt(0) is not { } receiver
            || syntax.Expression is not MemberAccessExpressionSyntax access)
        {
            return null;
        }

        var clauses = Clauses(receiver, context, out var complete);
        var resultType = ResultType(invocation.TargetMethod);
        var tied = TiedFamily(resultType, types);
        var runsCall = false;
        tied ??= PollyExecution.ExecutedFamily(invocation, context, out runsCall);
        var predicates = new PollyPredicates(context, tied);
        var isHttp = tied is not null || runsCall || SymbolEqualityComparer.Default.Equals(resultType, types.HttpResponseMessage);
        var paths = ImmutableArray.CreateBuilder<TriggerPath>();
        var unknown = !complete;
        foreach (var clause in clauses)
        {
            var name = clause.TargetMethod.Name;
            var predicate = clause.Arguments.Length > 0 ? clause.Arguments[clause.Arguments.Length - 1].Value : null;
            TriggerPath? path;
            bool clauseUnknown;
            if (name is "Handle" or "Or" or "HandleInner" or "OrInner" && clause.TargetMethod.TypeArguments.Length == 1)
            {
                var exceptionType = clause.TargetMethod.TypeArguments[0];
                isHttp |= predicates.IsHttpOrSdkException(exceptionType);
                path = predicates.ExceptionClause(clause, exceptionType, predicate, out clauseUnknown);
            }
            else if (name is "HandleResult" or "OrResult")
            {
                var isResponse = SymbolEqualityComparer.Default.Equals(resultType, types.HttpResponseMessage);
                path = null;
                clauseUnknown = false;
                if (isResponse && predicate?.Type?.TypeKind == TypeKind.Delegate)
                {
                    path = predicates.ResultClause(predicate, out clauseUnknown);
                }
            }
            else
            {
                continue;
            }

            unknown |= clauseUnknown;
            if (path is not null)
            {
                paths.Add(path);
            }
        }

        if (!isHttp)
        {
            return null;
        }

        var location = access.Name.GetLocation();
        var trigger = new RetryTrigger(unknown ? TriggerKind.Unknown : TriggerKind.Statuses, paths.ToImmutable(), retriesTransportFailures: true);
        var (bound, boundData, boundLocations) = Bound(invocation, access.Name, types);
        return new RetrySite(
            RetryKind.PollyV7,
            location,
            trigger,
            bound,
            DelayReader.ForPollyV7(invocation, access.Name, context),
            () => RetrySyntaxFacts.ReadsRetryAfter(syntax, context),
            RetryExhaustion.Throws,
            boundData,
            boundLocations);
    }

    private static bool IsRetrySyntax(INamedTypeSymbol? type, RetryTypes types)
        => type is not null
            && (SymbolEqualityComparer.Default.Equals(type, types.RetrySyntax) || SymbolEqualityComparer.Default.Equals(type, types.AsyncRetrySyntax)
                || SymbolEqualityComparer.Default.Equals(type, types.RetryTResultSyntax) || SymbolEqualityComparer.Default.Equals(type, types.AsyncRetryTResultSyntax));

    /// <summary>The builder's clauses, from the retry call back to <c>Policy.Handle</c>, through locals.</summary>
    private static List<IInvocationOperation> Clauses(IOperation receiver, ExtractionContext context, out bool complete)
    {
        var clauses = new List<IInvocationOperation>();
        var types = context.Types;
        var current = receiver.WalkDownConversions();
        complete = false;
        for (var i = 0; i < MaxChain; i++)
        {
            if (current is ILocalReferenceOperation local && context.IndexFor(current).ValuesOf(local.Local) is { Length: 1 } values)
            {
                current = values[0].WalkDownConversions();
                continue;
            }

            if (current is not IInvocationOperation clause || !IsBuilderMember(clause.TargetMethod.ContainingType, types))
            {
                return clauses;
            }

            clauses.Add(clause);
            if (clause.Instance is null)
            {
                complete = true;
                return clauses;
            }

            current = clause.Instance.WalkDownConversions();
        }

        return clauses;
    }

    private static bool IsBuilderMember(INamedTypeSymbol? type, RetryTypes types)
    {
        var original = type?.OriginalDefinition;
        return original is not null
            && (SymbolEqualityComparer.Default.Equals(original, types.PollyPolicy) || SymbolEqualityComparer.Default.Equals(original, types.PollyPolicyOfT)
                || SymbolEqualityComparer.Default.Equals(original, types.PolicyBuilder) || SymbolEqualityComparer.Default.Equals(original, types.PolicyBuilderOfT));
    }

    /// <summary>TResult of a <c>PolicyBuilder&lt;TResult&gt;</c> retry, or null.</summary>
    private static ITypeSymbol? ResultType(IMethodSymbol method)
        => method.Parameters.Length > 0 && method.Parameters[0].Type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } builder ? builder.TypeArguments[0] : null;

    public static CallFamily? TiedFamily(ITypeSymbol? resultType, RetryTypes types)
    {
        if (resultType is null || !types.IsSdkType(resultType))
        {
            return null;
        }

        return types.IsInAnthropicAssembly(resultType) || resultType.ContainingNamespace?.ToDisplayString().StartsWith("Anthropic", System.StringComparison.Ordinal) == true
            ? CallFamily.Anthropic
            : CallFamily.ClientModel;
    }

    private static (RetryBound Bound, ImmutableDictionary<string, string?> Data, ImmutableArray<Location> Locations) Bound(IInvocationOperation invocation, SimpleNameSyntax name, RetryTypes types)
    {
        var method = invocation.TargetMethod;
        var none = ImmutableDictionary<string, string?>.Empty;
        if (method.Name.Contains("Forever"))
        {
            var data = HasBoundedOverload(method) ? none.Add(RetryFixProperties.Fix, BoundFix.Forever) : none;
            return (RetryBound.Unbounded(UnboundedReason.Forever, name.GetLocation()), data, ImmutableArray<Location>.Empty);
        }

        var count = invocation.GetArgument("retryCount");
        if (count is null)
        {
            var hasSchedule = invocation.GetArgument("sleepDurations") is not null;
            return (RetryBound.Bounded(hasSchedule ? null : 1, name.GetLocation()), none, ImmutableArray<Location>.Empty);
        }

        if (count.ConstantValue is { HasValue: true, Value: int value })
        {
            return value == int.MaxValue
                ? (RetryBound.Unbounded(UnboundedReason.MaxValue, name.GetLocation()), none.Add(RetryFixProperties.Fix, BoundFix.ReplaceLimit), ImmutableArray.Create(count.Syntax.GetLocation()))
                : (RetryBound.RetryCount(value, count.Syntax.GetLocation()), none, ImmutableArray<Location>.Empty);
        }

        return (RetryBound.Unknown, none, ImmutableArray<Location>.Empty);
    }

    /// <summary>Does <c>RetryForever(a, b)</c> have a <c>Retry(int, a, b)</c> twin the fix can call?</summary>
    private static bool HasBoundedOverload(IMethodSymbol forever)
    {
        var original = forever.ReducedFrom ?? forever;
        original = original.OriginalDefinition;
        var boundedName = original.Name.Replace("Forever", string.Empty);
        foreach (var candidate in original.ContainingType.GetMembers(boundedName).OfType<IMethodSymbol>())
        {
            if (candidate.Parameters.Length != original.Parameters.Length + 1 || candidate.Parameters[1].Type.SpecialType != SpecialType.System_Int32)
            {
                continue;
            }

            var same = true;
            for (var i = 1; i < original.Parameters.Length && same; i++)
            {
                same = candidate.Parameters[i + 1].Type.ToDisplayString() == original.Parameters[i].Type.ToDisplayString();
            }

            if (same)
            {
                return true;
            }
        }

        return false;
    }
}
