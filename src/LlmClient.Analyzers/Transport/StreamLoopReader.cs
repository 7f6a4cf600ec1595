using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// Recognizes a loop that reads a server-sent-event stream (<c>TextReader.ReadLine[Async]</c>, <c>await foreach</c> over
/// <c>SseParser</c> items or a <c>ReadLines</c>-like enumeration of strings) of an HTTP response or of <c>data:</c>
/// lines, and reads what the transport rules need from it: the <c>[DONE]</c> check (literal, constant, pattern,
/// <c>Equals</c>/<c>StartsWith</c>/<c>Contains</c>, or a helper one call deep), the <c>error</c> checks, and where a
/// fix can insert one.
/// </summary>
internal static class StreamLoopReader
{
    public static StreamLoop? Read(ILoopOperation loop, TransportTypes types, CancellationToken cancellationToken)
    {
        var own = OwnOperations(loop);
        var readsLines = false;
        var sse = false;
        IOperation? doneCheck = null;
        IOperation? doneConstant = null;
        foreach (var operation in own)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (method.Name is "ReadLine" or "ReadLineAsync" && TransportTypes.DerivesFrom(method.ContainingType, types.TextReader))
                {
                    readsLines = true;
                }
                else if (doneCheck is null && IsDoneHelper(method, loop, cancellationToken))
                {
                    doneCheck = invocation;
                }
            }
            else if (operation.ConstantValue is { HasValue: true, Value: string text })
            {
                if (doneCheck is null && text.IndexOf(GatewayFacts.StreamDoneSentinel, StringComparison.Ordinal) >= 0 && CheckOf(operation) is { } check)
                {
                    doneCheck = check;
                    doneConstant = operation;
                }

                sse |= text.TrimStart().StartsWith(GatewayFacts.SseDataField, StringComparison.Ordinal);
            }
        }

        if (loop is IForEachLoopOperation forEach && ElementType(forEach) is { } element)
        {
            if (SymbolEqualityComparer.Default.Equals(element.OriginalDefinition, types.SseItem))
            {
                readsLines = sse = true;
            }
            else if (element.SpecialType == SpecialType.System_String
                     && forEach.Collection.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: var enumerator }
                     && enumerator.IndexOf("Line", StringComparison.Ordinal) >= 0)
            {
                readsLines = true;
            }
        }

        if (!readsLines || doneCheck is null)
        {
            return null;
        }

        var root = loop.Root();
        if (!sse && !ReadsResponseStream(root))
        {
            return null;
        }

        var compared = doneConstant is null ? null : ComparedValue(doneCheck, doneConstant);
        var exact = doneConstant?.ConstantValue.Value is string sentinel && sentinel == GatewayFacts.StreamDoneSentinel;
        var checksError = ChecksError(loop, cancellationToken);
        var passesRaw = compared is not null && PassesRawEvent(loop, compared);

        var (kind, payload, anchor, after) = FindInsertion(loop, own, doneCheck, exact ? compared : null, types);
        return new StreamLoop(loop, doneCheck, checksError, passesRaw, kind, payload, anchor, after);
    }

    /// <summary>The loop's operations outside nested loops, lambdas and local functions, in source order.</summary>
    private static List<IOperation> OwnOperations(ILoopOperation loop)
    {
        var list = new List<IOperation>();
        var stack = new Stack<IOperation>();
        stack.Push(loop);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            list.Add(current);
            // Pushed last to first, so that they pop in source order; the reversed list is walked in place (no copy per node).
            foreach (var child in current.ChildOperations.Reverse())
            {
                if (child is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                stack.Push(child);
            }
        }

        return list;
    }

    private static ITypeSymbol? ElementType(IForEachLoopOperation forEach)
        => forEach.LoopControlVariable switch
        {
            IVariableDeclaratorOperation declarator => declarator.Symbol.Type,
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local.Type,
            _ => null,
        };

    /// <summary>The comparison a <c>[DONE]</c> constant takes part in, or null when it is not compared (e.g. logged).</summary>
    private static IOperation? CheckOf(IOperation constant)
    {
        var current = constant.WalkUpConversions();
        switch (current.Parent)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                return binary;
            case IArgumentOperation { Parent: IInvocationOperation invocation }
                when invocation.TargetMethod.Name is "Equals" or "StartsWith" or "EndsWith" or "Contains" or "SequenceEqual" or "Compare" or "CompareOrdinal":
                return invocation;
            case IConstantPatternOperation pattern:
                {
                    IOperation? up = pattern.Parent;
                    while (up is IPatternOperation)
                    {
                        up = up.Parent;
                    }

                    return up is IIsPatternOperation or ISwitchExpressionArmOperation or ICaseClauseOperation ? up : null;
                }

            case ISingleValueCaseClauseOperation clause:
                return clause;
            default:
                return null;
        }
    }

    /// <summary>What the <c>[DONE]</c> constant is compared with, looking through <c>Trim()</c>.</summary>
    private static IOperation? ComparedValue(IOperation check, IOperation constant)
    {
        IOperation? value = check switch
        {
            IBinaryOperation binary => binary.LeftOperand.ConstantValue.HasValue ? binary.RightOperand : binary.LeftOperand,
            IInvocationOperation { Instance: { } instance } => instance,
            IInvocationOperation invocation => OtherArgument(invocation, constant),
            IIsPatternOperation isPattern => isPattern.Value,
            _ => null,
        };

        value = value?.WalkDownConversions();
        while (value is IInvocationOperation { TargetMethod.Name: "Trim" or "TrimEnd" or "TrimStart", Instance: { } trimmed })
        {
            value = trimmed.WalkDownConversions();
        }

        return value is ILocalReferenceOperation or IParameterReferenceOperation or IPropertyReferenceOperation { Instance: ILocalReferenceOperation or IParameterReferenceOperation }
               && value.Type?.SpecialType == SpecialType.System_String
            ? value
            : null;
    }

    private static IOperation? OtherArgument(IInvocationOperation invocation, IOperation constant)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (!argument.Value.ConstantValue.HasValue && argument.Value.Type?.SpecialType == SpecialType.System_String && !argument.Syntax.Span.Contains(constant.Syntax.Span))
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>A source method (or local function) returning bool, other than the loop's own, that tests for <c>[DONE]</c>.</summary>
    private static bool IsDoneHelper(IMethodSymbol method, ILoopOperation loop, CancellationToken cancellationToken)
    {
        if (method.ReturnType.SpecialType != SpecialType.System_Boolean || method.DeclaringSyntaxReferences.IsEmpty || loop.Syntax.Ancestors().Any(a => IsDeclarationOf(a, method)))
        {
            return false;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.StringLiteralToken) && token.ValueText.IndexOf(GatewayFacts.StreamDoneSentinel, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }

                if (token.IsKind(SyntaxKind.IdentifierToken) && IsDoneConstant(method.ContainingType, token.ValueText))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDeclarationOf(SyntaxNode node, IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == node.SyntaxTree && reference.Span == node.Span)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDoneConstant(INamedTypeSymbol? type, string name)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var member in type.GetMembers(name))
        {
            if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: string value } && value.IndexOf(GatewayFacts.StreamDoneSentinel, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Anything in the loop that looks at an error: an <c>"error"</c> string (a property name, an event type), a member
    /// named <c>Error</c>, a call named like <c>ThrowIfError</c>, or a source helper called from the loop that mentions
    /// an error. Generous on purpose: a loop that might check is left alone.
    /// </summary>
    private static bool ChecksError(ILoopOperation loop, CancellationToken cancellationToken)
    {
        foreach (var operation in loop.Descendants())
        {
            switch (operation)
            {
                case { ConstantValue: { HasValue: true, Value: string text } } when MentionsError(text):
                    return true;
                case IPropertyReferenceOperation property when MentionsError(property.Property.Name):
                    return true;
                case IFieldReferenceOperation field when MentionsError(field.Field.Name):
                    return true;
                case IInvocationOperation invocation when MentionsError(invocation.TargetMethod.Name) || HelperMentionsError(invocation.TargetMethod, cancellationToken):
                    return true;
            }
        }

        return false;
    }

    private static bool HelperMentionsError(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                if ((token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.IdentifierToken)) && MentionsError(token.ValueText))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool MentionsError(string text) => text.IndexOf(GatewayFacts.StreamErrorField, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>The raw event text leaves the loop: yielded, returned, passed to a delegate, added to a collection or written to a channel.</summary>
    private static bool PassesRawEvent(ILoopOperation loop, IOperation compared)
    {
        var symbol = SymbolOf(compared);
        if (symbol is null)
        {
            return false;
        }

        foreach (var operation in loop.Descendants())
        {
            switch (operation)
            {
                case IReturnOperation { ReturnedValue: { } value } when Same(value, compared, symbol):
                    return true;
                case IArgumentOperation { Parent: IInvocationOperation invocation } argument when Same(argument.Value, compared, symbol)
                    && (invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke
                        || invocation.TargetMethod.Name is "Add" or "Enqueue" or "TryWrite" or "WriteAsync" or "OnNext" or "Post" or "TrySetResult"):
                    return true;
            }
        }

        return false;
    }

    private static ISymbol? SymbolOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IPropertyReferenceOperation { Instance: ILocalReferenceOperation local } => local.Local,
        IPropertyReferenceOperation { Instance: IParameterReferenceOperation parameter } => parameter.Parameter,
        _ => null,
    };

    /// <summary>The value is the compared text itself, or (for <c>item.Data</c>) the whole item.</summary>
    private static bool Same(IOperation value, IOperation compared, ISymbol symbol)
    {
        value = value.WalkDownConversions();
        if (compared is IPropertyReferenceOperation property)
        {
            return SymbolEqualityComparer.Default.Equals(SymbolOf(value), symbol)
                   && (value is ILocalReferenceOperation or IParameterReferenceOperation
                       || (value is IPropertyReferenceOperation other && SymbolEqualityComparer.Default.Equals(other.Property, property.Property)));
        }

        return value is ILocalReferenceOperation or IParameterReferenceOperation && SymbolEqualityComparer.Default.Equals(SymbolOf(value), symbol);
    }

    /// <summary>
    /// Where a fix can check the event: after a <c>JsonDocument</c>/<c>JsonElement</c> local parsed from it, before the
    /// statement that parses or deserializes the data string, or right after the <c>[DONE]</c> check on the data string.
    /// The anchor must be a statement directly in a block of the loop, after the <c>[DONE]</c> check.
    /// </summary>
    private static (PayloadKind Kind, string? Payload, SyntaxNode? Anchor, bool After) FindInsertion(ILoopOperation loop, List<IOperation> own, IOperation doneCheck, IOperation? data, TransportTypes types)
    {
        var afterCheck = doneCheck.Syntax.Span.End;
        foreach (var operation in own)
        {
            if (operation is IVariableDeclaratorOperation { Initializer.Value: { } value } declarator
                && declarator.Syntax.SpanStart > afterCheck
                && (SymbolEqualityComparer.Default.Equals(declarator.Symbol.Type, types.JsonDocument) || SymbolEqualityComparer.Default.Equals(declarator.Symbol.Type, types.JsonElement))
                && ParsesSomething(value)
                && declarator.Syntax.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { } statement
                && IsStatementInLoopBlock(statement, loop))
            {
                var kind = SymbolEqualityComparer.Default.Equals(declarator.Symbol.Type, types.JsonDocument) ? PayloadKind.Document : PayloadKind.Element;
                return (kind, declarator.Symbol.Name, statement, true);
            }
        }

        foreach (var operation in own)
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Parse" or "ParseValue" or "Deserialize" or "DeserializeObject" } parse
                && parse.Syntax.SpanStart > afterCheck
                && IsJsonLibrary(parse.TargetMethod)
                && parse.Arguments.Length > 0
                && SimpleText(parse.Arguments[0].Value.WalkDownConversions()) is { } text
                && parse.Syntax.FirstAncestorOrSelf<StatementSyntax>() is { } statement
                && IsStatementInLoopBlock(statement, loop))
            {
                return (PayloadKind.Text, text, statement, false);
            }
        }

        if (data is not null && SimpleText(data) is { } dataText && doneCheck.Syntax.FirstAncestorOrSelf<StatementSyntax>() is { } checkStatement && IsStatementInLoopBlock(checkStatement, loop))
        {
            return (PayloadKind.Text, dataText, checkStatement, true);
        }

        return (PayloadKind.None, null, null, false);
    }

    private static bool ParsesSomething(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Parse" or "ParseValue" or "Deserialize" } || operation is IPropertyReferenceOperation { Property.Name: "RootElement" })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsJsonLibrary(IMethodSymbol method)
    {
        var ns = method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns.StartsWith("System.Text.Json", StringComparison.Ordinal) || ns.StartsWith("Newtonsoft.Json", StringComparison.Ordinal);
    }

    /// <summary>A string local, parameter or <c>local.Property</c>, written as a plain name or member access.</summary>
    private static string? SimpleText(IOperation operation)
        => operation.Type?.SpecialType == SpecialType.System_String
           && operation is ILocalReferenceOperation or IParameterReferenceOperation or IPropertyReferenceOperation { Instance: ILocalReferenceOperation or IParameterReferenceOperation }
           && operation.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax }
            ? operation.Syntax.ToString()
            : null;

    /// <summary>The statement sits directly in a block (not a switch section, not an embedded statement) inside the loop's body.</summary>
    private static bool IsStatementInLoopBlock(StatementSyntax statement, ILoopOperation loop)
        => statement.Parent is BlockSyntax block && loop.Body.Syntax.Span.Contains(block.Span) && statement != loop.Syntax;

    /// <summary>The method reads an HTTP response as a stream.</summary>
    private static bool ReadsResponseStream(IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "ReadAsStreamAsync" or "ReadAsStream" or "GetStreamAsync" })
            {
                return true;
            }
        }

        return false;
    }
}
