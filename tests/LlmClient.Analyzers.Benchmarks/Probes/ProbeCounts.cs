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

/// <summary>
/// The per-file name scan of RetryAnalyzer and TransportAnalyzer (Infrastructure/SourceNames) over every file, alone:
/// what the gates cost before they save anything, and how many files each group of names lets through.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NameScanProbe : DiagnosticAnalyzer, ICountingProbe
{
    private static readonly DiagnosticDescriptor Unused = new("PROBE1", "probe", "probe", "Probe", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private int _files;
    private int _retry;
    private int _sdk;
    private int _client;

    public override System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => System.Collections.Immutable.ImmutableArray.Create(Unused);

    public string Counts => $"{_files:N0} files: {_retry:N0} with a retry name, {_sdk:N0} with an SDK namespace, {_client:N0} with a client-setup name";

    public void ResetCounts() => _files = _retry = _sdk = _client = 0;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            foreach (var tree in start.Compilation.SyntaxTrees)
            {
                var flags = LlmClient.Analyzers.Infrastructure.SourceNames.Scan(tree, start.CancellationToken);
                _files++;
                _retry += (flags & LlmClient.Analyzers.Infrastructure.SourceNames.RetryTrigger) != 0 ? 1 : 0;
                _sdk += (flags & LlmClient.Analyzers.Infrastructure.SourceNames.SdkNamespace) != 0 ? 1 : 0;
                _client += (flags & LlmClient.Analyzers.Infrastructure.SourceNames.ClientSetup) != 0 ? 1 : 0;
            }
        });
    }
}
