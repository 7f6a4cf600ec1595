using System.Collections.Immutable;
using LlmClient.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LlmClient.Analyzers.Tests.Meta;

/// <summary>
/// Code in the IDE is half-typed. Every analyzer, code fix and refactoring runs over edited versions of every test
/// source (cut at many points, spans deleted) and must never throw.
/// </summary>
public class RobustnessTests
{
    private const int CutsPerSource = 8;
    private const int DeletionsPerSource = 6;

    public static TheoryData<string> TestFiles()
    {
        var data = new TheoryData<string>();
        var folder = Path.Combine(PackageCatalog.RepositoryRoot, "tests", "LlmClient.Analyzers.Tests");
        foreach (var file in Directory.GetFiles(folder, "*Tests.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!file.Contains("VerifierSelfTests", StringComparison.Ordinal) && ExtractSources(File.ReadAllText(file)).Count > 0)
            {
                data.Add(Path.GetRelativePath(folder, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task Analyzers_and_fixes_never_throw_on_edited_sources(string testFile)
    {
        var path = Path.Combine(PackageCatalog.RepositoryRoot, "tests", "LlmClient.Analyzers.Tests", testFile);
        var sources = ExtractSources(await File.ReadAllTextAsync(path));
        Assert.NotEmpty(sources);

        var random = new Random(testFile.Length * 7919);
        foreach (var source in sources)
        {
            foreach (var variant in Variants(source, random))
            {
                await RunAsync(variant, testFile);
            }
        }
    }

    /// <summary>The C# sources a test file holds: its multi-line raw string literals, markup removed.</summary>
    private static List<string> ExtractSources(string testFile)
    {
        var root = CSharpSyntaxTree.ParseText(testFile).GetRoot();
        var sources = new List<string>();
        foreach (var token in root.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && token.ValueText.Contains("class ", StringComparison.Ordinal))
            {
                try
                {
                    sources.Add(Markup.Parse(token.ValueText.Replace("$$", string.Empty, StringComparison.Ordinal), "X").Text);
                }
                catch (VerifierException)
                {
                    sources.Add(token.ValueText);
                }
            }
        }

        return sources;
    }

    private static IEnumerable<string> Variants(string source, Random random)
    {
        yield return source;
        for (var i = 1; i <= CutsPerSource; i++)
        {
            yield return source[..(source.Length * i / (CutsPerSource + 1))];
        }

        for (var i = 0; i < DeletionsPerSource; i++)
        {
            var start = random.Next(source.Length);
            var length = Math.Min(source.Length - start, 1 + random.Next(40));
            yield return source.Remove(start, length);
        }
    }

    private static async Task RunAsync(string source, string origin)
    {
        var solution = TestWorkspace.Create([source], editorConfig: "llm_client_analyzers.profile = flexinference");
        var project = solution.Projects.Single();
        var compilation = (await project.GetCompilationAsync())!;
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, (e, a, _) => { lock (exceptions) { exceptions.Add($"{a.GetType().Name}: {e}"); } }, true, false, false);
        var diagnostics = await compilation.WithAnalyzers(PackageCatalog.Analyzers, options).GetAnalyzerDiagnosticsAsync();
        var failure = exceptions.Concat(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.True(failure.Count == 0, $"{origin}: an analyzer threw on\n{source}\n{string.Join("\n", failure)}");

        var document = TestWorkspace.TestDocuments(solution)[0];
        foreach (var diagnostic in diagnostics)
        {
            foreach (var fixer in PackageCatalog.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = ImmutableArray.CreateBuilder<CodeAction>();
                try
                {
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                    foreach (var action in actions)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                    }
                }
                catch (Exception e)
                {
                    Assert.Fail($"{origin}: {fixer.GetType().Name} threw for {diagnostic.Id} on\n{source}\n{e}");
                }
            }
        }

        // Refactorings where a diagnostic is and on every loop keyword.
        var root = (await document.GetSyntaxRootAsync())!;
        var positions = diagnostics.Where(d => d.Location.IsInSource).Select(d => d.Location.SourceSpan)
            .Concat(root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax>()
                .Where(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.WhileStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.DoStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ForStatementSyntax)
                .Select(n => new TextSpan(n.SpanStart, 0)))
            .Distinct();
        foreach (var span in positions)
        {
            foreach (var refactoring in PackageCatalog.Refactorings)
            {
                var actions = new List<CodeAction>();
                try
                {
                    await refactoring.ComputeRefactoringsAsync(new Microsoft.CodeAnalysis.CodeRefactorings.CodeRefactoringContext(document, span, actions.Add, CancellationToken.None));
                    foreach (var action in actions)
                    {
                        await action.GetOperationsAsync(CancellationToken.None);
                    }
                }
                catch (Exception e)
                {
                    Assert.Fail($"{origin}: {refactoring.GetType().Name} threw at {span} on\n{source}\n{e}");
                }
            }
        }
    }
}
