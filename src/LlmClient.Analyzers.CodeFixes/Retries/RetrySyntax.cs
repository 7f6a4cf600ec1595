using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LlmClient.Analyzers.CodeFixes.Retries;

/// <summary>
/// The code the retry fixes write: "retry only 408, 429 and 5xx" for each way a status is read, and the counter that
/// bounds a loop. Types are written fully qualified and simplified (adding the using) by the code action's cleanup.
/// </summary>
internal static class RetrySyntax
{
    private const string Status = "global::System.Net.HttpStatusCode.";

    public static int RetryCount => GatewayFacts.DefaultFixRetryCount;

    /// <summary>
    /// Exponential backoff with full jitter on <paramref name="attempt"/>: a random wait up to 1 s doubled per attempt,
    /// capped at 30 s (seed 004). System types are written qualified and simplified where <c>System</c> is in scope.
    /// </summary>
    public static ExpressionSyntax Backoff(string attempt)
    {
        var cap = (GatewayFacts.BackoffCapSeconds * 1000).ToString("#,0", CultureInfo.InvariantCulture).Replace(",", "_");
        var baseMs = (GatewayFacts.BackoffBaseSeconds * 1000).ToString(CultureInfo.InvariantCulture);
        return SyntaxFactory.ParseExpression(
                $"global::System.TimeSpan.FromMilliseconds(global::System.Random.Shared.NextDouble() * global::System.Math.Min({cap}, {baseMs} * global::System.Math.Pow(2, {attempt})))")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);
    }

    /// <summary>A pattern on an <c>HttpStatusCode</c> that matches 408, 429 and 5xx (without 501/505 when asked).</summary>
    public static string RetryableStatusCodePattern(bool excludeNamed)
        => $"{Status}RequestTimeout or {Status}TooManyRequests or " + (excludeNamed
            ? $"(>= {Status}InternalServerError and not {Status}NotImplemented and not {Status}HttpVersionNotSupported)"
            : $">= {Status}InternalServerError");

    /// <summary>A pattern on an int status that matches 408, 429 and 5xx.</summary>
    public static string RetryableIntPattern(bool excludeNamed)
        => "408 or 429 or " + (excludeNamed ? "(>= 500 and not 501 and not 505)" : ">= 500");

    /// <summary>A pattern on an <c>HttpStatusCode</c> that matches the 4xx statuses not worth retrying.</summary>
    private static string NonRetryableStatusCodePattern(bool excludeNamed)
        => $"(>= {Status}BadRequest and < {Status}InternalServerError and not {Status}RequestTimeout and not {Status}TooManyRequests)"
            + (excludeNamed ? $" or {Status}NotImplemented or {Status}HttpVersionNotSupported" : string.Empty);

    private static string NonRetryableIntPattern(bool excludeNamed)
        => "(>= 400 and < 500 and not 408 and not 429)" + (excludeNamed ? " or 501 or 505" : string.Empty);

    /// <summary>The <c>when</c> condition for a catch of <paramref name="source"/> whose exception is <paramref name="variable"/>.</summary>
    public static string? CatchFilter(string source, string variable, bool excludeNamed) => source switch
    {
        "Response" => $"{variable}.StatusCode is {RetryableStatusCodePattern(excludeNamed)}",
        "Http" => $"{variable}.StatusCode is null or {RetryableStatusCodePattern(excludeNamed)}",
        "ClientModel" => $"{variable}.Status is {RetryableIntPattern(excludeNamed)}",
        "Anthropic" => $"{variable}.StatusCode is {RetryableStatusCodePattern(excludeNamed)}",
        "Exception:Http" => $"{variable} is not global::System.Net.Http.HttpRequestException {{ StatusCode: {NonRetryableStatusCodePattern(excludeNamed)} }}",
        "Exception:ClientModel" => $"{variable} is not global::System.ClientModel.ClientResultException {{ Status: {NonRetryableIntPattern(excludeNamed)} }}",
        "Exception:Anthropic" => $"{variable} is not global::Anthropic.Exceptions.AnthropicApiException {{ StatusCode: {NonRetryableStatusCodePattern(excludeNamed)} }}",
        _ => null,
    };

    /// <summary>The exception type a catch without a declaration gets.</summary>
    public static string CatchType(string source) => source switch
    {
        "Http" => "global::System.Net.Http.HttpRequestException",
        "ClientModel" => "global::System.ClientModel.ClientResultException",
        "Anthropic" => "global::Anthropic.Exceptions.AnthropicApiException",
        _ => "global::System.Exception",
    };

    /// <summary><c>if (response.StatusCode is not (408 or 429 or 5xx)) { return response; }</c> (or EnsureSuccessStatusCode).</summary>
    public static StatementSyntax Guard(string response, bool returnResponse, bool excludeNamed)
    {
        var exit = returnResponse ? $"return {response};" : $"{response}.EnsureSuccessStatusCode();";
        var text = $"if ({response}.StatusCode is not ({RetryableStatusCodePattern(excludeNamed)}))\n{{\n    {exit}\n}}\n";
        return Annotate(SyntaxFactory.ParseStatement(text));
    }

    /// <summary><c>response.StatusCode is 408 or 429 or 5xx</c>.</summary>
    public static ExpressionSyntax RetryableResponse(string response, bool excludeNamed)
        => Annotate(SyntaxFactory.ParseExpression($"{response}.StatusCode is {RetryableStatusCodePattern(excludeNamed)}"));

    /// <summary><c>left &amp;&amp; right</c>, parenthesizing what needs it.</summary>
    public static ExpressionSyntax And(ExpressionSyntax left, ExpressionSyntax right)
        => SyntaxFactory.BinaryExpression(SyntaxKind.LogicalAndExpression, Operand(left.WithoutTrivia()), Operand(right.WithoutTrivia()))
            .WithTriviaFrom(left)
            .WithAdditionalAnnotations(Formatter.Annotation);

    public static ExpressionSyntax ParseCondition(string text) => Annotate(SyntaxFactory.ParseExpression(text));

    public static T Annotate<T>(T node)
        where T : SyntaxNode
        => node.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

    /// <summary>Inserts <paramref name="statement"/> first in <paramref name="block"/>, a blank line after it.</summary>
    public static BlockSyntax Prepend(BlockSyntax block, StatementSyntax statement)
    {
        var statements = block.Statements;
        if (statements.Count > 0)
        {
            statements = statements.Replace(statements[0], WithBlankLineBefore(statements[0]));
        }

        return block.WithStatements(statements.Insert(0, statement)).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The same statement with an empty line before it.</summary>
    public static T WithBlankLineBefore<T>(T statement)
        where T : SyntaxNode
    {
        var newLine = statement.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var eol = newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.EndOfLine("\n");
        var leading = statement.GetLeadingTrivia();
        if (leading.Any(SyntaxKind.EndOfLineTrivia))
        {
            return statement;
        }

        return statement.WithLeadingTrivia(leading.Insert(0, eol));
    }

    /// <summary>A name not written anywhere in <paramref name="scope"/>: <paramref name="preferred"/>, or it with a number.</summary>
    public static string FreeName(SyntaxNode scope, string preferred, params string[] alternatives)
    {
        var used = new HashSet<string>(scope.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
        foreach (var candidate in new[] { preferred }.Concat(alternatives))
        {
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }

        for (var i = 2; ; i++)
        {
            var candidate = preferred + i.ToString(CultureInfo.InvariantCulture);
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The member (method, accessor, lambda's member) whose locals a new name must not clash with.</summary>
    public static SyntaxNode NameScope(SyntaxNode node)
        => node.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax or AccessorDeclarationSyntax) ?? node.SyntaxTree.GetRoot();

    private static ExpressionSyntax Operand(ExpressionSyntax expression)
        => expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.CoalesceExpression }
            or ConditionalExpressionSyntax or AssignmentExpressionSyntax or LambdaExpressionSyntax
            or IsPatternExpressionSyntax { Pattern: BinaryPatternSyntax }
            ? SyntaxFactory.ParenthesizedExpression(expression)
            : expression;
}
