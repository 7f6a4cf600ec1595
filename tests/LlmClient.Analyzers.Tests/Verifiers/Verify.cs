using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Tests.Verifiers;

/// <summary>Short forms of <see cref="AnalyzerTest"/> for the common cases.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The source's markup must be exactly what <typeparamref name="TAnalyzer"/> reports.</summary>
    public static Task AnalyzerAsync(string source, string? defaultId = null, string? editorConfig = null)
    {
        var test = new AnalyzerTest { DefaultDiagnosticId = defaultId, EditorConfig = editorConfig };
        test.Sources.Add(source);
        test.Analyzers.Add(new TAnalyzer());
        return test.RunAsync();
    }

    /// <summary>Fixes with <typeparamref name="TFix"/> (the fix with <paramref name="equivalenceKey"/>, or the first).</summary>
    public static Task CodeFixAsync<TFix>(string source, string fixedSource, string? defaultId = null, string? equivalenceKey = null, string? editorConfig = null)
        where TFix : CodeFixProvider, new()
    {
        var test = new AnalyzerTest
        {
            DefaultDiagnosticId = defaultId,
            CodeFix = new TFix(),
            CodeActionEquivalenceKey = equivalenceKey,
            EditorConfig = editorConfig,
        };
        test.Sources.Add(source);
        test.FixedSources.Add(fixedSource);
        test.Analyzers.Add(new TAnalyzer());
        return test.RunAsync();
    }
}
