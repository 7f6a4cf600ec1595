using System;
using System.Collections.Generic;
using System.Threading;
using LlmClient.Analyzers.Transport.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// The stream loops of one file, read in a semantic model action once the driver has analyzed the file's declarations:
/// the candidate loops are those around a candidate token (<see cref="StreamLoopCandidates"/>: found from the file's text,
/// one look-up per token), bound by then from the operation trees the driver built for any analyzer with operation
/// actions. No per-node callback and no symbol start action: a symbol start action switches on the driver's per-symbol
/// bookkeeping for every symbol of the compilation, which cost real builds far more than the loops' analysis
/// (docs/performance.md, "Real builds").
/// </summary>
internal static class StreamLoopCollector
{
    public static void Report(SemanticModel model, StreamLoopCandidates candidates, TransportTypes types, StreamErrorEventsRule rule, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        if (candidates.IsEmpty)
        {
            return;
        }

        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var syntax in candidates.LoopsIn(root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (model.GetOperation(syntax, cancellationToken) is not ILoopOperation operation
                || StreamLoopReader.Read(operation, types, cancellationToken) is not { } loop)
            {
                continue;
            }

            rule.Analyze(loop, types, report);
        }
    }

    /// <summary>The loop statement kinds LLM3003 reads.</summary>
    public static bool IsLoop(SyntaxNode node)
        => node.RawKind is (int)SyntaxKind.WhileStatement or (int)SyntaxKind.DoStatement or (int)SyntaxKind.ForStatement
            or (int)SyntaxKind.ForEachStatement or (int)SyntaxKind.ForEachVariableStatement;
}
