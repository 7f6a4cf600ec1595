using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using LlmClient.Analyzers.Retries.Extractors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Retries;

/// <summary>
/// A file's text, for reading <see cref="LoopCandidateScan"/>'s failure signals of a loop without walking its nodes:
/// every name the scan takes for a failure signal (<see cref="LoopCandidateScan.FailureSignalParts"/>,
/// <see cref="LoopCandidateScan.FailureSignalNames"/>), and every
/// <c>catch</c>, shows in the loop's text as written. It over-approximates, never under: comments and strings count,
/// and a loop with a formatting character (Unicode Cf, which C# ignores inside identifiers) counts as having a signal.
/// A file with a Unicode escape (<c>\u</c>, <c>\U</c>), which can spell any identifier, has no <see cref="LoopText"/>:
/// its loops are scanned node by node.
/// </summary>
internal sealed class LoopText
{
    /// <summary>The scan's failure-signal names as whole words, and <c>catch</c>.</summary>
    private static readonly string[] Words = new[] { "catch" }.Concat(LoopCandidateScan.FailureSignalNames).ToArray();

    private readonly string _text;

    private LoopText(string text) => _text = text;

    /// <summary>The file's loop text, or null when an escape in it could spell a name.</summary>
    public static LoopText? Read(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken).ToString();
        return Infrastructure.TextEscapes.MaySpellCharacters(text, inStrings: false) ? null : new LoopText(text);
    }

    /// <summary>May the text in <paramref name="span"/> hold a failure signal (a catch, or a name the scan takes for one)?</summary>
    public bool MayHaveFailureSignal(TextSpan span)
    {
        var start = Math.Max(0, span.Start);
        var count = Math.Min(_text.Length, span.End) - start;
        if (count <= 0)
        {
            return false;
        }

        foreach (var part in LoopCandidateScan.FailureSignalParts)
        {
            if (_text.IndexOf(part, start, count, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        foreach (var word in Words)
        {
            for (var i = _text.IndexOf(word, start, count, StringComparison.Ordinal); i >= 0; i = NextIndex(word, i + 1, start + count))
            {
                if (IsBoundary(i - 1) && IsBoundary(i + word.Length))
                {
                    return true;
                }
            }
        }

        for (var i = start; i < start + count; i++)
        {
            if (_text[i] >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(_text[i]) == UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    private int NextIndex(string word, int from, int end)
        => from + word.Length > end ? -1 : _text.IndexOf(word, from, end - from, StringComparison.Ordinal);

    /// <summary>Is the character at <paramref name="index"/> not part of an ASCII identifier (or outside the text)?</summary>
    private bool IsBoundary(int index)
    {
        if (index < 0 || index >= _text.Length)
        {
            return true;
        }

        var c = _text[index];
        return !(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_');
    }
}
