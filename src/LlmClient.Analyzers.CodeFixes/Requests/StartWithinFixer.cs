using System.Collections.Immutable;
using System.Composition;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Requests;

/// <summary>LLM2005: rewrites start_within to the nearest valid value, or adds it where the profile requires it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StartWithinFixer))]
[Shared]
public sealed class StartWithinFixer : DocumentEditFixer
{
    public const string ReplaceKey = RuleIdentifiers.StartWithin + ".Replace";
    public const string AddKey = RuleIdentifiers.StartWithin + ".Add";

    private static readonly ImmutableArray<FixVariant> StartWithinVariants = ImmutableArray.Create(
        new FixVariant(ReplaceKey, "Use start_within {2}"),
        new FixVariant(AddKey, "Add start_within {2}"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.StartWithin);

    protected override ImmutableArray<FixVariant> Variants => StartWithinVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
    {
        if (Property(diagnostic, "Value").Length == 0 || AdditionalSpan(diagnostic) is not { } span)
        {
            return false;
        }

        var adds = Property(diagnostic, "AddKey").Length > 0;
        return variant.EquivalenceKey == AddKey
            ? adds && WirePropertyEditor.CanAdd(root, span)
            : !adds && WirePropertyEditor.CanReplaceValue(root, span);
    }

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        var span = AdditionalSpan(diagnostic)!.Value;
        if (variant.EquivalenceKey == AddKey)
        {
            WirePropertyEditor.Add(editor, span, Property(diagnostic, "AddKey"), Property(diagnostic, "Value"));
        }
        else
        {
            WirePropertyEditor.ReplaceValue(editor, span, Property(diagnostic, "Value"));
        }
    }
}
