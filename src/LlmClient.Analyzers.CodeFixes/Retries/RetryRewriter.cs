using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Collections.Immutable;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Retries.Rewrite;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LlmClient.Analyzers.CodeFixes.Retries;

/// <summary>
/// Writes the complete retry: the hand-written loop becomes one call of a <c>SendWithRetryAsync</c> helper added to the
/// type (unless it has it already), followed by the loop's success path. The helper retries connection failures and
/// 408, 429 and 5xx (not 501/505) at most 3 times, waits Retry-After when the server sends one (failing above 60 s),
/// else an exponential backoff with jitter capped at 30 s, and throws the final failure with its status and body.
/// Which loops qualify is decided by the retry model (<see cref="RetryRewriteReader"/>), from the same syntax plan this
/// class writes (<see cref="RetryRewritePlan"/>).
/// </summary>
internal static class RetryRewriter
{
    public const string Title = "Rewrite as one complete retry (transient statuses only, 3 retries, backoff with jitter, Retry-After)";

    /// <summary>The plan the retry model's <paramref name="data"/> (<see cref="RetrySite.RewriteData"/>) describes, if it still holds in <paramref name="root"/>.</summary>
    public static RetryRewritePlan? Plan(SyntaxNode root, ImmutableDictionary<string, string?> data)
    {
        if (!data.TryGetValue(RetryFixProperties.Rewrite, out var helper) || helper is not ("Add" or "Reuse")
            || RetryRewriteReader.Decode(Property(data, RetryFixProperties.RewriteLoop)) is not { } loopSpan
            || RetryRewriteReader.Decode(Property(data, RetryFixProperties.RewriteSend)) is not { } sendSpan
            || !root.FullSpan.Contains(loopSpan) || !loopSpan.Contains(sendSpan))
        {
            return null;
        }

        var loop = root.FindNode(loopSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Span == loopSpan);
        var send = root.FindNode(sendSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == sendSpan);
        if (loop is null || send is null || loop.FirstAncestorOrSelf<MemberDeclarationSyntax>()?.Parent is not TypeDeclarationSyntax)
        {
            return null;
        }

        return RetryRewritePlan.Create(loop, send);
    }

    public static void Apply(SyntaxEditor editor, RetryRewritePlan plan, ImmutableDictionary<string, string?> data)
    {
        var statements = new List<StatementSyntax> { SendStatement(plan, data).WithLeadingTrivia(plan.Loop.GetLeadingTrivia()) };
        statements.AddRange(plan.Success.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)));
        editor.InsertBefore(plan.Loop, statements);
        editor.RemoveNode(plan.Loop);
        foreach (var statement in plan.Removed)
        {
            editor.RemoveNode(statement);
        }

        if (Property(data, RetryFixProperties.Rewrite) == "Add" && plan.Loop.FirstAncestorOrSelf<MemberDeclarationSyntax>()!.Parent is TypeDeclarationSyntax type)
        {
            // At the end of the type, after the members it serves.
            editor.InsertAfter(type.Members.Last(), HelperMethod());
        }
    }

    /// <summary><c>[using] var response = await SendWithRetryAsync(() => send, token);</c></summary>
    private static StatementSyntax SendStatement(RetryRewritePlan plan, ImmutableDictionary<string, string?> data)
    {
        var send = plan.Send.WithoutLeadingTrivia().WithoutTrailingTrivia();
        ExpressionSyntax lambda;
        if (plan.Prepare.IsEmpty)
        {
            lambda = SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), send);
        }
        else
        {
            // The request is built inside the lambda: an HttpRequestMessage can be sent only once.
            var body = plan.Prepare.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
            body.Add(SyntaxFactory.ReturnStatement(SyntaxFactory.AwaitExpression(send)).WithAdditionalAnnotations(Formatter.Annotation));
            lambda = SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), SyntaxFactory.Block(body))
                .WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword));
        }

        var arguments = new List<ArgumentSyntax> { SyntaxFactory.Argument(lambda) };
        if (data.TryGetValue(RetryFixProperties.RewriteToken, out var token) && token is { Length: > 0 })
        {
            arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));
        }

        ExpressionSyntax call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.IdentifierName(RetryRewriteReader.HelperName),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
        if (plan.ConfigureAwait)
        {
            call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call, SyntaxFactory.IdentifierName("ConfigureAwait")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
        }

        var statement = plan.SendStatement;
        var variable = statement.Declaration.Variables[0];
        var initializer = variable.Initializer!.WithValue(SyntaxFactory.AwaitExpression(call));
        return statement
            .ReplaceNode(variable, variable.WithInitializer(initializer))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static MemberDeclarationSyntax HelperMethod()
    {
        var retries = GatewayFacts.DefaultFixRetryCount.ToString(CultureInfo.InvariantCulture);
        var limit = GatewayFacts.RetryAfterLimitSeconds.ToString(CultureInfo.InvariantCulture);
        var cap = GatewayFacts.BackoffCapSeconds.ToString(CultureInfo.InvariantCulture);
        var capMs = (GatewayFacts.BackoffCapSeconds * 1000).ToString("#,0", CultureInfo.InvariantCulture).Replace(",", "_");
        var baseSeconds = GatewayFacts.BackoffBaseSeconds.ToString(CultureInfo.InvariantCulture);
        var baseMs = (GatewayFacts.BackoffBaseSeconds * 1000).ToString("#,0", CultureInfo.InvariantCulture).Replace(",", "_");
        var text = $$"""

            /// <summary>
            /// Sends the request <paramref name="send"/> makes, and again up to {{retries}} times after a connection failure or a
            /// transient status (408, 429, or 5xx other than 501 and 505): after the wait the server asks for in Retry-After,
            /// else after an exponential backoff with jitter (up to {{baseSeconds}} s, doubling, capped at {{cap}} s). Any other status,
            /// the last failure, or a Retry-After longer than {{limit}} s ends it with an
            /// <see cref="global::System.Net.Http.HttpRequestException"/> that carries the status and the response body.
            /// </summary>
            private static async global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> {{RetryRewriteReader.HelperName}}(
                global::System.Func<global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage>> send,
                global::System.Threading.CancellationToken cancellationToken = default)
            {
                const int maxRetries = {{retries}};
                for (var retry = 0; ; retry++)
                {
                    global::System.Net.Http.HttpResponseMessage response;
                    try
                    {
                        response = await send();
                    }
                    catch (global::System.Net.Http.HttpRequestException) when (retry < maxRetries)
                    {
                        // No response at all (the connection failed): back off and try again.
                        await global::System.Threading.Tasks.Task.Delay(Backoff(retry), cancellationToken);
                        continue;
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    global::System.TimeSpan wait;
                    using (response)
                    {
                        var status = response.StatusCode;
                        var retryAfter = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - global::System.DateTimeOffset.UtcNow : null;
                        if (retry == maxRetries || !IsTransient(status) || retryAfter > global::System.TimeSpan.FromSeconds({{limit}}))
                        {
                            var body = await response.Content.ReadAsStringAsync(cancellationToken);
                            throw new global::System.Net.Http.HttpRequestException($"{(int)status} {response.ReasonPhrase}: {body}", null, status);
                        }

                        wait = retryAfter is { } asked && asked > global::System.TimeSpan.Zero ? asked : Backoff(retry);
                    }

                    await global::System.Threading.Tasks.Task.Delay(wait, cancellationToken);
                }

                static bool IsTransient(global::System.Net.HttpStatusCode status) => status switch
                {
                    global::System.Net.HttpStatusCode.RequestTimeout or global::System.Net.HttpStatusCode.TooManyRequests => true,
                    global::System.Net.HttpStatusCode.NotImplemented or global::System.Net.HttpStatusCode.HttpVersionNotSupported => false,
                    _ => (int)status >= 500,
                };

                // Exponential backoff with full jitter: a random wait up to {{baseSeconds}} s, {{GatewayFacts.BackoffBaseSeconds * 2}} s, {{GatewayFacts.BackoffBaseSeconds * 4}} s..., capped at {{cap}} s.
                static global::System.TimeSpan Backoff(int retry)
                    => global::System.TimeSpan.FromMilliseconds(global::System.Random.Shared.NextDouble() * global::System.Math.Min({{capMs}}, {{baseMs}} * global::System.Math.Pow(2, retry)));
            }
            """;
        return SyntaxFactory.ParseMemberDeclaration(text)!
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);
    }

    private static string Property(ImmutableDictionary<string, string?> data, string name)
        => data.TryGetValue(name, out var value) && value is not null ? value : string.Empty;
}
