using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Tests.Verifiers;

/// <summary>
/// The project's own verifier, modeled on Microsoft.CodeAnalysis.Testing (unobtainable here). It compiles
/// markup sources against the real reference assemblies and checks, in order:
/// <list type="number">
/// <item>the diagnostics are exactly the marked ones (analyzer diagnostics and compiler errors), and no analyzer threw (AD0001);</item>
/// <item><c>#pragma warning disable</c> silences every expected diagnostic, and code marked generated gets none;</item>
/// <item>with a code fix: every offered fix changes the code and adds no compiler error, fixing one at a time reaches a
/// fixed point equal to <see cref="FixedSources"/> with only the diagnostics marked there, and FixAll in document,
/// project and solution scope produces the same code.</item>
/// </list>
/// </summary>
public sealed class AnalyzerTest
{
    /// <summary>Test sources with markup.</summary>
    public List<string> Sources { get; } = [];

    /// <summary>The expected sources after fixing, with markup for diagnostics that remain.</summary>
    public List<string> FixedSources { get; } = [];

    public List<DiagnosticAnalyzer> Analyzers { get; } = [];

    public CodeFixProvider? CodeFix { get; set; }

    /// <summary>The equivalence key of the fix to apply; null takes the first fix offered.</summary>
    public string? CodeActionEquivalenceKey { get; set; }

    /// <summary>The ID that <c>[|...|]</c> markup stands for.</summary>
    public string? DefaultDiagnosticId { get; set; }

    /// <summary>Lines of the <c>[*.cs]</c> section of an .editorconfig, e.g. <c>llm_client_analyzers.profile = openai</c>.</summary>
    public string? EditorConfig { get; set; }

    public ImmutableArray<FixAllScope> FixAllScopes { get; set; } = [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    public int MaxFixIterations { get; set; } = 25;

    /// <summary>
    /// Why the IDE's analysis of one document or member cannot show some of the build's diagnostics, if it cannot: the
    /// driver keeps a diagnostic reported outside the analyzed declaration (e.g. on a DTO member, found from the call that
    /// sends the DTO) for whole-compilation analysis only. The check then only asks that the IDE shows nothing more.
    /// </summary>
    public string? EditorMissesBecause { get; set; }

    /// <summary>
    /// Also run FixAll with no equivalence key, as dotnet format does when the first diagnostic it analyzed belongs to
    /// another rule. Fixers built on WellKnownFixAllProviders.BatchFixer fix nothing then; turn it off for those.
    /// </summary>
    public bool CheckFixAllWithoutEquivalenceKey { get; set; } = true;

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Analyzers.Count == 0)
        {
            throw new VerifierException("The test names no analyzer.");
        }

        var parsed = Sources.Select(s => Markup.Parse(s, DefaultDiagnosticId)).ToList();
        var solution = TestWorkspace.Create(parsed.Select(p => p.Text).ToList(), EditorConfig);

        var initial = await AnalyzeAsync(solution, cancellationToken);
        AssertDiagnostics("the sources", parsed.Select(p => p.Expected).ToList(), initial, solution);

        var expectedIds = parsed.SelectMany(p => p.Expected).Select(e => e.Id).Where(IsAnalyzerId).ToImmutableHashSet();
        if (!expectedIds.IsEmpty)
        {
            await AssertPragmaSilencesAsync(solution, expectedIds, cancellationToken);
            await AssertGeneratedCodeSkippedAsync(solution, cancellationToken);
            await AssertEditorAnalysisAgreesAsync(solution, initial, cancellationToken);
        }

        if (CodeFix is null)
        {
            if (FixedSources.Count > 0)
            {
                throw new VerifierException("FixedSources were given but no CodeFix.");
            }

            return;
        }

        if (FixedSources.Count != Sources.Count)
        {
            throw new VerifierException($"A code fix test needs one fixed source per source ({Sources.Count}), got {FixedSources.Count}.");
        }

        var fixedParsed = FixedSources.Select(s => Markup.Parse(s, DefaultDiagnosticId)).ToList();
        await AssertEveryOfferedFixSucceedsAsync(solution, initial, cancellationToken);

        var oneByOne = await FixOneAtATimeAsync(solution, cancellationToken);
        await AssertFixedAsync("fixing one diagnostic at a time", oneByOne, fixedParsed, cancellationToken);

        foreach (var scope in FixAllScopes)
        {
            var fixedAll = await FixAllAsync(solution, scope, nullKey: false, cancellationToken);
            await AssertFixedAsync($"FixAll in {scope} scope", fixedAll, fixedParsed, cancellationToken);
        }

        // dotnet format may run FixAll with no equivalence key; a fixer must then apply its default (first) fix.
        if (CheckFixAllWithoutEquivalenceKey && await UsesDefaultFixAsync(solution, initial, cancellationToken))
        {
            var fixedWithoutKey = await FixAllAsync(solution, FixAllScope.Solution, nullKey: true, cancellationToken);
            await AssertFixedAsync("FixAll in Solution scope with no equivalence key (as dotnet format runs it)", fixedWithoutKey, fixedParsed, cancellationToken);
        }
    }

    // ---- Diagnostics ----------------------------------------------------------------------------

    /// <summary>Analyzer diagnostics of the test's analyzers plus compiler errors (and marked compiler warnings).</summary>
    internal async Task<AnalysisResult> AnalyzeAsync(Solution solution, CancellationToken cancellationToken)
    {
        var project = solution.Projects.Single();
        var compilation = await project.GetCompilationAsync(cancellationToken) ?? throw new VerifierException("No compilation.");
        var analyzerDiagnostics = await AnalyzeOrThrowAsync(compilation, project, concurrent: true, analysis => analysis.GetAnalyzerDiagnosticsAsync(cancellationToken));

        var compilerDiagnostics = compilation.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning)
            .ToImmutableArray();
        return new AnalysisResult(analyzerDiagnostics, compilerDiagnostics);
    }

    /// <summary>Runs the test's analyzers through <paramref name="analyze"/>; an exception in any of them (AD0001) fails the test.</summary>
    private async Task<ImmutableArray<Diagnostic>> AnalyzeOrThrowAsync(
        Compilation compilation, Project project, bool concurrent, Func<CompilationWithAnalyzers, Task<ImmutableArray<Diagnostic>>> analyze)
    {
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            (exception, analyzer, diagnostic) =>
            {
                lock (exceptions)
                {
                    exceptions.Add($"{analyzer.GetType().Name}: {exception}");
                }
            },
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await analyze(compilation.WithAnalyzers(Analyzers.ToImmutableArray(), options));

        var ad0001 = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (exceptions.Count > 0 || ad0001.Count > 0)
        {
            throw new VerifierException("An analyzer threw (AD0001):\n" + string.Join("\n", exceptions.Concat(ad0001)));
        }

        return diagnostics;
    }

    internal sealed record AnalysisResult(ImmutableArray<Diagnostic> Analyzer, ImmutableArray<Diagnostic> Compiler)
    {
        public IEnumerable<Diagnostic> Errors => Compiler.Where(d => d.Severity == DiagnosticSeverity.Error);
    }

    private void AssertDiagnostics(string stage, IReadOnlyList<IReadOnlyList<ExpectedDiagnostic>> expected, AnalysisResult result, Solution solution)
    {
        var documents = TestWorkspace.TestDocuments(solution);
        var markedCompilerIds = expected.SelectMany(e => e).Select(e => e.Id).Where(id => !IsAnalyzerId(id)).ToHashSet();
        var actual = result.Analyzer
            .Concat(result.Compiler.Where(d => d.Severity == DiagnosticSeverity.Error || markedCompilerIds.Contains(d.Id)))
            .Select(d => (Diagnostic: d, Key: KeyOf(d, documents)))
            .ToList();

        var expectedKeys = expected.SelectMany((list, file) => list.Select(e => (File: file, e.Id, e.Span))).ToList();
        var missing = expectedKeys.Where(e => !actual.Any(a => a.Key == e)).ToList();
        var unexpected = actual.Where(a => !expectedKeys.Contains(a.Key)).ToList();
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"Diagnostics of {stage} differ from the markup.\n");
        foreach (var (file, id, span) in missing)
        {
            message.AppendLine($"  missing:    {id} at {Describe(documents, file, span)}");
        }

        foreach (var (diagnostic, (file, id, span)) in unexpected)
        {
            message.AppendLine($"  unexpected: {id} at {Describe(documents, file, span)}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        throw new VerifierException(message.ToString());
    }

    private static (int File, string Id, TextSpan Span) KeyOf(Diagnostic diagnostic, ImmutableArray<Document> documents)
    {
        var tree = diagnostic.Location.SourceTree;
        var file = tree is null ? -1 : documents.IndexOf(documents.FirstOrDefault(d => d.FilePath == tree.FilePath)!);
        return (file, diagnostic.Id, diagnostic.Location.SourceSpan);
    }

    private static string Describe(ImmutableArray<Document> documents, int file, TextSpan span)
    {
        if (file < 0 || file >= documents.Length)
        {
            return $"(no source file) {span}";
        }

        var text = documents[file].GetTextAsync().GetAwaiter().GetResult();
        var line = text.Lines.GetLinePosition(span.Start);
        var snippet = span.End <= text.Length ? text.ToString(span) : "?";
        return $"{documents[file].Name}({line.Line + 1},{line.Character + 1}) '{snippet}'";
    }

    private static bool IsAnalyzerId(string id) => !id.StartsWith("CS", StringComparison.Ordinal);

    private async Task AssertPragmaSilencesAsync(Solution solution, ImmutableHashSet<string> ids, CancellationToken cancellationToken)
    {
        var pragma = "#pragma warning disable " + string.Join(", ", ids.OrderBy(i => i, StringComparer.Ordinal)) + "\n";
        var suppressed = await AnalyzeAsync(TestWorkspace.Map(solution, text => pragma + text), cancellationToken);
        var left = suppressed.Analyzer.Where(d => ids.Contains(d.Id)).ToList();
        if (left.Count > 0)
        {
            throw new VerifierException($"'{pragma.Trim()}' did not silence: {string.Join(", ", left.Select(d => d.Id))}.");
        }
    }

    private async Task AssertGeneratedCodeSkippedAsync(Solution solution, CancellationToken cancellationToken)
    {
        var generated = await AnalyzeAsync(TestWorkspace.Map(solution, text => "// <auto-generated/>\n" + text), cancellationToken);
        if (generated.Analyzer.Length > 0)
        {
            throw new VerifierException($"Code marked <auto-generated/> was analyzed: {string.Join(", ", generated.Analyzer.Select(d => d.Id))}.");
        }
    }

    /// <summary>
    /// The IDE analyzes one document at a time, and after an edit only the member edited (a filter span). Both must find
    /// what the build finds there: a document's analysis all of the document's diagnostics, and a member's analysis every
    /// diagnostic inside it.
    /// </summary>
    private async Task AssertEditorAnalysisAgreesAsync(Solution solution, AnalysisResult build, CancellationToken cancellationToken)
    {
        var project = solution.Projects.Single();
        var compilation = await project.GetCompilationAsync(cancellationToken) ?? throw new VerifierException("No compilation.");
        static string Key(Diagnostic d) => $"{d.Id} at {d.Location.SourceSpan}";
        foreach (var tree in compilation.SyntaxTrees)
        {
            var inTree = build.Analyzer.Where(d => d.Location.SourceTree == tree).Select(Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
            var model = compilation.GetSemanticModel(tree);
            var perDocument = await AnalyzeOrThrowAsync(compilation, project, concurrent: false, analysis => analysis.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken));
            var found = perDocument.Where(d => d.Location.SourceTree == tree).Select(Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (EditorMissesBecause is not null ? found.Except(inTree).Any() : !inTree.SequenceEqual(found))
            {
                throw new VerifierException($"Analyzing {tree.FilePath} alone (as the IDE does) found [{string.Join(", ", found)}]; the build found [{string.Join(", ", inTree)}].");
            }

            // Each member that holds a diagnostic is analyzed once, for all of its diagnostics.
            var root = await tree.GetRootAsync(cancellationToken);
            var byMember = build.Analyzer
                .Where(d => d.Location.SourceTree == tree && found.Contains(Key(d)))
                .Select(d => (Diagnostic: d, Member: MemberOf(root, d)))
                .Where(pair => pair.Member is not null)
                .GroupBy(pair => pair.Member!, pair => pair.Diagnostic);
            foreach (var group in byMember)
            {
                var member = group.Key;
                var inSpan = await AnalyzeOrThrowAsync(compilation, project, concurrent: false, analysis => analysis.GetAnalyzerSemanticDiagnosticsAsync(model, member.FullSpan, cancellationToken));
                var inSpanKeys = inSpan.Select(Key).ToHashSet();
                if (group.FirstOrDefault(d => !inSpanKeys.Contains(Key(d))) is { } missed)
                {
                    throw new VerifierException($"Analyzing only the member at {member.Span} (as the IDE does after an edit) did not find {Key(missed)}; it found [{string.Join(", ", inSpanKeys)}].");
                }
            }
        }
    }

    /// <summary>The innermost member (not a type or namespace) holding the diagnostic: what the IDE reanalyzes after an edit there.</summary>
    private static SyntaxNode? MemberOf(SyntaxNode root, Diagnostic diagnostic)
        => root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .FirstOrDefault(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax
                and not Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax
                and not Microsoft.CodeAnalysis.CSharp.Syntax.BaseNamespaceDeclarationSyntax);

    // ---- Code fixes -----------------------------------------------------------------------------

    private ImmutableArray<Diagnostic> Fixable(AnalysisResult result)
        => result.Analyzer
            .Where(d => CodeFix!.FixableDiagnosticIds.Contains(d.Id))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();

    private async Task<ImmutableArray<CodeAction>> OfferedAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var document = solution.GetDocument(diagnostic.Location.SourceTree) ?? throw new VerifierException($"No document for {diagnostic}.");
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await CodeFix!.RegisterCodeFixesAsync(context);
        foreach (var action in actions)
        {
            if (action.EquivalenceKey is null)
            {
                throw new VerifierException($"The fix '{action.Title}' for {diagnostic.Id} has no equivalence key; FixAll cannot group it.");
            }
        }

        return actions.ToImmutable();
    }

    private CodeAction? Choose(ImmutableArray<CodeAction> actions)
        => CodeActionEquivalenceKey is null ? actions.FirstOrDefault() : actions.FirstOrDefault(a => a.EquivalenceKey == CodeActionEquivalenceKey);

    private static async Task<Solution> ApplyAsync(CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken);
        return operations.OfType<ApplyChangesOperation>().SingleOrDefault()?.ChangedSolution
            ?? throw new VerifierException($"The fix '{action.Title}' produced no solution change operation.");
    }

    /// <summary>A fix is only offered when it can succeed: each one changes the code and adds no compiler error.</summary>
    private async Task AssertEveryOfferedFixSucceedsAsync(Solution solution, AnalysisResult before, CancellationToken cancellationToken)
    {
        foreach (var diagnostic in Fixable(before))
        {
            foreach (var action in await OfferedAsync(solution, diagnostic, cancellationToken))
            {
                var after = await ApplyAsync(action, cancellationToken);
                await AssertChangedWithoutNewErrorsAsync($"the fix '{action.Title}' ({action.EquivalenceKey}) for {diagnostic.Id}", solution, before, after, cancellationToken);
            }
        }
    }

    private async Task<AnalysisResult> AssertChangedWithoutNewErrorsAsync(string what, Solution before, AnalysisResult beforeResult, Solution after, CancellationToken cancellationToken)
    {
        if (await SameTextAsync(before, after, cancellationToken))
        {
            throw new VerifierException($"{what} made no change.");
        }

        var afterResult = await AnalyzeAsync(after, cancellationToken);
        var beforeErrors = beforeResult.Errors.Select(ErrorKey).ToList();
        var added = new List<Diagnostic>();
        foreach (var error in afterResult.Errors)
        {
            if (!beforeErrors.Remove(ErrorKey(error)))
            {
                added.Add(error);
            }
        }

        if (added.Count > 0)
        {
            var text = string.Join("\n", added.Select(e => "  " + e));
            var sources = string.Join("\n----\n", TestWorkspace.TestDocuments(after).Select(d => d.GetTextAsync(cancellationToken).GetAwaiter().GetResult().ToString()));
            throw new VerifierException($"{what} introduced compiler errors:\n{text}\nCode after the fix:\n{sources}");
        }

        return afterResult;
    }

    private static string ErrorKey(Diagnostic error) => error.Id + ": " + error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Solution> FixOneAtATimeAsync(Solution solution, CancellationToken cancellationToken)
    {
        var result = await AnalyzeAsync(solution, cancellationToken);
        for (var iteration = 0; iteration < MaxFixIterations; iteration++)
        {
            CodeAction? chosen = null;
            Diagnostic? target = null;
            foreach (var diagnostic in Fixable(result))
            {
                chosen = Choose(await OfferedAsync(solution, diagnostic, cancellationToken));
                if (chosen is not null)
                {
                    target = diagnostic;
                    break;
                }
            }

            if (chosen is null)
            {
                return solution;
            }

            var next = await ApplyAsync(chosen, cancellationToken);
            result = await AssertChangedWithoutNewErrorsAsync($"the fix '{chosen.Title}' for {target!.Id}", solution, result, next, cancellationToken);
            solution = next;
        }

        throw new VerifierException($"Fixing one diagnostic at a time did not reach a fixed point in {MaxFixIterations} iterations: a fix leaves its diagnostic in place.");
    }

    /// <summary>The fix under test is the first one offered for every fixable diagnostic.</summary>
    private async Task<bool> UsesDefaultFixAsync(Solution solution, AnalysisResult result, CancellationToken cancellationToken)
    {
        foreach (var diagnostic in Fixable(result))
        {
            if ((await OfferedAsync(solution, diagnostic, cancellationToken)).FirstOrDefault() is not { } action
                || (CodeActionEquivalenceKey is not null && action.EquivalenceKey != CodeActionEquivalenceKey))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<Solution> FixAllAsync(Solution solution, FixAllScope scope, bool nullKey, CancellationToken cancellationToken)
    {
        var provider = CodeFix!.GetFixAllProvider() ?? throw new VerifierException($"{CodeFix.GetType().Name} has no FixAll provider.");
        if (!provider.GetSupportedFixAllScopes().Contains(scope))
        {
            throw new VerifierException($"{CodeFix.GetType().Name}'s FixAll provider does not support {scope} scope.");
        }

        var result = await AnalyzeAsync(solution, cancellationToken);
        for (var iteration = 0; iteration < MaxFixIterations; iteration++)
        {
            CodeAction? chosen = null;
            Diagnostic? target = null;
            foreach (var diagnostic in Fixable(result))
            {
                chosen = Choose(await OfferedAsync(solution, diagnostic, cancellationToken));
                if (chosen is not null)
                {
                    target = diagnostic;
                    break;
                }
            }

            if (chosen is null)
            {
                return solution;
            }

            var document = solution.GetDocument(target!.Location.SourceTree)!;
            var diagnosticProvider = new TestDiagnosticProvider(this);
            var context = scope == FixAllScope.Project
                ? new FixAllContext(document.Project, CodeFix, scope, nullKey ? null : chosen.EquivalenceKey, CodeFix.FixableDiagnosticIds, diagnosticProvider, cancellationToken)
                : new FixAllContext(document, CodeFix, scope, nullKey ? null! : chosen.EquivalenceKey, CodeFix.FixableDiagnosticIds, diagnosticProvider, cancellationToken);
            var action = await provider.GetFixAsync(context)
                ?? throw new VerifierException($"FixAll in {scope} scope offered nothing for {target.Id} ({chosen.EquivalenceKey}).");
            var next = await ApplyAsync(action, cancellationToken);
            result = await AssertChangedWithoutNewErrorsAsync($"FixAll in {scope} scope for {target.Id} ({chosen.EquivalenceKey})", solution, result, next, cancellationToken);
            solution = next;
        }

        throw new VerifierException($"FixAll in {scope} scope did not reach a fixed point in {MaxFixIterations} iterations.");
    }

    private async Task AssertFixedAsync(string stage, Solution solution, List<(string Text, IReadOnlyList<ExpectedDiagnostic> Expected)> expected, CancellationToken cancellationToken)
    {
        var documents = TestWorkspace.TestDocuments(solution);
        for (var i = 0; i < expected.Count; i++)
        {
            var actualText = (await documents[i].GetTextAsync(cancellationToken)).ToString();
            if (!string.Equals(Normalize(actualText), Normalize(expected[i].Text), StringComparison.Ordinal))
            {
                throw new VerifierException($"After {stage}, {documents[i].Name} differs from the expected fixed source.\n{TextDiff.Describe(expected[i].Text, actualText)}");
            }
        }

        AssertDiagnostics("the fixed sources after " + stage, expected.Select(e => e.Expected).ToList(), await AnalyzeAsync(solution, cancellationToken), solution);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static async Task<bool> SameTextAsync(Solution a, Solution b, CancellationToken cancellationToken)
    {
        foreach (var document in a.Projects.Single().Documents)
        {
            var other = b.GetDocument(document.Id);
            if (other is null || !(await document.GetTextAsync(cancellationToken)).ContentEquals(await other.GetTextAsync(cancellationToken)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Supplies FixAll with the diagnostics of the test's analyzers.</summary>
    private sealed class TestDiagnosticProvider(AnalyzerTest test) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            var result = await test.AnalyzeAsync(document.Project.Solution, cancellationToken);
            return result.Analyzer.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => (await test.AnalyzeAsync(project.Solution, cancellationToken)).Analyzer;
    }
}
