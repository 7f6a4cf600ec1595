using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
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
/// LLM1004: in a loop over an <c>HttpResponseMessage</c>, the wait becomes <c>RetryAfterOrBackoff(response, wait)</c>,
/// and the type gets that helper: the header's delta or date when the server sends one, failing with the response's
/// status when it asks for more than 60 s (seed 003's longest limiter), else the backoff the loop already had.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetryAfterFixer))]
[Shared]
public sealed class RetryAfterFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.RetryAfter + ".HonourRetryAfter";

    private const string Helper = "RetryAfterOrBackoff";

    /// <summary>The types a helper was added to by one editor (FixAll applies several diagnostics through one editor).</summary>
    private static readonly ConditionalWeakTable<SyntaxEditor, HashSet<SyntaxNode>> Added = new();

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Wait the server's Retry-After (bounded), else the backoff"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RetryAfter);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => Property(diagnostic, "Fix") == "RetryAfterHelper" && Property(diagnostic, "Variable").Length > 0
            && Wait(root, diagnostic) is { } wait
            && wait.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { Parent: ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax } member
            && !((TypeDeclarationSyntax)member.Parent!).Members.OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == Helper && m.ParameterList.Parameters.Count != 2);

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        var wait = Wait(editor.OriginalRoot, diagnostic)!;
        var backoff = Property(diagnostic, "Milliseconds") == "true"
            ? SyntaxFactory.ParseExpression($"global::System.TimeSpan.FromMilliseconds({wait.WithoutTrivia().ToFullString()})")
            : wait.WithoutTrivia();
        var call = SyntaxFactory.ParseExpression($"{Helper}({Property(diagnostic, "Variable")}, {backoff.ToFullString()})")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation)
            .WithTriviaFrom(wait);
        editor.ReplaceNode(wait, call);

        var member = wait.FirstAncestorOrSelf<MemberDeclarationSyntax>()!;
        var type = (TypeDeclarationSyntax)member.Parent!;
        var added = Added.GetOrCreateValue(editor);
        if (added.Add(type) && !type.Members.OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == Helper))
        {
            // At the end of the type, so fixing one loop at a time and all at once write the same code.
            editor.InsertAfter(type.Members.Last(), HelperMethod());
        }
    }

    private static ExpressionSyntax? Wait(SyntaxNode root, Diagnostic diagnostic)
        => AdditionalSpan(diagnostic) is { } span && root.FullSpan.Contains(span)
            && root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == span) is { } wait
            ? wait
            : null;

    private static MemberDeclarationSyntax HelperMethod()
    {
        var limit = GatewayFacts.RetryAfterLimitSeconds.ToString(CultureInfo.InvariantCulture);
        var text = $$"""

            /// <summary>
            /// The wait the server asks for in Retry-After (a delta or a date), or <paramref name="backoff"/> when it sends none.
            /// A wait longer than {{limit}} s fails with the response's status rather than holding the caller.
            /// </summary>
            private static global::System.TimeSpan {{Helper}}(global::System.Net.Http.HttpResponseMessage response, global::System.TimeSpan backoff)
            {
                var retryAfter = response.Headers.RetryAfter;
                var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null);
                if (wait is null)
                {
                    return backoff;
                }

                if (wait > global::System.TimeSpan.FromSeconds({{limit}}))
                {
                    throw new global::System.Net.Http.HttpRequestException($"The server asked to retry after {wait}, longer than this retry waits.", null, response.StatusCode);
                }

                return wait < global::System.TimeSpan.Zero ? global::System.TimeSpan.Zero : wait.Value;
            }
            """;
        return SyntaxFactory.ParseMemberDeclaration(text)!
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);
    }
}
