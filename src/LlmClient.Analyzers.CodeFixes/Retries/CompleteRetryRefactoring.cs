using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Retries.Extractors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.CodeFixes.Retries;

/// <summary>
/// "Rewrite as one complete retry" on a hand-written HttpClient retry loop (<see cref="RetryRewriter"/>), offered where
/// the retry rules put their squiggles: the loop's header, a <c>catch</c> header, an <c>if</c> condition or a wait in
/// it. A refactoring rather than a code fix so that batch fixing (<c>dotnet format</c>, which applies the first fix
/// offered for a diagnostic) keeps to each rule's targeted fix and never rewrites a loop nobody chose to rewrite.
/// </summary>
[ExportCodeRefactoringProvider(LanguageNames.CSharp, Name = nameof(CompleteRetryRefactoring))]
[Shared]
public sealed class CompleteRetryRefactoring : CodeRefactoringProvider
{
    public const string EquivalenceKey = "LLM.CompleteRetry";

    public override async Task ComputeRefactoringsAsync(CodeRefactoringContext context)
    {
        var document = context.Document;
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || FindLoop(root, context.Span) is not { } loop
            || loop.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { ContainsDiagnostics: false })
        {
            return;
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || RetryTypes.Create(model.Compilation) is not { } types
            || LoopRetryExtractor.Extract(loop, new ExtractionContext(types, model, cancellationToken)) is not { } site
            || site.RewriteData.IsEmpty || RetryRewriter.Plan(root, site.RewriteData) is null)
        {
            return;
        }

        var data = site.RewriteData;
        context.RegisterRefactoring(CodeAction.Create(RetryRewriter.Title, ct => RewriteAsync(document, data, ct), EquivalenceKey));
    }

    private static async Task<Document> RewriteAsync(Document document, System.Collections.Immutable.ImmutableDictionary<string, string?> data, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (RetryRewriter.Plan(editor.OriginalRoot, data) is not { } plan)
        {
            return document;
        }

        RetryRewriter.Apply(editor, plan, data);
        return await DocumentEditFixer.CleanUpAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The innermost <c>while</c>/<c>do</c>/<c>for</c> loop whose header, catch header, if condition or wait holds the span.</summary>
    private static StatementSyntax? FindLoop(SyntaxNode root, TextSpan span)
    {
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        var token = root.FindToken(span.Start);
        foreach (var loop in token.Parent?.AncestorsAndSelf().OfType<StatementSyntax>() ?? Enumerable.Empty<StatementSyntax>())
        {
            if (loop is not (WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax))
            {
                continue;
            }

            if (InHeader(loop, span) || loop.DescendantNodes().Any(node => InTrigger(node, span)))
            {
                return loop;
            }
        }

        return null;
    }

    private static bool InHeader(StatementSyntax loop, TextSpan span) => loop switch
    {
        WhileStatementSyntax w => Within(span, w.WhileKeyword.SpanStart, w.CloseParenToken.Span.End),
        ForStatementSyntax f => Within(span, f.ForKeyword.SpanStart, f.CloseParenToken.Span.End),
        DoStatementSyntax d => d.DoKeyword.Span.Contains(span.Start) || Within(span, d.WhileKeyword.SpanStart, d.Span.End),
        _ => false,
    };

    private static bool InTrigger(SyntaxNode node, TextSpan span) => node switch
    {
        CatchClauseSyntax clause => Within(span, clause.CatchKeyword.SpanStart, clause.Block.OpenBraceToken.SpanStart),
        IfStatementSyntax test => Within(span, test.IfKeyword.SpanStart, test.CloseParenToken.Span.End),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Delay" or "Sleep" } } wait => Within(span, wait.SpanStart, wait.Span.End),
        _ => false,
    };

    private static bool Within(TextSpan span, int start, int end) => span.Start >= start && span.End <= end;
}
