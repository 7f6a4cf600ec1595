using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary><c>retry: ... goto retry;</c>: a backward <c>goto</c> to a label before a failed call.</summary>
internal static class GotoRetryExtractor
{
    private const int MaxCandidates = 4;

    public static RetrySite? Extract(GotoStatementSyntax syntax, ExtractionContext context)
    {
        if (!syntax.IsKind(SyntaxKind.GotoStatement)
            || context.Model.GetOperation(syntax, context.CancellationToken) is not IBranchOperation { Target: { } label }
            || label.DeclaringSyntaxReferences.Length != 1
            || label.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is not LabeledStatementSyntax labeledSyntax
            || labeledSyntax.SpanStart > syntax.SpanStart
            || context.Model.GetOperation(labeledSyntax, context.CancellationToken) is not ILabeledOperation { Parent: IBlockOperation block } labeled)
        {
            return null;
        }

        var start = block.Operations.IndexOf(labeled);
        if (start < 0 || !block.Syntax.Span.Contains(syntax.Span))
        {
            return null;
        }

        var statements = block.Operations.RemoveRange(0, start);
        var types = context.Types;
        var count = 0;
        foreach (var invocation in statements.SelectMany(s => s.DescendantsAndSelf()).OfType<IInvocationOperation>())
        {
            if (!RetryFlow.IsDirectlyIn(invocation, block) || RetryCalls.Classify(invocation, types) is not { } call)
            {
                continue;
            }

            if (++count > MaxCandidates)
            {
                break;
            }

            var eval = new ConditionEvaluator(types, context.Model, context.IndexFor(block), _ => OutcomeSet.Empty, context.CancellationToken);
            var flow = new RetryFlow(eval, call, RegionKind.Goto, block, null, label, null, context.Facts, context.CancellationToken);
            flow.RunStatements(statements);
            var builder = new FlowSiteBuilder(flow, call, eval, context);
            if (!builder.IsRetry)
            {
                continue;
            }

            var location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.GotoKeyword.SpanStart, syntax.Expression?.Span.End ?? syntax.GotoKeyword.Span.End));
            var bound = BoundClassifier.Classify(builder.BoundAtoms, symbol => context.Facts.IsWrittenIn(symbol, block), location);
            return new RetrySite(
                call.IsBaseSend ? RetryKind.Handler : RetryKind.Goto,
                location,
                builder.BuildTrigger(location, block),
                bound,
                DelayReader.ForRegion(block, bound, location, context),
                () => RetrySyntaxFacts.ReadsRetryAfter(block.Syntax, context),
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
}
