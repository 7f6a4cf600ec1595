using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>
/// Which of a few names a source file mentions as a whole identifier, read from the file's text in one pass without a
/// syntax walk, a token or a string per identifier. Each name (or suffix) carries flag bits; <see cref="Scan"/>
/// returns the union of the flags of the names found. It over-approximates, never under: comments, strings and
/// preprocessor-disabled text count as mentions, and a file with a Unicode escape (<c>\u</c>, <c>\U</c>) anywhere is
/// taken to mention every name (an escape can spell any identifier). Formatting characters (Unicode Cf), which C#
/// ignores inside identifiers, are ignored here too.
/// </summary>
internal sealed class IdentifierScanner
{
    private readonly Dictionary<int, List<(string Name, int Flags)>> _byHash = new();
    private readonly List<(string Suffix, int Flags)> _suffixes = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _allFlags;
    private int _maxLength;
    private int _minLength = int.MaxValue;
    private int _minSuffixLength = int.MaxValue;

    /// <summary>
    /// A bit per hash bucket (the hash's low bits) that holds a name: most identifiers are rejected by one array read,
    /// without a dictionary look-up.
    /// </summary>
    private readonly ulong[] _buckets = new ulong[BucketCount / 64];

    private const int BucketCount = 4096;

    private bool MayBeName(int hash)
    {
        var bucket = hash & (BucketCount - 1);
        return (_buckets[bucket >> 6] & (1UL << (bucket & 63))) != 0;
    }

    /// <summary>Adds a name that counts when an identifier is exactly it.</summary>
    public IdentifierScanner Add(string name, int flags)
    {
        var hash = 0;
        foreach (var c in name)
        {
            hash = unchecked((hash * 31) + c);
        }

        var bucket = hash & (BucketCount - 1);
        _buckets[bucket >> 6] |= 1UL << (bucket & 63);

        if (!_byHash.TryGetValue(hash, out var list))
        {
            list = new List<(string, int)>();
            _byHash[hash] = list;
        }

        list.Add((name, flags));
        _names.Add(name);
        _allFlags |= flags;
        _maxLength = Math.Max(_maxLength, name.Length);
        _minLength = Math.Min(_minLength, name.Length);
        return this;
    }

    /// <summary>Adds names that count when an identifier is exactly one of them.</summary>
    public IdentifierScanner Add(IEnumerable<string> names, int flags)
    {
        foreach (var name in names)
        {
            Add(name, flags);
        }

        return this;
    }

    /// <summary>Adds a suffix that counts when an identifier ends with it (or is it).</summary>
    public IdentifierScanner AddSuffix(string suffix, int flags)
    {
        _suffixes.Add((suffix, flags));
        _minSuffixLength = Math.Min(_minSuffixLength, suffix.Length);
        _allFlags |= flags;
        return this;
    }

    /// <summary>The flags of every name and suffix added.</summary>
    public int AllFlags => _allFlags;

    /// <summary>Is <paramref name="identifier"/> one of the exact names (any flags)?</summary>
    public bool IsName(string identifier) => _names.Contains(identifier);

    /// <summary>The flags of the names <paramref name="text"/> mentions; stops early once every flag in <paramref name="wanted"/> is found.</summary>
    public int Scan(SourceText text, int wanted, CancellationToken cancellationToken)
    {
        wanted &= _allFlags;
        return wanted == 0 ? 0 : Scan(text.ToString(), wanted, cancellationToken);
    }

    /// <summary>As <see cref="Scan(SourceText, int, CancellationToken)"/>, on the text as a string.</summary>
    public int Scan(string source, int wanted, CancellationToken cancellationToken)
    {
        wanted &= _allFlags;
        var found = 0;
        var length = source.Length;
        var i = 0;
        var identifiers = 0;
        var part = AsciiIdentifierPart;
        while (i < length)
        {
            var c = source[i];
            if (c < 128 && !part[c])
            {
                if (c == '\\' && i + 1 < length && source[i + 1] is 'u' or 'U')
                {
                    return wanted;
                }

                i++;
                continue;
            }

            // An identifier (or a number's tail, or a word of a comment or string: all harmless over-approximations).
            // Plain ASCII runs are the fast path; a run with any other character is matched without formatting characters.
            var start = i;
            var hash = 0;
            var ascii = true;
            while (i < length)
            {
                c = source[i];
                if (c < 128)
                {
                    if (!part[c])
                    {
                        break;
                    }

                    hash = unchecked((hash * 31) + c);
                }
                else if (IsNonAsciiIdentifierPart(c))
                {
                    ascii = false;
                }
                else
                {
                    break;
                }

                i++;
            }

            if (i == start)
            {
                i++; // A character that is neither ASCII nor part of an identifier (a dash, an emoji).
                continue;
            }

            // Most words are shorter than every name and suffix: no look-up at all for them.
            var flags = !ascii ? Match(StripFormatting(source, start, i - start))
                : i - start >= _minLength || i - start >= _minSuffixLength ? Match(source, start, i - start, hash)
                : 0;
            if (flags != 0)
            {
                found |= flags & wanted;
                if (found == wanted)
                {
                    return found;
                }
            }

            if ((++identifiers & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return found;
    }

    private int Match(string source, int start, int length, int hash)
    {
        var flags = 0;
        if (length >= _minLength && length <= _maxLength && MayBeName(hash) && _byHash.TryGetValue(hash, out var candidates))
        {
            foreach (var (name, nameFlags) in candidates)
            {
                if (name.Length == length && string.CompareOrdinal(source, start, name, 0, length) == 0)
                {
                    flags |= nameFlags;
                }
            }
        }

        if (length < _minSuffixLength)
        {
            return flags;
        }

        foreach (var (suffix, suffixFlags) in _suffixes)
        {
            if (length >= suffix.Length && source[start + length - 1] == suffix[suffix.Length - 1] && string.CompareOrdinal(source, start + length - suffix.Length, suffix, 0, suffix.Length) == 0)
            {
                flags |= suffixFlags;
            }
        }

        return flags;
    }

    private int Match(string identifier)
    {
        var hash = 0;
        foreach (var c in identifier)
        {
            hash = unchecked((hash * 31) + c);
        }

        return Match(identifier, 0, identifier.Length, hash);
    }

    private static string StripFormatting(string source, int start, int length)
    {
        var builder = new System.Text.StringBuilder(length);
        for (var i = start; i < start + length; i++)
        {
            // A surrogate pair is one character (possibly a formatting one) of the supplementary planes.
            var pair = char.IsHighSurrogate(source[i]) && i + 1 < start + length && char.IsLowSurrogate(source[i + 1]);
            if (CharUnicodeInfo.GetUnicodeCategory(source, i) != UnicodeCategory.Format)
            {
                builder.Append(source[i]);
                if (pair)
                {
                    builder.Append(source[i + 1]);
                }
            }

            if (pair)
            {
                i++;
            }
        }

        return builder.ToString();
    }

    private static readonly bool[] AsciiIdentifierPart = CreateAsciiIdentifierPart();

    private static bool[] CreateAsciiIdentifierPart()
    {
        var table = new bool[128];
        for (var c = 0; c < 128; c++)
        {
            table[c] = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
        }

        return table;
    }

    private static bool IsAsciiIdentifierPart(char c) => AsciiIdentifierPart[c];

    private static bool IsNonAsciiIdentifierPart(char c)
    {
        switch (CharUnicodeInfo.GetUnicodeCategory(c))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate: // Supplementary-plane letters, marks and formatting characters: decided in StripFormatting.
                return true;
            default:
                return false;
        }
    }
}
