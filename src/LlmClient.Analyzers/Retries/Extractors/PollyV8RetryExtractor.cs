using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// Polly v8 retry strategies: <c>new RetryStrategyOptions[&lt;T&gt;] { ShouldHandle = ..., MaxRetryAttempts = ... }</c>,
/// wherever they are built (in <c>AddRetry(...)</c>, a field, a local). <c>ShouldHandle</c> may be a
/// <c>PredicateBuilder</c>, a lambda over <c>args.Outcome</c>, or left to the default (every exception).
/// </summary>
internal static class PollyV8RetryExtractor
{
    private const int MaxChain = 16;

    /// <summary>
    /// Every name <see cref="IsCandidate"/> looks for; a candidate mentions one (RetryGate's file filter uses them).
    /// </summary>
    public static readonly string[] CandidateNames = { "RetryStrategyOptions", "ShouldHandle", "MaxRetryAttempts", "AddRetry" };

    /// <summary>Cheap syntax filter: a creation named <c>RetryStrategyOptions</c>, or a target-typed one that looks like it.</summary>
    public static bool IsCandidate(BaseObjectCreationExpressionSyntax creation)
    {
        switch (creation)
        {
            case ObjectCreationExpressionSyntax { Type: var type }:
                var name = type switch
                {
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => null,
                };
                return name == "RetryStrategyOptions";
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                return implicitCreation.Initializer?.Expressions.Any(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "ShouldHandle" or "MaxRetryAttempts" } }) == true
                    || implicitCreation.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } && SyntaxNames.GetInvokedName(invocation) == "AddRetry";
            default:
                return false;
        }
    }

    public static RetrySite? Extract(BaseObjectCreationExpressionSyntax syntax, ExtractionContext context)
    {
        var types = context.Types;
        if (!types.HasPollyV8
            || context.Model.GetOperation(syntax, context.CancellationToken) is not IObjectCreationOperation creation
            || OptionsResultType(creation.Type, types) is not { } resultType)
        {
            return null;
        }

        var isResponse = SymbolEqualityComparer.Default.Equals(resultType, types.HttpResponseMessage);
        var tied = PollyV7RetryExtractor.TiedFamily(resultType, types);
        var runsCall = false;
        tied ??= PollyExecution.ExecutedFamily(creation, context, out runsCall);
        var predicates = new PollyPredicates(context, tied);
        var isHttp = isResponse || tied is not null || runsCall;

        IOperation? shouldHandle = null;
        IOperation? maxRetries = null;
        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                {
                    switch (property.Property.Name)
                    {
                        case "ShouldHandle":
                            shouldHandle = assignment.Value;
                            break;
                        case "MaxRetryAttempts":
                            maxRetries = assignment.Value;
                            break;
                    }
                }
            }
        }

        var location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, syntax switch
        {
            ObjectCreationExpressionSyntax explicitCreation => explicitCreation.Type.Span.End,
            _ => syntax.NewKeyword.Span.End,
        }));

        var paths = ImmutableArray.CreateBuilder<TriggerPath>();
        var unknown = false;
        if (shouldHandle is null)
        {
            // The default handles every exception but cancellation.
            var statuses = predicates.DefaultPredicate();
            if (!statuses.IsEmpty)
            {
                paths.Add(new TriggerPath(statuses, OutcomeSet.Empty, location, TriggerFix.None, ImmutableDictionary<string, string?>.Empty));
            }
        }
        else if (PollyPredicates.Lambda(shouldHandle) is { } lambda)
        {
            var path = predicates.ArgumentsPredicate(lambda, isResponse, out unknown);
            if (path is not null)
            {
                paths.Add(path);
                isHttp = true;
            }
        }
        else if (IsPredicateBuilder(shouldHandle.WalkDownConversions().Type, types))
        {
            var current = shouldHandle.WalkDownConversions();
            for (var i = 0; i < MaxChain && current is IInvocationOperation clause; i++)
            {
                var predicate = clause.Arguments.Length > 0 ? clause.Arguments[0].Value : null;
                TriggerPath? path = null;
                var clauseUnknown = false;
                if (clause.TargetMethod.Name is "Handle" or "HandleInner" && clause.TargetMethod.TypeArguments.Length == 1)
                {
                    var exceptionType = clause.TargetMethod.TypeArguments[0];
                    isHttp |= predicates.IsHttpOrSdkException(exceptionType);
                    path = predicates.ExceptionClause(clause, exceptionType, predicate, out clauseUnknown);
                }
                else if (clause.TargetMethod.Name == "HandleResult" && isResponse && predicate?.Type?.TypeKind == TypeKind.Delegate)
                {
                    path = predicates.ResultClause(predicate, out clauseUnknown);
                }

                unknown |= clauseUnknown;
                if (path is not null)
                {
                    paths.Add(path);
                }

                current = clause.Instance?.WalkDownConversions();
            }

            unknown |= current is not IObjectCreationOperation;
        }
        else
        {
            unknown = true;
        }

        if (!isHttp)
        {
            return null;
        }

        var (bound, boundData, boundLocations) = Bound(maxRetries, location);
        return new RetrySite(
            RetryKind.PollyV8,
            location,
            new RetryTrigger(unknown ? TriggerKind.Unknown : TriggerKind.Statuses, paths.ToImmutable(), retriesTransportFailures: true),
            bound,
            DelayReader.ForPollyV8(creation, location, context),
            () => RetrySyntaxFacts.ReadsRetryAfter(syntax, context),
            RetryExhaustion.Throws,
            boundData,
            boundLocations);
    }

    /// <summary>TResult of <c>RetryStrategyOptions&lt;TResult&gt;</c> (object for the non-generic one), or null.</summary>
    private static ITypeSymbol? OptionsResultType(ITypeSymbol? type, RetryTypes types)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, types.RetryStrategyOptionsOfT) && current.TypeArguments.Length == 1)
            {
                return current.TypeArguments[0];
            }
        }

        return null;
    }

    private static bool IsPredicateBuilder(ITypeSymbol? type, RetryTypes types) => RetryTypes.DerivesFrom(type, types.PredicateBuilderOfT);

    private static (RetryBound Bound, ImmutableDictionary<string, string?> Data, ImmutableArray<Location> Locations) Bound(IOperation? maxRetries, Location site)
    {
        var none = ImmutableDictionary<string, string?>.Empty;
        if (maxRetries is null)
        {
            return (RetryBound.Bounded(3, site), none, ImmutableArray<Location>.Empty);
        }

        if (maxRetries.ConstantValue is { HasValue: true, Value: int value })
        {
            var location = maxRetries.Syntax.GetLocation();
            return value == int.MaxValue
                ? (RetryBound.Unbounded(UnboundedReason.MaxValue, location), none.Add(RetryFixProperties.Fix, BoundFix.ReplaceLimit), ImmutableArray<Location>.Empty)
                : (RetryBound.RetryCount(value, location), none, ImmutableArray<Location>.Empty);
        }

        return (RetryBound.Unknown, none, ImmutableArray<Location>.Empty);
    }
}
