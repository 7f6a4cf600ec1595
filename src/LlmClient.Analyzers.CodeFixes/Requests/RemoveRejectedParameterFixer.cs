using System.Collections.Immutable;
using System.Composition;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Requests;

/// <summary>LLM2001: removes the parameter the gateway rejects.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveRejectedParameterFixer))]
[Shared]
public sealed class RemoveRejectedParameterFixer : DocumentEditFixer
{
    private static readonly ImmutableArray<FixVariant> RemoveVariants = ImmutableArray.Create(
        new FixVariant(RuleIdentifiers.ServiceTier + ".Remove", "Remove '{0}'"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ServiceTier);

    protected override ImmutableArray<FixVariant> Variants => RemoveVariants;

    protected override SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => WirePropertyEditor.FindEditable(root, diagnostic);

    protected override void Apply(SyntaxEditor editor, SyntaxNode target, Diagnostic diagnostic, FixVariant variant)
        => WirePropertyEditor.Remove(editor, target);
}
