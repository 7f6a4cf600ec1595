using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>A method (or local function) that calls itself again after a failed call.</summary>
internal static class RecursionRetryExtractor
{
    private const int MaxCandidates = 4;

    public static RetrySite? Extract(SyntaxNode body, IMethodSymbol method, ExtractionContext context)
    {
        if (context.Model.GetOperation(body, context.CancellationToken) is not { } bodyOperation)
        {
            return null;
        }

        var recursive = bodyOperation.DescendantsAndSelf().OfType<IInvocationOperation>()
            .Where(i => SymbolEqualityComparer.Default.Equals(i.TargetMethod.OriginalDefinition, method.OriginalDefinition)
                && i.Instance is null or IInstanceReferenceOperation
                && RetryFlow.IsDirectlyIn(i, bodyOperation))
            .ToList();
        if (recursive.Count == 0)
        {
            return null;
        }

        var types = context.Types;
        var count = 0;
        foreach (var invocation in bodyOperation.DescendantsAndSelf().OfType<IInvocationOperation>())
        {
            if (!RetryFlow.IsDirectlyIn(invocation, bodyOperation) || RetryCalls.Classify(invocation, types) is not { } call)
            {
                continue;
            }

            if (++count > MaxCandidates)
            {
                break;
            }

            var eval = new ConditionEvaluator(types, context.Model, context.IndexFor(bodyOperation), _ => OutcomeSet.Empty, context.CancellationToken);
            var flow = new RetryFlow(eval, call, RegionKind.Recursion, bodyOperation, null, null, method, context.Facts, context.CancellationToken);
            flow.RunBody(bodyOperation);
            var builder = new FlowSiteBuilder(flow, call, eval, context);
            if (!builder.IsRetry)
            {
                continue;
            }

            var site = flow.Repeats.FirstOrDefault(r => r.Path.Set.Overlaps(builder.Retried)).Site ?? recursive[0].Syntax;
            var location = site.GetLocation();
            var advanced = AdvancedParameters(recursive, method);
            var bound = BoundClassifier.Classify(
                builder.BoundAtoms,
                symbol => symbol is IParameterSymbol ? advanced.Contains(symbol) : context.Facts.IsWrittenIn(symbol, bodyOperation),
                location);
            if (bound.Kind == BoundKind.Unbounded && bound.Reason == UnboundedReason.NoLimit && advanced.Count > 0)
            {
                bound = RetryBound.Unbounded(UnboundedReason.DepthNeverTested, location, advanced.First().Name);
            }

            return new RetrySite(
                call.IsBaseSend ? RetryKind.Handler : RetryKind.Recursion,
                location,
                builder.BuildTrigger(location, bodyOperation),
                bound,
                DelayReader.ForRegion(bodyOperation, bound, location, context),
                () => RetrySyntaxFacts.ReadsRetryAfter(body, context),
                builder.Exhaustion(bound, null),
                ImmutableDictionary<string, string?>.Empty,
                ImmutableArray<Location>.Empty)
            {
                WrappedClient = WrappedClientReader.Read(call, context),
                RetryAfterUnavailable = call.Family == CallFamily.Anthropic,
            };
        }

        return null;
    }

    /// <summary>Parameters the recursive calls pass on advanced: <c>attempt + 1</c>, <c>++attempt</c>, <c>remaining - 1</c>.</summary>
    private static HashSet<ISymbol> AdvancedParameters(List<IInvocationOperation> recursive, IMethodSymbol method)
    {
        var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var call in recursive)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var own = method.Parameters.Length > parameter.Ordinal ? method.Parameters[parameter.Ordinal] : null;
                if (own is null)
                {
                    continue;
                }

                var value = Infrastructure.OperationExtensions.WalkDownConversions(argument.Value);
                var advances = value switch
                {
                    IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary
                        => Refers(binary.LeftOperand, own) || Refers(binary.RightOperand, own),
                    IIncrementOrDecrementOperation { IsPostfix: false } increment => Refers(increment.Target, own),
                    _ => false,
                };

                if (advances)
                {
                    result.Add(own);
                }
            }
        }

        return result;
    }

    private static bool Refers(IOperation operation, IParameterSymbol parameter)
        => Infrastructure.OperationExtensions.WalkDownConversions(operation) is IParameterReferenceOperation reference
            && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
}
