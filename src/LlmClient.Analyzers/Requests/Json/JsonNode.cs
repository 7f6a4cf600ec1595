using System.Collections.Immutable;

namespace LlmClient.Analyzers.Requests.Json;

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,

    /// <summary>An interpolation hole: a value only known at run time.</summary>
    Hole,
}

/// <summary>A parsed JSON value with its span in the parsed text.</summary>
internal sealed class JsonValue
{
    public JsonValue(JsonKind kind, int start, int end, string? text = null, double number = 0, ImmutableArray<JsonMember> members = default, ImmutableArray<JsonValue> items = default)
    {
        Kind = kind;
        Start = start;
        End = end;
        Text = text;
        Number = number;
        Members = members.IsDefault ? ImmutableArray<JsonMember>.Empty : members;
        Items = items.IsDefault ? ImmutableArray<JsonValue>.Empty : items;
    }

    public JsonKind Kind { get; }

    public int Start { get; }

    public int End { get; }

    /// <summary>The decoded string of a String value.</summary>
    public string? Text { get; }

    public double Number { get; }

    public ImmutableArray<JsonMember> Members { get; }

    public ImmutableArray<JsonValue> Items { get; }
}

/// <summary>A <c>"key": value</c> pair; <see cref="Start"/> is the key's opening quote, <see cref="End"/> the value's end.</summary>
internal sealed class JsonMember
{
    public JsonMember(string name, int start, JsonValue value)
    {
        Name = name;
        Start = start;
        Value = value;
    }

    public string Name { get; }

    public int Start { get; }

    public int End => Value.End;

    public JsonValue Value { get; }
}
