using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>
/// <see cref="Verify{TAnalyzer}"/> for the tests of what a retry repeats and whether it stops (LLM1001, LLM1002): their
/// sources are deliberately minimal retries (a constant delay, a <c>return ""</c> after the loop), so the retry
/// quality rules (<see cref="QualityRules"/>) are turned off through .editorconfig and each test states only what it
/// is about. The quality rules have their own tests, with every rule on.
/// </summary>
internal static class RetryVerify
{
    /// <summary>The rules about how a retry is written, tested in their own classes.</summary>
    public static readonly string[] QualityRules = [RuleIdentifiers.Backoff, RuleIdentifiers.RetryAfter, RuleIdentifiers.SwallowedFinalError, RuleIdentifiers.RetryBudget, RuleIdentifiers.DoubleRetry];

    public static Task AnalyzerAsync(string source, string? defaultId = null, string? editorConfig = null)
        => Verify<RetryAnalyzer>.AnalyzerAsync(source, defaultId, WithQualityOff(editorConfig));

    public static Task CodeFixAsync<TFix>(string source, string fixedSource, string? defaultId = null, string? equivalenceKey = null, string? editorConfig = null)
        where TFix : CodeFixProvider, new()
        => Verify<RetryAnalyzer>.CodeFixAsync<TFix>(source, fixedSource, defaultId, equivalenceKey, WithQualityOff(editorConfig));

    private static string WithQualityOff(string? editorConfig)
        => string.Join("\n", QualityRules.Select(id => $"dotnet_diagnostic.{id}.severity = none")) + (editorConfig is null ? string.Empty : "\n" + editorConfig);
}
