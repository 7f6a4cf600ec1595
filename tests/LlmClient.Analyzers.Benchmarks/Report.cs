using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LlmClient.Analyzers.Benchmarks.Corpora;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Benchmarks;

/// <summary>The measured runs of one corpus; every figure reported is the median over them.</summary>
public sealed class CorpusResult(Corpus corpus, int compilerWarnings)
{
    private readonly List<CompileRun> _compiles = new();
    private readonly List<IReadOnlyDictionary<string, SetRun>> _sets = new();

    public Corpus Corpus { get; } = corpus;

    public int CompilerWarnings { get; } = compilerWarnings;

    /// <summary>The documents analyzed one at a time (<see cref="EditorMeasurement"/>), and with which set.</summary>
    public IReadOnlyList<EditorRun> Editor { get; set; } = [];

    public string? EditorSet { get; set; }

    public void Add(CompileRun compile, IReadOnlyDictionary<string, SetRun> sets)
    {
        _compiles.Add(compile);
        _sets.Add(sets);
    }

    public double CompileMs => Median(_compiles.Select(c => c.WallMs));

    public double CompileCpuMs => Median(_compiles.Select(c => c.CpuMs));

    public double FullCompileMs => Median(_compiles.Select(c => c.FullMs));

    /// <summary>The share of a full compile's time (parse, bind, emit): the median over runs, paired as <see cref="Share"/>.</summary>
    public double FullShare(string set) => Median(Paired(set).Select(p => p.Run.CallbacksMs / p.Compile.FullMs));

    public double CallbacksMs(string set) => Median(Runs(set).Select(r => r.CallbacksMs));

    public double AnalyzerMs(string set, string analyzer) => Median(Runs(set).Select(r => r.AnalyzerMs[analyzer]));

    public double WallMs(string set) => Median(Runs(set).Select(r => r.WallMs));

    public double CpuMs(string set) => Median(Runs(set).Select(r => r.CpuMs));

    public SetRun Last(string set) => Runs(set).Last();

    public IEnumerable<double> AllCallbacksMs(string set) => Runs(set).Select(r => r.CallbacksMs);

    /// <summary>The share of the compiler's time: the median, over runs, of callbacks / compiler time of the same run.</summary>
    public double Share(string set) => Median(Paired(set).Select(p => p.Run.CallbacksMs / p.Compile.WallMs));

    public double AnalyzerShare(string set, string analyzer) => Median(Paired(set).Select(p => p.Run.AnalyzerMs[analyzer] / p.Compile.WallMs));

    public double AnalyzerFullShare(string set, string analyzer) => Median(Paired(set).Select(p => p.Run.AnalyzerMs[analyzer] / p.Compile.FullMs));

    /// <summary>Wall time the set adds to a compile, median over runs; null when its run did not compile at all.</summary>
    public double? WallAddedMs(string set) => Compiled(set) ? Median(Paired(set).Select(p => p.Run.WallMs - p.Compile.WallMs)) : null;

    public double? CpuAddedMs(string set) => Compiled(set) ? Median(Paired(set).Select(p => p.Run.CpuMs - p.Compile.CpuMs)) : null;

    public double MinCallbacksMs(string set) => Runs(set).Min(r => r.CallbacksMs);

    /// <summary>
    /// Medians over runs of the metered figures of <paramref name="analyzers"/> in <paramref name="set"/>, summed per run;
    /// their own time as a share of the same run's compiler time and of its full compile.
    /// </summary>
    public (double WallMs, double PauseMs, double Megabytes, double GcShareMs, double OwnMs, double Share, double FullShare) Own(string set, IReadOnlyList<string> analyzers)
    {
        var runs = Paired(set).Where(p => analyzers.All(p.Run.Metered.ContainsKey)).ToList();
        double Sum(SetRun run, Func<CallbackCost, double> part) => analyzers.Sum(a => part(run.Metered[a]));
        double OwnOf(SetRun run) => analyzers.Sum(run.OwnMs);
        return (
            Median(runs.Select(p => Sum(p.Run, c => c.WallMs))),
            Median(runs.Select(p => Sum(p.Run, c => c.PauseMs))),
            Median(runs.Select(p => Sum(p.Run, c => c.Bytes) / 1e6)),
            Median(runs.Select(p => OwnOf(p.Run) - Sum(p.Run, c => c.WallMs - c.PauseMs))),
            Median(runs.Select(p => OwnOf(p.Run))),
            Median(runs.Select(p => OwnOf(p.Run) / p.Compile.WallMs)),
            Median(runs.Select(p => OwnOf(p.Run) / p.Compile.FullMs)));
    }

    /// <summary>Whether the set's runs measured <paramref name="analyzers"/> with a meter.</summary>
    public bool IsMetered(string set, IReadOnlyList<string> analyzers) => Runs(set).Any(r => analyzers.All(r.Metered.ContainsKey));

    /// <summary>
    /// CompilationWithAnalyzers compiles only when some analyzer registered an action beyond compilation start;
    /// one that registered nothing finishes in milliseconds.
    /// </summary>
    private bool Compiled(string set) => Paired(set).All(p => p.Run.WallMs > p.Compile.WallMs / 5);

    /// <summary>The runs that measured <paramref name="set"/> (the comparison may run fewer times).</summary>
    private IEnumerable<SetRun> Runs(string set) => _sets.Where(s => s.ContainsKey(set)).Select(s => s[set]);

    /// <summary>
    /// What <paramref name="analyzers"/> add when run beside <paramref name="baseline"/>: their callbacks inside
    /// <paramref name="combined"/>, and its wall and CPU time minus the baseline's of the same run (medians).
    /// </summary>
    public (double CallbacksMs, double Share, double WallMs, double CpuMs, double FullShare) Marginal(string combined, string baseline, IReadOnlyList<string> analyzers)
    {
        var runs = _compiles.Zip(_sets).Where(p => p.Second.ContainsKey(combined) && p.Second.ContainsKey(baseline))
            .Select(p => (Compile: p.First, Both: p.Second[combined], Alone: p.Second[baseline]))
            .ToList();
        double Callbacks(SetRun run) => analyzers.Sum(a => run.AnalyzerMs[a]);
        return (
            Median(runs.Select(r => Callbacks(r.Both))),
            Median(runs.Select(r => Callbacks(r.Both) / r.Compile.WallMs)),
            Median(runs.Select(r => r.Both.WallMs - r.Alone.WallMs)),
            Median(runs.Select(r => r.Both.CpuMs - r.Alone.CpuMs)),
            Median(runs.Select(r => Callbacks(r.Both) / r.Compile.FullMs)));
    }

    private IEnumerable<(CompileRun Compile, SetRun Run)> Paired(string set)
        => _compiles.Zip(_sets).Where(p => p.Second.ContainsKey(set)).Select(p => (p.First, p.Second[set]));

    public IEnumerable<double> AllCompileMs => _compiles.Select(c => c.WallMs);

    public IEnumerable<double> AllFullCompileMs => _compiles.Select(c => c.FullMs);

    /// <summary>The median; NaN for no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>Prints the table and writes it, with the machine and the settings, to the results file.</summary>
public sealed class Report(BenchmarkOptions options, IReadOnlyList<AnalyzerSet> sets)
{
    private const double TargetNoLlm = 0.01;
    private const double TargetLlm = 0.05;

    private readonly List<CorpusResult> _results = new();
    private readonly StringBuilder _header = new();

    private static CultureInfo Inv => CultureInfo.InvariantCulture;

    public void Header(int references)
    {
        _header.AppendLine(Inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        _header.AppendLine(Inv, $"- Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F0} GiB, {RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.OSArchitecture}");
        _header.AppendLine(Inv, $"- Runtime: {RuntimeInformation.FrameworkDescription}; Roslyn {typeof(Compilation).Assembly.GetName().Version}; corpora compiled against {references} reference assemblies");
        _header.AppendLine(Inv, $"- Settings: {options.Lines:N0} lines per corpus, seed {options.Seed}; {options.Warmups} warm-up pass(es) over a {options.WarmupLines:N0}-line corpus, then {options.Runs} measured runs ({Math.Min(options.Runs, options.ComparisonRuns)} with the comparison), medians reported; single-threaded (concurrentBuild and concurrentAnalysis off)");
        _header.AppendLine(Inv, $"- Load average at start: {LoadAverage()}");
        foreach (var set in sets)
        {
            _header.AppendLine(Inv, $"- {set.Name}: {set.Analyzers.Length} analyzers");
            if (set.Kind == SetKind.Build)
            {
                _header.AppendLine(Inv, $"  - {string.Join(", ", set.Analyzers.Select(a => AnalyzerSet.NameOf(a)).Order(StringComparer.Ordinal))}");
            }
        }

        Console.Write(_header.ToString());
        Console.WriteLine();
    }

    public void Add(CorpusResult result) => _results.Add(result);

    public int Write(TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine("# Analyzer performance (generated by tests/LlmClient.Analyzers.Benchmarks)");
        text.AppendLine();
        text.Append(_header);
        text.AppendLine(Inv, $"- Load average at end: {LoadAverage()}");
        text.AppendLine(Inv, $"- Benchmark wall time: {elapsed.TotalSeconds:F0} s");
        text.AppendLine();
        text.AppendLine(Table());
        text.AppendLine(OwnTable());
        text.AppendLine(Verdicts());
        text.AppendLine(EditorTable());
        text.AppendLine(Details());

        var output = text.ToString();
        Console.WriteLine();
        Console.WriteLine(output);

        var path = options.Output ?? Path.Combine(RepositoryRoot(), "artifacts", "benchmarks", "analyzer-performance.md");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, output);
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        return 0;
    }

    private string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| Corpus | Lines | What | Time (ms) | ms per 1,000 lines | % of compiler | % of full compile | Wall added (ms) | CPU added (ms) | Diagnostics |");
        text.AppendLine("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var result in _results)
        {
            var corpus = result.Corpus;
            var kLines = corpus.Lines / 1000.0;
            text.AppendLine(Inv, $"| {corpus.Name} | {corpus.Lines:N0} | compiler: GetDiagnostics() | {result.CompileMs:N0} | {result.CompileMs / kLines:F2} | 100% | {Percent(result.CompileMs / result.FullCompileMs)} | | | {result.CompilerWarnings} warnings |");
            text.AppendLine(Inv, $"| | | compiler: full compile (parse, GetDiagnostics, emit with PDB) | {result.FullCompileMs:N0} | {result.FullCompileMs / kLines:F2} | {Percent(result.FullCompileMs / result.CompileMs)} | 100% | | | |");
            foreach (var set in sets)
            {
                var last = result.Last(set.Name);
                if (set.Kind == SetKind.Ours)
                {
                    // Ours: each analyzer on its own line, then the total.
                    foreach (var analyzer in set.Analyzers)
                    {
                        var name = AnalyzerSet.NameOf(analyzer);
                        var ms = result.AnalyzerMs(set.Name, name);
                        text.AppendLine(Inv, $"| | | {set.Name}: {name} | {ms:N1} | {ms / kLines:F3} | {Percent(result.AnalyzerShare(set.Name, name))} | {Percent(result.AnalyzerFullShare(set.Name, name))} | | | {CountFor(last, analyzer)} |");
                    }
                }

                if (set.Kind == SetKind.Combined)
                {
                    var ours = sets.First(s => s.Kind == SetKind.Ours);
                    var (ms, share, addedWall, addedCpu, fullShare) = Beside(result, set);
                    var count = ours.Analyzers.Sum(a => CountFor(last, a));
                    text.AppendLine(Inv, $"| | | **{ours.Name} run beside the {set.Baseline}** (what it adds) | **{ms:N1}** | **{ms / kLines:F3}** | **{Percent(share)}** | **{Percent(fullShare)}** | {addedWall:N0} | {addedCpu:N0} | {count} |");
                    continue;
                }

                var total = result.CallbacksMs(set.Name);
                var wall = result.WallAddedMs(set.Name) is { } w ? w.ToString("N0", Inv) : "-";
                var cpu = result.CpuAddedMs(set.Name) is { } c ? c.ToString("N0", Inv) : "-";
                text.AppendLine(Inv, $"| | | **{set.Name} total** ({set.Analyzers.Length} analyzers) | **{total:N1}** | **{total / kLines:F3}** | **{Percent(result.Share(set.Name))}** | **{Percent(result.FullShare(set.Name))}** | {wall} | {cpu} | {last.DiagnosticsById.Values.Sum()} |");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Our analyzers' own time (MeteredAnalyzer): the driver's wall time of their callbacks, minus the collection pauses
    /// inside them (the compiler thread starts most of them), plus their share of the run's pauses by bytes allocated.
    /// </summary>
    private string OwnTable()
    {
        var ours = sets.First(s => s.Kind == SetKind.Ours);
        var names = ours.Analyzers.Select(AnalyzerSet.NameOf).ToList();
        var text = new StringBuilder();
        text.AppendLine("Own time of our analyzers (see MeteredAnalyzer): their callbacks' wall time, minus the garbage collection pauses that fell inside them, plus their share of the run's pauses in proportion to the bytes they allocated.");
        text.AppendLine();
        text.AppendLine("| Corpus | Run | What | Callbacks (ms) | GC pauses inside (ms) | Allocated (MB) | GC share (ms) | Own time (ms) | ms per 1,000 lines | % of compiler | % of full compile |");
        text.AppendLine("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var result in _results)
        {
            var kLines = result.Corpus.Lines / 1000.0;
            foreach (var set in sets.Where(s => s.Kind is SetKind.Ours || (s.Kind == SetKind.Combined && s.Baseline is not null)))
            {
                if (!result.IsMetered(set.Name, names))
                {
                    continue;
                }

                var run = set.Kind == SetKind.Ours ? "alone" : $"beside the {set.Baseline}";
                foreach (var name in names)
                {
                    var (wall, pause, mb, gc, own, share, fullShare) = result.Own(set.Name, [name]);
                    text.AppendLine(Inv, $"| {result.Corpus.Name[..1]} | {run} | {name} | {wall:N1} | {pause:N1} | {mb:N1} | {gc:N1} | {own:N1} | {own / kLines:F3} | {Percent(share)} | {Percent(fullShare)} |");
                }

                var total = result.Own(set.Name, names);
                text.AppendLine(Inv, $"| {result.Corpus.Name[..1]} | {run} | **total** | {total.WallMs:N1} | {total.PauseMs:N1} | {total.Megabytes:N1} | {total.GcShareMs:N1} | **{total.OwnMs:N1}** | **{total.OwnMs / kLines:F3}** | **{Percent(total.Share)}** | **{Percent(total.FullShare)}** |");
            }
        }

        return text.ToString();
    }

    /// <summary>Our analyzers' callbacks inside a combined set, and what the set adds to its baseline alone.</summary>
    private (double Ms, double Share, double WallMs, double CpuMs, double FullShare) Beside(CorpusResult result, AnalyzerSet combined)
    {
        var names = sets.First(s => s.Kind == SetKind.Ours).Analyzers.Select(a => AnalyzerSet.NameOf(a)).ToList();
        return result.Marginal(combined.Name, combined.Baseline!, names);
    }

    /// <summary>
    /// The targets of issue #7, item 2, on the reading decided there (docs/performance.md, "Targets"): our analyzers' own
    /// time (their callbacks, less the collections that fell in them, plus their share of the run's collections by the
    /// bytes they allocated: MeteredAnalyzer) as a share of a full compile of the corpus (parse, bind, emit: what csc does
    /// for it), run beside the default build's analyzers (what every .NET SDK build of a net5.0+ project runs, and what
    /// makes the driver bind every member). Without the meter, callback time stands in for own time. The other readings
    /// follow, each said to be under or over the line, not met or not.
    /// </summary>
    private string Verdicts()
    {
        var text = new StringBuilder();
        text.AppendLine("## Targets");
        text.AppendLine();
        var ours = sets.First(s => s.Kind == SetKind.Ours).Name;
        var names = sets.First(s => s.Kind == SetKind.Ours).Analyzers.Select(AnalyzerSet.NameOf).ToList();
        var comparison = sets.FirstOrDefault(s => s.Kind == SetKind.Comparison);
        var inBuild = sets.FirstOrDefault(s => s.Kind == SetKind.Combined && sets.Any(b => b.Kind == SetKind.Build && b.Name == s.Baseline));
        var others = new StringBuilder();
        foreach (var result in _results)
        {
            var target = result.Corpus.Name.StartsWith('a') ? TargetNoLlm : TargetLlm;
            var corpus = $"Corpus {result.Corpus.Name}: {ours}";
            string Line(double value) => value < target ? "under" : "OVER";
            void Other(string what, double value)
                => others.AppendLine(Inv, $"- {corpus} {what}: {Percent(value)}, {Line(value)} {Percent(target)}");

            if (inBuild is not null)
            {
                var beside = Beside(result, inBuild);
                var metered = result.IsMetered(inBuild.Name, names);
                var share = metered ? result.Own(inBuild.Name, names).FullShare : beside.FullShare;
                var what = metered ? "own time" : "callback time (no meter)";
                text.AppendLine(Inv, $"- {corpus} {what} {Percent(share)} of a full compile (parse, bind, emit), beside the {inBuild.Baseline}; target < {Percent(target)}: **{(share < target ? "met" : "NOT met")}**");
                if (metered)
                {
                    Other($"callback time beside the {inBuild.Baseline}, of a full compile (with whichever collections fell in the callbacks)", beside.FullShare);
                    Other($"own time beside the {inBuild.Baseline}, of GetDiagnostics()", result.Own(inBuild.Name, names).Share);
                }

                Other($"callback time beside the {inBuild.Baseline}, of GetDiagnostics()", beside.Share);
            }
            else
            {
                text.AppendLine(Inv, $"- {corpus}: the target's reading needs the default build's analyzers (run without --no-build)");
            }

            Other("callback time alone, of GetDiagnostics()", result.Share(ours));
            Other("callback time alone, of a full compile", result.FullShare(ours));
            if (result.IsMetered(ours, names))
            {
                Other("own time alone, of a full compile", result.Own(ours, names).FullShare);
                Other("own time alone, of GetDiagnostics()", result.Own(ours, names).Share);
            }

            if (!result.Corpus.Name.StartsWith('a') && comparison is not null)
            {
                var theirs = result.CallbacksMs(comparison.Name);
                var below = result.CallbacksMs(ours) < theirs;
                text.AppendLine(Inv, $"- {corpus} total {result.CallbacksMs(ours):N0} ms vs {comparison.Name} total {theirs:N0} ms (callbacks, each alone); target below it: **{(below ? "met" : "NOT met")}**");
            }
        }

        text.AppendLine();
        text.AppendLine("Other readings (reported, not the target; docs/performance.md says why):");
        text.AppendLine();
        text.Append(others);
        return text.ToString();
    }

    /// <summary>The editor's case: what one document's analysis costs, per corpus (medians over the documents).</summary>
    private string EditorTable()
    {
        var text = new StringBuilder();
        var measured = _results.Where(r => r.Editor.Count > 0).ToList();
        if (measured.Count == 0)
        {
            return string.Empty;
        }

        text.AppendLine("## Editor: one document at a time");
        text.AppendLine();
        text.AppendLine("What the IDE asks for after an edit: one document's diagnostics, on a compilation whose declarations are built and none of whose members are bound yet. Medians over the documents.");
        text.AppendLine();
        text.AppendLine("| Corpus | Analyzers | Documents | Lines per document | Compiler's diagnostics of the document (ms) | Analyzers' diagnostics, wall (ms) | Other analyzers' callbacks (ms) | Ours (ms) | Ours, slowest document (ms) | Ours, % of the compiler's |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var result in measured)
        {
            var runs = result.Editor;
            text.AppendLine(Inv, $"| {result.Corpus.Name} | {result.EditorSet} | {runs.Count} | {CorpusResult.Median(runs.Select(r => (double)r.Lines)):N0} | {CorpusResult.Median(runs.Select(r => r.CompilerMs)):N0} | {CorpusResult.Median(runs.Select(r => r.WallMs)):N0} | {CorpusResult.Median(runs.Select(r => r.BaselineMs)):N1} | **{CorpusResult.Median(runs.Select(r => r.OursMs)):N1}** | {runs.Max(r => r.OursMs):N1} | {Percent(CorpusResult.Median(runs.Select(r => r.OursMs / r.CompilerMs)))} |");
        }

        return text.ToString();
    }

    private string Details()
    {
        var text = new StringBuilder();
        text.AppendLine("## Details");
        foreach (var result in _results)
        {
            text.AppendLine();
            text.AppendLine(Inv, $"### Corpus {result.Corpus.Name} ({result.Corpus.Description}; {result.Corpus.Files.Count} files)");
            text.AppendLine();
            text.AppendLine(Inv, $"- Compiler runs (ms): {string.Join(", ", result.AllCompileMs.Select(v => v.ToString("F0", Inv)))}; CPU median {result.CompileCpuMs:N0} ms; full compiles (ms): {string.Join(", ", result.AllFullCompileMs.Select(v => v.ToString("F0", Inv)))}");
            foreach (var set in sets)
            {
                var last = result.Last(set.Name);
                var overhead = result.CpuAddedMs(set.Name) is { } added ? $"{added - result.CallbacksMs(set.Name):N0} ms" : "- (nothing compiled)";
                text.AppendLine(Inv, $"- {set.Name}: callbacks runs (ms) {string.Join(", ", result.AllCallbacksMs(set.Name).Select(v => v.ToString("F1", Inv)))} (min {result.MinCallbacksMs(set.Name):F1}); wall with analyzers {result.WallMs(set.Name):N0} ms, CPU {result.CpuMs(set.Name):N0} ms; CPU added beyond the callbacks (driver overhead) {overhead}");
                if (last.Exceptions > 0)
                {
                    text.AppendLine(Inv, $"  - **{last.Exceptions} analyzer exceptions**");
                }

                if (set.Kind == SetKind.Combined)
                {
                    var ours = sets.First(s => s.Kind == SetKind.Ours).Analyzers.Select(a => AnalyzerSet.NameOf(a));
                    text.AppendLine(Inv, $"  - Ours in it (median ms): {string.Join(", ", ours.Select(name => $"{name} {result.AnalyzerMs(set.Name, name):F1}"))}");
                    continue;
                }

                if (set.Kind is SetKind.Ours or SetKind.Probe)
                {
                    foreach (var analyzer in set.Analyzers)
                    {
                        var name = AnalyzerSet.NameOf(analyzer);
                        text.AppendLine(Inv, $"  - {name} registered: {last.RegisteredActions[name]}");
                    }

                    var ids = last.DiagnosticsById.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}");
                    text.AppendLine(Inv, $"  - Diagnostics: {(last.DiagnosticsById.Count == 0 ? "none" : string.Join(", ", ids))}");
                }
                else
                {
                    var top = set.Analyzers.Select(a => AnalyzerSet.NameOf(a))
                        .Select(name => (Name: name, Ms: result.AnalyzerMs(set.Name, name)))
                        .OrderByDescending(p => p.Ms).Take(5)
                        .Select(p => $"{p.Name} {p.Ms:F0} ms");
                    text.AppendLine(Inv, $"  - Most expensive: {string.Join(", ", top)}");
                }
            }
        }

        return text.ToString();
    }

    private static int CountFor(SetRun run, Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer analyzer)
        => analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().Sum(id => run.DiagnosticsById.GetValueOrDefault(id));

    private static string Percent(double share) => (share * 100).ToString(share < 0.1 ? "F2" : "F1", Inv) + "%";

    /// <summary>Other work on the machine inflates every wall-clock figure; the load average says how much there was.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1, 5, 15 min)";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
