using System.Text.RegularExpressions;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Tests.EndToEnd;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LlmClient.Analyzers.Tests.Documentation;

/// <summary>
/// The README's rule table (also the package README) and docs/configuration.md agree with the code. When a rule
/// ships, its row already exists: mark it **yes** in the Status column.
/// </summary>
public class ReadmeTests
{
    private static readonly Regex RuleRow = new(
        @"^\| \[(?<id>LLM\d{4})\]\(docs/rules/(?<link>[^)]+)\.md\) \| (?<title>[^|]+?) \| (?<severity>[^|]+?) \| (?<fix>[^|]+?) \| (?<status>[^|]+?) \|\s*$",
        RegexOptions.Multiline);

    private static IReadOnlyList<Match> Rows { get; } = RuleRow.Matches(File.ReadAllText(RepositoryRoot.Combine("README.md"))).ToList();

    [Fact]
    public void Every_row_links_its_own_page()
    {
        Assert.NotEmpty(Rows);
        Assert.All(Rows, row => Assert.Equal(row.Groups["id"].Value, row.Groups["link"].Value));
        Assert.Equal(Rows.Count, Rows.Select(row => row.Groups["id"].Value).Distinct().Count());
    }

    [Fact]
    public void Every_shipped_rule_has_a_row_with_its_title_and_severity_marked_shipped()
    {
        foreach (var descriptor in Rules.All)
        {
            var row = Rows.SingleOrDefault(r => r.Groups["id"].Value == descriptor.Id);
            Assert.True(row is not null, $"README.md's rule table has no row for {descriptor.Id}.");
            Assert.Equal(descriptor.Title.ToString(), row!.Groups["title"].Value);
            Assert.Equal(SeverityName(descriptor.DefaultSeverity), row.Groups["severity"].Value);
            Assert.True(row.Groups["status"].Value == "**yes**", $"{descriptor.Id} ships: mark its row **yes** in README.md's Status column.");
        }
    }

    [Fact]
    public void No_row_is_marked_shipped_without_a_descriptor()
    {
        var shipped = Rules.All.Select(d => d.Id).ToHashSet();
        Assert.All(
            Rows.Where(row => row.Groups["status"].Value == "**yes**"),
            row => Assert.True(shipped.Contains(row.Groups["id"].Value), $"README.md marks {row.Groups["id"].Value} shipped, but Rules.All has no such rule."));
    }

    [Fact]
    public void Configuration_page_documents_every_option()
    {
        var page = File.ReadAllText(RepositoryRoot.Combine("docs", "configuration.md"));
        foreach (var key in new[] { LlmAnalyzerOptions.ProfileKey, LlmAnalyzerOptions.MaxRetriesKey, LlmAnalyzerOptions.AllowedParametersKey })
        {
            Assert.Contains("`" + key + "`", page);
        }

        Assert.Contains($"Default: `{LlmAnalyzerOptions.DefaultMaxRetries}`", page);
    }

    [Fact]
    public void Ci_runs_the_test_command_the_readme_gives()
    {
        var readme = File.ReadAllLines(RepositoryRoot.Combine("README.md"));
        var commands = readme.Where(line => line.StartsWith("dotnet test ", StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count == 1, $"README.md should give exactly one test command line; found {commands.Count}.");

        var ciTestLines = File.ReadAllLines(RepositoryRoot.Combine(".ci", "run"))
            .Where(line => line.TrimStart().StartsWith("dotnet test ", StringComparison.Ordinal))
            .ToList();
        // Only redirections and pipes may follow the command: no extra arguments.
        var rest = ciTestLines.Count == 1 && ciTestLines[0].TrimStart().StartsWith(commands[0], StringComparison.Ordinal)
            ? ciTestLines[0].TrimStart()[commands[0].Length..].Trim()
            : null;
        Assert.True(
            rest is not null && (rest.Length == 0 || rest[0] is '<' or '>' or '|' || rest.StartsWith("2>", StringComparison.Ordinal)),
            $".ci/run must run exactly README's '{commands[0]}'; it runs: {string.Join(" | ", ciTestLines)}");
    }

    private static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Info => "Info",
        DiagnosticSeverity.Warning => "Warning",
        DiagnosticSeverity.Error => "Error",
        _ => "Hidden",
    };
}
