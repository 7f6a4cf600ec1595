using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Meta;

/// <summary>Every analyzer must be silent on correct LLM client code written in the many styles users write.</summary>
public class ValidCorpusTests
{
    [Fact]
    public async Task Every_analyzer_is_silent_on_the_valid_corpus()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "ValidCorpus");
        var files = Directory.GetFiles(folder, "*.cs").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);

        var test = new AnalyzerTest();
        test.Analyzers.AddRange(PackageCatalog.Analyzers);
        foreach (var file in files)
        {
            test.Sources.Add(await File.ReadAllTextAsync(file));
        }

        await test.RunAsync();
    }
}
