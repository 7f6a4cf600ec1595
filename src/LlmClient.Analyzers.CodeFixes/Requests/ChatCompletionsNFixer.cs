using System.Collections.Immutable;
using System.Composition;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Requests;

/// <summary>LLM2002: removes <c>n</c>, or sets it to 1.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChatCompletionsNFixer))]
[Shared]
public sealed class ChatCompletionsNFixer : DocumentEditFixer
{
    public const string RemoveKey = RuleIdentifiers.ChatCompletionsN + ".Remove";
    public const string SetToOneKey = RuleIdentifiers.ChatCompletionsN + ".SetToOne";

    private static readonly ImmutableArray<FixVariant> NVariants = ImmutableArray.Create(
        new FixVariant(RemoveKey, "Remove '{0}'"),
        new FixVariant(SetToOneKey, "Set '{0}' to 1"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ChatCompletionsN);

    protected override ImmutableArray<FixVariant> Variants => NVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => variant.EquivalenceKey == SetToOneKey
            ? AdditionalSpan(diagnostic) is { } value && WirePropertyEditor.CanReplaceValue(root, value)
            : WirePropertyEditor.CanRemove(root, diagnostic.Location.SourceSpan);

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        if (variant.EquivalenceKey == SetToOneKey)
        {
            WirePropertyEditor.ReplaceValue(editor, AdditionalSpan(diagnostic)!.Value, "1");
        }
        else
        {
            WirePropertyEditor.Remove(editor, diagnostic.Location.SourceSpan);
        }
    }
}
