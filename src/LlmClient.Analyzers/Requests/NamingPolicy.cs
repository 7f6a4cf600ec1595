using System.Text;

namespace LlmClient.Analyzers.Requests;

/// <summary>The serializer's property naming policy, which decides a C# member's wire name.</summary>
internal enum NamingPolicy
{
    /// <summary>Names are written as declared.</summary>
    AsDeclared,

    /// <summary>
    /// The policy could not be determined. Names are read as declared, so a key is only reported when the analyzer is
    /// sure of its wire name, and the object counts as open: no rule concludes a key is missing.
    /// </summary>
    Unknown,
    CamelCase,
    SnakeCaseLower,
    SnakeCaseUpper,
    KebabCaseLower,
    KebabCaseUpper,
}

internal static class NamingPolicyExtensions
{
    /// <summary>Converts a member name as System.Text.Json's built-in policies do.</summary>
    public static string Apply(this NamingPolicy policy, string name)
    {
        return policy switch
        {
            NamingPolicy.CamelCase => ToCamelCase(name),
            NamingPolicy.SnakeCaseLower => ToSeparated(name, '_', upper: false),
            NamingPolicy.SnakeCaseUpper => ToSeparated(name, '_', upper: true),
            NamingPolicy.KebabCaseLower => ToSeparated(name, '-', upper: false),
            NamingPolicy.KebabCaseUpper => ToSeparated(name, '-', upper: true),
            _ => name,
        };
    }

    /// <summary>Maps a JsonNamingPolicy property name (CamelCase, SnakeCaseLower, ...) to the policy.</summary>
    public static NamingPolicy? FromJsonNamingPolicyMember(string memberName)
    {
        return memberName switch
        {
            "CamelCase" => NamingPolicy.CamelCase,
            "SnakeCaseLower" => NamingPolicy.SnakeCaseLower,
            "SnakeCaseUpper" => NamingPolicy.SnakeCaseUpper,
            "KebabCaseLower" => NamingPolicy.KebabCaseLower,
            "KebabCaseUpper" => NamingPolicy.KebabCaseUpper,
            _ => null,
        };
    }

    private static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    private static string ToSeparated(string name, char separator, bool upper)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && builder.Length > 0 && builder[builder.Length - 1] != separator)
                {
                    var previous = name[i - 1];
                    var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    {
                        builder.Append(separator);
                    }
                }

                builder.Append(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != separator)
            {
                builder.Append(separator);
            }
        }

        var result = builder.ToString().TrimEnd(separator);
        return upper ? result.ToUpperInvariant() : result.ToLowerInvariant();
    }
}
