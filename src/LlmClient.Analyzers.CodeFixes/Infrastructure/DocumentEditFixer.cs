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

    /// <summary>The title; <c>{0}</c> is replaced by the diagnostic's wire key.</summary>
    public string TitleFormat { get; }
}

/// <summary>
/// Base of every fixer: a fix is a set of edits on one document's syntax. Each fix checks that it can succeed
/// before it is offered, and FixAll applies every fix of a document through one editor, so fixes of nearby
/// nodes never conflict.
/// </summary>
public abstract class DocumentEditFixer : CodeFixProvider
{
    protected abstract ImmutableArray<FixVariant> Variants { get; }

    /// <summary>The node the fix edits, or null when this variant cannot fix the diagnostic.</summary>
    protected abstract SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic, FixVariant variant);

    protected abstract void Apply(SyntaxEditor editor, SyntaxNode target, Diagnostic diagnostic, FixVariant variant);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(async (context, document, diagnostics) =>
        {
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
                if (FindTarget(root, diagnostic, variant) is null)
                {
                    continue;
                }

                var key = diagnostic.Properties.TryGetValue("WireKey", out var wireKey) ? wireKey ?? string.Empty : string.Empty;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        string.Format(System.Globalization.CultureInfo.InvariantCulture, variant.TitleFormat, key),
                        ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), variant, ct),
                        variant.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, FixVariant variant, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var changed = false;
        foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
        {
            if (FindTarget(editor.OriginalRoot, diagnostic, variant) is { } target)
            {
                Apply(editor, target, diagnostic, variant);
                changed = true;
            }
        }

        if (!changed)
        {
            return document;
        }

        // Names written fully qualified get their using directive and are simplified; new code is formatted.
        var result = editor.GetChangedDocument();
        result = await ImportAdder.AddImportsAsync(result, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        result = await Simplifier.ReduceAsync(result, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(result, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
