using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests;

/// <summary>
/// Finds the naming policy a <c>JsonSerializerOptions</c> argument applies: created in place, held in a local, or in a
/// static readonly field initialized in the same file. Where it cannot be told, the policy is
/// <see cref="NamingPolicy.Unknown"/>.
/// </summary>
internal static class NamingPolicyResolver
{
    private const int JsonSerializerDefaultsWeb = 1;

    public static NamingPolicy Resolve(IOperation? options, NamingPolicy whenOmitted, LocalIndex index)
        => Resolve(options, whenOmitted, index, 0);

    private static NamingPolicy Resolve(IOperation? options, NamingPolicy whenOmitted, LocalIndex index, int depth)
    {
        if (options is null)
        {
            return whenOmitted;
        }

        if (depth > 3)
        {
            return NamingPolicy.Unknown;
        }

        var operation = options.WalkDownConversions();
        switch (operation)
        {
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
            case IDefaultValueOperation:
                return whenOmitted;

            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Web" } } web when IsOptionsType(web.Type):
                return NamingPolicy.CamelCase;

            case IObjectCreationOperation creation when IsOptionsType(creation.Type):
                return FromCreation(creation, index, depth);

            case ILocalReferenceOperation local:
                {
                    var values = index.ValuesOf(local.Local);
                    if (values.Length != 1)
                    {
                        return NamingPolicy.Unknown;
                    }

                    var policy = Resolve(values[0], NamingPolicy.Unknown, index, depth + 1);
                    foreach (var read in index.ReadsOf(local.Local))
                    {
                        // options.PropertyNamingPolicy = ...; after the creation.
                        if (read.Parent is IPropertyReferenceOperation { Property.Name: "PropertyNamingPolicy" } property
                            && property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
                        {
                            policy = FromPolicyValue(assignment.Value);
                        }
                    }

                    return policy;
                }

            case IFieldReferenceOperation { Field: { IsReadOnly: true } field } reference:
                return FromFieldInitializer(field, reference, index, depth);

            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Default" } } defaults when IsOptionsType(defaults.Type):
                return NamingPolicy.AsDeclared;

            default:
                return NamingPolicy.Unknown;
        }
    }

    /// <summary>A readonly options field initialized in the same file (binding another file is not allowed here).</summary>
    private static NamingPolicy FromFieldInitializer(IFieldSymbol field, IOperation reference, LocalIndex index, int depth)
    {
        foreach (var syntax in field.DeclaringSyntaxReferences)
        {
            if (syntax.SyntaxTree == reference.Syntax.SyntaxTree
                && syntax.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value }
                && reference.SemanticModel?.GetOperation(value) is { } initializer)
            {
                return Resolve(initializer, NamingPolicy.Unknown, index, depth + 1);
            }
        }

        return NamingPolicy.Unknown;
    }

    private static NamingPolicy FromCreation(IObjectCreationOperation creation, LocalIndex index, int depth)
    {
        var policy = NamingPolicy.AsDeclared;
        foreach (var argument in creation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: int defaults } && defaults == JsonSerializerDefaultsWeb)
            {
                policy = NamingPolicy.CamelCase;
            }
            else if (IsOptionsType(value.Type))
            {
                policy = Resolve(value, NamingPolicy.Unknown, index, depth + 1);
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "PropertyNamingPolicy" } } assignment)
                {
                    policy = FromPolicyValue(assignment.Value);
                }
            }
        }

        return policy;
    }

    private static NamingPolicy FromPolicyValue(IOperation value)
    {
        var operation = value.WalkDownConversions();
        if (operation is IPropertyReferenceOperation { Property: { IsStatic: true } property }
            && property.ContainingType is { Name: "JsonNamingPolicy" })
        {
            return NamingPolicyExtensions.FromJsonNamingPolicyMember(property.Name) ?? NamingPolicy.Unknown;
        }

        return operation.ConstantValue is { HasValue: true, Value: null } ? NamingPolicy.AsDeclared : NamingPolicy.Unknown;
    }

    private static bool IsOptionsType(ITypeSymbol? type)
        => type is { Name: "JsonSerializerOptions", ContainingNamespace: { Name: "Json", ContainingNamespace.Name: "Text" } };
}
