using System.Collections.Immutable;
using System.Reflection;
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

    /// <summary>The comparison package and ours together: what ours adds to a build that already runs analyzers.</summary>
    Combined,
}

/// <summary>A set of analyzers measured together in one CompilationWithAnalyzers.</summary>
public sealed record AnalyzerSet(string Name, SetKind Kind, ImmutableArray<DiagnosticAnalyzer> Analyzers)
{
    /// <summary>Every C# analyzer of the LlmClient.Analyzers assembly, found by reflection (new ones are picked up).</summary>
    public static AnalyzerSet Ours() => new("LlmClient.Analyzers", SetKind.Ours, FromAssembly(typeof(RequestAnalyzer).Assembly));

    /// <summary>Both packages in one CompilationWithAnalyzers, as in a build that references both.</summary>
    public static AnalyzerSet Combined(AnalyzerSet ours, AnalyzerSet comparison)
        => new($"{comparison.Name} + {ours.Name}", SetKind.Combined, comparison.Analyzers.AddRange(ours.Analyzers));

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
        return new AnalyzerSet($"Meziantou.Analyzer ({Path.GetFileName(builds[0].Dir)})", SetKind.Comparison, FromAssembly(assembly));
    }

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
