using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// Loops (<c>for</c>, <c>for (;;)</c>, <c>while</c>, <c>while (true)</c>, <c>do</c>, <c>foreach</c> over a delay
/// schedule) whose repeat is driven by a failed HTTP or SDK call; in a <c>DelegatingHandler</c> around
/// <c>base.SendAsync</c>, a <see cref="RetryKind.Handler"/>.
/// </summary>
internal static class LoopRetryExtractor
{
    private const int MaxCandidates = 4;

    public static RetrySite? Extract(StatementSyntax syntax, ExtractionContext context)
    {
        if (context.Model.GetOperation(syntax, context.CancellationToken) is not ILoopOperation loop || loop.Body is null)
        {
            return null;
        }

        var types = context.Types;
        var count = 0;
        // The invocations directly in the body (outside lambdas and local functions), in order.
        foreach (var node in context.Facts.FlowNodes(loop.Body))
        {
            if (node is not IInvocationOperation invocation || RetryCalls.Classify(invocation, types) is not { } call)
            {
                continue;
            }

            if (++count > MaxCandidates)
            {
                break;
            }

            if (loop is IForEachLoopOperation schedule && !IsScheduleLoop(schedule))
            {
                return null;
            }

            var index = context.IndexFor(loop);
            var eval = new ConditionEvaluator(types, context.Model, index, _ => OutcomeSet.Empty, context.CancellationToken);
            var flow = new RetryFlow(eval, call, RegionKind.Loop, loop, loop, null, null, context.Facts, context.CancellationToken);
            flow.RunLoop(EntryFlags(loop, index, context.Facts));
            var builder = new FlowSiteBuilder(flow, call, eval, context);
            if (!builder.IsRetry)
            {
                continue;
            }

            var location = KeywordLocation(syntax);
            var trigger = builder.BuildTrigger(location, loop);
            var bound = loop is IForEachLoopOperation forEach
                ? RetryBound.Bounded(null, forEach.Collection.Syntax.GetLocation())
                : BoundClassifier.Classify(builder.BoundAtoms, symbol => context.Facts.IsWrittenIn(symbol, loop), location);

            var catches = builder.RepeatingCatchClauses();
            var boundData = ImmutableDictionary<string, string?>.Empty;
            if (!catches.IsEmpty && syntax.Parent is BlockSyntax)
            {
                boundData = boundData.Add(RetryFixProperties.Fix, BoundFix.CatchCounter);
            }
            else if (syntax is DoStatementSyntax or WhileStatementSyntax && syntax.Parent is BlockSyntax && LoopConditionSyntax(syntax) is { } condition
                && !condition.IsKind(SyntaxKind.TrueLiteralExpression))
            {
                boundData = boundData.Add(RetryFixProperties.Fix, BoundFix.ConditionCounter);
            }

            else if (syntax.Parent is BlockSyntax && IsForever(syntax) && LoopBody(syntax) is BlockSyntax body
                && builder.ResponseRepeatSites() is { } sites && (sites.EndOfBody || sites.Continues.Count > 0)
                && builder.ResponseVariable() is { } response && IsInScopeThroughout(response, body, context))
            {
                boundData = boundData.Add(RetryFixProperties.Fix, BoundFix.ResponseCounter)
                    .Add(RetryFixProperties.Variable, response.Name)
                    .Add(RetryFixProperties.Exit, builder.ExitFor(loop))
                    .Add(RetryFixProperties.EndOfBody, sites.EndOfBody ? "true" : "false");
                catches = sites.Continues.Select(c => c.GetLocation()).ToImmutableArray();
            }

            var boundLocations = boundData.TryGetValue(RetryFixProperties.Fix, out var boundFix) && boundFix is BoundFix.CatchCounter or BoundFix.ResponseCounter
                ? catches
                : ImmutableArray<Location>.Empty;
            var retryAfterFix = RetryAfterFix(loop, syntax, call, builder, context);
            return new RetrySite(
                call.IsBaseSend ? RetryKind.Handler : RetryKind.Loop,
                location,
                trigger,
                bound,
                loop is IForEachLoopOperation ? RetryDelay.Unknown : DelayReader.ForRegion(loop.Body, bound, location, context),
                () => RetrySyntaxFacts.ReadsRetryAfter(syntax, context),
                builder.Exhaustion(bound, syntax),
                boundData,
                boundLocations)
            {
                WrappedClient = WrappedClientReader.Read(call, context),
                RetryAfterFixData = retryAfterFix.Data,
                RetryAfterFixLocations = retryAfterFix.Locations,
                RetryAfterUnavailable = call.Family == CallFamily.Anthropic,
                RewriteReader = call.IsBaseSend ? null : () => Rewrite.RetryRewriteReader.Read(syntax, call, context),
            };
        }

        return null;
    }

    /// <summary>
    /// LLM1004's fix: a loop over an <c>HttpResponseMessage</c> in scope throughout its body, whose first wait
    /// (<c>Task.Delay</c>/<c>Thread.Sleep</c> directly in the loop, after the call) can be wrapped to prefer Retry-After.
    /// </summary>
    private static (ImmutableDictionary<string, string?> Data, ImmutableArray<Location> Locations) RetryAfterFix(
        ILoopOperation loop, StatementSyntax syntax, CallInfo call, FlowSiteBuilder builder, ExtractionContext context)
    {
        var none = (ImmutableDictionary<string, string?>.Empty, ImmutableArray<Location>.Empty);
        if (call.Family != CallFamily.Http || LoopBody(syntax) is not BlockSyntax body || builder.ResponseVariable() is not { } response
            || !IsInScopeThroughout(response, body, context))
        {
            return none;
        }

        foreach (var node in context.Facts.FlowNodes(loop.Body))
        {
            if (node is not IInvocationOperation invocation || invocation.TargetMethod.Name is not ("Delay" or "Sleep")
                || invocation.TargetMethod.ContainingType?.Name is not ("Task" or "Thread") || invocation.Arguments.Length == 0
                || invocation.Syntax.SpanStart < call.Invocation.Syntax.Span.End)
            {
                continue;
            }

            var argument = invocation.Arguments[0].Value;
            while (argument is IConversionOperation { IsImplicit: true } implicitConversion)
            {
                argument = implicitConversion.Operand;
            }

            var type = argument.Type;
            var milliseconds = type?.SpecialType == SpecialType.System_Int32;
            if (!milliseconds && type?.Name != "TimeSpan")
            {
                return none;
            }

            var data = ImmutableDictionary<string, string?>.Empty
                .Add(RetryFixProperties.Fix, "RetryAfterHelper")
                .Add(RetryFixProperties.Variable, response.Name)
                .Add(RetryFixProperties.Milliseconds, milliseconds ? "true" : "false");
            return (data, ImmutableArray.Create(argument.Syntax.GetLocation()));
        }

        return none;
    }

    private static bool IsForever(StatementSyntax loop) => loop switch
    {
        WhileStatementSyntax w => w.Condition.IsKind(SyntaxKind.TrueLiteralExpression),
        ForStatementSyntax f => f.Condition is null,
        _ => false,
    };

    private static StatementSyntax? LoopBody(StatementSyntax loop) => loop switch
    {
        WhileStatementSyntax w => w.Statement,
        ForStatementSyntax f => f.Statement,
        _ => null,
    };

    /// <summary>The response variable is declared outside the loop, or at the top level of its body.</summary>
    private static bool IsInScopeThroughout(ILocalSymbol response, BlockSyntax body, ExtractionContext context)
    {
        if (response.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var declaration = response.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken);
        return !body.Span.Contains(declaration.Span) || declaration.FirstAncestorOrSelf<BlockSyntax>() == body;
    }

    private static ExpressionSyntax? LoopConditionSyntax(StatementSyntax loop) => loop switch
    {
        WhileStatementSyntax w => w.Condition,
        DoStatementSyntax d => d.Condition,
        _ => null,
    };

    /// <summary>The loop keyword: <c>while</c>, <c>do</c>, <c>for</c>, <c>foreach</c>.</summary>
    public static Location KeywordLocation(StatementSyntax loop)
    {
        var keyword = loop switch
        {
            WhileStatementSyntax w => w.WhileKeyword,
            DoStatementSyntax d => d.DoKeyword,
            ForStatementSyntax f => f.ForKeyword,
            ForEachStatementSyntax e => e.ForEachKeyword,
            _ => loop.GetFirstToken(),
        };

        return keyword.GetLocation();
    }

    /// <summary>
    /// A foreach is a retry only when it walks a schedule (its variable is used for nothing but the delay); one that
    /// sends each item, or tries each model in turn, is a worker or a failover.
    /// </summary>
    private static bool IsScheduleLoop(IForEachLoopOperation forEach)
    {
        var locals = forEach.Locals;
        foreach (var reference in forEach.Body.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
        {
            if (!locals.Contains(reference.Local, SymbolEqualityComparer.Default))
            {
                continue;
            }

            var inDelay = false;
            for (var node = reference.Parent; node is not null && node != forEach; node = node.Parent)
            {
                if (node is IInvocationOperation { TargetMethod.Name: "Delay" or "Sleep" })
                {
                    inDelay = true;
                    break;
                }
            }

            if (!inDelay)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Boolean locals set before the loop to a constant and changed in it (<c>var done = false; while (!done)</c>).</summary>
    private static ImmutableDictionary<ILocalSymbol, bool> EntryFlags(ILoopOperation loop, LocalIndex index, OperationFacts facts)
    {
        var flags = ImmutableDictionary.Create<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
        var span = loop.Syntax.Span;
        foreach (var local in facts.BooleansAssignedIn(loop))
        {
            IOperation? outside = null;
            var count = 0;
            foreach (var assigned in index.ValuesOf(local))
            {
                if (!span.Contains(assigned.Syntax.Span))
                {
                    outside = assigned;
                    count++;
                }
            }

            if (count == 1 && outside!.ConstantValue is { HasValue: true, Value: bool value })
            {
                flags = flags.Add(local, value);
            }
        }

        return flags;
    }
}
