using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests;

/// <summary>
/// Reads the constant parts of a URL: literals, constants, interpolations, concatenations, <c>new Uri(...)</c>
/// (also base + relative) and locals or readonly fields initialized with one. Unknown parts become <c>{}</c>.
/// </summary>
internal static class UrlResolver
{
    private const string Hole = "{}";
    private const int MaxDepth = 4;

    /// <summary>The URL with unknown parts as <c>{}</c>, or null when no part of it is known.</summary>
    public static string? Resolve(IOperation? operation, LocalIndex index) => Resolve(operation, index, 0);

    private static string? Resolve(IOperation? operation, LocalIndex index, int depth)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        if (operation.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        operation = operation.WalkDownConversions();
        if (operation.ConstantValue is { HasValue: true, Value: string inner })
        {
            return inner;
        }

        switch (operation)
        {
            case IInterpolatedStringOperation interpolated:
                {
                    var text = new System.Text.StringBuilder();
                    var known = false;
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string literal } })
                        {
                            text.Append(literal);
                            known = true;
                        }
                        else if (part is IInterpolationOperation hole)
                        {
                            var resolved = Resolve(hole.Expression, index, depth + 1);
                            text.Append(resolved ?? Hole);
                            known |= resolved is not null;
                        }
                    }

                    return known ? text.ToString() : null;
                }

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                {
                    var left = Resolve(binary.LeftOperand, index, depth + 1);
                    var right = Resolve(binary.RightOperand, index, depth + 1);
                    return left is null && right is null ? null : (left ?? Hole) + (right ?? Hole);
                }

            case IObjectCreationOperation creation when creation.Type is { Name: "Uri", ContainingNamespace.Name: "System" }:
                {
                    var baseUri = creation.GetArgument("baseUri");
                    var relative = creation.GetArgument("relativeUri");
                    if (relative is not null)
                    {
                        var relativeText = Resolve(relative, index, depth + 1);
                        if (relativeText is null)
                        {
                            return null;
                        }

                        var baseText = Resolve(baseUri, index, depth + 1) ?? Hole;
                        return baseText.TrimEnd('/') + "/" + relativeText.TrimStart('/');
                    }

                    return Resolve(creation.GetArgument("uriString"), index, depth + 1);
                }

            case ILocalReferenceOperation local:
                {
                    var values = index.ValuesOf(local.Local);
                    return values.Length == 1 ? Resolve(values[0], index, depth + 1) : null;
                }

            case IFieldReferenceOperation field when field.Field.IsReadOnly:
                return ResolveReadOnlyField(field.Field);

            default:
                return null;
        }
    }

    /// <summary>A readonly field initialized with a string literal (the syntax is enough; no other tree is bound).</summary>
    private static string? ResolveReadOnlyField(IFieldSymbol field)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal } && literal.Token.Value is string text)
            {
                return text;
            }
        }

        return null;
    }
}
