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
/// LLM1001: narrows the retry to 408, 429 and 5xx: a <c>when</c> filter on the catch, a status check before the
/// repeat, the loop condition, or the Polly predicate.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryableOnlyFixer))]
[Shared]
public sealed class RetryableOnlyFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.NonRetryableStatus + ".RetryableOnly";

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Retry only 408, 429 and 5xx"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.NonRetryableStatus);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    private SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
    {
        var span = diagnostic.Location.SourceSpan;
        if (!root.FullSpan.Contains(span) || !diagnostic.Properties.TryGetValue("Fix", out var fix))
        {
            return null;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        switch (fix)
        {
            case "CatchFilter":
                return node.AncestorsAndSelf().OfType<CatchClauseSyntax>().FirstOrDefault(c => c.CatchKeyword.SpanStart == span.Start) is { } clause
                    && Get(diagnostic, "Source") is { } source
                    && RetrySyntax.CatchFilter(source, "x", false) is not null
                    ? clause
                    : null;

            case "GuardInBranch" or "GuardAfter":
                if (Get(diagnostic, "Variable") is null)
                {
                    return null;
                }

                if (Get(diagnostic, "Branch") == "Section")
                {
                    return node.AncestorsAndSelf().OfType<SwitchSectionSyntax>().FirstOrDefault(s => s.Labels.Count > 0 && s.Labels[0].SpanStart == span.Start && s.Statements.Count > 0);
                }

                var ifStatement = node.AncestorsAndSelf().OfType<IfStatementSyntax>().FirstOrDefault(i => i.Condition.Span == span);
                if (ifStatement is null)
                {
                    return null;
                }

                if (fix == "GuardAfter")
                {
                    return ifStatement.Parent is BlockSyntax or SwitchSectionSyntax && ifStatement.Else is null ? ifStatement : null;
                }

                return Get(diagnostic, "Branch") == "True" || ifStatement.Else is not null ? ifStatement : null;

            case "LoopCondition":
                return Get(diagnostic, "Variable") is not null
                    && node.AncestorsAndSelf().FirstOrDefault(n => n is DoStatementSyntax d && d.Condition.Span == span || n is WhileStatementSyntax w && w.Condition.Span == span) is { } loop
                    ? loop
                    : null;

            case "Predicate":
                if (Get(diagnostic, "Source") is not { } predicateSource || RetrySyntax.CatchFilter(predicateSource, "x", false) is null)
                {
                    return null;
                }

                if (node is ExpressionSyntax body && body.Span == span && body.Parent is LambdaExpressionSyntax lambda && lambda.ExpressionBody == body && Get(diagnostic, "Variable") is not null)
                {
                    return body;
                }

                return node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i =>
                    i.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax name } && name.Span == span && i.ArgumentList.Arguments.Count == 0);

            default:
                return null;
        }
    }

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => FindTarget(root, diagnostic, variant) is not null;

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
        => Apply(editor, FindTarget(editor.OriginalRoot, diagnostic, variant)!, diagnostic, variant);

    private void Apply(SyntaxEditor editor, SyntaxNode target, Diagnostic diagnostic, FixVariant variant)
    {
        var excludeNamed = Get(diagnostic, "ExcludeNamed") == "true";
        switch (target)
        {
            case CatchClauseSyntax clause:
                editor.ReplaceNode(clause, (current, _) => AddFilter((CatchClauseSyntax)current, Get(diagnostic, "Source")!, Get(diagnostic, "Variable"), excludeNamed));
                break;

            case SwitchSectionSyntax section:
                editor.ReplaceNode(section, (current, _) =>
                {
                    var statements = ((SwitchSectionSyntax)current).Statements;
                    statements = statements.Replace(statements[0], RetrySyntax.WithBlankLineBefore(statements[0])).Insert(0, Guard(diagnostic, excludeNamed));
                    return ((SwitchSectionSyntax)current).WithStatements(statements).WithAdditionalAnnotations(Formatter.Annotation);
                });
                break;

            case IfStatementSyntax ifStatement when Get(diagnostic, "Fix") == "GuardAfter":
                editor.InsertAfter(ifStatement, RetrySyntax.WithBlankLineBefore(Guard(diagnostic, excludeNamed)));
                break;

            case IfStatementSyntax ifStatement:
                var branch = Get(diagnostic, "Branch") == "True" ? ifStatement.Statement : ifStatement.Else!.Statement;
                editor.ReplaceNode(branch, (current, _) => PrependTo((StatementSyntax)current, Guard(diagnostic, excludeNamed)));
                break;

            case InvocationExpressionSyntax handle:
            {
                var parameter = RetrySyntax.FreeName(RetrySyntax.NameScope(handle), "ex", "exception");
                var condition = RetrySyntax.ParseCondition(RetrySyntax.CatchFilter(Get(diagnostic, "Source")!, parameter, excludeNamed)!);
                var lambda = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameter)), condition);
                editor.ReplaceNode(handle, (current, _) => ((InvocationExpressionSyntax)current).AddArgumentListArguments(SyntaxFactory.Argument(lambda)).WithAdditionalAnnotations(Formatter.Annotation));
                break;
            }

            case ExpressionSyntax body:
            {
                var condition = RetrySyntax.ParseCondition(RetrySyntax.CatchFilter(Get(diagnostic, "Source")!, Get(diagnostic, "Variable")!, excludeNamed)!);
                var replacement = Get(diagnostic, "Replace") == "true" ? condition.WithTriviaFrom(body) : RetrySyntax.And(body, condition);
                editor.ReplaceNode(body, (_, _) => replacement);
                break;
            }

            case DoStatementSyntax doStatement:
                editor.ReplaceNode(doStatement.Condition, (current, _) => RetrySyntax.And((ExpressionSyntax)current, RetrySyntax.RetryableResponse(Get(diagnostic, "Variable")!, excludeNamed)));
                break;

            case WhileStatementSyntax whileStatement:
                editor.ReplaceNode(whileStatement.Condition, (current, _) => RetrySyntax.And((ExpressionSyntax)current, RetrySyntax.RetryableResponse(Get(diagnostic, "Variable")!, excludeNamed)));
                break;
        }
    }

    private static StatementSyntax Guard(Diagnostic diagnostic, bool excludeNamed)
        => RetrySyntax.Guard(Get(diagnostic, "Variable")!, Get(diagnostic, "Exit") == "Return", excludeNamed);

    private static SyntaxNode PrependTo(StatementSyntax branch, StatementSyntax guard)
    {
        if (branch is BlockSyntax block)
        {
            return RetrySyntax.Prepend(block, guard);
        }

        return RetrySyntax.Prepend(SyntaxFactory.Block(branch.WithoutLeadingTrivia()), guard).WithTriviaFrom(branch);
    }

    private static CatchClauseSyntax AddFilter(CatchClauseSyntax clause, string source, string? variable, bool excludeNamed)
    {
        // The line break after the header moves to the end of the new header.
        var headerEnd = clause.Block.OpenBraceToken.GetPreviousToken();
        var trailing = headerEnd.TrailingTrivia;
        clause = clause.ReplaceToken(headerEnd, headerEnd.WithTrailingTrivia(SyntaxFactory.Space));

        if (variable is null)
        {
            variable = RetrySyntax.FreeName(RetrySyntax.NameScope(clause), "ex", "exception");
            var type = clause.Declaration?.Type ?? SyntaxFactory.ParseTypeName(RetrySyntax.CatchType(source.StartsWith("Exception", System.StringComparison.Ordinal) ? "Exception" : source));
            var declaration = SyntaxFactory.CatchDeclaration(type.WithoutTrivia(), SyntaxFactory.Identifier(variable)).WithTrailingTrivia(SyntaxFactory.Space);
            clause = clause.WithCatchKeyword(clause.CatchKeyword.WithTrailingTrivia(SyntaxFactory.Space)).WithDeclaration(RetrySyntax.Annotate(declaration));
        }

        var condition = RetrySyntax.ParseCondition(RetrySyntax.CatchFilter(source, variable, excludeNamed)!);
        var filter = clause.Filter is { } existing
            ? existing.WithFilterExpression(RetrySyntax.And(existing.FilterExpression, condition))
            : SyntaxFactory.CatchFilterClause(condition);
        return clause.WithFilter(filter.WithTrailingTrivia(trailing)).WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static string? Get(Diagnostic diagnostic, string key) => diagnostic.Properties.TryGetValue(key, out var value) ? value : null;
}
