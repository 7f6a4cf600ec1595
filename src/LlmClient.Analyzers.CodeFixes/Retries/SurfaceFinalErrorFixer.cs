using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace LlmClient.Analyzers.CodeFixes.Retries;

/// <summary>
/// LLM1005: surfaces the last failure when the attempts run out. A swallowing <c>return</c> in the catch clause becomes
/// <c>throw;</c>. After a loop whose repeats all go through catch clauses, each of them keeps its exception
/// (<c>lastError = ex;</c>) and the swallowing <c>return</c> (or the end of the method) becomes <c>throw lastError!;</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SurfaceFinalErrorFixer))]
[Shared]
public sealed class SurfaceFinalErrorFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.SwallowedFinalError + ".Throw";

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Throw the last failure when the retries run out"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.SwallowedFinalError);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => Property(diagnostic, "Fix") switch
        {
            "Rethrow" => FindReturn(root, diagnostic) is { } returned && returned.FirstAncestorOrSelf<CatchClauseSyntax>() is not null,
            "LastError" => FindLoop(root, diagnostic) is { } loop && FindCatches(root, diagnostic, loop) is { Count: > 0 }
                && (Property(diagnostic, "FallsThrough") == "true" || FindReturn(root, diagnostic) is not null),
            _ => false,
        };

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        var root = editor.OriginalRoot;
        if (Property(diagnostic, "Fix") == "Rethrow")
        {
            var returned = FindReturn(root, diagnostic)!;
            editor.ReplaceNode(returned, SyntaxFactory.ThrowStatement().WithTriviaFrom(returned));
            return;
        }

        var loop = FindLoop(root, diagnostic)!;
        var scope = RetrySyntax.NameScope(loop);
        var lastError = RetrySyntax.FreeName(scope, "lastError", "lastException", "finalError");
        editor.InsertBefore(loop, SimplifiedSystem(SyntaxFactory.ParseStatement($"global::System.Exception? {lastError} = null;\n")));
        foreach (var clause in FindCatches(root, diagnostic, loop)!)
        {
            editor.ReplaceNode(clause, (current, _) => KeepException((CatchClauseSyntax)current, lastError, scope));
        }

        var throwStatement = SyntaxFactory.ParseStatement($"throw {lastError}!;\n").WithAdditionalAnnotations(Formatter.Annotation);
        if (Property(diagnostic, "FallsThrough") == "true")
        {
            editor.InsertAfter(loop, RetrySyntax.WithBlankLineBefore(throwStatement));
        }
        else
        {
            var returned = FindReturn(root, diagnostic)!;
            editor.ReplaceNode(returned, throwStatement.WithTriviaFrom(returned));
        }
    }

    /// <summary><c>catch (T ex) { lastError = ex; ... }</c>, naming the exception (or catching Exception) when needed.</summary>
    private static CatchClauseSyntax KeepException(CatchClauseSyntax clause, string lastError, SyntaxNode scope)
    {
        string name;
        if (clause.Declaration is { Identifier.ValueText: { Length: > 0 } existing })
        {
            name = existing;
        }
        else
        {
            name = RetrySyntax.FreeName(scope, "ex", "exception", "error");
            var declaration = clause.Declaration is { } typed
                ? typed.WithType(typed.Type.WithoutTrailingTrivia()).WithIdentifier(SyntaxFactory.Identifier(name).WithLeadingTrivia(SyntaxFactory.Space))
                : SimplifiedSystem(SyntaxFactory.CatchDeclaration(SyntaxFactory.ParseTypeName("global::System.Exception"), SyntaxFactory.Identifier(name).WithLeadingTrivia(SyntaxFactory.Space)));
            clause = clause.WithCatchKeyword(clause.CatchKeyword.WithTrailingTrivia(SyntaxFactory.Space))
                .WithDeclaration(declaration.WithTrailingTrivia(clause.Declaration?.GetTrailingTrivia() ?? clause.CatchKeyword.TrailingTrivia));
        }

        var keep = SyntaxFactory.ParseStatement($"{lastError} = {name};\n").WithAdditionalAnnotations(Formatter.Annotation);
        return clause.WithBlock(RetrySyntax.Prepend(clause.Block, keep));
    }

    /// <summary>System types are simplified where <c>System</c> is in scope (nearly always) and stay qualified otherwise.</summary>
    private static T SimplifiedSystem<T>(T node)
        where T : SyntaxNode
        => node.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation, Formatter.Annotation);

    private static ReturnStatementSyntax? FindReturn(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        return root.FullSpan.Contains(span) && root.FindNode(span) is ReturnStatementSyntax returned && returned.Span == span ? returned : null;
    }

    private static StatementSyntax? FindLoop(SyntaxNode root, Diagnostic diagnostic)
    {
        if (AdditionalSpan(diagnostic) is not { } span || !root.FullSpan.Contains(span))
        {
            return null;
        }

        return root.FindNode(span) is StatementSyntax loop && loop.Span == span && loop.Parent is BlockSyntax
            && loop is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax
            ? loop
            : null;
    }

    private static System.Collections.Generic.List<CatchClauseSyntax>? FindCatches(SyntaxNode root, Diagnostic diagnostic, StatementSyntax loop)
    {
        var clauses = new System.Collections.Generic.List<CatchClauseSyntax>();
        foreach (var location in diagnostic.AdditionalLocations.Skip(1))
        {
            if (!loop.Span.Contains(location.SourceSpan) || root.FindNode(location.SourceSpan) is not CatchClauseSyntax clause)
            {
                return null;
            }

            clauses.Add(clause);
        }

        return clauses;
    }
}
