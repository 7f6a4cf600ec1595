using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Retries;

/// <summary>
/// LLM1006: writes the configured maximum (<c>llm_client_analyzers.max_retries</c>) in place of a literal retry count
/// or loop limit. A limit held by a named constant is left to the user (other code may read it).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryBudgetFixer))]
[Shared]
public sealed class RetryBudgetFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.RetryBudget + ".Lower";

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Lower the retry count to the configured maximum"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RetryBudget);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant) => FindLimit(root, diagnostic) is not null;

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        var limit = FindLimit(editor.OriginalRoot, diagnostic)!;
        var max = int.Parse(Property(diagnostic, "Max"), CultureInfo.InvariantCulture);
        editor.ReplaceNode(limit, SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(max)).WithTriviaFrom(limit));
    }

    private static LiteralExpressionSyntax? FindLimit(SyntaxNode root, Diagnostic diagnostic)
    {
        if (AdditionalSpan(diagnostic) is not { } span || !root.FullSpan.Contains(span)
            || !int.TryParse(Property(diagnostic, "Max"), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        return root.FindNode(span, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
            && literal.IsKind(SyntaxKind.NumericLiteralExpression) && literal.Span == span
            ? literal
            : null;
    }
}
