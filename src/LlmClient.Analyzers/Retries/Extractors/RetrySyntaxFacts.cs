using System;
using System.Collections.Generic;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>Best-effort syntax facts about a retry region (LLM1004).</summary>
internal static class RetrySyntaxFacts
{
    /// <summary>
    /// Does the region read the server's Retry-After, itself or in a method it calls (or passes as a delegate) that is
    /// declared in source, one level deep (<c>Task.Delay(DelayFor(response, attempt))</c>)?
    /// </summary>
    public static bool ReadsRetryAfter(SyntaxNode region, ExtractionContext context)
    {
        // The region's own tokens decide first, from where the file's text mentions Retry-After (no walk of the tokens);
        // then the calls and passed names are read.
        var mentions = context.Types.RetryAfterMentionsIn(region.SyntaxTree, context.CancellationToken);
        if (!mentions.Exact)
        {
            return ReadsRetryAfterByTokens(region, context);
        }

        if (mentions.AnyTokenIn(region, IsRetryAfterTokenFunc))
        {
            return true;
        }

        List<SyntaxNode>? targets = null;
        foreach (var node in region.DescendantNodes())
        {
            if (IsTarget(node))
            {
                (targets ??= new List<SyntaxNode>()).Add(node);
            }
        }

        return targets is not null && CallsRetryAfterReader(targets, region, context);
    }

    /// <summary>As <see cref="ReadsRetryAfter(SyntaxNode, ExtractionContext)"/>, reading every token: for a file whose text may hide a mention behind an escape.</summary>
    private static bool ReadsRetryAfterByTokens(SyntaxNode region, ExtractionContext context)
    {
        List<SyntaxNode>? targets = null;
        foreach (var item in region.DescendantNodesAndTokens())
        {
            if (item.IsToken)
            {
                if (IsRetryAfterToken(item.AsToken()))
                {
                    return true;
                }
            }
            else if (IsTarget(item.AsNode()!))
            {
                (targets ??= new List<SyntaxNode>()).Add(item.AsNode()!);
            }
        }

        return targets is not null && CallsRetryAfterReader(targets, region, context);
    }

    /// <summary>A call, or a name passed or assigned (a method group), whose method may read Retry-After.</summary>
    private static bool IsTarget(SyntaxNode node)
        => node is InvocationExpressionSyntax or IdentifierNameSyntax { Parent: ArgumentSyntax or AssignmentExpressionSyntax };

    /// <summary>Does one of <paramref name="targets"/> call or pass a method declared in source that reads Retry-After?</summary>
    private static bool CallsRetryAfterReader(List<SyntaxNode> targets, SyntaxNode region, ExtractionContext context)
    {
        foreach (var node in targets)
        {
            var target = node is InvocationExpressionSyntax invocation ? invocation.Expression : node;
            if (!context.MayBeSourceMethod(SimpleName(target), region))
            {
                // No method of that name is declared in source: whatever it binds to has no declaration to read. Binding
                // the name is the expensive part (in a field initializer it rebinds the whole initializer each time).
                continue;
            }

            var info = context.Model.GetSymbolInfo(target, context.CancellationToken);
            var method = (info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null)) as IMethodSymbol;
            if (method is null || method.DeclaringSyntaxReferences.IsEmpty)
            {
                continue;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(context.CancellationToken);
                if (!declaration.Span.Contains(region.Span) && DeclarationReadsRetryAfter(declaration, context))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether a called method's declaration reads Retry-After itself, once per block.</summary>
    private static bool DeclarationReadsRetryAfter(SyntaxNode declaration, ExtractionContext context)
    {
        if (!context.RetryAfterReaders.TryGetValue(declaration, out var reads))
        {
            var mentions = context.Types.RetryAfterMentionsIn(declaration.SyntaxTree, context.CancellationToken);
            reads = mentions.Exact ? mentions.AnyTokenIn(declaration, IsRetryAfterTokenFunc) : ReadsRetryAfter(declaration);
            context.RetryAfterReaders[declaration] = reads;
        }

        return reads;
    }

    /// <summary>The simple name an invoked or passed expression ends in, without binding; null when it has none.</summary>
    private static string? SimpleName(SyntaxNode target)
        => target switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

    /// <summary>Does a token of the region read the server's Retry-After (the header or <c>Headers.RetryAfter</c>)?</summary>
    private static bool ReadsRetryAfter(SyntaxNode region)
    {
        foreach (var token in region.DescendantTokens())
        {
            if (IsRetryAfterToken(token))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Func<SyntaxToken, bool> IsRetryAfterTokenFunc = IsRetryAfterToken;

    private static bool IsRetryAfterToken(SyntaxToken token)
        => (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "RetryAfter")
            || (token.IsKind(SyntaxKind.StringLiteralToken) && token.ValueText.IndexOf("retry-after", StringComparison.OrdinalIgnoreCase) >= 0);
}
