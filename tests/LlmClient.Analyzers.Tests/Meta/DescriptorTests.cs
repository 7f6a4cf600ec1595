using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace LlmClient.Analyzers.Tests.Meta;

/// <summary>Keeps rule identity, docs, release tracking and the shipped analyzers in agreement.</summary>
public partial class DescriptorTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Rules.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    private static DiagnosticDescriptor Descriptor(string id) => Rules.All.Single(d => d.Id == id);

    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        Assert.Equal(Rules.All.Length, Rules.All.Select(d => d.Id).Distinct().Count());
        Assert.All(Rules.All, d => Assert.Matches(IdPattern(), d.Id));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Category_follows_the_first_digit(string id)
    {
        var expected = id[3] switch
        {
            '1' => RuleCategories.Retry,
            '2' => RuleCategories.Request,
            '3' => RuleCategories.Transport,
            '4' => RuleCategories.Security,
            _ => "?",
        };
        Assert.Equal(expected, Descriptor(id).Category);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Help_link_points_at_an_existing_doc_page(string id)
    {
        var descriptor = Descriptor(id);
        Assert.Equal(Rules.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.StartsWith("https://", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(File.Exists(DocPath(id)), $"docs/rules/{id}.md is missing");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Doc_page_matches_the_descriptor(string id)
    {
        var descriptor = Descriptor(id);
        var lines = File.ReadAllLines(DocPath(id));
        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        var text = string.Join("\n", lines);
        Assert.Contains(descriptor.DefaultSeverity.ToString(), text, StringComparison.Ordinal);
        Assert.Contains(descriptor.Category, text, StringComparison.Ordinal);
        Assert.Matches(SeedPattern(), text);
        Assert.Contains("#pragma warning disable " + id, text, StringComparison.Ordinal);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", text, StringComparison.Ordinal);
        Assert.Contains("```csharp", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Release_tracking_lists_the_rule(string id)
    {
        var descriptor = Descriptor(id);
        var folder = Path.Combine(PackageCatalog.RepositoryRoot, "src", "LlmClient.Analyzers");
        var lines = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")));
        var entry = lines.Select(l => l.Split('|').Select(p => p.Trim()).ToArray()).SingleOrDefault(p => p.Length >= 3 && p[0] == id);
        Assert.NotNull(entry);
        Assert.Equal(descriptor.Category, entry[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), entry[2]);
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer()
    {
        var supported = PackageCatalog.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();
        Assert.Equal(Rules.All.Select(d => d.Id).OrderBy(i => i), supported.OrderBy(i => i));
    }

    [Fact]
    public void Every_fixer_fixes_package_rules_in_every_scope_with_stable_keys()
    {
        Assert.NotEmpty(PackageCatalog.Fixers);
        foreach (var fixer in PackageCatalog.Fixers)
        {
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(Rules.All, d => d.Id == id));

            // dotnet format runs FixAll once per fixer with one equivalence key: a fixer serving two rules leaves one unfixed.
            Assert.True(fixer.FixableDiagnosticIds.Length == 1, $"{fixer.GetType().Name} fixes several rules; give each rule its own fixer.");
            var fixAll = fixer.GetFixAllProvider();
            Assert.NotNull(fixAll);
            Assert.Contains(FixAllScope.Document, fixAll.GetSupportedFixAllScopes());
            Assert.Contains(FixAllScope.Project, fixAll.GetSupportedFixAllScopes());
            Assert.Contains(FixAllScope.Solution, fixAll.GetSupportedFixAllScopes());
        }
    }

    [Fact]
    public void Analyzers_are_few_one_per_model()
        => Assert.True(PackageCatalog.Analyzers.Length <= 4, "Each analyzer class costs the compiler a pass; report several IDs from one model analyzer.");

    private static string DocPath(string id) => Path.Combine(PackageCatalog.RepositoryRoot, "docs", "rules", id + ".md");

    [GeneratedRegex("^LLM[1-4][0-9]{3}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("[0-9]{3}_[0-9a-f]{16}\\.txt")]
    private static partial Regex SeedPattern();
}
