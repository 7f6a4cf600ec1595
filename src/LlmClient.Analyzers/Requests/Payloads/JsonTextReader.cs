using System.Collections.Immutable;
using LlmClient.Analyzers.Requests.Json;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmClient.Analyzers.Requests.Payloads;

/// <summary>The outcome of reading JSON text: an object, or why the text is not a JSON object.</summary>
internal readonly struct JsonTextResult
{
    public JsonTextResult(WireObject? body, string? error, Microsoft.CodeAnalysis.Location? errorLocation)
    {
        Body = body;
        Error = error;
        ErrorLocation = errorLocation;
    }

    public WireObject? Body { get; }

    public string? Error { get; }

    public Microsoft.CodeAnalysis.Location? ErrorLocation { get; }
}

/// <summary>
/// JSON in a string literal (regular, verbatim, raw, or interpolated: holes are run-time values). Each member's
/// location is the span of source text that writes it, inside the literal.
/// </summary>
internal static class JsonTextReader
{
    /// <summary>Reads the literal; null when the expression is not a string literal the reader understands.</summary>
    public static JsonTextResult? Read(ExpressionSyntax expression)
    {
        if (JsonLiteralSource.Create(expression) is not { } source)
        {
            return null;
        }

        var value = JsonParser.Parse(source.Text, out var errorOffset, out var error);
        if (value is null)
        {
            if (source.HasHoles)
            {
                // A hole may stand for any JSON fragment: only literal text can be judged.
                return null;
            }

            var at = System.Math.Min(errorOffset, source.Text.Length);
            return new JsonTextResult(null, "it is not valid JSON: " + error, source.Location(at, at == source.Text.Length ? at : at + 1));
        }

        if (value.Kind != JsonKind.Object)
        {
            return value.Kind == JsonKind.Hole
                ? null
                : new JsonTextResult(null, $"its top level is {Describe(value.Kind)}, not an object", source.Location(value.Start, value.End));
        }

        return new JsonTextResult(ReadObject(value, source, string.Empty), null, null);
    }

    private static WireObject ReadObject(JsonValue obj, JsonLiteralSource source, string prefix)
    {
        var properties = ImmutableArray.CreateBuilder<WireProperty>(obj.Members.Length);
        foreach (var member in obj.Members)
        {
            var path = prefix + member.Name;
            properties.Add(new WireProperty(
                member.Name,
                path,
                ValueOf(member.Value, source, path),
                source.Expression,
                PayloadShape.JsonText,
                location: source.Location(member.Start, member.End),
                valueLocation: source.Location(member.Value.Start, member.Value.End)));
        }

        return new WireObject(properties.ToImmutable(), source.Expression, PayloadShape.JsonText, isClosed: !HasComputedKeys(obj));
    }

    private static WireValue ValueOf(JsonValue value, JsonLiteralSource source, string path)
    {
        switch (value.Kind)
        {
            case JsonKind.Object:
                return WireValue.FromObject(ReadObject(value, source, path + "."), null);
            case JsonKind.Array:
                {
                    if (value.Items.IsEmpty)
                    {
                        return WireValue.Null;
                    }

                    var items = ImmutableArray.CreateBuilder<WireValue>(value.Items.Length);
                    foreach (var item in value.Items)
                    {
                        items.Add(ValueOf(item, source, path + "[]"));
                    }

                    return WireValue.FromArray(items.MoveToImmutable(), null);
                }

            case JsonKind.String:
                return WireValue.FromConstant(value.Text!, null);
            case JsonKind.Number:
                return WireValue.FromConstant(value.Number, null);
            case JsonKind.True:
                return WireValue.FromConstant(true, null);
            case JsonKind.False:
                return WireValue.FromConstant(false, null);
            case JsonKind.Null:
                return WireValue.Null;
            default:
                return WireValue.FromUnknown(null);
        }
    }

    /// <summary>A key written with an interpolation hole (<c>"{{name}}": 1</c>) may be any key.</summary>
    private static bool HasComputedKeys(JsonValue obj)
    {
        foreach (var member in obj.Members)
        {
            if (member.Name.IndexOf(JsonParser.HoleChar) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(JsonKind kind) => kind switch
    {
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Null => "null",
        _ => "a boolean",
    };
}
