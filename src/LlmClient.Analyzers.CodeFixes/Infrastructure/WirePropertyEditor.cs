using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// Removes, rewrites or adds one wire property, whatever payload shape wrote it: an anonymous member, an
/// initializer entry (<c>["k"] = v</c>, <c>{ "k", v }</c>, <c>Prop = v</c>), a statement (<c>d["k"] = v;</c>,
/// <c>d.Add("k", v);</c>, <c>options.Seed = 1;</c>, <c>options.Patch.Set(...)</c>), a <c>JProperty</c> argument, or JSON
/// inside a string literal. The analyzer reports a wire property on the syntax that writes it; this is the one place
/// that knows how to edit each such syntax.
/// </summary>
internal static class WirePropertyEditor
{
    /// <summary>What the diagnostic's span holds that can be removed: a C# node, or JSON text in a literal.</summary>
    public static bool CanRemove(SyntaxNode root, TextSpan span)
        => FindRemovableNode(root, span) is not null || JsonLiteralEditor.FindLiteral(root, span) is not null;

    public static void Remove(SyntaxEditor editor, TextSpan span)
    {
        if (FindRemovableNode(editor.OriginalRoot, span) is { } node)
        {
            editor.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia);

            // Let the formatter restore spacing around the removed member (e.g. before a closing brace).
            if (node.Parent is AnonymousObjectCreationExpressionSyntax or InitializerExpressionSyntax or ArgumentListSyntax)
            {
                editor.ReplaceNode(node.Parent, (current, _) => current.WithAdditionalAnnotations(Formatter.Annotation));
            }
        }
        else if (JsonLiteralEditor.FindLiteral(editor.OriginalRoot, span) is { } literal)
        {
            var relative = new TextSpan(span.Start - literal.SpanStart, span.Length);
            editor.ReplaceNode(literal, (current, _) => Keep(current, JsonLiteralEditor.RemoveMember((ExpressionSyntax)current, relative)));
        }
    }

    /// <summary>The value at <paramref name="span"/> can be replaced: a C# expression, or a JSON value in a literal.</summary>
    public static bool CanReplaceValue(SyntaxNode root, TextSpan span)
        => FindValueExpression(root, span) is not null || JsonLiteralEditor.FindLiteral(root, span) is not null;

    /// <summary>Replaces the value with <paramref name="json"/> (a JSON number or string, also valid C#).</summary>
    public static void ReplaceValue(SyntaxEditor editor, TextSpan span, string json)
    {
        if (FindValueExpression(editor.OriginalRoot, span) is { } expression)
        {
            var replacement = SyntaxFactory.ParseExpression(json).WithTriviaFrom(expression);
            if (expression.Parent is AnonymousObjectMemberDeclaratorSyntax { NameEquals: null } member)
            {
                // new { o.N } keeps its wire name as new { N = 1 }.
                editor.ReplaceNode(member, member.WithNameEquals(SyntaxFactory.NameEquals(ProjectedName(member.Expression))).WithExpression(replacement));
            }
            else
            {
                editor.ReplaceNode(expression, replacement);
            }
        }
        else if (JsonLiteralEditor.FindLiteral(editor.OriginalRoot, span) is { } literal)
        {
            var relative = new TextSpan(span.Start - literal.SpanStart, span.Length);
            editor.ReplaceNode(literal, (current, _) => Keep(current, JsonLiteralEditor.ReplaceValue((ExpressionSyntax)current, relative, json)));
        }
    }

    /// <summary>The body at <paramref name="span"/> can take a new key: an anonymous object, a keyed initializer, JSON text.</summary>
    public static bool CanAdd(SyntaxNode root, TextSpan span)
        => FindBody(root, span) is { } body && (body is not ExpressionSyntax expression || !(expression is ObjectCreationExpressionSyntax { Initializer: null }));

    public static void Add(SyntaxEditor editor, TextSpan span, string key, string json)
    {
        switch (FindBody(editor.OriginalRoot, span))
        {
            case AnonymousObjectCreationExpressionSyntax anonymous:
                {
                    var member = SyntaxFactory.AnonymousObjectMemberDeclarator(SyntaxFactory.NameEquals(key), SyntaxFactory.ParseExpression(json));
                    editor.ReplaceNode(anonymous, (current, _) =>
                    {
                        var node = (AnonymousObjectCreationExpressionSyntax)current;
                        return node.WithInitializers(Append(node.Initializers, member)).WithAdditionalAnnotations(Formatter.Annotation);
                    });
                    break;
                }

            case BaseObjectCreationExpressionSyntax { Initializer: { } initializer } creation:
                {
                    var entry = NewEntry(initializer, key, SyntaxFactory.ParseExpression(json));
                    editor.ReplaceNode(creation, (current, _) =>
                    {
                        var node = (BaseObjectCreationExpressionSyntax)current;
                        var init = node.Initializer!;
                        return node.WithInitializer(init.WithExpressions(Append(init.Expressions, entry))).WithAdditionalAnnotations(Formatter.Annotation);
                    });
                    break;
                }

            case ExpressionSyntax literal when literal is LiteralExpressionSyntax or InterpolatedStringExpressionSyntax:
                editor.ReplaceNode(literal, (current, _) => Keep(current, JsonLiteralEditor.AddMember((ExpressionSyntax)current, key, json)));
                break;
        }
    }

    /// <summary>
    /// A literal rebuilt from text keeps the editor's tracking annotations, so a second edit of the same literal (FixAll)
    /// still finds it.
    /// </summary>
    private static SyntaxNode Keep(SyntaxNode current, ExpressionSyntax? edited)
        => edited is null ? current : current.CopyAnnotationsTo(edited)!;

    /// <summary>Adds an item, keeping a trailing comma when the list has one (multi-line initializers usually do).</summary>
    private static SeparatedSyntaxList<T> Append<T>(SeparatedSyntaxList<T> list, T item)
        where T : SyntaxNode
    {
        if (list.Count == 0 || list.SeparatorCount < list.Count)
        {
            return list.Add(item);
        }

        var items = list.GetWithSeparators().Add(item).Add(SyntaxFactory.Token(SyntaxKind.CommaToken));
        return SyntaxFactory.SeparatedList<T>(items);
    }

    /// <summary>A new initializer entry in the style of the existing ones.</summary>
    private static ExpressionSyntax NewEntry(InitializerExpressionSyntax initializer, string key, ExpressionSyntax value)
    {
        var keyLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(key));
        var first = initializer.Expressions.FirstOrDefault();
        if (first is InitializerExpressionSyntax)
        {
            return SyntaxFactory.InitializerExpression(SyntaxKind.ComplexElementInitializerExpression, SyntaxFactory.SeparatedList(new[] { keyLiteral, value }));
        }

        if (first is ObjectCreationExpressionSyntax { Type: var type } && type.ToString().EndsWith("JProperty", System.StringComparison.Ordinal))
        {
            return SyntaxFactory.ObjectCreationExpression(type.WithoutTrivia())
                .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { SyntaxFactory.Argument(keyLiteral), SyntaxFactory.Argument(value) })));
        }

        return SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.ImplicitElementAccess(SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(keyLiteral)))),
            value);
    }

    private static SyntaxNode? FindBody(SyntaxNode root, TextSpan span)
    {
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null && node.Span == span; node = node.Parent)
        {
            switch (node)
            {
                case AnonymousObjectCreationExpressionSyntax:
                case BaseObjectCreationExpressionSyntax { Initializer: { } initializer } when IsKeyedInitializer(initializer):
                case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression }:
                case InterpolatedStringExpressionSyntax:
                    return node;
            }
        }

        return null;
    }

    /// <summary>An initializer of keyed entries (dictionary, JsonObject, JObject), not of a DTO's properties.</summary>
    private static bool IsKeyedInitializer(InitializerExpressionSyntax initializer)
        => initializer.Expressions.Count > 0 && initializer.Expressions.All(e =>
            e is InitializerExpressionSyntax
            || e is AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax }
            || e is ObjectCreationExpressionSyntax);

    private static SyntaxNode? FindRemovableNode(SyntaxNode root, TextSpan span)
    {
        var node = NodeWithSpan(root, span);
        return node switch
        {
            AnonymousObjectMemberDeclaratorSyntax => node,
            ExpressionStatementSyntax { Parent: BlockSyntax or GlobalStatementSyntax } => node,
            ArgumentSyntax { Parent: ArgumentListSyntax } => node,
            ExpressionSyntax { Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression or (int)SyntaxKind.CollectionInitializerExpression } } => node,
            _ => null,
        };
    }

    private static ExpressionSyntax? FindValueExpression(SyntaxNode root, TextSpan span)
    {
        if (JsonLiteralEditor.FindLiteral(root, span) is not null)
        {
            return null;
        }

        return NodeWithSpan(root, span) switch
        {
            AnonymousObjectMemberDeclaratorSyntax member => member.Expression,
            ArgumentSyntax argument => argument.Expression,
            ExpressionSyntax expression => expression,
            _ => null,
        };
    }

    private static SyntaxNode? NodeWithSpan(SyntaxNode root, TextSpan span)
    {
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null && node.Span.Contains(span); node = node.Parent)
        {
            if (node.Span == span)
            {
                // The outermost node with exactly this span, so a statement wins over its expression.
                var outer = node;
                while (outer.Parent is { } parent && parent.Span == span)
                {
                    outer = parent;
                }

                return outer;
            }
        }

        return null;
    }

    /// <summary>The name an anonymous member <c>new { x.N }</c> takes from its expression.</summary>
    private static IdentifierNameSyntax ProjectedName(ExpressionSyntax expression)
    {
        var identifier = expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier,
            IdentifierNameSyntax name => name.Identifier,
            _ => SyntaxFactory.Identifier("value"),
        };

        return SyntaxFactory.IdentifierName(identifier.WithoutTrivia());
    }
}
