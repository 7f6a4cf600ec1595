using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests.Payloads;

/// <summary>Reads the JSON object a payload operation serializes to, whatever shape wrote it.</summary>
internal static class PayloadReader
{
    private const int MaxDepth = 3;

    /// <summary>Every object the payload can be (a local assigned twice can be either).</summary>
    public static ImmutableArray<WireObject> Read(IOperation? payload, NamingPolicy policy, LocalIndex index)
    {
        var builder = ImmutableArray.CreateBuilder<WireObject>();
        Read(payload, policy, index, builder, 0);
        return builder.ToImmutable();
    }

    private static void Read(IOperation? payload, NamingPolicy policy, LocalIndex index, ImmutableArray<WireObject>.Builder into, int depth)
    {
        if (payload is null || depth > MaxDepth)
        {
            return;
        }

        switch (payload.WalkDownConversions())
        {
            case IAnonymousObjectCreationOperation anonymous:
                into.Add(ReadAnonymous(anonymous, policy, prefix: string.Empty));
                break;

            case ILocalReferenceOperation local:
                foreach (var value in index.ValuesOf(local.Local))
                {
                    Read(value, policy, index, into, depth + 1);
                }

                break;
        }
    }

    private static WireObject ReadAnonymous(IAnonymousObjectCreationOperation creation, NamingPolicy policy, string prefix)
    {
        var properties = ImmutableArray.CreateBuilder<WireProperty>(creation.Initializers.Length);
        foreach (var initializer in creation.Initializers)
        {
            if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
            {
                continue;
            }

            var name = policy.Apply(target.Property.Name);
            var path = prefix + name;
            var node = assignment.Syntax.FirstAncestorOrSelf<AnonymousObjectMemberDeclaratorSyntax>() ?? assignment.Syntax;
            properties.Add(new WireProperty(name, path, ReadValue(assignment.Value, policy, path), node, PayloadShape.AnonymousObject));
        }

        return new WireObject(properties.ToImmutable(), creation.Syntax, PayloadShape.AnonymousObject);
    }

    private static WireValue ReadValue(IOperation value, NamingPolicy policy, string path)
    {
        var type = value.Type;
        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value is { } constant ? WireValue.FromConstant(constant, type) : WireValue.Null;
        }

        var inner = value.WalkDownConversions();
        if (inner.ConstantValue.HasValue)
        {
            return inner.ConstantValue.Value is { } constant ? WireValue.FromConstant(constant, type) : WireValue.Null;
        }

        return inner switch
        {
            IDefaultValueOperation when type is null || !type.IsValueType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T => WireValue.Null,
            IAnonymousObjectCreationOperation nested => WireValue.FromObject(ReadAnonymous(nested, policy, path + "."), type),
            IArrayCreationOperation or ICollectionExpressionOperation => WireValue.FromArray(type),
            _ => WireValue.FromUnknown(type),
        };
    }
}
