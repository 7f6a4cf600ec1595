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
/// LLM1007: turns the SDK client's own retries off where it is created in the same file, so only the outer retry
/// remains: <c>RetryPolicy = new ClientRetryPolicy(0)</c> in the OpenAI/System.ClientModel options (passing options
/// when the client had none), <c>MaxRetries = 0</c> on the Anthropic client or its <c>ClientOptions</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoubleRetryFixer))]
[Shared]
public sealed class DoubleRetryFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.DoubleRetry + ".ClientRetriesOff";

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Turn the client's own retries off"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.DoubleRetry);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => Creation(root, diagnostic) is { } creation && Property(diagnostic, "Member").Length > 0 && Property(diagnostic, "MemberValue").Length > 0
            && Property(diagnostic, "Fix") switch
            {
                "Initializer" => true,
                "Argument" => Property(diagnostic, "OptionsType").Length > 0 && creation.ArgumentList is not null,
                _ => false,
            };

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        var creation = Creation(editor.OriginalRoot, diagnostic)!;
        var assignment = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName(Property(diagnostic, "Member")),
            RetrySyntax.Annotate(SyntaxFactory.ParseExpression(Property(diagnostic, "MemberValue"))));
        if (Property(diagnostic, "Fix") == "Argument")
        {
            var options = SyntaxFactory.ObjectCreationExpression(RetrySyntax.Annotate(SyntaxFactory.ParseTypeName(Property(diagnostic, "OptionsType"))))
                .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment)));
            editor.ReplaceNode(creation, (current, _) =>
            {
                var node = (BaseObjectCreationExpressionSyntax)current;
                return node.WithArgumentList(node.ArgumentList!.AddArguments(SyntaxFactory.Argument(options))).WithAdditionalAnnotations(Formatter.Annotation);
            });
            return;
        }

        editor.ReplaceNode(creation, (current, _) => WithAssignment((BaseObjectCreationExpressionSyntax)current, assignment));
    }

    private static BaseObjectCreationExpressionSyntax WithAssignment(BaseObjectCreationExpressionSyntax creation, AssignmentExpressionSyntax assignment)
    {
        if (creation.Initializer is not { } initializer)
        {
            var created = creation.WithoutTrailingTrivia()
                .WithInitializer(SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment)))
                .WithTrailingTrivia(creation.GetTrailingTrivia());
            if (created is ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } explicitCreation)
            {
                // new AnthropicClient() { ... } reads better as new AnthropicClient { ... }.
                created = explicitCreation.WithType(explicitCreation.Type.WithTrailingTrivia(SyntaxFactory.Space)).WithArgumentList(null);
            }

            return created.WithAdditionalAnnotations(Formatter.Annotation);
        }

        var list = initializer.Expressions;
        var items = list.GetWithSeparators();
        var multiLine = initializer.OpenBraceToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);
        var newLine = SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine("\n"));
        var comma = multiLine ? SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, newLine) : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        if (list.Count > 0 && list.SeparatorCount < list.Count)
        {
            // a, b  ->  a, b, new (moving b's trailing line break after the new comma)
            var last = items[items.Count - 1];
            items = items.RemoveAt(items.Count - 1).Add(last.AsNode()!.WithoutTrailingTrivia()).Add(comma);
            items = items.Add(assignment.WithTrailingTrivia(last.GetTrailingTrivia()));
        }
        else
        {
            items = items.Add(assignment);
            if (list.Count > 0)
            {
                items = items.Add(comma);
            }
        }

        return creation.WithInitializer(initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(items))).WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static BaseObjectCreationExpressionSyntax? Creation(SyntaxNode root, Diagnostic diagnostic)
        => AdditionalSpan(diagnostic) is { } span && root.FullSpan.Contains(span)
            && root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault(n => n.Span == span) is { } creation
            ? creation
            : null;
}
