using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// <see cref="LoopRetryExtractor"/>'s cheap syntax filter for one loop, fed the loop's descendants by a walk that is
/// going over them anyway (RetryAnalyzer's walk of the block), so that nested loops are not walked once more each.
/// Only a loop that calls something can repeat a call, and binding a loop builds its method's whole operation tree, so
/// only loops that can be retries are bound: a retry needs a call, and a failure it reacts to, which is written as a catch
/// or a test of a status or success. With httpNamesOnly (no SDK call can happen in the compilation) the loop must also
/// mention a method name of an HTTP call RetryCalls.Classify accepts: such a call in the loop writes its name there.
/// </summary>
internal sealed class LoopCandidateScan
{
    private readonly StatementSyntax? _body;
    private bool _hasCall;
    private bool _hasFailureSignal;
    private bool _hasHttpName;

    public LoopCandidateScan(StatementSyntax loop, bool httpNamesOnly)
    {
        Loop = loop;
        _body = BodyOf(loop);
        _hasHttpName = !httpNamesOnly;
    }

    /// <summary>The statement a loop repeats (null for a kind of loop that is never a candidate).</summary>
    public static StatementSyntax? BodyOf(StatementSyntax loop)
        => loop switch
        {
            WhileStatementSyntax w => w.Statement,
            DoStatementSyntax d => d.Statement,
            ForStatementSyntax f => f.Statement,
            ForEachStatementSyntax e => e.Statement,
            _ => null,
        };

    public StatementSyntax Loop { get; }

    public bool IsCandidate => _body is not null && _hasCall && _hasFailureSignal && _hasHttpName;

    /// <summary>Is <paramref name="node"/>, met after the loop in a pre-order walk, inside the loop?</summary>
    public bool Contains(SyntaxNode node)
    {
        var loop = Loop.FullSpan;
        var span = node.FullSpan;
        if (span.Start < loop.End)
        {
            return true;
        }

        // Only an empty node right at the loop's end can be either.
        return span.Start == loop.End && span.Length == 0 && node.Ancestors().Contains(Loop);
    }

    /// <summary>Notes a descendant of the loop.</summary>
    public void See(SyntaxNode node)
    {
        if (_body is null || IsCandidate)
        {
            return;
        }

        switch ((SyntaxKind)node.RawKind)
        {
            case SyntaxKind.InvocationExpression:
                _hasCall |= _body.Span.Contains(node.Span);
                break;
            case SyntaxKind.CatchClause:
                _hasFailureSignal = true;
                break;
            case SyntaxKind.IdentifierName or SyntaxKind.GenericName:
                var name = ((SimpleNameSyntax)node).Identifier.ValueText;
                _hasFailureSignal |= node.RawKind == (int)SyntaxKind.IdentifierName && IsFailureSignal(name);
                _hasHttpName |= RetryGate.IsHttpCallName(name);
                break;
        }
    }

    /// <summary>A name containing one of these is a failure signal (<see cref="LoopText"/> looks for them in text too).</summary>
    internal static readonly string[] FailureSignalParts = { "Status", "Success", "Retry", "Fail", "Error" };

    /// <summary>A name that is one of these is a failure signal.</summary>
    internal static readonly string[] FailureSignalNames = { "ok", "Ok", "OK", "done", "sent", "succeeded" };

    /// <summary>Names through which code tests whether a call failed.</summary>
    private static bool IsFailureSignal(string name)
    {
        foreach (var part in FailureSignalParts)
        {
            if (name.IndexOf(part, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return Array.IndexOf(FailureSignalNames, name) >= 0;
    }
}
