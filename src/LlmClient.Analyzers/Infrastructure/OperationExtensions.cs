using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Infrastructure;

internal static class OperationExtensions
{
    /// <summary>Strips implicit and explicit conversions and parentheses.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>Walks up through conversions and parentheses.</summary>
    public static IOperation WalkUpConversions(this IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>The root of the operation tree that contains <paramref name="operation"/>.</summary>
    public static IOperation Root(this IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>The argument bound to the parameter called <paramref name="parameterName"/>, if it was written.</summary>
    public static IOperation? GetArgument(this IInvocationOperation invocation, string parameterName)
        => FindArgument(invocation.Arguments, parameterName);

    public static IOperation? GetArgument(this IObjectCreationOperation creation, string parameterName)
        => FindArgument(creation.Arguments, parameterName);

    /// <summary>The value of the <paramref name="ordinal"/>-th parameter (the receiver of an extension is 0).</summary>
    public static IOperation? GetArgumentAt(this IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
            }
        }

        return null;
    }

    private static IOperation? FindArgument(IEnumerable<IArgumentOperation> arguments, string parameterName)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
            }
        }

        return null;
    }
}
