using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Benchmarks;

/// <summary>What one document's analysis cost, in the editor's way of asking for it.</summary>
public sealed record EditorRun(string Path, int Lines, double CompilerMs, double WallMs, double BaselineMs, double OursMs);

/// <summary>
/// The editor's case, which the build figures do not show: after an edit the IDE asks for one document's diagnostics, the
/// compiler's (<see cref="SemanticModel.GetDiagnostics"/>) and the analyzers' for that document alone
/// (<see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, Microsoft.CodeAnalysis.Text.TextSpan?, CancellationToken)"/>).
/// Each document is measured as just edited: on a new compilation of the same trees for every other file (as the IDE keeps
/// them across edits) and a newly parsed one for the document, with its declarations built (as the IDE's are) and no
/// member bound, so that the document's members are bound for it and for nothing else. The analyzers are the given set
/// (the default build's and ours, as in a project the IDE has open), and the driver's telemetry splits their time.
/// </summary>
public static class EditorMeasurement
{
    public static async Task<IReadOnlyList<EditorRun>> MeasureAsync(CorpusCompilation corpus, AnalyzerSet set, IReadOnlyList<string> ours, int documents)
    {
        // The files as the editor holds them, parsed once; the corpus's own files (not its generated global usings), by
        // their index in the compilation.
        var trees = corpus.ParseTrees();
        var eligible = trees
            .Select((tree, index) => (tree, index))
            .Where(t => !t.tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .Select(t => t.index)
            .ToList();
        if (documents <= 0 || eligible.Count == 0)
        {
            return [];
        }

        // Evenly spread over the corpus (its files come from a fixed seed), the first one measured twice and its first
        // measurement dropped: the driver's per-document paths are not the ones the warm-up ran.
        var step = Math.Max(1, eligible.Count / documents);
        var picked = Enumerable.Range(0, Math.Min(documents, eligible.Count)).Select(i => eligible[i * step % eligible.Count]).ToList();
        picked.Insert(0, picked[0]);
        var runs = new List<EditorRun>();
        foreach (var index in picked)
        {
            runs.Add(await MeasureOneAsync(corpus, trees, index, set, ours));
        }

        return runs.Skip(1).ToList();
    }

    private static async Task<EditorRun> MeasureOneAsync(CorpusCompilation corpus, ImmutableArray<SyntaxTree> trees, int index, AnalyzerSet set, IReadOnlyList<string> ours)
    {
        // The compiler's diagnostics of the document.
        var compilation = Declared(corpus, trees, index);
        var tree = compilation.SyntaxTrees[index];
        Measurement.Settle();
        var clock = Stopwatch.StartNew();
        _ = compilation.GetSemanticModel(tree).GetDiagnostics();
        var compilerMs = clock.Elapsed.TotalMilliseconds;

        // The analyzers' diagnostics of the same document, on a compilation of its own (nothing of it bound yet).
        compilation = Declared(corpus, trees, index);
        tree = compilation.SyntaxTrees[index];
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(set.Analyzers, options);
        Measurement.Settle();
        clock.Restart();
        _ = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, CancellationToken.None);
        var wallMs = clock.Elapsed.TotalMilliseconds;

        double oursMs = 0, baselineMs = 0;
        foreach (var analyzer in set.Analyzers)
        {
            var ms = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
            if (ours.Contains(AnalyzerSet.NameOf(analyzer)))
            {
                oursMs += ms;
            }
            else
            {
                baselineMs += ms;
            }
        }

        var lines = tree.GetText().Lines.Count;
        return new EditorRun(tree.FilePath, lines, compilerMs, wallMs, baselineMs, oursMs);
    }

    /// <summary>
    /// A new compilation after an edit of the document at <paramref name="index"/>: the other files' trees kept, the
    /// document's parsed anew; its declarations built and its references bound, as an open project's are.
    /// </summary>
    private static Microsoft.CodeAnalysis.CSharp.CSharpCompilation Declared(CorpusCompilation corpus, ImmutableArray<SyntaxTree> trees, int index)
    {
        var compilation = corpus.Create(trees.SetItem(index, corpus.Parse(index)));
        _ = compilation.GetDeclarationDiagnostics();
        return compilation;
    }
}
