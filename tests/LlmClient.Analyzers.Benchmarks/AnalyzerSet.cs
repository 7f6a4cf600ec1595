using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using LlmClient.Analyzers.Requests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Benchmarks;

public enum SetKind
{
    /// <summary>The package's analyzers: the figures the targets are about.</summary>
    Ours,

    /// <summary>Another package, for comparison.</summary>
    Comparison,

    /// <summary>Investigation only: part of our work, to see where the time goes.</summary>
    Probe,

    /// <summary>
    /// The analyzers every build of such a project already runs (the SDK's code analysis, the reference pack's and
    /// the referenced packages' analyzers): the baseline of a real build.
    /// </summary>
    Build,

    /// <summary>Ours beside another set (<see cref="AnalyzerSet.Baseline"/>): what ours adds to a build that already runs analyzers.</summary>
    Combined,
}

/// <summary>
/// A set of analyzers measured together in one CompilationWithAnalyzers. <paramref name="Baseline"/>: for a
/// combined set, the set it is compared against. <paramref name="EveryRun"/>: false for the sets that run only in the
/// first <c>--comparison-runs</c> runs.
/// </summary>
public sealed record AnalyzerSet(string Name, SetKind Kind, ImmutableArray<DiagnosticAnalyzer> Analyzers, string? Baseline = null, bool EveryRun = true)
{
    /// <summary>
    /// Every C# analyzer of the LlmClient.Analyzers assembly, found by reflection (new ones are picked up); with
    /// <paramref name="metered"/>, each in a <see cref="MeteredAnalyzer"/>, so that its own time is measured too.
    /// </summary>
    public static AnalyzerSet Ours(bool metered = true)
    {
        var analyzers = FromAssembly(typeof(RequestAnalyzer).Assembly);
        return new("LlmClient.Analyzers", SetKind.Ours, metered ? analyzers.Select(a => (DiagnosticAnalyzer)new MeteredAnalyzer(a)).ToImmutableArray() : analyzers);
    }

    /// <summary>
    /// Another build of the package (<c>--paired</c>): LlmClient.Analyzers.dll from <paramref name="folder"/>, in a load context of
    /// its own (the one this benchmark references is already loaded under the same name); Roslyn comes from the default one.
    /// </summary>
    public static AnalyzerSet OursFrom(string folder, bool metered)
    {
        var path = Path.GetFullPath(Path.Combine(folder, "LlmClient.Analyzers.dll"));
        var analyzers = FromAssembly(new PairedContext(path).LoadFromAssemblyPath(path));
        return new($"LlmClient.Analyzers from {folder}", SetKind.Ours, metered ? analyzers.Select(a => (DiagnosticAnalyzer)new MeteredAnalyzer(a)).ToImmutableArray() : analyzers);
    }

    private sealed class PairedContext(string path) : AssemblyLoadContext($"paired {path}")
    {
        protected override Assembly? Load(AssemblyName name)
            => name.Name == "LlmClient.Analyzers" ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>The analyzer's type name (the measured analyzer's, for a <see cref="MeteredAnalyzer"/>).</summary>
    public static string NameOf(DiagnosticAnalyzer analyzer) => (analyzer is MeteredAnalyzer metered ? metered.Inner : analyzer).GetType().Name;

    /// <summary>Ours and another set in one CompilationWithAnalyzers, as in a build that runs both.</summary>
    public static AnalyzerSet Combined(AnalyzerSet ours, AnalyzerSet other)
        => new($"{other.Name} + {ours.Name}", SetKind.Combined, other.Analyzers.AddRange(ours.Analyzers), other.Name, other.EveryRun);

    /// <summary>
    /// The analyzers MSBuild passes to the compiler for this (net10.0, SDK-style) project, written at build to
    /// build-analyzers.txt: the SDK's code analysis (Microsoft.CodeAnalysis.NetAnalyzers, on by default since .NET 5),
    /// the reference pack's (interop, JSON, regex) and those of the referenced packages. The Roslyn SDK's own
    /// analyzers (Microsoft.CodeAnalysis.Analyzers) are left out: they are there because this benchmark references
    /// Roslyn, which the corpora do not. Source generators are not analyzers and are not run. Default severities, no
    /// .editorconfig, as in a project that configures nothing. Like the command-line compiler without /errorlog
    /// (CommonCompiler's severity filter), only analyzers with a rule that can report a warning or an error run: one
    /// whose rules are all hidden or info is skipped by a build (it still runs in the IDE).
    /// </summary>
    public static AnalyzerSet DefaultBuild(string listFile)
    {
        var analyzers = File.ReadAllLines(listFile)
            .Select(line => line.Trim())
            .Where(path => path.Length > 0 && !path.Contains("microsoft.codeanalysis.analyzers", StringComparison.OrdinalIgnoreCase))
            .Select(path => Path.GetFullPath(path))
            .Distinct(StringComparer.Ordinal)
            .SelectMany(path => FromAssembly(Assembly.LoadFrom(path)))
            .Where(ReportsWarningsByDefault)
            .ToImmutableArray();
        return new AnalyzerSet("default build's analyzers", SetKind.Build, analyzers);
    }

    /// <summary>Each probe alone: see <see cref="Probes.RequestProbe"/>.</summary>
    public static IEnumerable<AnalyzerSet> Probes()
    {
        yield return new("probe: no actions", SetKind.Probe, ImmutableArray.Create<DiagnosticAnalyzer>(new Probes.NoActionsProbe()));
        yield return new("probe: filter only", SetKind.Probe, ImmutableArray.Create<DiagnosticAnalyzer>(new Probes.FilterOnlyProbe()));
        yield return new("probe: filter + GetOperation", SetKind.Probe, ImmutableArray.Create<DiagnosticAnalyzer>(new Probes.FilterAndBindProbe()));
        yield return new("probe: name scan of every file", SetKind.Probe, ImmutableArray.Create<DiagnosticAnalyzer>(new LlmClient.Analyzers.Benchmarks.Probes.NameScanProbe()));
        yield return new("probe: RetryAnalyzer, counting what it binds", SetKind.Probe, ImmutableArray.Create(LlmClient.Analyzers.Benchmarks.Probes.RetryBindCount.Create()));
        yield return new("probe: filter + GetOperation, nullable analysis off", SetKind.Probe, ImmutableArray.Create<DiagnosticAnalyzer>(new Probes.FilterAndBindWithoutNullableProbe()));
    }

    /// <summary>
    /// Meziantou.Analyzer from its restored package: every C# analyzer in the build for the newest Roslyn the host
    /// runs (analyzers/dotnet/roslynX.Y/cs), default severities as shipped.
    /// </summary>
    public static AnalyzerSet Meziantou(string packageFolder)
    {
        var host = typeof(Compilation).Assembly.GetName().Version!;
        var builds = Directory.GetDirectories(Path.Combine(packageFolder, "analyzers", "dotnet"), "roslyn*")
            .Select(dir => (Dir: dir, Version: Version.TryParse(Path.GetFileName(dir)["roslyn".Length..], out var v) ? v : null))
            .Where(b => b.Version is not null && b.Version <= new Version(host.Major, host.Minor))
            .OrderByDescending(b => b.Version)
            .ToList();
        if (builds.Count == 0)
        {
            throw new InvalidOperationException($"No Meziantou.Analyzer build for Roslyn {host} under {packageFolder}.");
        }

        var path = Path.Combine(builds[0].Dir, "cs", "Meziantou.Analyzer.dll");
        var assembly = Assembly.LoadFrom(path);
        return new AnalyzerSet($"Meziantou.Analyzer ({Path.GetFileName(builds[0].Dir)})", SetKind.Comparison, FromAssembly(assembly), EveryRun: false);
    }

    private static bool ReportsWarningsByDefault(DiagnosticAnalyzer analyzer)
        => analyzer.SupportedDiagnostics.Any(d => d.IsEnabledByDefault && d.DefaultSeverity >= DiagnosticSeverity.Warning);

    private static ImmutableArray<DiagnosticAnalyzer> FromAssembly(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = ex.Types.Where(t => t is not null).ToArray()!;
        }

        return types
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                        && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is { } attribute
                        && attribute.Languages.Contains(LanguageNames.CSharp)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }
}
