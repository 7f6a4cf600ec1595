using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace LlmClient.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// Removes or rewrites one wire property, whatever payload shape wrote it. The analyzer reports a wire
/// property on the syntax that writes it; this is the one place that knows how to edit each such syntax.
/// </summary>
internal static class WirePropertyEditor
{
    /// <summary>The syntax at the diagnostic that this editor can edit, or null.</summary>
    public static SyntaxNode? FindEditable(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null && node.Span.Contains(span); node = node.Parent)
        {
            if (node.Span == span && node is AnonymousObjectMemberDeclaratorSyntax)
            {
                return node;
            }
        }

        return null;
    }

    public static void Remove(SyntaxEditor editor, SyntaxNode property)
    {
        editor.RemoveNode(property, SyntaxRemoveOptions.KeepNoTrivia);

        // Let the formatter restore the spacing around the removed member (e.g. before a closing brace).
        if (property.Parent is { } container)
        {
            editor.ReplaceNode(container, (current, _) => current.WithAdditionalAnnotations(Formatter.Annotation));
        }
    }

    /// <summary>Gives the property a new value, keeping its wire name.</summary>
    public static bool CanReplaceValue(SyntaxNode property) => property is AnonymousObjectMemberDeclaratorSyntax;

    public static void ReplaceValue(SyntaxEditor editor, SyntaxNode property, ExpressionSyntax value)
    {
        if (property is AnonymousObjectMemberDeclaratorSyntax member)
        {
            var name = member.NameEquals ?? SyntaxFactory.NameEquals(ProjectedName(member.Expression));
            editor.ReplaceNode(member, member.WithNameEquals(name).WithExpression(value.WithTriviaFrom(member.Expression)).WithAdditionalAnnotations(Formatter.Annotation));
        }
    }

    /// <summary>The name an anonymous member <c>new { x.N }</c> takes from its expression.</summary>
    private static IdentifierNameSyntax ProjectedName(ExpressionSyntax expression)
    {
        var identifier = expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier,
            ConditionalAccessExpressionSyntax { WhenNotNull: MemberBindingExpressionSyntax binding } => binding.Name.Identifier,
            IdentifierNameSyntax name => name.Identifier,
            _ => SyntaxFactory.Identifier("n"),
        };

        return SyntaxFactory.IdentifierName(identifier.WithoutTrivia());
    }
}
