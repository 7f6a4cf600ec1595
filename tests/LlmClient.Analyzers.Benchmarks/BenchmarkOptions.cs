using System.Globalization;

namespace LlmClient.Analyzers.Benchmarks;

/// <summary>Command-line options; every one has a default, so a bare run measures what docs/performance.md reports.</summary>
public sealed record BenchmarkOptions
{
    public int Lines { get; init; } = 100_000;

    public int Runs { get; init; } = 5;

    public int Warmups { get; init; } = 1;

    public int WarmupLines { get; init; } = 10_000;

    public int ComparisonRuns { get; init; } = 1;

    public int Seed { get; init; } = 1;

    public bool Comparison { get; init; } = true;

    public bool Probes { get; init; }

    public bool Build { get; init; } = true;

    /// <summary>
    /// Measure our analyzers' own time, GC pauses and allocations (MeteredAnalyzer); on by default, since the targets are
    /// read from own time.
    /// </summary>
    public bool Meter { get; init; } = true;

    public bool Beside { get; init; }

    /// <summary>How many documents of each corpus to analyze one at a time, as the editor does after an edit (0: none).</summary>
    public int Editor { get; init; } = 12;

    public string Corpora { get; init; } = "ab";

    public string? Output { get; init; }

    public string? DumpFolder { get; init; }

    /// <summary>Write the corpora (<see cref="DumpFolder"/>) and measure nothing (real-build.sh compiles them with csc).</summary>
    public bool DumpOnly { get; init; }

    /// <summary>For a sampling profiler: run only this kind of set (ours, build, beside, comparison) and write no results file.</summary>
    public string? Only { get; init; }

    /// <summary>With <c>--only beside</c>: a folder holding another build of LlmClient.Analyzers.dll, measured in the same runs.</summary>
    public string? Paired { get; init; }

    public const string Usage = """
        Usage: dotnet run -c Release --project tests/LlmClient.Analyzers.Benchmarks -- [options]
          --lines N          lines per generated corpus (default 100000)
          --runs N           measured runs per corpus; the median is reported (default 5)
          --comparison-runs N  of those, how many also run Meziantou.Analyzer (default 1; it takes 2-3 compiles' time)
          --warmup N         unmeasured passes over a small corpus first, to JIT everything (default 1)
          --warmup-lines N   size of that corpus (default 10000)
          --seed N           generator seed (default 1)
          --corpus a|b|ab    which corpora (default ab)
          --no-comparison    skip Meziantou.Analyzer
          --beside           also run both packages together (what ours adds beside another; 2-3 compiles more)
          --no-meter         do not wrap our analyzers in MeteredAnalyzer (on by default: it reports the GC pauses inside
                             their callbacks, the bytes they allocate and their own time, which the targets are read from;
                             the wrapper adds a little to every callback); the targets are then read from callback time
          --editor N         also analyze N documents of each corpus one at a time, as the editor does after an edit,
                             and report what that costs per document (default 12; 0 skips it)
          --no-build         skip the default build's analyzers (the SDK's and the packages', alone and with ours)
          --probes           also run the investigation probes (our registrations and pre-filter alone; plus binding)
          --out PATH         results file (default artifacts/benchmarks/analyzer-performance.md under the repository)
          --dump DIR         also write the generated corpora's files to DIR
          --dump-only DIR    only write them (no warm-up, no measurement): what real-build.sh compiles
          --only KIND        run only one kind of set (ours, build, beside, comparison, probes) and write no results
                             file: for a sampling profiler, so that its samples are of that set alone
          --paired DIR       with --only beside: also run, in every run, the default build's analyzers beside the
                             LlmClient.Analyzers.dll in DIR (another build, e.g. `dotnet build -o DIR` of another commit),
                             the two in alternating order, and print both and their per-run ratio: a comparison of two
                             versions that the host's drift between two invocations cannot decide
        """;

    public static BenchmarkOptions? Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--lines" => options with { Lines = NextInt() },
                "--runs" => options with { Runs = Math.Max(1, NextInt()) },
                "--comparison-runs" => options with { ComparisonRuns = Math.Max(1, NextInt()) },
                "--warmup" => options with { Warmups = Math.Max(0, NextInt()) },
                "--warmup-lines" => options with { WarmupLines = Math.Max(1, NextInt()) },
                "--seed" => options with { Seed = NextInt() },
                "--corpus" => options with { Corpora = Next() },
                "--no-comparison" => options with { Comparison = false },
                "--probes" => options with { Probes = true },
                "--beside" => options with { Beside = true },
                "--editor" => options with { Editor = Math.Max(0, NextInt()) },
                "--no-build" => options with { Build = false },
                "--meter" => options with { Meter = true },
                "--no-meter" => options with { Meter = false },
                "--out" => options with { Output = Next() },
                "--dump" => options with { DumpFolder = Next() },
                "--dump-only" => options with { DumpFolder = Next(), DumpOnly = true },
                "--only" => options with { Only = Next() },
                "--paired" => options with { Paired = Next() },
                "-h" or "--help" => null,
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }
}
