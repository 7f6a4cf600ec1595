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
        // One walk: the region's own tokens decide first; the calls and passed names are read only if they do not.
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
            else if (item.AsNode() is InvocationExpressionSyntax or IdentifierNameSyntax { Parent: ArgumentSyntax or AssignmentExpressionSyntax })
            {
                (targets ??= new List<SyntaxNode>()).Add(item.AsNode()!);
            }
        }

        if (targets is null)
        {
            return false;
        }

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

    /// <summary><see cref="ReadsRetryAfter(SyntaxNode)"/> of a called method's declaration, once per block.</summary>
    private static bool DeclarationReadsRetryAfter(SyntaxNode declaration, ExtractionContext context)
    {
        if (!context.RetryAfterReaders.TryGetValue(declaration, out var reads))
        {
            reads = ReadsRetryAfter(declaration);
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

    /// <summary>Does the region read the server's Retry-After (the header or <c>Headers.RetryAfter</c>)?</summary>
    public static bool ReadsRetryAfter(SyntaxNode region)
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

    private static bool IsRetryAfterToken(SyntaxToken token)
        => (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "RetryAfter")
            || (token.IsKind(SyntaxKind.StringLiteralToken) && token.ValueText.IndexOf("retry-after", StringComparison.OrdinalIgnoreCase) >= 0);
}
