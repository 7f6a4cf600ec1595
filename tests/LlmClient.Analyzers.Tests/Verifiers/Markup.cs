using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Tests.Verifiers;

/// <summary>A diagnostic a test expects: its ID and the span it covers in the markup-free text.</summary>
public sealed record ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Reads test markup: <c>[|text|]</c> expects the test's default diagnostic on <c>text</c>;
/// <c>{|ID:text|}</c> expects diagnostic <c>ID</c> (an analyzer ID or a compiler error such as CS0103).
/// Markup may nest.
/// </summary>
public static class Markup
{
    public static (string Text, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup, string? defaultId)
    {
        var text = new StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string? Id, int Start)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, text.Length));
                i += 2;
            }
            else if (Starts(markup, i, "{|") && TryReadId(markup, i + 2, out var id, out var after))
            {
                open.Push((id, text.Length));
                i = after;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new VerifierException($"Markup closes a span that was never opened at offset {i}.");
                }

                var (spanId, start) = open.Pop();
                var isBracket = markup[i + 1] == ']';
                if (isBracket != (spanId is null))
                {
                    throw new VerifierException($"Markup at offset {i} closes '{(isBracket ? "|]" : "|}")}' a span opened with '{(spanId is null ? "[|" : "{|")}'.");
                }

                var diagnosticId = spanId ?? defaultId ?? throw new VerifierException("'[|...|]' markup needs a default diagnostic ID; use '{|ID:...|}'.");
                expected.Add(new ExpectedDiagnostic(diagnosticId, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new VerifierException("Markup opens a span that is never closed.");
        }

        return (text.ToString(), expected);
    }

    private static bool Starts(string s, int i, string token) => string.CompareOrdinal(s, i, token, 0, token.Length) == 0;

    private static bool TryReadId(string s, int start, out string id, out int after)
    {
        var colon = s.IndexOf(':', start);
        id = string.Empty;
        after = 0;
        if (colon < 0 || colon - start > 16 || colon == start)
        {
            return false;
        }

        for (var j = start; j < colon; j++)
        {
            if (!char.IsLetterOrDigit(s[j]))
            {
                return false;
            }
        }

        id = s[start..colon];
        after = colon + 1;
        return true;
    }
}
