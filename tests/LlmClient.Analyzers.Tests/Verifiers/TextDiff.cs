using System.Text;

namespace LlmClient.Analyzers.Tests.Verifiers;

/// <summary>A readable line diff for failure messages.</summary>
internal static class TextDiff
{
    public static string Describe(string expected, string actual)
    {
        var e = expected.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var a = actual.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var builder = new StringBuilder();
        var max = Math.Max(e.Length, a.Length);
        var first = -1;
        for (var i = 0; i < max; i++)
        {
            var el = i < e.Length ? e[i] : "<none>";
            var al = i < a.Length ? a[i] : "<none>";
            if (!string.Equals(el, al, StringComparison.Ordinal))
            {
                first = i;
                break;
            }
        }

        builder.AppendLine(first < 0 ? "(texts differ only in line endings)" : $"First difference at line {first + 1}:");
        if (first >= 0)
        {
            builder.AppendLine("  expected: " + (first < e.Length ? e[first] : "<end of text>"));
            builder.AppendLine("  actual:   " + (first < a.Length ? a[first] : "<end of text>"));
        }

        builder.AppendLine("Actual text:");
        builder.AppendLine(actual);
        return builder.ToString();
    }
}
