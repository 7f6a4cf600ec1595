using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests;

/// <summary>How a payload was written in source; the code fixes edit each shape its own way.</summary>
internal enum PayloadShape
{
    /// <summary><c>new { model = "...", n = 2 }</c></summary>
    AnonymousObject,

    /// <summary>A <c>Dictionary&lt;string, T&gt;</c>, <c>JsonObject</c>, Newtonsoft <c>JObject</c> or <c>AdditionalPropertiesDictionary</c>.</summary>
    KeyedCollection,

    /// <summary>JSON in a string literal (regular, verbatim, raw or interpolated).</summary>
    JsonText,

    /// <summary>An instance of a class, record or struct declared in the project.</summary>
    Dto,

    /// <summary>An SDK options type: OpenAI, Microsoft.Extensions.AI, Anthropic.</summary>
    SdkOptions,
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
    public static readonly WireValue Null = new(WireValueKind.Null, null, null, null, default);

    private WireValue(WireValueKind kind, object? constant, WireObject? obj, ITypeSymbol? type, ImmutableArray<WireValue> items, bool inlinesFile = false)
    {
        InlinesFile = inlinesFile;
        Kind = kind;
        Constant = constant;
        Object = obj;
        Type = type;
        Items = items.IsDefault ? ImmutableArray<WireValue>.Empty : items;
    }

    /// <summary>A run-time value that embeds a file's or stream's bytes as base64 (LLM3004).</summary>
    public bool InlinesFile { get; }

    /// <summary>The known items of an array.</summary>
    public ImmutableArray<WireValue> Items { get; }

    public WireValueKind Kind { get; }

    public object? Constant { get; }

    public WireObject? Object { get; }

    public ITypeSymbol? Type { get; }

    /// <summary>True when the value certainly reaches the wire as something other than null.</summary>
    public bool IsCertainlyPresent => Kind != WireValueKind.Null && !(Kind == WireValueKind.Unknown && MayBeNull(Type));

    public static WireValue FromConstant(object value, ITypeSymbol? type) => new(WireValueKind.Constant, value, null, type, default);

    public static WireValue FromObject(WireObject obj, ITypeSymbol? type) => new(WireValueKind.Object, null, obj, type, default);

    public static WireValue FromArray(ImmutableArray<WireValue> items, ITypeSymbol? type) => new(WireValueKind.Array, null, null, type, items);

    public static WireValue FromUnknown(ITypeSymbol? type, bool inlinesFile = false) => new(WireValueKind.Unknown, null, null, type, default, inlinesFile);

    /// <summary>The constant as a string, when it is one.</summary>
    public string? AsString => Kind == WireValueKind.Constant ? Constant as string : null;

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
    public WireProperty(string name, string path, WireValue value, SyntaxNode node, PayloadShape shape, Location? location = null, Location? valueLocation = null, SyntaxNode? valueNode = null)
    {
        Name = name;
        Path = path;
        Value = value;
        Node = node;
        Shape = shape;
        _location = location;
        _valueLocation = valueLocation;
        _valueNode = valueNode;
    }

    private Location? _location;
    private Location? _valueLocation;
    private readonly SyntaxNode? _valueNode;

    /// <summary>The wire key, after the serializer's naming policy.</summary>
    public string Name { get; }

    /// <summary>The dotted path from the body's root, e.g. <c>generation_config.seed</c>.</summary>
    public string Path { get; }

    public WireValue Value { get; }

    /// <summary>
    /// The syntax that writes the key and value (a member, an initializer entry, a statement); for JSON text, the
    /// string expression that contains it.
    /// </summary>
    public SyntaxNode Node { get; }

    public PayloadShape Shape { get; }

    /// <summary>Where the key and value are written; the code fixes remove or rewrite what is there. Made when first asked (most properties are never reported).</summary>
    public Location Location => _location ??= Node.GetLocation();

    /// <summary>Where the value alone is written, when it can be rewritten (from <c>valueNode</c>, made when first asked).</summary>
    public Location? ValueLocation => _valueLocation ??= _valueNode?.GetLocation();
}

/// <summary>A JSON object whose keys the analyzer could read.</summary>
internal sealed class WireObject
{
    public WireObject(ImmutableArray<WireProperty> properties, SyntaxNode node, PayloadShape shape, bool isClosed, ImmutableHashSet<string>? implicitKeys = null)
    {
        Properties = properties;
        Node = node;
        Shape = shape;
        IsClosed = isClosed;
        ImplicitKeys = implicitKeys ?? ImmutableHashSet<string>.Empty;
    }

    public ImmutableArray<WireProperty> Properties { get; }

    /// <summary>The syntax that creates the object (a creation expression, a string literal).</summary>
    public SyntaxNode Node { get; }

    public PayloadShape Shape { get; }

    /// <summary>Every key the object can carry is among <see cref="Properties"/>: nothing else adds keys to it.</summary>
    public bool IsClosed { get; }

    /// <summary>Keys sent without being written here (a DTO's non-nullable value-type properties left at default).</summary>
    public ImmutableHashSet<string> ImplicitKeys { get; }

    public Location Location => Node.GetLocation();

    /// <summary>True when the request certainly does not send <paramref name="name"/> (or sends it as null).</summary>
    public bool DefinitelyLacks(string name)
        => IsClosed && !ImplicitKeys.Contains(name) && (Find(name) is not { } p || p.Value.Kind == WireValueKind.Null);

    private ImmutableArray<WireObject> _descendantsAndSelf;

    /// <summary>This object and every object nested in it, through arrays too (depth first, in order); listed once, on first use.</summary>
    public ImmutableArray<WireObject> DescendantsAndSelf()
    {
        if (_descendantsAndSelf.IsDefault)
        {
            var builder = ImmutableArray.CreateBuilder<WireObject>();
            AddWithDescendants(this, builder);
            _descendantsAndSelf = builder.ToImmutable();
        }

        return _descendantsAndSelf;
    }

    private static void AddWithDescendants(WireObject obj, ImmutableArray<WireObject>.Builder into)
    {
        into.Add(obj);
        foreach (var property in obj.Properties)
        {
            AddNested(property.Value, into);
        }
    }

    private static void AddNested(WireValue value, ImmutableArray<WireObject>.Builder into)
    {
        if (value.Object is { } obj)
        {
            AddWithDescendants(obj, into);
        }

        foreach (var item in value.Items)
        {
            AddNested(item, into);
        }
    }

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

    /// <summary>The property at a dotted path (<c>generation_config.seed</c>), nested or written flat (OpenAI's Patch).</summary>
    public WireProperty? FindPath(string path)
    {
        foreach (var obj in DescendantsAndSelf())
        {
            foreach (var property in obj.Properties)
            {
                if (string.Equals(property.Path, path, StringComparison.Ordinal))
                {
                    return property;
                }
            }
        }

        return null;
    }

    /// <summary>True when the key is written with a value that is not null.</summary>
    public bool Has(string name) => Find(name) is { } p && p.Value.Kind != WireValueKind.Null;
}
