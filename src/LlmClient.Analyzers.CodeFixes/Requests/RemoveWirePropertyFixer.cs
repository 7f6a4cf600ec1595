using System.Collections.Immutable;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Requests;

/// <summary>
/// Removes the reported wire property, in whatever shape wrote it. One subclass per rule, so FixAll (and
/// <c>dotnet format</c>, which runs FixAll per fixer with one equivalence key) fixes every diagnostic of that rule.
/// </summary>
public abstract class RemoveWirePropertyFixer : DocumentEditFixer
{
    private readonly ImmutableArray<FixVariant> _variants;

    protected RemoveWirePropertyFixer(string ruleId)
    {
        FixableDiagnosticIds = ImmutableArray.Create(ruleId);
        _variants = ImmutableArray.Create(new FixVariant(ruleId + ".Remove", "Remove '{0}'"));
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    protected sealed override ImmutableArray<FixVariant> Variants => _variants;

    protected sealed override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => WirePropertyEditor.CanRemove(root, diagnostic.Location.SourceSpan);

    protected sealed override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
        => WirePropertyEditor.Remove(editor, diagnostic.Location.SourceSpan);
}
