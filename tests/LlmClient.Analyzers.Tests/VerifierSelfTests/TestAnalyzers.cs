using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Tests.VerifierSelfTests;

// Small analyzers and fixers, good and deliberately broken, that the verifier must accept or reject.
#pragma warning disable RS2008 // No release tracking for test-only diagnostics.

/// <summary>Reports TST0001 on every class named <c>Bad</c>; with option <c>tst.only_when = on</c> it needs that option.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BadClassAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TST0001", "Bad class", "Class is called Bad", "Test", DiagnosticSeverity.Warning, true);

    public bool RequireOption { get; init; }

    public bool AnalyzeGenerated { get; init; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(AnalyzeGenerated ? GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics : GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var node = (ClassDeclarationSyntax)c.Node;
                if (node.Identifier.ValueText != "Bad")
                {
                    return;
                }

                if (RequireOption && !(c.Options.AnalyzerConfigOptionsProvider.GetOptions(node.SyntaxTree).TryGetValue("tst.only_when", out var value) && value == "on"))
                {
                    return;
                }

                c.ReportDiagnostic(Diagnostic.Create(Rule, node.Identifier.GetLocation()));
            },
            SyntaxKind.ClassDeclaration);
    }
}

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TST0002", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("boom"), SyntaxKind.ClassDeclaration);
    }
}

/// <summary>Renames <c>Bad</c> according to <see cref="Mode"/>.</summary>
public abstract class BadClassFixerBase : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ["TST0001"];

    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        context.RegisterCodeFix(CodeAction.Create("Fix Bad", ct => FixAsync(context.Document, context.Diagnostics[0], ct), "TST0001.Fix"), context.Diagnostics);
        return Task.CompletedTask;
    }

    protected abstract SyntaxNode Rewrite(ClassDeclarationSyntax declaration);

    private async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var root = (await document.GetSyntaxRootAsync(ct))!;
        var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent!.FirstAncestorOrSelf<ClassDeclarationSyntax>()!;
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, Rewrite(declaration)));
    }
}

/// <summary>Correct: renames the class to Good.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp)]
public sealed class RenameFixer : BadClassFixerBase
{
    protected override SyntaxNode Rewrite(ClassDeclarationSyntax declaration) => declaration.WithIdentifier(SyntaxFactory.Identifier("Good").WithTriviaFrom(declaration.Identifier));
}

/// <summary>Broken: adds a call to a method that does not exist.</summary>
public sealed class CompileErrorFixer : BadClassFixerBase
{
    protected override SyntaxNode Rewrite(ClassDeclarationSyntax declaration)
        => declaration.AddMembers(SyntaxFactory.ParseMemberDeclaration("void M() { DoesNotExist(); }")!);
}

/// <summary>Broken: changes the code but leaves the diagnostic in place.</summary>
public sealed class LeavesDiagnosticFixer : BadClassFixerBase
{
    protected override SyntaxNode Rewrite(ClassDeclarationSyntax declaration)
        => declaration.AddMembers(SyntaxFactory.ParseMemberDeclaration("int field" + Guid.NewGuid().ToString("N") + ";")!);
}

/// <summary>Broken: a fix that changes nothing.</summary>
public sealed class NoChangeFixer : BadClassFixerBase
{
    protected override SyntaxNode Rewrite(ClassDeclarationSyntax declaration) => declaration;
}

/// <summary>Broken: one-at-a-time fixing works, but FixAll renames differently.</summary>
public sealed class InconsistentFixAllFixer : BadClassFixerBase
{
    public override FixAllProvider? GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = (await document.GetSyntaxRootAsync(context.CancellationToken))!;
        var classes = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => c.Identifier.ValueText == "Bad");
        return document.WithSyntaxRoot(root.ReplaceNodes(classes, (_, c) => c.WithIdentifier(SyntaxFactory.Identifier("Other").WithTriviaFrom(c.Identifier))));
    });

    protected override SyntaxNode Rewrite(ClassDeclarationSyntax declaration) => declaration.WithIdentifier(SyntaxFactory.Identifier("Good").WithTriviaFrom(declaration.Identifier));
}
