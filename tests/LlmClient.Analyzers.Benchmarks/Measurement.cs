using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace LlmClient.Analyzers.Benchmarks;

/// <summary>One analyzer set's run over a fresh compilation.</summary>
public sealed record SetRun(
    double WallMs,
    double CpuMs,
    IReadOnlyDictionary<string, double> AnalyzerMs,
    IReadOnlyDictionary<string, string> RegisteredActions,
    IReadOnlyDictionary<string, int> DiagnosticsById,
    int Exceptions,
    IReadOnlyDictionary<string, CallbackCost> Metered,
    long RunBytes,
    double RunPauseMs)
{
    /// <summary>The metered analyzer's own time in this run (<see cref="CallbackCost.OwnMs"/>).</summary>
    public double OwnMs(string analyzer) => Metered[analyzer].OwnMs(RunPauseMs, RunBytes);

    public double CallbacksMs => AnalyzerMs.Values.Sum();
}

/// <summary>
/// The compiler alone over a fresh compilation: Compilation.GetDiagnostics() (declarations, binding, flow analysis), and
/// <paramref name="FullMs"/>, what csc does for the corpus: parse every file, then emit the assembly and its PDB.
/// </summary>
public sealed record CompileRun(double WallMs, double CpuMs, double FullMs);

/// <summary>
/// Measures one corpus. Everything runs on one thread (concurrentBuild: false, concurrentAnalysis: false), so each
/// figure is the work done, not how well it spread over the cores; the compilation is fresh each time, so no
/// measurement reuses binding done by another.
/// </summary>
public static class Measurement
{
    public static CompileRun Compile(CorpusCompilation corpus, out ImmutableArray<Diagnostic> diagnostics)
    {
        var compilation = corpus.Create();
        Settle();
        var cpu = CpuMs();
        var clock = Stopwatch.StartNew();
        diagnostics = compilation.GetDiagnostics();
        clock.Stop();
        var cpuMs = CpuMs() - cpu;
        return new CompileRun(clock.Elapsed.TotalMilliseconds, cpuMs, FullCompileMs(corpus));
    }

    /// <summary>A whole compile of the corpus from its text, as csc does it: parse, bind, flow analysis, emit (with a portable PDB).</summary>
    private static double FullCompileMs(CorpusCompilation corpus)
    {
        Settle();
        var clock = Stopwatch.StartNew();
        var compilation = corpus.CreateFromText();
        using var peStream = new MemoryStream();
        using var pdbStream = new MemoryStream();
        var result = compilation.Emit(peStream, pdbStream);
        clock.Stop();
        if (!result.Success)
        {
            throw new InvalidOperationException("The corpus does not emit: " + string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    public static async Task<SetRun> AnalyzeAsync(CorpusCompilation corpus, AnalyzerSet set)
    {
        var compilation = corpus.Create();
        var exceptions = 0;
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (_, _, _) => Interlocked.Increment(ref exceptions),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(set.Analyzers, options);
        foreach (var analyzer in set.Analyzers)
        {
            Probes.ProbeCounts.Of(analyzer)?.ResetCounts();
        }

        foreach (var metered in set.Analyzers.OfType<MeteredAnalyzer>())
        {
            metered.Reset();
        }

        Settle();
        var cpu = CpuMs();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var pause = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        clock.Stop();
        var cpuMs = CpuMs() - cpu;
        var runBytes = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        var runPauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        var costs = set.Analyzers.OfType<MeteredAnalyzer>().ToDictionary(AnalyzerSet.NameOf, metered => metered.Cost, StringComparer.Ordinal);

        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        var actions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var analyzer in set.Analyzers)
        {
            var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            var name = AnalyzerSet.NameOf(analyzer);
            times[name] = info.ExecutionTime.TotalMilliseconds;
            actions[name] = Describe(info) + (Probes.ProbeCounts.Of(analyzer) is { } probe ? $"; {probe.Counts}" : string.Empty);
        }

        var byId = diagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new SetRun(clock.Elapsed.TotalMilliseconds, cpuMs, times, actions, byId, exceptions, costs, runBytes, runPauseMs);
    }

    /// <summary>The kinds of action the analyzer registered (counts as the driver reports them).</summary>
    private static string Describe(AnalyzerTelemetryInfo info)
    {
        var parts = new (string Name, int Count)[]
        {
            ("compilation start", info.CompilationStartActionsCount),
            ("compilation end", info.CompilationEndActionsCount),
            ("compilation", info.CompilationActionsCount),
            ("syntax tree", info.SyntaxTreeActionsCount),
            ("semantic model", info.SemanticModelActionsCount),
            ("symbol start", info.SymbolStartActionsCount),
            ("symbol", info.SymbolActionsCount),
            ("symbol end", info.SymbolEndActionsCount),
            ("code block start", info.CodeBlockStartActionsCount),
            ("code block end", info.CodeBlockEndActionsCount),
            ("code block", info.CodeBlockActionsCount),
            ("operation block start", info.OperationBlockStartActionsCount),
            ("operation block end", info.OperationBlockEndActionsCount),
            ("operation block", info.OperationBlockActionsCount),
            ("operation", info.OperationActionsCount),
            ("syntax node", info.SyntaxNodeActionsCount),
        };
        var registered = parts.Where(p => p.Count > 0).Select(p => $"{p.Name} {p.Count}").ToList();
        return registered.Count == 0 ? "none" : string.Join(", ", registered);
    }

    /// <summary>Collects everything collectable, so that no measurement pays for the garbage of the one before.</summary>
    internal static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double CpuMs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }
}
