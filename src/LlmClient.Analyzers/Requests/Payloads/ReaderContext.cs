using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests.Payloads;

/// <summary>What every payload reader needs: the well-known types and the locals of the operation tree.</summary>
internal sealed class ReaderContext
{
    public ReaderContext(RequestTypes types, LocalIndex index)
    {
        Types = types;
        Index = index;
    }

    public RequestTypes Types { get; }

    public LocalIndex Index { get; }

    /// <summary>The syntax to remove for a mutation: its statement when it is one, else the expression.</summary>
    public static SyntaxNode StatementOrSelf(IOperation operation)
    {
        var outer = operation.WalkUpConversions();
        return outer.Parent is IExpressionStatementOperation statement && statement.Syntax is ExpressionStatementSyntax
            ? statement.Syntax
            : outer.Syntax;
    }

    /// <summary>
    /// A local passed to a call that serializes, sends or prints it does not gain keys; passed anywhere else it may.
    /// </summary>
    public static bool IsHarmlessUse(IMethodSymbol method)
    {
        var ns = method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns.StartsWith("System.Net.Http", System.StringComparison.Ordinal)
               || ns.StartsWith("System.Text.Json", System.StringComparison.Ordinal)
               || ns.StartsWith("Newtonsoft.Json", System.StringComparison.Ordinal)
               || ns.StartsWith("OpenAI", System.StringComparison.Ordinal)
               || ns.StartsWith("Anthropic", System.StringComparison.Ordinal)
               || ns.StartsWith("Microsoft.Extensions.AI", System.StringComparison.Ordinal)
               || method.Name is "ToString" or "ToJsonString" or "WriteTo" or "ContainsKey" or "TryGetValue" or "GetValue" or "Contains";
    }
}
