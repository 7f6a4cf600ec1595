using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests.Payloads;

/// <summary>Reads the JSON object a payload operation serializes to, whatever shape wrote it.</summary>
internal static class PayloadReader
{
    private const int MaxDepth = 3;

    /// <summary>Every object the payload can be (a local assigned twice can be either).</summary>
    public static ImmutableArray<WireObject> Read(IOperation? payload, NamingPolicy policy, ReaderContext context)
    {
        var builder = ImmutableArray.CreateBuilder<WireObject>();
        Read(payload, policy, context, builder, local: null, depth: 0);
        return builder.ToImmutable();
    }

    private static void Read(IOperation? payload, NamingPolicy policy, ReaderContext context, ImmutableArray<WireObject>.Builder into, ILocalSymbol? local, int depth)
    {
        if (payload is null || depth > MaxDepth)
        {
            return;
        }

        switch (payload.WalkDownConversions())
        {
            case IAnonymousObjectCreationOperation anonymous:
                into.Add(AnonymousObjectReader.Read(anonymous, policy, prefix: string.Empty, context, isClosed: true));
                break;

            case IObjectCreationOperation creation when context.Types.IsStringKeyedCollection(creation.Type):
                into.Add(KeyedCollectionReader.Read(creation, local, prefix: string.Empty, context));
                break;

            case IObjectCreationOperation creation when DtoReader.IsDto(creation.Type):
                into.Add(DtoReader.Read(creation, policy, local, prefix: string.Empty, context));
                break;

            case IInvocationOperation { TargetMethod.Name: "FromObject" } fromObject when IsJToken(fromObject.TargetMethod.ContainingType, context):
                Read(fromObject.Arguments.Length > 0 ? fromObject.Arguments[0].Value : null, NamingPolicy.AsDeclared, context, into, null, depth + 1);
                break;

            case ILocalReferenceOperation reference:
                foreach (var value in context.Index.ValuesOf(reference.Local))
                {
                    Read(value, policy, context, into, reference.Local, depth + 1);
                }

                break;
        }
    }

    private static bool IsJToken(INamedTypeSymbol? type, ReaderContext context)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, context.Types.JToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What one C# value puts on the wire.</summary>
    public static WireValue ReadValue(IOperation value, NamingPolicy policy, string path, ReaderContext context)
    {
        var type = value.Type;
        // Read once: each read of an operation's ConstantValue boxes a number anew.
        var outer = value.ConstantValue;
        if (outer.HasValue)
        {
            return outer.Value is { } constant ? WireValue.FromConstant(constant, type) : WireValue.Null;
        }

        var inner = value.WalkDownConversions();

        // An enum converted to another type (the Anthropic SDK's ApiEnum<string, Model>) is written as that type writes it.
        if (inner.Type?.TypeKind == TypeKind.Enum && type is not null && type.TypeKind != TypeKind.Enum)
        {
            return WireValue.FromUnknown(type);
        }

        var innerConstant = inner.ConstantValue;
        if (innerConstant.HasValue)
        {
            return innerConstant.Value is { } constant ? WireValue.FromConstant(constant, type) : WireValue.Null;
        }

        switch (inner)
        {
            case IDefaultValueOperation when type is null || !type.IsValueType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                return WireValue.Null;
            case IAnonymousObjectCreationOperation nested:
                return WireValue.FromObject(AnonymousObjectReader.Read(nested, policy, path + ".", context, isClosed: true), type);
            case IObjectCreationOperation creation when context.Types.IsStringKeyedCollection(creation.Type):
                return WireValue.FromObject(KeyedCollectionReader.Read(creation, null, path + ".", context), type);
            case IObjectCreationOperation creation when DtoReader.IsDto(creation.Type):
                return WireValue.FromObject(DtoReader.Read(creation, policy, null, path + ".", context), type);
            case IObjectCreationOperation creation when IsJsonArray(creation.Type, context):
                return Items(creation.Arguments.Length == 1 && creation.Arguments[0].Value is IArrayCreationOperation { Initializer: { } init } ? init.ElementValues : default, policy, path, context, type);
            case IObjectCreationOperation { Type.Name: "JValue", Arguments.Length: 1 } jvalue:
                return ReadValue(jvalue.Arguments[0].Value, policy, path, context);
            case IArrayCreationOperation array:
                return Items(array.Initializer?.ElementValues ?? default, policy, path, context, type);
            case ICollectionExpressionOperation collection:
                return Items(collection.Elements, policy, path, context, type);
            default:
                return WireValue.FromUnknown(type, InlineFileDetector.InlinesFile(inner, context.Index));
        }
    }

    private static bool IsJsonArray(ITypeSymbol? type, ReaderContext context)
        => SymbolEqualityComparer.Default.Equals(type, context.Types.JsonArray) || type is { Name: "JArray", ContainingNamespace.Name: "Linq" };

    /// <summary>An array's items; an empty array sends nothing a gateway objects to and counts as null.</summary>
    private static WireValue Items(ImmutableArray<IOperation> elements, NamingPolicy policy, string path, ReaderContext context, ITypeSymbol? type)
    {
        if (elements.IsDefault)
        {
            return WireValue.FromArray(ImmutableArray<WireValue>.Empty, type);
        }

        if (elements.IsEmpty)
        {
            return WireValue.Null;
        }

        var items = ImmutableArray.CreateBuilder<WireValue>(elements.Length);
        foreach (var element in elements)
        {
            items.Add(ReadValue(element, policy, path + "[]", context));
        }

        return WireValue.FromArray(items.MoveToImmutable(), type);
    }
}
