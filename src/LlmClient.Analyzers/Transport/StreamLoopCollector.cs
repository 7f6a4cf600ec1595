using System.Collections.Concurrent;
using System.Collections.Generic;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Transport.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// The candidate stream loops of one type (symbol start to symbol end): the loops are seen as syntax, and bound and read
/// at the type's end. By then the driver has built the members' operation trees for any analyzer with operation actions
/// (every build's own analyzers have some), so <c>GetOperation</c> reads that tree instead of building it, as a syntax
/// node action would, which runs before the tree exists. Without such analyzers, only the members holding a candidate
/// loop are bound, as before.
/// </summary>
internal sealed class StreamLoopCollector
{
    private readonly TransportTypes _types;
    private readonly StreamErrorEventsRule _rule;
    private readonly ConcurrentDictionary<SyntaxTree, StreamLoopCandidates> _candidates;
    private readonly List<(SemanticModel Model, SyntaxNode Loop)> _loops = new();

    public StreamLoopCollector(TransportTypes types, StreamErrorEventsRule rule, ConcurrentDictionary<SyntaxTree, StreamLoopCandidates> candidates)
    {
        _types = types;
        _rule = rule;
        _candidates = candidates;
    }

    /// <summary>Can a loop of <paramref name="type"/> be a candidate (a candidate token in one of its declarations)?</summary>
    public static bool MayHaveStreamLoops(INamedTypeSymbol type, ConcurrentDictionary<SyntaxTree, StreamLoopCandidates> candidates, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (CandidatesOf(reference.SyntaxTree, candidates, cancellationToken).AnyIn(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    public void OnLoop(SyntaxNodeAnalysisContext context)
    {
        if (!CandidatesOf(context.Node.SyntaxTree, _candidates, context.CancellationToken).IsCandidate(context.Node))
        {
            return;
        }

        lock (_loops)
        {
            _loops.Add((context.SemanticModel, context.Node));
        }
    }

    public void Report(SymbolAnalysisContext context)
    {
        lock (_loops)
        {
            foreach (var (model, syntax) in _loops)
            {
                if (model.GetOperation(syntax, context.CancellationToken) is not ILoopOperation operation
                    || StreamLoopReader.Read(operation, _types, context.CancellationToken) is not { } loop)
                {
                    continue;
                }

                _rule.Analyze(loop, _types, diagnostic =>
                {
                    if (!GeneratedCodeFilter.IsGenerated(diagnostic.Location, syntax, context.Compilation, context.Options, context.CancellationToken))
                    {
                        context.ReportDiagnostic(diagnostic);
                    }
                });
            }
        }
    }

    private static StreamLoopCandidates CandidatesOf(SyntaxTree tree, ConcurrentDictionary<SyntaxTree, StreamLoopCandidates> candidates, System.Threading.CancellationToken cancellationToken)
    {
        if (!candidates.TryGetValue(tree, out var found))
        {
            found = StreamLoopCandidates.Of(tree, cancellationToken);
            candidates.TryAdd(tree, found);
        }

        return found;
    }
}
