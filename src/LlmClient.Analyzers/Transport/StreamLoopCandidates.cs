using System;
using System.Collections.Generic;
using System.Threading;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// The syntax pre-filter of <see cref="StreamLoopReader"/>, read once per file: where the file's candidate tokens are
/// (a line read or event enumeration name, a <c>[DONE]</c> literal), so a loop is a candidate when one of them starts
/// inside it: the candidate loops are the loops around those tokens (<see cref="LoopsIn"/>), found without walking the
/// file's nodes.
/// Every such token's text, as written, contains one of the searched words, unless spelled with an escape that can
/// stand for a letter or a bracket (<c>\u</c>, <c>\U</c>, <c>\x</c>; <c>\n</c>, <c>\t</c> and the other simple escapes
/// cannot): a file with such an escape has its loops' tokens walked instead.
/// </summary>
internal sealed class StreamLoopCandidates
{
    private static readonly string[] Words = { "ReadLine", "Enumerate", "Lines", GatewayFacts.StreamDoneSentinel };

    /// <summary>No loop of the file is a candidate.</summary>
    public static readonly StreamLoopCandidates None = new(Array.Empty<int>());

    /// <summary>Each loop's tokens are walked (the file has an escape).</summary>
    private static readonly StreamLoopCandidates WalkEachLoop = new(null);

    /// <summary>Start positions of the candidate tokens, ascending; null to walk each loop.</summary>
    private readonly int[]? _starts;

    private StreamLoopCandidates(int[]? starts) => _starts = starts;

    public static StreamLoopCandidates Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken).ToString();
        if (TextEscapes.MaySpellCharacters(text, inStrings: true))
        {
            return WalkEachLoop;
        }

        List<int>? starts = null;
        SyntaxNode? root = null;
        foreach (var word in Words)
        {
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                root ??= tree.GetRoot(cancellationToken);
                var token = root.FindToken(at);
                // An occurrence in trivia (a comment) belongs to no token; a candidate token has its own occurrence.
                if (token.Span.Contains(at) && IsCandidateToken(token))
                {
                    (starts ??= new List<int>()).Add(token.SpanStart);
                }
            }
        }

        if (starts is null)
        {
            return None;
        }

        starts.Sort();
        return new StreamLoopCandidates(starts.ToArray());
    }

    /// <summary>No loop of the file can be a candidate.</summary>
    public bool IsEmpty => _starts is { Length: 0 };

    /// <summary>
    /// The candidate loops of the file whose root is <paramref name="root"/>, outer before inner, each once: the loops
    /// around each candidate token (a loop is a candidate when a candidate token starts inside it), or, when the file's
    /// text cannot be trusted (an escape), every loop whose tokens hold one.
    /// </summary>
    public List<SyntaxNode> LoopsIn(SyntaxNode root)
    {
        var loops = new List<SyntaxNode>();
        if (_starts is null)
        {
            foreach (var node in root.DescendantNodes())
            {
                if (StreamLoopCollector.IsLoop(node) && IsCandidateByTokens(node))
                {
                    loops.Add(node);
                }
            }

            return loops;
        }

        HashSet<SyntaxNode>? seen = null;
        foreach (var start in _starts)
        {
            // The starts are tokens' starts, so every ancestor holds its token; a loop already seen had its outer loops added with it.
            for (var node = root.FindToken(start).Parent; node is not null; node = node.Parent)
            {
                if (StreamLoopCollector.IsLoop(node))
                {
                    if (!(seen ??= new HashSet<SyntaxNode>()).Add(node))
                    {
                        break;
                    }

                    loops.Add(node);
                }
            }
        }

        loops.Sort(static (a, b) => a.SpanStart != b.SpanStart ? a.SpanStart.CompareTo(b.SpanStart) : b.Span.Length.CompareTo(a.Span.Length));
        return loops;
    }

    private static bool IsCandidateByTokens(SyntaxNode loop)
    {
        foreach (var token in loop.DescendantTokens())
        {
            if (IsCandidateToken(token))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCandidateToken(SyntaxToken token)
    {
        if (token.IsKind(SyntaxKind.IdentifierToken))
        {
            var name = token.ValueText;
            return name is "ReadLine" or "ReadLineAsync" or "EnumerateAsync" or "Enumerate" || name.IndexOf("Lines", StringComparison.Ordinal) >= 0;
        }

        return token.IsKind(SyntaxKind.StringLiteralToken) && token.ValueText.IndexOf(GatewayFacts.StreamDoneSentinel, StringComparison.Ordinal) >= 0;
    }
}
