using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace LlmClient.Analyzers.Tests.EndToEnd;

/// <summary>
/// The package as a user gets it: pack it, install it into a fresh console project from a local feed, see
/// <c>dotnet build</c> report the mistakes at the right lines, fix them with <c>dotnet format</c>, build clean.
/// Nothing here names a rule that is not the subject of the test, so new rules need no change.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PackageEndToEndTests : IDisposable
{
    private const string PackageId = "LlmClient.Analyzers";

    /// <summary>
    /// The whole test may take 8 minutes; a step that hangs fails with its output. On 2 cores it takes about one minute,
    /// but it runs beside the rest of the suite, and on a host slowed to half speed it once ran out of a 3-minute budget
    /// (the pack alone took 65 s) with nothing wrong.
    /// </summary>
    private static readonly TimeSpan TotalBudget = TimeSpan.FromMinutes(8);

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    /// <summary>
    /// The consumer's Program.cs: one LLM2001, LLM2002 and LLM2003 mistake in a request, and an unbounded retry of every
    /// failure (LLM1001, LLM1002). Their positions are computed, not hard-coded.
    /// </summary>
    private static readonly string[] ProgramLines =
    [
        "using System.Net.Http.Json;",
        "",
        "namespace Consumer;",
        "",
        "public static class Program",
        "{",
        "    public static async Task<int> Main()",
        "    {",
        "        var apiKey = Environment.GetEnvironmentVariable(\"LLM_API_KEY\");",
        "        if (string.IsNullOrEmpty(apiKey))",
        "        {",
        "            return 1;",
        "        }",
        "",
        "        using var http = new HttpClient { BaseAddress = new Uri(\"https://gateway.example.com/\") };",
        "        http.DefaultRequestHeaders.Authorization = new(\"Bearer\", apiKey);",
        "        using var response = await http.PostAsJsonAsync(\"v1/chat/completions\", new",
        "        {",
        "            model = \"gpt-5.5\",",
        "            messages = new[] { new { role = \"user\", content = \"Hello\" } },",
        "            service_tier = \"flex\",",
        "            n = 2,",
        "            seed = 42,",
        "        });",
        "        Console.WriteLine(await response.Content.ReadAsStringAsync());",
        "        Console.WriteLine(await AskWithRetriesAsync(http));",
        "        return response.IsSuccessStatusCode ? 0 : 2;",
        "    }",
        "",
        "    private static async Task<string> AskWithRetriesAsync(HttpClient http)",
        "    {",
        "        while (true)",
        "        {",
        "            try",
        "            {",
        "                using var response = await http.PostAsJsonAsync(\"v1/responses\", new { model = \"gpt-5.5\", input = \"Hello\" });",
        "                response.EnsureSuccessStatusCode();",
        "                return await response.Content.ReadAsStringAsync();",
        "            }",
        "            catch (HttpRequestException)",
        "            {",
        "                await Task.Delay(1000);",
        "            }",
        "        }",
        "    }",
        "}",
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "llmclient-e2e-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<CliResult> _log = [];

    [Fact]
    public async Task Packed_analyzers_report_and_fix_in_a_fresh_console_project()
    {
        var version = $"0.0.0-e2e.{DateTime.UtcNow.Ticks}";
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var consumer = Directory.CreateDirectory(Path.Combine(_root, "consumer")).FullName;

        // The consumer restores into an empty package folder, so no cached copy of the package can be used.
        var consumerEnvironment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(_root, "nuget-packages")).FullName,
        };

        // 1. Pack, with outputs under the temp folder so the repository's bin/obj are left alone.
        var packageProject = RepositoryRoot.Combine("src", "LlmClient.Analyzers.Package", "LlmClient.Analyzers.Package.csproj");
        await RunAsync(RepositoryRoot.Path, [
            "pack", packageProject, "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(_root, "artifacts"),
            $"-p:Version={version}", "--disable-build-servers", "-tl:off", "-nologo",
        ]);
        var nupkg = Path.Combine(feed, $"{PackageId}.{version}.nupkg");
        Assert.True(File.Exists(nupkg), $"No {nupkg}; the feed has: {string.Join(", ", Directory.GetFiles(feed))}\n{Log()}");
        AssertPackageLayout(nupkg);

        // 2. A fresh console project whose nuget.config adds the feed (the machine's default source stays).
        WriteConsumer(consumer, feed);
        await RunAsync(consumer, ["add", "Consumer.csproj", "package", PackageId, "--version", version], consumerEnvironment);
        var projectXml = File.ReadAllText(Path.Combine(consumer, "Consumer.csproj"));
        Assert.True(projectXml.Contains($"Include=\"{PackageId}\"") && projectXml.Contains(version), $"The package reference was not added:\n{projectXml}\n{Log()}");
        Assert.True(projectXml.Contains("<PrivateAssets>all</PrivateAssets>"), $"A development dependency is added with PrivateAssets=all:\n{projectXml}");

        // 3. The build reports each mistake at its line and column.
        var build = await RunAsync(consumer, ["build", "--no-incremental", "--disable-build-servers", "-tl:off", "-nologo"], consumerEnvironment);
        AssertAnalyzersLoaded(build);
        AssertReportedAt(build, "LLM2001", "service_tier");
        AssertReportedAt(build, "LLM2002", "n = 2");
        AssertReportedAt(build, "LLM2003", "seed = 42");
        AssertReportedAt(build, "LLM1002", "while (true)");
        AssertReportedAt(build, "LLM1001", "catch (HttpRequestException)");
        AssertReportedAt(build, "LLM1003", "1000");

        // 4. dotnet format applies the code fixes.
        await RunAsync(consumer, ["format", "analyzers", "Consumer.csproj", "--diagnostics", "LLM1001", "LLM1002", "LLM1003", "LLM2001", "LLM2002", "LLM2003", "--severity", "warn", "-v", "n"], consumerEnvironment);

        // The constant wait (LLM1003) is fixable once the retry has an attempt counter, which the LLM1002 fix adds:
        // dotnet format fixes what it found in one pass, so a second pass writes the backoff.
        await RunAsync(consumer, ["format", "analyzers", "Consumer.csproj", "--diagnostics", "LLM1003", "--severity", "warn", "-v", "n"], consumerEnvironment);
        var fixedProgram = File.ReadAllText(Path.Combine(consumer, "Program.cs"));
        Assert.False(fixedProgram.Contains("service_tier", StringComparison.Ordinal), $"dotnet format left service_tier in Program.cs:\n{fixedProgram}\n{Log()}");
        Assert.False(fixedProgram.Contains("n = 2", StringComparison.Ordinal), $"dotnet format left n = 2 in Program.cs:\n{fixedProgram}\n{Log()}");
        Assert.False(fixedProgram.Contains("seed", StringComparison.Ordinal), $"dotnet format left seed in Program.cs:\n{fixedProgram}\n{Log()}");
        Assert.True(fixedProgram.Contains("model = \"gpt-5.5\"", StringComparison.Ordinal), $"dotnet format removed more than the mistakes:\n{fixedProgram}");
        Assert.True(fixedProgram.Contains("Math.Pow(2, attempt)", StringComparison.Ordinal), $"dotnet format did not write exponential backoff:\n{fixedProgram}\n{Log()}");

        // 5. The fixed project builds without any LLM warning.
        var rebuild = await RunAsync(consumer, ["build", "--no-incremental", "--disable-build-servers", "-tl:off", "-nologo"], consumerEnvironment);
        Assert.False(Regex.IsMatch(rebuild.Output, @"warning LLM\d{4}"), $"The fixed project still has LLM warnings:\n{fixedProgram}\n{Log()}");
        AssertAnalyzersLoaded(rebuild);
    }

    public void Dispose()
    {
        for (var attempt = 0; attempt < 3 && Directory.Exists(_root); attempt++)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(500);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(500);
            }
        }
    }

    private async Task<CliResult> RunAsync(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var remaining = TotalBudget - _clock.Elapsed;
        Assert.True(remaining > TimeSpan.Zero, $"The end-to-end test ran out of its {TotalBudget.TotalMinutes} minutes.\n{Log()}");
        var result = await DotnetCli.RunAsync(workingDirectory, arguments, remaining < StepTimeout ? remaining : StepTimeout, environment);
        _log.Add(result);
        Assert.True(result.Succeeded, $"Step failed:\n{result}\n\nEarlier steps:\n{Log(exceptLast: true)}");
        return result;
    }

    private string Log(bool exceptLast = false)
        => string.Join("\n\n", (exceptLast ? _log.Take(_log.Count - 1) : _log).Select(r => r.ToString()));

    private static void WriteConsumer(string directory, string feed)
    {
        // Stop MSBuild and NuGet from picking up anything from folders above the temp folder.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), new XDocument(
            new XElement("configuration",
                new XElement("packageSources",
                    new XElement("add", new XAttribute("key", "llmclient-e2e"), new XAttribute("value", feed))))).ToString());
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), string.Join("\n", ProgramLines) + "\n");
    }

    private void AssertPackageLayout(string nupkg)
    {
        using var archive = ZipFile.OpenRead(nupkg);
        var entries = archive.Entries.Select(e => e.FullName).ToList();
        var listing = string.Join("\n", entries);
        foreach (var expected in new[] { "analyzers/dotnet/cs/LlmClient.Analyzers.dll", "analyzers/dotnet/cs/LlmClient.Analyzers.CodeFixes.dll", "README.md" })
        {
            Assert.True(entries.Contains(expected), $"The package lacks {expected}:\n{listing}");
        }

        Assert.False(entries.Any(e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal)), $"An analyzer package has no lib/ or ref/:\n{listing}");

        var nuspecEntry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.True(
            metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "developmentDependency")?.Value == "true",
            $"The nuspec must mark a development dependency:\n{nuspec}");
        Assert.False(nuspec.Descendants().Any(e => e.Name.LocalName == "dependency"), $"The package must have no dependencies:\n{nuspec}");

        using var readme = new StreamReader(archive.GetEntry("README.md")!.Open());
        var readmeText = readme.ReadToEnd();
        foreach (var descriptor in Rules.All)
        {
            Assert.True(readmeText.Contains(descriptor.Id, StringComparison.Ordinal), $"The package README's rule table lacks {descriptor.Id}:\n{readmeText}");
        }
    }

    /// <summary>An analyzer that cannot be loaded or throws shows up as CS8032/CS8034 or AD0001, not as silence.</summary>
    private void AssertAnalyzersLoaded(CliResult build)
    {
        Assert.False(Regex.IsMatch(build.Output, @"(warning|error) (CS8032|CS8034|AD0001)"), $"The analyzers failed to load or run:\n{Log()}");
    }

    /// <summary>The build output names <paramref name="id"/> at the line and column of <paramref name="marker"/> in Program.cs.</summary>
    private void AssertReportedAt(CliResult build, string id, string marker)
    {
        var line = Array.FindIndex(ProgramLines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(line >= 0, $"Test bug: no line contains '{marker}'.");
        var expected = (Line: line + 1, Column: ProgramLines[line].IndexOf(marker, StringComparison.Ordinal) + 1);

        var reported = Regex.Matches(build.Output, $@"Program\.cs\((\d+),(\d+)\): warning {id}\b")
            .Select(m => (Line: int.Parse(m.Groups[1].Value), Column: int.Parse(m.Groups[2].Value)))
            .Distinct()
            .ToList();
        Assert.True(
            reported.Count == 1 && reported[0] == expected,
            $"Expected exactly one {id} at Program.cs({expected.Line},{expected.Column}); found [{string.Join(", ", reported)}].\n{Log()}");
    }
}
