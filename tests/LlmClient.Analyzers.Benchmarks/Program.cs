using System.Diagnostics;
using LlmClient.Analyzers.Benchmarks;
using LlmClient.Analyzers.Benchmarks.Corpora;
using Microsoft.CodeAnalysis;

BenchmarkOptions? options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

if (options is null)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

var total = Stopwatch.StartNew();
var references = CorpusCompilation.LoadReferences();
var sets = new List<AnalyzerSet> { AnalyzerSet.Ours(options.Meter) };
var ours = sets[0].Analyzers.Select(analyzer => AnalyzerSet.NameOf(analyzer)).ToList();
if (options.Paired is not null && (options.Only?.ToLowerInvariant() != "beside" || !options.Build))
{
    Console.Error.WriteLine("--paired needs --only beside (and the default build's analyzers).");
    return 2;
}

if (options.Build)
{
    var build = AnalyzerSet.DefaultBuild(Path.Combine(AppContext.BaseDirectory, "build-analyzers.txt"));
    sets.Add(build);
    sets.Add(AnalyzerSet.Combined(sets[0], build));
    if (options.Paired is { } folder)
    {
        sets.Add(AnalyzerSet.Combined(AnalyzerSet.OursFrom(folder, options.Meter), build));
    }
}

if (options.Comparison)
{
    var package = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "comparison-analyzer-package.txt")).Trim();
    var comparison = AnalyzerSet.Meziantou(package);
    sets.Add(comparison);
    if (options.Beside)
    {
        sets.Add(AnalyzerSet.Combined(sets[0], comparison));
    }
}

if (options.Probes)
{
    sets.AddRange(AnalyzerSet.Probes());
}

if (options.Only is { } only)
{
    var kind = only.ToLowerInvariant() switch
    {
        "ours" => SetKind.Ours,
        "build" => SetKind.Build,
        "beside" => SetKind.Combined,
        "comparison" => SetKind.Comparison,
        "probes" => SetKind.Probe,
        _ => throw new ArgumentException($"--only: unknown kind {only}."),
    };
    sets = sets.Where(set => set.Kind == kind).ToList();
    if (sets.Count == 0)
    {
        Console.Error.WriteLine($"--only {only}: no such set with these options.");
        return 2;
    }
}

var report = new Report(options, sets);
report.Header(references.Length);

var builders = new List<CorpusBuilder>();
if (options.Corpora.Contains('a', StringComparison.OrdinalIgnoreCase))
{
    builders.Add(new BusinessCorpus());
}

if (options.Corpora.Contains('b', StringComparison.OrdinalIgnoreCase))
{
    builders.Add(new LlmClientCorpus());
}

// Warm-up: the same work over small corpora, so the JIT has compiled the compiler's and every analyzer's code
// before anything is measured.
for (var pass = 0; pass < (options.DumpOnly ? 0 : options.Warmups); pass++)
{
    var clock = Stopwatch.StartNew();
    foreach (var builder in builders)
    {
        var small = new CorpusCompilation(builder.Build(options.WarmupLines, options.Seed + 1000 + pass), references);
        Measurement.Compile(small, out _);
        foreach (var set in sets.Where(s => s.Kind != SetKind.Combined || options.Only is not null))
        {
            await Measurement.AnalyzeAsync(small, set);
        }
    }

    Console.WriteLine($"Warm-up pass {pass + 1}: {clock.Elapsed.TotalSeconds:F0} s.");
}

var paired = new List<(double FullMs, double[] Ours)>();
foreach (var builder in builders)
{
    var corpus = builder.Build(options.Lines, options.Seed);
    if (options.DumpFolder is { } dump)
    {
        foreach (var file in corpus.Files)
        {
            var path = Path.Combine(dump, corpus.Name[..1], file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }

        if (options.DumpOnly)
        {
            Console.WriteLine($"Corpus {corpus.Name}: {corpus.Files.Count} files, {corpus.Lines:N0} lines, written to {Path.Combine(dump, corpus.Name[..1])}.");
            continue;
        }
    }

    var compilation = new CorpusCompilation(corpus, references);
    Console.WriteLine($"Corpus {corpus.Name}: {corpus.Files.Count} files, {corpus.Lines:N0} lines (each measurement parses them anew, unmeasured).");

    CorpusResult? result = null;
    for (var run = 0; run < options.Runs; run++)
    {
        var compile = Measurement.Compile(compilation, out var diagnostics);
        if (result is null)
        {
            // The corpus must compile: an error would leave code unbound and make every figure meaningless.
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                Console.Error.WriteLine($"Corpus {corpus.Name} does not compile: {errors.Count} errors. The first ones:");
                foreach (var error in errors.Take(20))
                {
                    Console.Error.WriteLine($"  {error}");
                }

                return 1;
            }

            result = new CorpusResult(corpus, diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning));
        }

        var line = $"  run {run + 1}: compiler {compile.WallMs:F0} ms (full compile {compile.FullMs:F0} ms)";
        var runs = new Dictionary<string, SetRun>(StringComparer.Ordinal);
        // Paired: the two versions in turn, in alternating order, so that neither always runs first.
        foreach (var set in options.Paired is not null && run % 2 == 1 ? Enumerable.Reverse(sets) : sets)
        {
            if (!set.EveryRun && run >= options.ComparisonRuns)
            {
                continue;
            }

            var setRun = await Measurement.AnalyzeAsync(compilation, set);
            runs[set.Name] = setRun;
            line += $"; {set.Name} callbacks {setRun.CallbacksMs:F0} ms, wall {setRun.WallMs:F0} ms";
            if (options.Only is not null)
            {
                line += " (" + string.Join(", ", ours.Where(setRun.AnalyzerMs.ContainsKey).Select(name => $"{name} {setRun.AnalyzerMs[name]:F0}"
                    + (setRun.Metered.ContainsKey(name) ? $", own {setRun.OwnMs(name):F0}, {setRun.Metered[name].Bytes / 1e6:F1} MB" : string.Empty))) + ")";
            }
        }

        Console.WriteLine(line);
        result.Add(compile, runs);
        if (options.Paired is not null)
        {
            // With --meter, each analyzer's own time (its callbacks less the collections that fell in them, plus its share
            // of the run's by the bytes it allocated): a collection lands in whichever callback is running, which moves
            // a version's callback time by more than a change of a few percent.
            paired.Add((compile.FullMs, sets.Select(set => ours.Sum(name => runs[set.Name].Metered.ContainsKey(name)
                ? runs[set.Name].OwnMs(name)
                : runs[set.Name].AnalyzerMs.GetValueOrDefault(name))).ToArray()));
        }
    }

    if (options.Paired is not null)
    {
        // The first run is left out: it runs much of the analyzers' code before the JIT's optimized versions arrive.
        var steady = paired.Skip(1).ToList();
        for (var i = 0; i < sets.Count; i++)
        {
            Console.WriteLine($"  paired, runs 2-{paired.Count}: {sets[i].Name}: ours {CorpusResult.Median(steady.Select(r => r.Ours[i])):F0} ms{(options.Meter ? " own time" : string.Empty)} (median), {CorpusResult.Median(steady.Select(r => 100 * r.Ours[i] / r.FullMs)):F2}% of a full compile");
        }

        Console.WriteLine($"  paired, runs 2-{paired.Count}: median of the per-run ratios, second / first: {CorpusResult.Median(steady.Select(r => r.Ours[1] / r.Ours[0])):F3}");
        paired.Clear();
    }

    if (options.Only is null && options.Editor > 0)
    {
        // The editor's case: one document at a time, with the analyzers a project open in the IDE runs.
        var editorSet = sets.FirstOrDefault(set => set.Kind == SetKind.Combined && sets.Any(b => b.Kind == SetKind.Build && b.Name == set.Baseline))
            ?? sets[0];
        result!.Editor = await EditorMeasurement.MeasureAsync(compilation, editorSet, ours, options.Editor);
        result.EditorSet = editorSet.Name;
        Console.WriteLine($"  editor: {result.Editor.Count} documents one at a time with {editorSet.Name}: ours {CorpusResult.Median(result.Editor.Select(r => r.OursMs)):F1} ms per document (median), the compiler's diagnostics of the document {CorpusResult.Median(result.Editor.Select(r => r.CompilerMs)):F0} ms");
    }

    report.Add(result!);
}

total.Stop();
if (options.DumpOnly)
{
    return 0;
}

if (options.Only is not null)
{
    // A profiling run: the sets the report compares are not all there.
    Console.WriteLine($"--only {options.Only}: {total.Elapsed.TotalSeconds:F0} s; no results file written.");
    return 0;
}

return report.Write(total.Elapsed);
