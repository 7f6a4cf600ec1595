using System.Collections.Immutable;
using System.Reflection;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Tests.Meta;

/// <summary>Every analyzer and fixer the package ships, found by reflection, and the repository's folders.</summary>
internal static class PackageCatalog
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(Rules).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> Fixers { get; } = typeof(DocumentEditFixer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<Microsoft.CodeAnalysis.CodeRefactorings.CodeRefactoringProvider> Refactorings { get; } = typeof(DocumentEditFixer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.CodeRefactorings.CodeRefactoringProvider).IsAssignableFrom(t)
            && t.GetCustomAttribute<Microsoft.CodeAnalysis.CodeRefactorings.ExportCodeRefactoringProviderAttribute>() is not null)
        .Select(t => (Microsoft.CodeAnalysis.CodeRefactorings.CodeRefactoringProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
