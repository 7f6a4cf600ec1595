using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LlmClient.Analyzers.Retries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Benchmarks.Probes;

/// <summary>A probe that counts something during a run; the report shows the counts beside its time.</summary>
public interface ICountingProbe
{
    string Counts { get; }

    void ResetCounts();
}

/// <summary>The counting probe behind an analyzer instance of a probe set, if any.</summary>
public static class ProbeCounts
{
    private static readonly ConditionalWeakTable<DiagnosticAnalyzer, ICountingProbe> Table = new();

    public static DiagnosticAnalyzer Register(DiagnosticAnalyzer analyzer, ICountingProbe probe)
    {
        Table.AddOrUpdate(analyzer, probe);
        return analyzer;
    }

    public static ICountingProbe? Of(DiagnosticAnalyzer analyzer)
        => analyzer is ICountingProbe own ? own : Table.TryGetValue(analyzer, out var probe) ? probe : null;
}

/// <summary>
/// The real RetryAnalyzer, told of every syntax node it is about to bind (loops, gotos, recursive bodies, Polly calls,
/// policy creations): how many, in how many members. On corpus a the target is none.
/// </summary>
public sealed class RetryBindCount : ICountingProbe
{
    private readonly ConcurrentDictionary<(SyntaxTree, int), bool> _members = new();
    private int _nodes;

    private RetryBindCount()
    {
    }

    public string Counts => $"{_nodes:N0} syntax nodes bound, in {_members.Count:N0} members";

    public void ResetCounts()
    {
        _nodes = 0;
        _members.Clear();
    }

    public static DiagnosticAnalyzer Create()
    {
        var probe = new RetryBindCount();
        return ProbeCounts.Register(new RetryAnalyzer(probe.OnBind), probe);
    }

    private void OnBind(SyntaxNode node)
    {
        Interlocked.Increment(ref _nodes);
        var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? (SyntaxNode)node.SyntaxTree.GetRoot();
        _members.TryAdd((node.SyntaxTree, member.SpanStart), true);
    }
}
