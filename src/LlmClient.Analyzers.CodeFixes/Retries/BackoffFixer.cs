using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LlmClient.Analyzers.CodeFixes.Retries;

/// <summary>
/// LLM1003: writes exponential backoff with jitter, capped, in the idiom of the retry: a computed wait on the attempt
/// counter for <c>Task.Delay</c>/<c>Thread.Sleep</c>, a sleep provider for Polly v7 (<c>Retry(n)</c> becomes
/// <c>WaitAndRetry(n, ...)</c>), and <c>BackoffType = Exponential, UseJitter = true</c> for Polly v8.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BackoffFixer))]
[Shared]
public sealed class BackoffFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.Backoff + ".Exponential";

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Use exponential backoff with jitter"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.Backoff);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => Property(diagnostic, "Fix") switch
        {
            "Argument" => Target<ExpressionSyntax>(root, diagnostic) is not null && Property(diagnostic, "Counter").Length > 0,
            "SleepProvider" => Target<LambdaExpressionSyntax>(root, diagnostic) is SimpleLambdaExpressionSyntax or ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: > 0 },
            "WaitAndRetry" => RetryCall(root, diagnostic) is not null,
            "Options" => Target<InitializerExpressionSyntax>(root, diagnostic) is not null,
            _ => false,
        };

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        var root = editor.OriginalRoot;
        switch (Property(diagnostic, "Fix"))
        {
            case "Argument":
            {
                var argument = Target<ExpressionSyntax>(root, diagnostic)!;
                editor.ReplaceNode(argument, RetrySyntax.Backoff(Property(diagnostic, "Counter")).WithTriviaFrom(argument));
                break;
            }

            case "SleepProvider":
                editor.ReplaceNode(Target<LambdaExpressionSyntax>(root, diagnostic)!, (current, _) => SleepProvider((LambdaExpressionSyntax)current));
                break;

            case "WaitAndRetry":
            {
                var invocation = RetryCall(root, diagnostic)!;
                editor.ReplaceNode(invocation, (current, _) => WaitAndRetry((InvocationExpressionSyntax)current));
                break;
            }

            case "Options":
                editor.ReplaceNode(Target<InitializerExpressionSyntax>(root, diagnostic)!, (current, _) => Options((InitializerExpressionSyntax)current));
                break;
        }
    }

    private static T? Target<T>(SyntaxNode root, Diagnostic diagnostic)
        where T : SyntaxNode
        => AdditionalSpan(diagnostic) is { } span && root.FullSpan.Contains(span)
            && root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<T>().FirstOrDefault(n => n.Span == span) is { } node
            ? node
            : null;

    private static InvocationExpressionSyntax? RetryCall(SyntaxNode root, Diagnostic diagnostic)
        => AdditionalSpan(diagnostic) is { } span && root.FullSpan.Contains(span)
            && root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax m && m.Name.Span == span && m.Name.Identifier.ValueText is "Retry" or "RetryAsync") is { } invocation
            && invocation.ArgumentList.Arguments.Count <= 1
            ? invocation
            : null;

    /// <summary><c>attempt =&gt; backoff(attempt)</c>, keeping the provider's parameters (a discard becomes <c>attempt</c>).</summary>
    private static LambdaExpressionSyntax SleepProvider(LambdaExpressionSyntax lambda)
    {
        var scope = RetrySyntax.NameScope(lambda);
        switch (lambda)
        {
            case SimpleLambdaExpressionSyntax simple:
            {
                var parameter = simple.Parameter;
                if (parameter.Identifier.ValueText == "_")
                {
                    parameter = parameter.WithIdentifier(SyntaxFactory.Identifier(RetrySyntax.FreeName(scope, "attempt", "retryAttempt")).WithTriviaFrom(parameter.Identifier));
                }

                return simple.WithParameter(parameter).WithBlock(null).WithExpressionBody(RetrySyntax.Backoff(parameter.Identifier.ValueText))
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            default:
            {
                var parenthesized = (ParenthesizedLambdaExpressionSyntax)lambda;
                var parameter = parenthesized.ParameterList.Parameters[0];
                var parameters = parenthesized.ParameterList;
                if (parameter.Identifier.ValueText == "_")
                {
                    var renamed = parameter.WithIdentifier(SyntaxFactory.Identifier(RetrySyntax.FreeName(scope, "attempt", "retryAttempt")).WithTriviaFrom(parameter.Identifier));
                    parameters = parameters.ReplaceNode(parameter, renamed);
                    parameter = renamed;
                }

                return parenthesized.WithParameterList(parameters).WithBlock(null).WithExpressionBody(RetrySyntax.Backoff(parameter.Identifier.ValueText))
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }
        }
    }

    /// <summary><c>RetryAsync(3)</c> to <c>WaitAndRetryAsync(3, attempt =&gt; ...)</c>; <c>Retry()</c> is one retry.</summary>
    private static InvocationExpressionSyntax WaitAndRetry(InvocationExpressionSyntax invocation)
    {
        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        var name = "WaitAndRetry" + access.Name.Identifier.ValueText.Substring("Retry".Length);
        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count == 0)
        {
            arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1))));
        }

        var attempt = RetrySyntax.FreeName(RetrySyntax.NameScope(invocation), "attempt", "retryAttempt");
        var provider = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(attempt)), RetrySyntax.Backoff(attempt));
        arguments = arguments.Add(SyntaxFactory.Argument(provider));
        return invocation
            .WithExpression(access.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(access.Name)))
            .WithArgumentList(invocation.ArgumentList.WithArguments(arguments))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>Polly v8: <c>BackoffType = Exponential, UseJitter = true</c>, and <c>Delay</c> 1 s and <c>MaxDelay</c> 30 s when unset.</summary>
    private static InitializerExpressionSyntax Options(InitializerExpressionSyntax initializer)
    {
        var values = new (string Name, string Value)[]
        {
            ("BackoffType", "global::Polly.DelayBackoffType.Exponential"),
            ("UseJitter", "true"),
            ("Delay", $"global::System.TimeSpan.FromSeconds({GatewayFacts.BackoffBaseSeconds.ToString(CultureInfo.InvariantCulture)})"),
            ("MaxDelay", $"global::System.TimeSpan.FromSeconds({GatewayFacts.BackoffCapSeconds.ToString(CultureInfo.InvariantCulture)})"),
        };

        var expressions = initializer.Expressions;
        var added = new System.Collections.Generic.List<ExpressionSyntax>();
        foreach (var (name, value) in values)
        {
            var existing = expressions.OfType<AssignmentExpressionSyntax>().FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var n } && n == name);
            var newValue = SyntaxFactory.ParseExpression(value).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            if (existing is not null)
            {
                if (name is "BackoffType" or "UseJitter")
                {
                    expressions = expressions.Replace(existing, existing.WithRight(newValue.WithTriviaFrom(existing.Right)));
                }
            }
            else
            {
                added.Add(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(name), newValue));
            }
        }

        // New entries go first, in the order above, so the backoff reads as one block.
        return initializer.WithExpressions(expressions.InsertRange(0, added)).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
