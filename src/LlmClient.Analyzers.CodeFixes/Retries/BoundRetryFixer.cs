using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
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
/// LLM1002: bounds the retry to 3 retries: a counter before the loop and a rethrow on the last attempt in each catch
/// that repeats; a limit of <c>int.MaxValue</c> replaced; Polly's <c>*Forever*</c> replaced by a count.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BoundRetryFixer))]
[Shared]
public sealed class BoundRetryFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.UnboundedRetry + ".Bound";

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Limit the retry to " + RetrySyntax.RetryCount.ToString(CultureInfo.InvariantCulture) + " retries"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnboundedRetry);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    private SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
    {
        var span = diagnostic.Location.SourceSpan;
        if (!root.FullSpan.Contains(span) || !diagnostic.Properties.TryGetValue("Fix", out var fix))
        {
            return null;
        }

        switch (fix)
        {
            case "CatchCounter":
            {
                var loop = root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.GetFirstToken().Span == span);
                if (loop is null || loop.Parent is not BlockSyntax || diagnostic.AdditionalLocations.Count == 0)
                {
                    return null;
                }

                foreach (var location in diagnostic.AdditionalLocations)
                {
                    if (!loop.Span.Contains(location.SourceSpan) || root.FindNode(location.SourceSpan) is not CatchClauseSyntax)
                    {
                        return null;
                    }
                }

                return loop;
            }

            case "ConditionCounter":
            {
                var loop = root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.GetFirstToken().Span == span);
                return loop is DoStatementSyntax or WhileStatementSyntax && loop.Parent is BlockSyntax ? loop : null;
            }

            case "ResponseCounter":
            {
                var loop = root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.GetFirstToken().Span == span);
                if (loop is not (WhileStatementSyntax { Statement: BlockSyntax } or ForStatementSyntax { Statement: BlockSyntax }) || loop.Parent is not BlockSyntax
                    || !diagnostic.Properties.ContainsKey("Variable"))
                {
                    return null;
                }

                foreach (var location in diagnostic.AdditionalLocations)
                {
                    if (!loop.Span.Contains(location.SourceSpan) || root.FindNode(location.SourceSpan) is not ContinueStatementSyntax { Parent: BlockSyntax or IfStatementSyntax or ElseClauseSyntax or SwitchSectionSyntax })
                    {
                        return null;
                    }
                }

                return loop;
            }

            case "ReplaceLimit":
            {
                var limitSpan = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0].SourceSpan : span;
                return root.FullSpan.Contains(limitSpan) && root.FindNode(limitSpan, getInnermostNodeForTie: true) is ExpressionSyntax limit && limit.Span == limitSpan
                    ? limit
                    : null;
            }

            case "Forever":
                return root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
                    .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Span == span && m.Name.Identifier.ValueText.Contains("Forever"));

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
        switch (target)
        {
            case InvocationExpressionSyntax invocation:
                editor.ReplaceNode(invocation, (current, _) => Bounded((InvocationExpressionSyntax)current));
                break;

            case ExpressionSyntax limit:
                editor.ReplaceNode(limit, SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(RetrySyntax.RetryCount)).WithTriviaFrom(limit));
                break;

            case DoStatementSyntax or WhileStatementSyntax when diagnostic.Properties.TryGetValue("Fix", out var kind) && kind == "ConditionCounter":
            {
                var loop = (StatementSyntax)target;
                var name = RetrySyntax.FreeName(RetrySyntax.NameScope(loop), "attempt", "retry", "retryCount");
                editor.InsertBefore(loop, SyntaxFactory.ParseStatement($"var {name} = 0;\n").WithAdditionalAnnotations(Formatter.Annotation));
                var count = RetrySyntax.RetryCount.ToString(CultureInfo.InvariantCulture);

                // do-while tests after each attempt (++attempt), while before each one (attempt++): 3 retries either way.
                var test = SyntaxFactory.ParseExpression(loop is DoStatementSyntax ? $"++{name} <= {count}" : $"{name}++ <= {count}");
                var condition = loop is DoStatementSyntax doLoop ? doLoop.Condition : ((WhileStatementSyntax)loop).Condition;
                editor.ReplaceNode(condition, (current, _) => RetrySyntax.And((ExpressionSyntax)current, test));
                break;
            }

            case StatementSyntax when diagnostic.Properties.TryGetValue("Fix", out var responseKind) && responseKind == "ResponseCounter":
                BoundResponseLoop(editor, (StatementSyntax)target, diagnostic);
                break;

            case StatementSyntax loop:
                var counter = RetrySyntax.FreeName(RetrySyntax.NameScope(loop), "attempt", "retry", "retryCount");
                var declaration = SyntaxFactory.ParseStatement($"var {counter} = 0;\n").WithAdditionalAnnotations(Formatter.Annotation);
                editor.InsertBefore(loop, declaration);
                var root = editor.OriginalRoot;
                foreach (var location in diagnostic.AdditionalLocations)
                {
                    if (root.FindNode(location.SourceSpan) is CatchClauseSyntax clause)
                    {
                        var check = SyntaxFactory.ParseStatement($"if (++{counter} > {RetrySyntax.RetryCount.ToString(CultureInfo.InvariantCulture)})\n{{\n    throw;\n}}\n")
                            .WithAdditionalAnnotations(Formatter.Annotation);
                        editor.ReplaceNode(clause.Block, (current, _) => RetrySyntax.Prepend((BlockSyntax)current, check));
                    }
                }

                break;
        }
    }

    /// <summary>
    /// A counter before the loop, and before each repeat (each <c>continue</c>, the end of the body):
    /// <c>if (++attempt &gt; 3) { return response; }</c> (or <c>response.EnsureSuccessStatusCode();</c>).
    /// </summary>
    private static void BoundResponseLoop(SyntaxEditor editor, StatementSyntax loop, Diagnostic diagnostic)
    {
        var counter = RetrySyntax.FreeName(RetrySyntax.NameScope(loop), "attempt", "retry", "retryCount");
        var response = diagnostic.Properties["Variable"]!;
        var exit = diagnostic.Properties.TryGetValue("Exit", out var e) && e == "Return" ? $"return {response};" : $"{response}.EnsureSuccessStatusCode();";
        var count = RetrySyntax.RetryCount.ToString(CultureInfo.InvariantCulture);
        StatementSyntax Check() => SyntaxFactory.ParseStatement($"if (++{counter} > {count})\n{{\n    {exit}\n}}\n").WithAdditionalAnnotations(Formatter.Annotation);

        editor.InsertBefore(loop, SyntaxFactory.ParseStatement($"var {counter} = 0;\n").WithAdditionalAnnotations(Formatter.Annotation));
        var root = editor.OriginalRoot;
        foreach (var location in diagnostic.AdditionalLocations)
        {
            if (root.FindNode(location.SourceSpan) is ContinueStatementSyntax statement)
            {
                if (statement.Parent is BlockSyntax or SwitchSectionSyntax)
                {
                    editor.InsertBefore(statement, Check());
                }
                else
                {
                    editor.ReplaceNode(statement, (current, _) => RetrySyntax.Prepend(SyntaxFactory.Block((StatementSyntax)current.WithoutLeadingTrivia()), Check()).WithTriviaFrom(current));
                }
            }
        }

        if (diagnostic.Properties.TryGetValue("EndOfBody", out var end) && end == "true")
        {
            var body = loop switch
            {
                WhileStatementSyntax w => (BlockSyntax)w.Statement,
                _ => (BlockSyntax)((ForStatementSyntax)loop).Statement,
            };
            editor.ReplaceNode(body, (current, _) =>
            {
                var block = (BlockSyntax)current;
                return block.AddStatements(RetrySyntax.WithBlankLineBefore(Check())).WithAdditionalAnnotations(Formatter.Annotation);
            });
        }
    }

    /// <summary><c>RetryForever(...)</c> to <c>Retry(3, ...)</c>, <c>WaitAndRetryForeverAsync(f)</c> to <c>WaitAndRetryAsync(3, f)</c>.</summary>
    private static InvocationExpressionSyntax Bounded(InvocationExpressionSyntax invocation)
    {
        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        var name = access.Name.Identifier.ValueText.Replace("Forever", string.Empty);
        var newName = access.Name is GenericNameSyntax generic
            ? (SimpleNameSyntax)generic.WithIdentifier(SyntaxFactory.Identifier(name))
            : SyntaxFactory.IdentifierName(name);
        var count = SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(RetrySyntax.RetryCount)));
        var arguments = invocation.ArgumentList.Arguments.Insert(0, count);
        return invocation
            .WithExpression(access.WithName(newName.WithTriviaFrom(access.Name)))
            .WithArgumentList(invocation.ArgumentList.WithArguments(arguments));
    }
}
