using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmClient.Analyzers.Retries.Rewrite;

/// <summary>How the attempt reports failure in a loop that can be rewritten.</summary>
internal enum RewriteShape
{
    /// <summary><c>try { var r = await send; r.EnsureSuccessStatusCode(); ...success } catch { ...wait }</c>.</summary>
    Catch,

    /// <summary><c>var r = await send; if (r.IsSuccessStatusCode) { ...success } ...wait</c>.</summary>
    Response,
}

/// <summary>
/// Which parts of a hand-written retry loop around one HttpClient send are the request, which are the success path,
/// and which are retry machinery (waits, counters, log lines, status tests, the code that runs when attempts run out),
/// so that the loop can be replaced by one call of a complete retry helper followed by the success path. Syntax only,
/// so the retry model (which adds the semantic checks) and the refactoring (which writes the code) read the same plan.
/// </summary>
/// <remarks>
/// A plan exists only when the rewrite keeps what the code does on success and changes nothing but the retry: every
/// statement it drops is machinery, nothing it keeps reads what the machinery wrote, and the success path leaves the
/// loop (return, throw or a final <c>break</c>). Anything else (a custom exception when attempts run out, a finally,
/// a nested loop, a field written by the loop, a status test on the success path) means no plan.
/// </remarks>
internal sealed class RetryRewritePlan
{
    private RetryRewritePlan(
        StatementSyntax loop,
        LocalDeclarationStatementSyntax sendStatement,
        InvocationExpressionSyntax send,
        bool configureAwait,
        RewriteShape shape,
        ImmutableArray<StatementSyntax> prepare,
        ImmutableArray<StatementSyntax> success,
        ImmutableArray<StatementSyntax> removed)
    {
        Loop = loop;
        SendStatement = sendStatement;
        Send = send;
        ConfigureAwait = configureAwait;
        Shape = shape;
        Prepare = prepare;
        Success = success;
        Removed = removed;
    }

    /// <summary>The retry loop (its parent is a block).</summary>
    public StatementSyntax Loop { get; }

    /// <summary><c>[using] var response = await send;</c>.</summary>
    public LocalDeclarationStatementSyntax SendStatement { get; }

    /// <summary>The send call (HttpClient's <c>SendAsync</c>, <c>PostAsJsonAsync</c>...), without <c>await</c>.</summary>
    public InvocationExpressionSyntax Send { get; }

    /// <summary>The send was awaited with <c>.ConfigureAwait(false)</c>.</summary>
    public bool ConfigureAwait { get; }

    public RewriteShape Shape { get; }

    /// <summary>Statements that build the request before the send: they move into the lambda (one request per attempt).</summary>
    public ImmutableArray<StatementSyntax> Prepare { get; }

    /// <summary>What runs on success, kept after the new send statement (a final <c>break;</c> left out).</summary>
    public ImmutableArray<StatementSyntax> Success { get; }

    /// <summary>Statements of the loop's block removed with it: counters declared before it, the code after it that runs when attempts run out.</summary>
    public ImmutableArray<StatementSyntax> Removed { get; }

    public string Response => SendStatement.Declaration.Variables[0].Identifier.ValueText;

    public static RetryRewritePlan? Create(StatementSyntax loop, InvocationExpressionSyntax send)
    {
        if (loop.Parent is not BlockSyntax block || LoopBody(loop) is not BlockSyntax body || !loop.Span.Contains(send.Span))
        {
            return null;
        }

        // Nested loops, jumps and iterators would make the dropped and kept parts interleave.
        foreach (var node in body.DescendantNodes())
        {
            if (node is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or GotoStatementSyntax or LabeledStatementSyntax
                or YieldStatementSyntax or LocalFunctionStatementSyntax)
            {
                return null;
            }
        }

        if (SendStatementOf(send, out var configureAwait) is not { } sendStatement || sendStatement.Parent is not BlockSyntax sendBlock)
        {
            return null;
        }

        var response = sendStatement.Declaration.Variables[0].Identifier.ValueText;
        var dropped = new List<SyntaxNode>();
        AddLoopHeader(loop, dropped);

        RewriteShape shape;
        List<StatementSyntax> success;
        int sendIndex;
        if (sendBlock == body)
        {
            shape = RewriteShape.Response;
            sendIndex = body.Statements.IndexOf(sendStatement);
            if (sendIndex + 1 >= body.Statements.Count || !IsSuccessTest(body.Statements[sendIndex + 1], response, out var onSuccess))
            {
                return null;
            }

            success = onSuccess;
            for (var i = sendIndex + 2; i < body.Statements.Count; i++)
            {
                if (!IsMachinery(body.Statements[i], response, inCatch: false))
                {
                    return null;
                }

                dropped.Add(body.Statements[i]);
            }
        }
        else if (sendBlock.Parent is TryStatementSyntax { Finally: null, Catches.Count: > 0 } tryStatement && tryStatement.Block == sendBlock && tryStatement.Parent == body)
        {
            shape = RewriteShape.Catch;
            foreach (var statement in body.Statements)
            {
                if (statement != tryStatement)
                {
                    if (!IsMachinery(statement, response, inCatch: false))
                    {
                        return null;
                    }

                    dropped.Add(statement);
                }
            }

            foreach (var clause in tryStatement.Catches)
            {
                if (!IsMachinery(clause.Block, response, inCatch: true))
                {
                    return null;
                }

                dropped.Add(clause);
            }

            sendIndex = sendBlock.Statements.IndexOf(sendStatement);
            success = new List<StatementSyntax>();
            var ensured = false;
            for (var i = sendIndex + 1; i < sendBlock.Statements.Count; i++)
            {
                var statement = sendBlock.Statements[i];
                if (IsEnsure(statement, response))
                {
                    ensured = true;
                    dropped.Add(statement);
                }
                else
                {
                    success.Add(statement);
                }
            }

            // Without EnsureSuccessStatusCode a failed status was never retried nor thrown: a rewrite would change that.
            if (!ensured)
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        // The success path must leave the loop, and only at its end; a final break becomes the code after the loop.
        if (success.Count == 0)
        {
            return null;
        }

        var last = success[success.Count - 1];
        var breaks = last is BreakStatementSyntax;
        if (breaks)
        {
            success.RemoveAt(success.Count - 1);
        }
        else if (last is not (ReturnStatementSyntax or ThrowStatementSyntax))
        {
            return null;
        }

        foreach (var statement in success)
        {
            if (statement.DescendantNodesAndSelf().Any(n => n is ContinueStatementSyntax || n is BreakStatementSyntax && !IsInSwitch(n, statement))
                || ReadsStatus(statement, response))
            {
                return null;
            }
        }

        // Before the send: statements that build the request move into the lambda; counters and log lines go.
        var prepare = new List<StatementSyntax>();
        for (var i = 0; i < sendIndex; i++)
        {
            var statement = sendBlock.Statements[i];
            if (IsMachinery(statement, response, inCatch: false) && !statement.IsKind(SyntaxKind.LocalDeclarationStatement))
            {
                dropped.Add(statement);
            }
            else if (statement is LocalDeclarationStatementSyntax or ExpressionStatementSyntax && !ContainsJump(statement))
            {
                prepare.Add(statement);
            }
            else
            {
                return null;
            }
        }

        return Resolve(loop, block, sendStatement, send, configureAwait, shape, prepare, success, breaks, dropped);
    }

    /// <summary>Checks what the kept code reads against what the dropped code writes, and finds the statements removed with the loop.</summary>
    private static RetryRewritePlan? Resolve(
        StatementSyntax loop,
        BlockSyntax block,
        LocalDeclarationStatementSyntax sendStatement,
        InvocationExpressionSyntax send,
        bool configureAwait,
        RewriteShape shape,
        List<StatementSyntax> prepare,
        List<StatementSyntax> success,
        bool breaks,
        List<SyntaxNode> dropped)
    {
        var index = block.Statements.IndexOf(loop);
        var after = block.Statements.Skip(index + 1).ToList();
        var removedAfter = new List<StatementSyntax>();
        if (!breaks)
        {
            // Only reachable when the attempts ran out: the helper now throws instead.
            foreach (var statement in after)
            {
                if (statement is LocalFunctionStatementSyntax)
                {
                    continue;
                }

                if (statement is LabeledStatementSyntax || statement.DescendantNodesAndSelf().Any(n => n is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or LabeledStatementSyntax))
                {
                    return null;
                }

                // Giving up with a value, or rethrowing the kept failure, is what the helper replaces; a failure of the
                // code's own making (a custom exception, a log of its own) is not.
                if (!IsGivingUp(statement))
                {
                    return null;
                }

                removedAfter.Add(statement);
            }
        }

        var droppedDeclared = new HashSet<string>(StringComparer.Ordinal);
        var droppedWritten = new HashSet<string>(StringComparer.Ordinal);
        var droppedRead = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in dropped)
        {
            Collect(node, droppedDeclared, droppedWritten, droppedRead);
        }

        foreach (var statement in removedAfter)
        {
            Collect(statement, droppedDeclared, droppedWritten, droppedRead);
        }

        var prepareDeclared = new HashSet<string>(StringComparer.Ordinal);
        var keptRead = new HashSet<string>(StringComparer.Ordinal);
        var scratch = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in prepare)
        {
            Collect(statement, prepareDeclared, scratch, keptRead);
        }

        keptRead.UnionWith(Identifiers(send));
        var successRead = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in success)
        {
            Collect(statement, scratch, scratch, successRead);
        }

        // The request's locals move into the lambda: the success path cannot see them any more.
        if (successRead.Overlaps(prepareDeclared))
        {
            return null;
        }

        keptRead.UnionWith(successRead);
        var removedBefore = new List<StatementSyntax>();
        var outside = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < block.Statements.Count; i++)
        {
            var statement = block.Statements[i];
            if (i == index || removedAfter.Contains(statement))
            {
                continue;
            }

            if (i < index && statement is LocalDeclarationStatementSyntax declaration && IsRemovableDeclaration(declaration, droppedRead, droppedWritten))
            {
                var names = declaration.Declaration.Variables.Select(v => v.Identifier.ValueText).ToList();
                if (names.All(name => !keptRead.Contains(name) && !ReadsAnyOf(block, loop, declaration, removedAfter, name)))
                {
                    removedBefore.Add(declaration);
                    continue;
                }
            }

            outside.UnionWith(Identifiers(statement));
        }

        keptRead.UnionWith(outside);

        // The response and the success path's locals move up into the loop's block: no other statement there may declare those names.
        var moved = new HashSet<string>(StringComparer.Ordinal) { sendStatement.Declaration.Variables[0].Identifier.ValueText };
        foreach (var statement in success)
        {
            Collect(statement, moved, scratch, scratch);
        }

        for (var i = 0; i < block.Statements.Count; i++)
        {
            var statement = block.Statements[i];
            if (i != index && !removedAfter.Contains(statement) && !removedBefore.Contains(statement) && Declares(statement, moved))
            {
                return null;
            }
        }
        var removedNames = new HashSet<string>(removedBefore.SelectMany(d => ((LocalDeclarationStatementSyntax)d).Declaration.Variables.Select(v => v.Identifier.ValueText)), StringComparer.Ordinal);

        // What the machinery wrote must be its own (declared in it, or a counter removed with it), and nothing kept reads it.
        foreach (var name in droppedWritten)
        {
            if (!droppedDeclared.Contains(name) && !removedNames.Contains(name))
            {
                return null;
            }
        }

        if (droppedDeclared.Overlaps(keptRead) || removedNames.Overlaps(keptRead))
        {
            return null;
        }

        var removed = removedBefore.Concat(removedAfter).ToImmutableArray();
        return new RetryRewritePlan(loop, sendStatement, send, configureAwait, shape, prepare.ToImmutableArray(), success.ToImmutableArray(), removed);
    }

    private static bool ReadsAnyOf(BlockSyntax block, StatementSyntax loop, StatementSyntax declaration, List<StatementSyntax> removedAfter, string name)
    {
        foreach (var statement in block.Statements)
        {
            if (statement == loop || statement == declaration || removedAfter.Contains(statement))
            {
                continue;
            }

            if (Identifiers(statement).Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A counter or setting declared before the loop: a plain value, nothing with side effects.</summary>
    private static bool IsRemovableDeclaration(LocalDeclarationStatementSyntax declaration, HashSet<string> droppedRead, HashSet<string> droppedWritten)
    {
        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
        {
            return false;
        }

        foreach (var variable in declaration.Declaration.Variables)
        {
            var name = variable.Identifier.ValueText;
            if (!droppedRead.Contains(name) && !droppedWritten.Contains(name))
            {
                return false;
            }

            if (variable.Initializer is { } initializer && !IsPlainValue(initializer.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainValue(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax or DefaultExpressionSyntax or IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax access => access.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or PredefinedTypeSyntax,
        ParenthesizedExpressionSyntax parenthesized => IsPlainValue(parenthesized.Expression),
        CastExpressionSyntax cast => IsPlainValue(cast.Expression),
        PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) => IsPlainValue(unary.Operand),
        BinaryExpressionSyntax binary => IsPlainValue(binary.Left) && IsPlainValue(binary.Right),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "TimeSpan" }, Name.Identifier.ValueText: var from } } invocation
            => from.StartsWith("From", StringComparison.Ordinal) && invocation.ArgumentList.Arguments.All(a => IsPlainValue(a.Expression)),
        _ => false,
    };

    /// <summary><c>return null;</c>, <c>return default;</c>, <c>return "";</c>, <c>return;</c>, <c>throw lastError;</c>, a log line.</summary>
    private static bool IsGivingUp(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax { Expression: null } => true,
        ReturnStatementSyntax { Expression: var value } => IsEmptyValue(value!),
        ThrowStatementSyntax { Expression: IdentifierNameSyntax or PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax, RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } } => true,
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax invocation } => IsMachineryCall(invocation, string.Empty),
        BlockSyntax block => block.Statements.All(IsGivingUp),
        _ => false,
    };

    private static bool IsEmptyValue(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax or DefaultExpressionSyntax => true,
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression, Operand: var operand } => IsEmptyValue(operand),
        _ => false,
    };

    /// <summary><c>[using] var r = await send[.ConfigureAwait(false)];</c> with one variable.</summary>
    private static LocalDeclarationStatementSyntax? SendStatementOf(InvocationExpressionSyntax send, out bool configureAwait)
    {
        configureAwait = false;
        ExpressionSyntax awaited = send;
        if (send.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access && access.Expression == send
            && access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } configure
            && configure.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression))
        {
            configureAwait = true;
            awaited = configure;
        }

        return awaited.Parent is AwaitExpressionSyntax { Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } } } }
            && !statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) && statement.Modifiers.Count == 0
            ? statement
            : null;
    }

    /// <summary><c>if (r.IsSuccessStatusCode) { ...; return x; }</c> with no else.</summary>
    private static bool IsSuccessTest(StatementSyntax statement, string response, out List<StatementSyntax> onSuccess)
    {
        onSuccess = new List<StatementSyntax>();
        if (statement is not IfStatementSyntax { Else: null } test
            || test.Condition is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name.Identifier.ValueText: "IsSuccessStatusCode" }
            || target.Identifier.ValueText != response)
        {
            return false;
        }

        if (test.Statement is BlockSyntax block)
        {
            onSuccess.AddRange(block.Statements);
        }
        else
        {
            onSuccess.Add(test.Statement);
        }

        return true;
    }

    private static bool IsEnsure(StatementSyntax statement, string response)
        => statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name.Identifier.ValueText: "EnsureSuccessStatusCode" } } }
           && target.Identifier.ValueText == response;

    /// <summary>
    /// Retry machinery: waits, log lines, counters, disposing the response, status tests around those, <c>continue</c>,
    /// a rethrow, and (in a catch) giving up with null/default (the helper throws the last failure instead).
    /// </summary>
    private static bool IsMachinery(StatementSyntax statement, string response, bool inCatch)
    {
        switch (statement)
        {
            case BlockSyntax block:
                return block.Statements.All(s => IsMachinery(s, response, inCatch));
            case EmptyStatementSyntax or ContinueStatementSyntax:
                return true;
            case ThrowStatementSyntax { Expression: null or IdentifierNameSyntax }:
                return inCatch || statement.Parent is not null && statement.Ancestors().Any(a => a is CatchClauseSyntax);
            case ReturnStatementSyntax { Expression: var value }:
                return inCatch && (value is null || value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression) || value is DefaultExpressionSyntax);
            case IfStatementSyntax test:
                return !HasSideEffects(test.Condition) && IsMachinery(test.Statement, response, inCatch) && (test.Else is null || IsMachinery(test.Else.Statement, response, inCatch));
            case LocalDeclarationStatementSyntax declaration:
                return !declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword)
                    && declaration.Declaration.Variables.All(v => v.Initializer is null || IsMachineryValue(v.Initializer.Value, response));
            case ExpressionStatementSyntax { Expression: var expression }:
                return IsMachineryExpression(expression, response);
            default:
                return false;
        }
    }

    private static bool IsMachineryExpression(ExpressionSyntax expression, string response)
    {
        switch (expression)
        {
            case AwaitExpressionSyntax awaited:
                return IsMachineryExpression(awaited.Expression, response);
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax } assignment:
                return IsMachineryValue(assignment.Right, response);
            case PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax } or PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax }:
                return expression.IsKind(SyntaxKind.PostIncrementExpression) || expression.IsKind(SyntaxKind.PostDecrementExpression)
                    || expression.IsKind(SyntaxKind.PreIncrementExpression) || expression.IsKind(SyntaxKind.PreDecrementExpression);
            case InvocationExpressionSyntax invocation:
                return IsMachineryCall(invocation, response);
            default:
                return false;
        }
    }

    /// <summary>A value computed for a wait or a log line: anything without calls other than waits, logs and math.</summary>
    private static bool IsMachineryValue(ExpressionSyntax value, string response)
    {
        foreach (var node in value.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax or AnonymousFunctionExpressionSyntax or ObjectCreationExpressionSyntax { Type: not IdentifierNameSyntax { Identifier.ValueText: "Random" } }:
                    return false;
                case InvocationExpressionSyntax invocation when !IsMachineryCall(invocation, response) && !IsPureCall(invocation):
                    return false;
            }
        }

        return true;
    }

    /// <summary><c>Task.Delay</c>, <c>Thread.Sleep</c>, log calls, <c>response.Dispose()</c>, <c>response.EnsureSuccessStatusCode()</c>.</summary>
    private static bool IsMachineryCall(InvocationExpressionSyntax invocation, string response)
    {
        if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: InvocationExpressionSyntax inner })
        {
            return IsMachineryCall(inner, response);
        }

        if (invocation.Expression is not MemberAccessExpressionSyntax access)
        {
            return false;
        }

        var name = access.Name.Identifier.ValueText;
        var receiver = SyntaxNames.GetReceiverName(access);
        var arguments = invocation.ArgumentList.Arguments.All(a => IsMachineryValue(a.Expression, response));
        return arguments && ((receiver, name) switch
        {
            ("Task", "Delay") or ("Thread", "Sleep") => true,
            ("Console" or "Error" or "Out" or "Debug" or "Trace", _) => name.StartsWith("Write", StringComparison.Ordinal) || name.StartsWith("Trace", StringComparison.Ordinal),
            _ when receiver == response => name is "Dispose" or "EnsureSuccessStatusCode",
            _ => name.StartsWith("Log", StringComparison.Ordinal) && receiver is not null,
        });
    }

    /// <summary>Calls that only compute a value for a wait or a message.</summary>
    private static bool IsPureCall(InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" })
        {
            return true;
        }

        if (invocation.Expression is not MemberAccessExpressionSyntax access)
        {
            return false;
        }

        var name = access.Name.Identifier.ValueText;
        var receiver = SyntaxNames.GetReceiverName(access);
        return receiver switch
        {
            "Math" or "TimeSpan" => true,
            "Shared" or "Random" => name is "Next" or "NextDouble",
            _ => name is "ToString" or "Next" or "NextDouble",
        };
    }

    /// <summary>The success path reads the response's status: the helper only returns successes, so that code would change meaning.</summary>
    private static bool ReadsStatus(SyntaxNode node, string response)
        => node.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Any(m =>
            m.Expression is IdentifierNameSyntax target && target.Identifier.ValueText == response
            && m.Name.Identifier.ValueText is "StatusCode" or "IsSuccessStatusCode" or "EnsureSuccessStatusCode" or "ReasonPhrase");

    /// <summary>
    /// A condition the rewrite may not drop: it waits, or writes something other than a local (a local it writes, such as
    /// <c>++attempt</c>, is checked with the other names the machinery writes).
    /// </summary>
    private static bool HasSideEffects(SyntaxNode node)
        => node.DescendantNodesAndSelf().Any(n => n is AwaitExpressionSyntax
            || n is AssignmentExpressionSyntax { Left: not IdentifierNameSyntax }
            || n is PostfixUnaryExpressionSyntax { Operand: not IdentifierNameSyntax } && (n.IsKind(SyntaxKind.PostIncrementExpression) || n.IsKind(SyntaxKind.PostDecrementExpression))
            || n is PrefixUnaryExpressionSyntax { Operand: not IdentifierNameSyntax } && (n.IsKind(SyntaxKind.PreIncrementExpression) || n.IsKind(SyntaxKind.PreDecrementExpression)));

    private static bool ContainsJump(SyntaxNode node)
        => node.DescendantNodesAndSelf().Any(n => n is ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or BreakStatementSyntax or ContinueStatementSyntax);

    private static bool IsInSwitch(SyntaxNode node, SyntaxNode root)
    {
        for (var current = node.Parent; current is not null && current != root.Parent; current = current.Parent)
        {
            if (current is SwitchSectionSyntax or ForEachStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddLoopHeader(StatementSyntax loop, List<SyntaxNode> dropped)
    {
        switch (loop)
        {
            case WhileStatementSyntax w:
                dropped.Add(w.Condition);
                break;
            case DoStatementSyntax d:
                dropped.Add(d.Condition);
                break;
            case ForStatementSyntax f:
                if (f.Declaration is { } declaration)
                {
                    dropped.Add(declaration);
                }

                dropped.AddRange(f.Initializers);
                if (f.Condition is { } condition)
                {
                    dropped.Add(condition);
                }

                dropped.AddRange(f.Incrementors);
                break;
        }
    }

    public static StatementSyntax? LoopBody(StatementSyntax loop) => loop switch
    {
        WhileStatementSyntax w => w.Statement,
        DoStatementSyntax d => d.Statement,
        ForStatementSyntax f => f.Statement,
        _ => null,
    };

    /// <summary>Names declared (locals, catch variables, pattern and out variables), written and read in <paramref name="node"/>.</summary>
    private static void Collect(SyntaxNode node, HashSet<string> declared, HashSet<string> written, HashSet<string> read)
    {
        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            switch (descendant)
            {
                case VariableDeclaratorSyntax declarator:
                    declared.Add(declarator.Identifier.ValueText);
                    break;
                case CatchDeclarationSyntax { Identifier: var identifier } when identifier.ValueText.Length > 0:
                    declared.Add(identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    declared.Add(designation.Identifier.ValueText);
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target }:
                    written.Add(target.Identifier.ValueText);
                    break;
                case PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax operand }:
                    written.Add(operand.Identifier.ValueText);
                    break;
                case PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax operand } unary
                    when unary.IsKind(SyntaxKind.PreIncrementExpression) || unary.IsKind(SyntaxKind.PreDecrementExpression):
                    written.Add(operand.Identifier.ValueText);
                    break;
                case ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword, Expression: IdentifierNameSyntax passed }:
                    written.Add(passed.Identifier.ValueText);
                    break;
                case IdentifierNameSyntax name when IsSimpleReference(name):
                    read.Add(name.Identifier.ValueText);
                    break;
            }
        }
    }

    private static bool Declares(SyntaxNode node, HashSet<string> names)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, declared, ignored, ignored);
        foreach (var parameter in node.DescendantNodesAndSelf().OfType<ParameterSyntax>())
        {
            declared.Add(parameter.Identifier.ValueText);
        }

        return declared.Overlaps(names);
    }

    /// <summary>The names <paramref name="node"/> reads (as <see cref="Collect"/> counts them).</summary>
    private static HashSet<string> Identifiers(SyntaxNode node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, ignored, ignored, names);
        return names;
    }

    /// <summary>A name that can refer to a local: not the member part of <c>x.Name</c>, not a named argument's name.</summary>
    private static bool IsSimpleReference(IdentifierNameSyntax name)
        => !(name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
           && !(name.Parent is MemberBindingExpressionSyntax)
           && name.Parent is not NameColonSyntax
           && !(name.Parent is QualifiedNameSyntax qualified && qualified.Right == name);
}
