using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LlmClient.Analyzers.CodeFixes.Infrastructure;

/// <summary>One way a fixer can fix a diagnostic: its stable equivalence key (<c>ID.Variant</c>) and title.</summary>
public sealed class FixVariant
{
    public FixVariant(string equivalenceKey, string titleFormat)
    {
        EquivalenceKey = equivalenceKey;
        TitleFormat = titleFormat;
    }

    public string EquivalenceKey { get; }

    /// <summary>The title; <c>{0}</c> is the diagnostic's wire key, <c>{1}</c> the key it adds, <c>{2}</c> the value it writes.</summary>
    public string TitleFormat { get; }
}

/// <summary>
/// Base of every fixer: a fix is a set of edits on one document's syntax. Each fix checks that it can succeed
/// before it is offered, and FixAll applies every fix of a document through one editor, last position first, so
/// fixes of nearby nodes (or of one JSON literal) never conflict.
/// </summary>
public abstract class DocumentEditFixer : CodeFixProvider
{
    protected abstract ImmutableArray<FixVariant> Variants { get; }

    /// <summary>True when this variant can fix the diagnostic in <paramref name="root"/>.</summary>
    protected abstract bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant);

    protected abstract void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            // A null key (dotnet format passes one when the first diagnostic it saw was not this fixer's) means: for each
            // diagnostic, the first variant that can fix it.
            if (context.CodeActionEquivalenceKey is null)
            {
                return await FixAsync(document, diagnostics, variant: null, context.CancellationToken).ConfigureAwait(false);
            }

            var variant = Variants.FirstOrDefault(v => v.EquivalenceKey == context.CodeActionEquivalenceKey);
            return variant is null ? document : await FixAsync(document, diagnostics, variant, context.CancellationToken).ConfigureAwait(false);
        });

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var variant in Variants)
            {
                if (!CanFixHere(root, diagnostic, variant))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        string.Format(System.Globalization.CultureInfo.InvariantCulture, variant.TitleFormat, Property(diagnostic, "WireKey"), Property(diagnostic, "AddKey"), Property(diagnostic, "Value")),
                        ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), variant, ct),
                        variant.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>
    /// Half-typed code is not fixed: a member with syntax errors may not survive an edit (the formatter itself fails on
    /// missing tokens), so no fix is offered inside one.
    /// </summary>
    private bool CanFixHere(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
    {
        var span = diagnostic.Location.SourceSpan;
        if (!root.FullSpan.Contains(span))
        {
            return false;
        }

        var member = root.FindNode(span).FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>();
        if (member is null || member.ContainsDiagnostics)
        {
            return false;
        }

        return CanFix(root, diagnostic, variant);
    }

    /// <summary>A diagnostic property the analyzer set for the fix, or the empty string.</summary>
    protected static string Property(Diagnostic diagnostic, string name)
        => diagnostic.Properties.TryGetValue(name, out var value) && value is not null ? value : string.Empty;

    /// <summary>Additional location 0, where the analyzer puts the value or body a fix edits.</summary>
    protected static Microsoft.CodeAnalysis.Text.TextSpan? AdditionalSpan(Diagnostic diagnostic)
        => diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0].SourceSpan : null;

    /// <summary>Applies <paramref name="variant"/> (or, when null, each diagnostic's first applicable variant), last position first.</summary>
    private async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, FixVariant? variant, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var changed = false;
        foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
        {
            var chosen = variant ?? Variants.FirstOrDefault(v => CanFixHere(editor.OriginalRoot, diagnostic, v));
            if (chosen is not null && CanFixHere(editor.OriginalRoot, diagnostic, chosen))
            {
                Apply(editor, diagnostic, chosen);
                changed = true;
            }
        }

        if (!changed)
        {
            return document;
        }

        return await CleanUpAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Names written fully qualified get their using directive and are simplified; new code is formatted.</summary>
    internal static async Task<Document> CleanUpAsync(Document document, CancellationToken cancellationToken)
    {
        document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
