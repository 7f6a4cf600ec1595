using System;
using System.Linq;
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
        if (ReadsRetryAfter(region))
        {
            return true;
        }

        foreach (var node in region.DescendantNodes())
        {
            if (node is not (InvocationExpressionSyntax or IdentifierNameSyntax { Parent: ArgumentSyntax or AssignmentExpressionSyntax }))
            {
                continue;
            }

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
                if (!declaration.Span.Contains(region.Span) && ReadsRetryAfter(declaration))
                {
                    return true;
                }
            }
        }

        return false;
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
        => region.DescendantNodesAndTokens().Any(n =>
            (n.IsToken && n.AsToken().IsKind(SyntaxKind.IdentifierToken) && n.AsToken().ValueText == "RetryAfter")
            || (n.IsToken && n.AsToken().IsKind(SyntaxKind.StringLiteralToken) && n.AsToken().ValueText.IndexOf("retry-after", StringComparison.OrdinalIgnoreCase) >= 0));
}
