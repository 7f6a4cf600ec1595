using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries;

/// <summary>
/// Where a file's text may spell a Retry-After read (<c>Extractors/RetrySyntaxFacts</c>): the start of every
/// <c>RetryAfter</c> (ordinal: the <c>Headers.RetryAfter</c> property) and every <c>retry-after</c> in any case (the
/// header's name in a string). Read from the text in one pass, so that asking of a region is a binary search instead of
/// a walk of its tokens. A token that reads Retry-After shows one of them in its text, unless an escape spells it
/// (<c>\u</c>, <c>\U</c>, <c>\x</c>): in a file with one, <see cref="Exact"/> is false and the tokens must be read.
/// </summary>
internal sealed class RetryAfterMentions
{
    private static readonly int[] NoPositions = Array.Empty<int>();

    private readonly int[] _positions;

    private RetryAfterMentions(int[] positions, bool exact)
    {
        _positions = positions;
        Exact = exact;
    }

    /// <summary>False when the file has an escape that could spell a mention; the positions then mean nothing.</summary>
    public bool Exact { get; }

    public static RetryAfterMentions Read(string text)
    {
        // Ordinal searches (vectorized) rather than a loop over the characters: most files have no mention at all.
        if (Infrastructure.TextEscapes.MaySpellCharacters(text, inStrings: true))
        {
            return new RetryAfterMentions(NoPositions, exact: false);
        }

        List<int>? positions = null;
        Add(text, "RetryAfter", StringComparison.Ordinal, ref positions);
        Add(text, "retry-after", StringComparison.OrdinalIgnoreCase, ref positions);
        positions?.Sort();
        return new RetryAfterMentions(positions?.ToArray() ?? NoPositions, exact: true);
    }

    private static void Add(string text, string word, StringComparison comparison, ref List<int>? positions)
    {
        for (var i = text.IndexOf(word, comparison); i >= 0; i = text.IndexOf(word, i + word.Length, comparison))
        {
            (positions ??= new List<int>()).Add(i);
        }
    }

    /// <summary>
    /// Does a token of <paramref name="region"/> read Retry-After (<paramref name="isRead"/>)? Only the tokens at the
    /// mentions inside the region's span are looked at (a mention in a comment finds the token the comment belongs to,
    /// which is in the region too). Only when <see cref="Exact"/>.
    /// </summary>
    public bool AnyTokenIn(SyntaxNode region, Func<SyntaxToken, bool> isRead)
    {
        var span = region.Span;
        var index = Array.BinarySearch(_positions, span.Start);
        for (index = index >= 0 ? index : ~index; index < _positions.Length && _positions[index] < span.End; index++)
        {
            if (isRead(region.FindToken(_positions[index])))
            {
                return true;
            }
        }

        return false;
    }
}
