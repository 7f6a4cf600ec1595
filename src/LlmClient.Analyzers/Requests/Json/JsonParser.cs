using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace LlmClient.Analyzers.Requests.Json;

/// <summary>
/// A strict JSON parser (RFC 8259) that keeps the span of every value and member, so diagnostics and fixes can point
/// into a string literal. <see cref="HoleChar"/> stands for an interpolation hole and parses as a run-time value.
/// </summary>
internal sealed class JsonParser
{
    /// <summary>Marks an interpolation hole in the text (a noncharacter, never in real JSON).</summary>
    public const char HoleChar = '\uFFFF';

    private const int MaxDepth = 64;

    private readonly string _text;
    private int _position;
    private int _depth;

    private JsonParser(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>; on failure returns null and the offset and reason of the first error.</summary>
    public static JsonValue? Parse(string text, out int errorOffset, out string? error)
    {
        var parser = new JsonParser(text);
        try
        {
            parser.SkipWhitespace();
            var value = parser.ParseValue();
            parser.SkipWhitespace();
            if (parser._position != text.Length)
            {
                throw new JsonSyntaxError(parser._position, "unexpected text after the JSON value");
            }

            errorOffset = -1;
            error = null;
            return value;
        }
        catch (JsonSyntaxError e)
        {
            errorOffset = e.Offset;
            error = e.Reason;
            return null;
        }
    }

    private JsonValue ParseValue()
    {
        if (_position >= _text.Length)
        {
            throw new JsonSyntaxError(_position, "the text ends where a value was expected");
        }

        var c = _text[_position];
        switch (c)
        {
            case '{':
                return ParseObject();
            case '[':
                return ParseArray();
            case '"':
                {
                    var start = _position;
                    var s = ParseString();
                    return new JsonValue(JsonKind.String, start, _position, s);
                }

            case HoleChar:
                _position++;
                return new JsonValue(JsonKind.Hole, _position - 1, _position);
            case 't':
                return ParseLiteral("true", JsonKind.True);
            case 'f':
                return ParseLiteral("false", JsonKind.False);
            case 'n':
                return ParseLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw new JsonSyntaxError(_position, $"unexpected character '{c}'");
        }
    }

    private JsonValue ParseObject()
    {
        var start = _position;
        Enter();
        _position++;
        var members = ImmutableArray.CreateBuilder<JsonMember>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            _depth--;
            return new JsonValue(JsonKind.Object, start, _position, members: members.ToImmutable());
        }

        var comma = -1;
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Peek() == '}' && comma >= 0
                    ? new JsonSyntaxError(comma, "trailing comma before '}'")
                    : new JsonSyntaxError(_position, "a property name must be a quoted string");
            }

            var memberStart = _position;
            var name = ParseString();
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw new JsonSyntaxError(_position, "':' expected after a property name");
            }

            _position++;
            SkipWhitespace();
            members.Add(new JsonMember(name, memberStart, ParseValue()));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == '}')
            {
                _depth--;
                return new JsonValue(JsonKind.Object, start, _position, members: members.ToImmutable());
            }

            if (next != ',')
            {
                throw new JsonSyntaxError(_position - 1, "',' or '}' expected");
            }

            comma = _position - 1;
        }
    }

    private JsonValue ParseArray()
    {
        var start = _position;
        Enter();
        _position++;
        var items = ImmutableArray.CreateBuilder<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            _depth--;
            return new JsonValue(JsonKind.Array, start, _position, items: items.ToImmutable());
        }

        var comma = -1;
        while (true)
        {
            SkipWhitespace();
            if (Peek() == ']' && comma >= 0)
            {
                throw new JsonSyntaxError(comma, "trailing comma before ']'");
            }

            items.Add(ParseValue());
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ']')
            {
                _depth--;
                return new JsonValue(JsonKind.Array, start, _position, items: items.ToImmutable());
            }

            if (next != ',')
            {
                throw new JsonSyntaxError(_position - 1, "',' or ']' expected");
            }

            comma = _position - 1;
        }
    }

    private string ParseString()
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new JsonSyntaxError(_position, "unterminated string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c == '\\')
            {
                if (_position >= _text.Length)
                {
                    throw new JsonSyntaxError(_position, "unterminated escape");
                }

                var e = _text[_position++];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length || !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new JsonSyntaxError(_position, "invalid \\u escape");
                        }

                        builder.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw new JsonSyntaxError(_position - 1, $"invalid escape '\\{e}'");
                }
            }
            else if (c < ' ')
            {
                throw new JsonSyntaxError(_position - 1, "control character in a string");
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private JsonValue ParseNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (IsDigit(Peek()))
        {
            while (IsDigit(Peek()))
            {
                _position++;
            }
        }
        else
        {
            throw new JsonSyntaxError(_position, "digit expected");
        }

        if (Peek() == '.')
        {
            _position++;
            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxError(_position, "digit expected after '.'");
            }

            while (IsDigit(Peek()))
            {
                _position++;
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (!IsDigit(Peek()))
            {
                throw new JsonSyntaxError(_position, "digit expected in exponent");
            }

            while (IsDigit(Peek()))
            {
                _position++;
            }
        }

        var text = _text.Substring(start, _position - start);
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        return new JsonValue(JsonKind.Number, start, _position, text, number);
    }

    private JsonValue ParseLiteral(string literal, JsonKind kind)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw new JsonSyntaxError(_position, "unexpected word (only true, false and null are allowed)");
        }

        var start = _position;
        _position += literal.Length;
        return new JsonValue(kind, start, _position);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new JsonSyntaxError(_position, "nesting is too deep");
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private sealed class JsonSyntaxError : System.Exception
    {
        public JsonSyntaxError(int offset, string reason)
            : base(reason)
        {
            Offset = offset;
            Reason = reason;
        }

        public int Offset { get; }

        public string Reason { get; }
    }
}
