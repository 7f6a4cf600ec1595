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
    /// <summary>Does the region read the server's Retry-After (the header or <c>Headers.RetryAfter</c>)?</summary>
    public static bool ReadsRetryAfter(SyntaxNode region)
        => region.DescendantNodesAndTokens().Any(n =>
            (n.IsToken && n.AsToken().IsKind(SyntaxKind.IdentifierToken) && n.AsToken().ValueText == "RetryAfter")
            || (n.IsToken && n.AsToken().IsKind(SyntaxKind.StringLiteralToken) && n.AsToken().ValueText.IndexOf("retry-after", StringComparison.OrdinalIgnoreCase) >= 0));
}
