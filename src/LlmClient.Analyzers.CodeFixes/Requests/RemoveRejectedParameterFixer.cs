using System.Collections.Immutable;
using System.Composition;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Requests;

/// <summary>LLM2001, LLM2003: removes the parameter the gateway rejects, in whatever shape wrote it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveRejectedParameterFixer))]
[Shared]
public sealed class RemoveRejectedParameterFixer : DocumentEditFixer
{
    private static readonly ImmutableArray<FixVariant> RemoveVariants = ImmutableArray.Create(
        new FixVariant(RuleIdentifiers.ServiceTier + ".Remove", "Remove '{0}'"),
        new FixVariant(RuleIdentifiers.UnsupportedParameter + ".Remove", "Remove '{0}'"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ServiceTier, RuleIdentifiers.UnsupportedParameter);

    protected override ImmutableArray<FixVariant> Variants => RemoveVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => variant.EquivalenceKey.StartsWith(diagnostic.Id + ".", System.StringComparison.Ordinal)
           && WirePropertyEditor.CanRemove(root, diagnostic.Location.SourceSpan);

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
        => WirePropertyEditor.Remove(editor, diagnostic.Location.SourceSpan);
}
