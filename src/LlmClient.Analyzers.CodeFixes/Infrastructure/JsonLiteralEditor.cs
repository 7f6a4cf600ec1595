using System.Text;
using LlmClient.Analyzers.Requests.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.CodeFixes.Infrastructure;

/// <summary>
/// Edits JSON written inside a C# string literal (regular, verbatim, raw, interpolated) as text, keeping the JSON
/// valid and the literal's own style. Spans are relative to the literal's start, so several edits of one literal
/// apply in descending order.
/// </summary>
internal static class JsonLiteralEditor
{
    /// <summary>The string literal or interpolated string that contains <paramref name="span"/>, if any.</summary>
    public static ExpressionSyntax? FindLiteral(SyntaxNode root, TextSpan span)
    {
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        for (var node = root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            if (node is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } or InterpolatedStringExpressionSyntax
                && node.Span.Contains(span) && node.Span != span)
            {
                return (ExpressionSyntax)node;
            }
        }

        return null;
    }

    /// <summary>Removes the member written at <paramref name="relative"/> with the comma that separates it.</summary>
    public static ExpressionSyntax? RemoveMember(ExpressionSyntax literal, TextSpan relative)
        => Edit(literal, (source, json) =>
        {
            var (owner, index) = FindMember(json, source, relative);
            if (owner is null)
            {
                return null;
            }

            var members = owner.Members;
            var member = members[index];
            var (from, to) = index + 1 < members.Length
                ? (member.Start, members[index + 1].Start)
                : index > 0 ? (members[index - 1].End, member.End) : (member.Start, member.End);
            return (source.SourceSpan(from, to), string.Empty);
        });

    /// <summary>Replaces the value written at <paramref name="relative"/> with <paramref name="json"/>.</summary>
    public static ExpressionSyntax? ReplaceValue(ExpressionSyntax literal, TextSpan relative, string json)
        => Edit(literal, (source, root) =>
        {
            var value = FindValue(root, source, relative);
            return value is null ? null : (source.SourceSpan(value.Start, value.End), Escape(literal, json));
        });

    /// <summary>Adds <c>"key": value</c> as the first member of the top-level object.</summary>
    public static ExpressionSyntax? AddMember(ExpressionSyntax literal, string key, string json)
        => Edit(literal, (source, root) =>
        {
            if (root.Kind != JsonKind.Object)
            {
                return null;
            }

            var member = "\"" + key + "\": " + json;
            if (root.Members.IsEmpty)
            {
                var at = source.SourceSpan(root.Start + 1, root.Start + 1);
                return (at, Escape(literal, member));
            }

            // Copy the source between '{' and the first member (line break and indentation, or a space).
            var first = root.Members[0];
            var gap = source.SourceSpan(root.Start + 1, first.Start);
            var text = literal.ToString();
            var separator = text.Substring(gap.Start, gap.Length);
            return (source.SourceSpan(first.Start, first.Start), Escape(literal, member + ",") + (separator.Length == 0 ? " " : separator));
        });

    private static ExpressionSyntax? Edit(ExpressionSyntax literal, System.Func<JsonLiteralSource, JsonValue, (TextSpan Span, string Text)?> compute)
    {
        // Re-read the literal on its own, so spans are relative to its start.
        var detached = SyntaxFactory.ParseExpression(literal.ToString());
        if (JsonLiteralSource.Create(detached) is not { } source || JsonParser.Parse(source.Text, out _, out _) is not { } json)
        {
            return null;
        }

        if (compute(source, json) is not { } edit)
        {
            return null;
        }

        var text = literal.ToString();
        var changed = text.Substring(0, edit.Span.Start) + edit.Text + text.Substring(edit.Span.End);
        var result = SyntaxFactory.ParseExpression(changed);
        return result.ContainsDiagnostics ? null : result.WithTriviaFrom(literal);
    }

    private static (JsonValue? Owner, int Index) FindMember(JsonValue value, JsonLiteralSource source, TextSpan relative)
    {
        for (var i = 0; i < value.Members.Length; i++)
        {
            var member = value.Members[i];
            if (source.SourceSpan(member.Start, member.End) == relative)
            {
                return (value, i);
            }

            var nested = FindMember(member.Value, source, relative);
            if (nested.Owner is not null)
            {
                return nested;
            }
        }

        foreach (var item in value.Items)
        {
            var nested = FindMember(item, source, relative);
            if (nested.Owner is not null)
            {
                return nested;
            }
        }

        return (null, -1);
    }

    private static JsonValue? FindValue(JsonValue value, JsonLiteralSource source, TextSpan relative)
    {
        if (source.SourceSpan(value.Start, value.End) == relative)
        {
            return value;
        }

        foreach (var member in value.Members)
        {
            if (FindValue(member.Value, source, relative) is { } found)
            {
                return found;
            }
        }

        foreach (var item in value.Items)
        {
            if (FindValue(item, source, relative) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Writes JSON text the way the literal writes its characters.</summary>
    private static string Escape(ExpressionSyntax literal, string json)
    {
        var start = literal is InterpolatedStringExpressionSyntax interpolated ? interpolated.StringStartToken.Text : literal.ToString();
        if (start.Contains("\"\"\""))
        {
            return json;
        }

        if (start.StartsWith("@", System.StringComparison.Ordinal) || start.StartsWith("$@", System.StringComparison.Ordinal))
        {
            return json.Replace("\"", "\"\"");
        }

        var builder = new StringBuilder(json.Length + 8);
        foreach (var c in json)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
