using System.Collections.Immutable;
using System.Composition;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Transport;

/// <summary>
/// LLM3002: turns <c>stream: false</c> into <c>stream: true</c>. The analyzer offers it only where that is safe: the one
/// request sent through the client says <c>stream: false</c> while its response is already read after the headers as an
/// event stream. Everywhere else streaming means rewriting how the response is read, and no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EnableStreamingFixer))]
[Shared]
public sealed class EnableStreamingFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.IdleTimeout + ".EnableStreaming";

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Stream the response (stream: true)"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.IdleTimeout);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => Property(diagnostic, "Value") == "true"
           && AdditionalSpan(diagnostic) is { } span
           && span.End <= root.FullSpan.End
           && WirePropertyEditor.CanReplaceValue(root, span);

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
        => WirePropertyEditor.ReplaceValue(editor, AdditionalSpan(diagnostic)!.Value, "true");
}
