using System.Collections.Immutable;
using System.Composition;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Requests;

/// <summary>LLM2004: adds the endpoint's output-token cap (max_tokens, max_completion_tokens or max_output_tokens).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddTokenCapFixer))]
[Shared]
public sealed class AddTokenCapFixer : DocumentEditFixer
{
    private static readonly ImmutableArray<FixVariant> AddVariants = ImmutableArray.Create(
        new FixVariant(RuleIdentifiers.ClaudeTokenCap + ".AddCap", "Add '{1}': {2}"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ClaudeTokenCap);

    protected override ImmutableArray<FixVariant> Variants => AddVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => Property(diagnostic, "AddKey").Length > 0 && AdditionalSpan(diagnostic) is { } body && WirePropertyEditor.CanAdd(root, body);

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
        => WirePropertyEditor.Add(editor, AdditionalSpan(diagnostic)!.Value, Property(diagnostic, "AddKey"), Property(diagnostic, "Value"));
}
