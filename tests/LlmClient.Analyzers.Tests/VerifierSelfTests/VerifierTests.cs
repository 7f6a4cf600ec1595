using LlmClient.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace LlmClient.Analyzers.Tests.VerifierSelfTests;

/// <summary>The verifier must pass correct tests and fail, with a clear message, when it should.</summary>
public class VerifierTests
{
    private static AnalyzerTest Test(string source, DiagnosticAnalyzer? analyzer = null, CodeFixProvider? fix = null, string? fixedSource = null, string? editorConfig = null)
    {
        // The test fixers use BatchFixer, which fixes nothing without an equivalence key.
        var test = new AnalyzerTest { DefaultDiagnosticId = "TST0001", CodeFix = fix, EditorConfig = editorConfig, CheckFixAllWithoutEquivalenceKey = false };
        test.Sources.Add(source);
        if (fixedSource is not null)
        {
            test.FixedSources.Add(fixedSource);
        }

        test.Analyzers.Add(analyzer ?? new BadClassAnalyzer());
        return test;
    }

    private static async Task<string> Fails(AnalyzerTest test)
        => (await Assert.ThrowsAsync<VerifierException>(() => test.RunAsync())).Message;

    [Fact]
    public Task Passes_when_markup_matches() => Test("class [|Bad|] { } class Fine { }").RunAsync();

    [Fact]
    public Task Reads_named_markup_and_several_sources()
    {
        var test = Test("class {|TST0001:Bad|} { }");
        test.Sources.Add("namespace N { class [|Bad|] { } }");
        return test.RunAsync();
    }

    [Fact]
    public async Task Fails_on_an_unexpected_diagnostic()
        => Assert.Contains("unexpected: TST0001", await Fails(Test("class Bad { }")));

    [Fact]
    public async Task Fails_on_a_missing_diagnostic()
        => Assert.Contains("missing:    TST0001", await Fails(Test("class [|Good|] { }")));

    [Fact]
    public async Task Fails_on_a_diagnostic_at_the_wrong_span()
        => Assert.Contains("unexpected", await Fails(Test("[|class Bad|] { }")));

    [Fact]
    public async Task Fails_when_an_analyzer_throws()
        => Assert.Contains("AD0001", await Fails(Test("class C { }", new ThrowingAnalyzer())));

    [Fact]
    public async Task Fails_on_an_unmarked_compiler_error()
        => Assert.Contains("CS0103", await Fails(Test("class C { void M() { undefinedName(); } }")));

    [Fact]
    public Task Accepts_a_marked_compiler_error()
        => Test("class C { void M() { {|CS0103:undefinedName|}(); } }").RunAsync();

    [Fact]
    public async Task Fails_when_generated_code_is_analyzed()
        => Assert.Contains("auto-generated", await Fails(Test("class [|Bad|] { }", new BadClassAnalyzer { AnalyzeGenerated = true })));

    [Fact]
    public Task Passes_editorconfig_options_to_the_analyzer()
        => Test("class [|Bad|] { }", new BadClassAnalyzer { RequireOption = true }, editorConfig: "tst.only_when = on").RunAsync();

    [Fact]
    public Task Editorconfig_option_absent_means_silent()
        => Test("class Bad { }", new BadClassAnalyzer { RequireOption = true }).RunAsync();

    [Fact]
    public Task Editorconfig_severity_none_silences()
        => Test("class Bad { }", editorConfig: "dotnet_diagnostic.TST0001.severity = none").RunAsync();

    [Fact]
    public Task Passes_a_correct_fix_in_every_fix_all_scope()
    {
        var test = Test("class [|Bad|] { }", fix: new RenameFixer(), fixedSource: "class Good { }");
        test.Sources.Add("namespace N { class [|Bad|] { } }");
        test.FixedSources.Add("namespace N { class Good { } }");
        return test.RunAsync();
    }

    [Fact]
    public async Task Fails_a_fix_that_adds_a_compiler_error()
        => Assert.Contains("introduced compiler errors", await Fails(Test("class [|Bad|] { }", fix: new CompileErrorFixer(), fixedSource: "class Bad { }")));

    [Fact]
    public async Task Fails_a_fix_that_leaves_its_diagnostic()
        => Assert.Contains("fixed point", await Fails(Test("class [|Bad|] { }", fix: new LeavesDiagnosticFixer(), fixedSource: "class Bad { }")));

    [Fact]
    public async Task Fails_a_fix_that_changes_nothing()
        => Assert.Contains("made no change", await Fails(Test("class [|Bad|] { }", fix: new NoChangeFixer(), fixedSource: "class Bad { }")));

    [Fact]
    public async Task Fails_when_the_fixed_code_differs()
        => Assert.Contains("differs from the expected fixed source", await Fails(Test("class [|Bad|] { }", fix: new RenameFixer(), fixedSource: "class Better { }")));

    [Fact]
    public async Task Fails_when_fix_all_differs_from_one_at_a_time()
        => Assert.Contains("FixAll in Document scope", await Fails(Test("class [|Bad|] { }", fix: new InconsistentFixAllFixer(), fixedSource: "class Good { }")));

    [Fact]
    public void Markup_rejects_unbalanced_spans()
        => Assert.Throws<VerifierException>(() => Markup.Parse("class [|Bad { }", "TST0001"));
}
