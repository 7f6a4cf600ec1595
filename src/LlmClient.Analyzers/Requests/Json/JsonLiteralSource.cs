using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Requests.Json;

/// <summary>
/// The JSON text a C# string expression holds (regular, verbatim, raw, or interpolated with holes as
/// <see cref="JsonParser.HoleChar"/>), with the source position of every character, so a JSON span maps back to the
/// span of source text that wrote it.
/// </summary>
internal sealed class JsonLiteralSource
{
    private readonly int[] _map;

    private JsonLiteralSource(ExpressionSyntax expression, string text, int[] map, bool hasHoles)
    {
        Expression = expression;
        Text = text;
        _map = map;
        HasHoles = hasHoles;
    }

    public ExpressionSyntax Expression { get; }

    public string Text { get; }

    public bool HasHoles { get; }

    /// <summary>The source span that writes characters [start, end) of <see cref="Text"/>.</summary>
    public TextSpan SourceSpan(int start, int end) => TextSpan.FromBounds(_map[start], _map[end]);

    public Location Location(int start, int end) => Microsoft.CodeAnalysis.Location.Create(Expression.SyntaxTree, SourceSpan(start, end));

    public static JsonLiteralSource? Create(ExpressionSyntax expression)
    {
        // The buffers are sized for the source text up front (the JSON is never longer than the text that writes it, plus
        // one end position): no growing copies.
        StringBuilder text;
        List<int> map;
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                {
                    (text, map) = (new StringBuilder(expression.Span.Length), new List<int>(expression.Span.Length + 1));
                    var token = literal.Token;
                    var end = AppendToken(token, token.Text, token.ValueText, token.SpanStart, text, map);
                    if (end < 0)
                    {
                        return null;
                    }

                    map.Add(end);
                    return new JsonLiteralSource(expression, text.ToString(), map.ToArray(), hasHoles: false);
                }

            case InterpolatedStringExpressionSyntax interpolated:
                {
                    (text, map) = (new StringBuilder(expression.Span.Length), new List<int>(expression.Span.Length + 1));
                    var start = interpolated.StringStartToken.Text;
                    var verbatim = start.Contains("@");
                    var raw = start.Contains("\"\"\"");
                    var hasHoles = false;
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax part)
                        {
                            var token = part.TextToken;
                            var end = raw
                                ? Align(token.Text, token.ValueText, token.SpanStart, text, map, 0)
                                : Unescape(token.Text, 0, token.Text.Length, token.SpanStart, verbatim, interpolated: true, text, map);
                            if (end < 0)
                            {
                                return null;
                            }
                        }
                        else
                        {
                            text.Append(JsonParser.HoleChar);
                            map.Add(content.SpanStart);
                            hasHoles = true;
                        }
                    }

                    map.Add(interpolated.StringEndToken.SpanStart);
                    return new JsonLiteralSource(expression, text.ToString(), map.ToArray(), hasHoles);
                }

            default:
                return null;
        }
    }

    /// <summary>Appends the token's characters; returns the source position after the last one, or -1.</summary>
    private static int AppendToken(SyntaxToken token, string source, string value, int spanStart, StringBuilder text, List<int> map)
    {
        if (source.StartsWith("\"\"\"", System.StringComparison.Ordinal))
        {
            var quotes = 0;
            while (quotes < source.Length && source[quotes] == '"')
            {
                quotes++;
            }

            return Align(source, value, spanStart, text, map, quotes);
        }

        if (source.StartsWith("@\"", System.StringComparison.Ordinal))
        {
            return Unescape(source, 2, source.Length - 1, spanStart, verbatim: true, interpolated: false, text, map);
        }

        return source.StartsWith("\"", System.StringComparison.Ordinal) && token.IsKind(SyntaxKind.StringLiteralToken)
            ? Unescape(source, 1, source.Length - 1, spanStart, verbatim: false, interpolated: false, text, map)
            : -1;
    }

    /// <summary>Decodes C# escapes between <paramref name="from"/> and <paramref name="to"/>, recording positions.</summary>
    private static int Unescape(string source, int from, int to, int spanStart, bool verbatim, bool interpolated, StringBuilder text, List<int> map)
    {
        var i = from;
        while (i < to)
        {
            var c = source[i];
            var at = spanStart + i;
            if (interpolated && (c == '{' || c == '}') && i + 1 < to && source[i + 1] == c)
            {
                text.Append(c);
                map.Add(at);
                i += 2;
            }
            else if (verbatim && c == '"' && i + 1 < to && source[i + 1] == '"')
            {
                text.Append('"');
                map.Add(at);
                i += 2;
            }
            else if (!verbatim && c == '\\' && i + 1 < to)
            {
                var e = source[i + 1];
                var length = 2;
                char decoded;
                switch (e)
                {
                    case '"': decoded = '"'; break;
                    case '\'': decoded = '\''; break;
                    case '\\': decoded = '\\'; break;
                    case '0': decoded = '\0'; break;
                    case 'a': decoded = '\a'; break;
                    case 'b': decoded = '\b'; break;
                    case 'f': decoded = '\f'; break;
                    case 'n': decoded = '\n'; break;
                    case 'r': decoded = '\r'; break;
                    case 't': decoded = '\t'; break;
                    case 'v': decoded = '\v'; break;
                    case 'e': decoded = '\u001b'; break;
                    case 'u' when i + 6 <= to && int.TryParse(source.Substring(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u):
                        decoded = (char)u;
                        length = 6;
                        break;
                    default:
                        return -1;
                }

                text.Append(decoded);
                map.Add(at);
                i += length;
            }
            else
            {
                text.Append(c);
                map.Add(at);
                i++;
            }
        }

        return spanStart + to;
    }

    /// <summary>
    /// Raw literals only drop whitespace, line breaks and delimiters from their source, so the value's characters
    /// appear in the source in order: match each to the next equal source character.
    /// </summary>
    private static int Align(string source, string value, int spanStart, StringBuilder text, List<int> map, int from)
    {
        var s = from;
        foreach (var c in value)
        {
            while (s < source.Length && source[s] != c)
            {
                s++;
            }

            if (s >= source.Length)
            {
                return -1;
            }

            text.Append(c);
            map.Add(spanStart + s);
            s++;
        }

        return spanStart + s;
    }
}
