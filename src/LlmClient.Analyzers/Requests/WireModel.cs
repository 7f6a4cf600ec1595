using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests;

/// <summary>How a payload was written in source; the code fixes edit each shape its own way.</summary>
internal enum PayloadShape
{
    AnonymousObject,
}

internal enum WireValueKind
{
    /// <summary>null reaches the wire as nothing the rules care about.</summary>
    Null,

    /// <summary>A compile-time constant (string, number, bool).</summary>
    Constant,

    /// <summary>A nested JSON object whose members are known.</summary>
    Object,

    /// <summary>A JSON array.</summary>
    Array,

    /// <summary>A value only known at run time.</summary>
    Unknown,
}

/// <summary>A value that a request puts on the wire.</summary>
internal sealed class WireValue
{
    public static readonly WireValue Null = new(WireValueKind.Null, null, null, null);

    private WireValue(WireValueKind kind, object? constant, WireObject? obj, ITypeSymbol? type)
    {
        Kind = kind;
        Constant = constant;
        Object = obj;
        Type = type;
    }

    public WireValueKind Kind { get; }

    public object? Constant { get; }

    public WireObject? Object { get; }

    public ITypeSymbol? Type { get; }

    /// <summary>True when the value certainly reaches the wire as something other than null.</summary>
    public bool IsCertainlyPresent => Kind != WireValueKind.Null && !(Kind == WireValueKind.Unknown && MayBeNull(Type));

    public static WireValue FromConstant(object value, ITypeSymbol? type) => new(WireValueKind.Constant, value, null, type);

    public static WireValue FromObject(WireObject obj, ITypeSymbol? type) => new(WireValueKind.Object, null, obj, type);

    public static WireValue FromArray(ITypeSymbol? type) => new(WireValueKind.Array, null, null, type);

    public static WireValue FromUnknown(ITypeSymbol? type) => new(WireValueKind.Unknown, null, null, type);

    /// <summary>The constant as a number, when it is one.</summary>
    public bool TryGetNumber(out double number)
    {
        switch (Constant)
        {
            case int i: number = i; return true;
            case long l: number = l; return true;
            case short s: number = s; return true;
            case byte b: number = b; return true;
            case uint ui: number = ui; return true;
            case ulong ul: number = ul; return true;
            case double d: number = d; return true;
            case float f: number = f; return true;
            case decimal m: number = (double)m; return true;
            default: number = 0; return false;
        }
    }

    /// <summary>A short rendering of the value for diagnostic messages.</summary>
    public string Display()
    {
        return Kind switch
        {
            WireValueKind.Constant when Constant is string s => "\"" + s + "\"",
            WireValueKind.Constant when Constant is bool b => b ? "true" : "false",
            WireValueKind.Constant => Convert.ToString(Constant, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
            WireValueKind.Null => "null",
            WireValueKind.Object => "an object",
            WireValueKind.Array => "an array",
            _ => "a value computed at run time",
        };
    }

    private static bool MayBeNull(ITypeSymbol? type)
    {
        if (type is null)
        {
            return true;
        }

        if (type.IsValueType)
        {
            return type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        }

        // Reference types: trust nullable annotations where the code has them.
        return type.NullableAnnotation != NullableAnnotation.NotAnnotated;
    }
}

/// <summary>One key of a JSON object as the request writes it.</summary>
internal sealed class WireProperty
{
    public WireProperty(string name, string path, WireValue value, SyntaxNode node, PayloadShape shape)
    {
        Name = name;
        Path = path;
        Value = value;
        Node = node;
        Shape = shape;
    }

    /// <summary>The wire key, after the serializer's naming policy.</summary>
    public string Name { get; }

    /// <summary>The dotted path from the body's root, e.g. <c>generation_config.seed</c>.</summary>
    public string Path { get; }

    public WireValue Value { get; }

    /// <summary>The syntax that writes the key and value; the code fixes remove or rewrite it.</summary>
    public SyntaxNode Node { get; }

    public PayloadShape Shape { get; }

    public Location Location => Node.GetLocation();
}

/// <summary>A JSON object whose keys the analyzer could read.</summary>
internal sealed class WireObject
{
    public WireObject(ImmutableArray<WireProperty> properties, SyntaxNode node, PayloadShape shape)
    {
        Properties = properties;
        Node = node;
        Shape = shape;
    }

    public ImmutableArray<WireProperty> Properties { get; }

    public SyntaxNode Node { get; }

    public PayloadShape Shape { get; }

    public WireProperty? Find(string name)
    {
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>True when the key is written with a value that is not null.</summary>
    public bool Has(string name) => Find(name) is { } p && p.Value.Kind != WireValueKind.Null;
}
