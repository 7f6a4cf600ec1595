using System.Collections.Immutable;
using LlmClient.Analyzers.Benchmarks.Corpora;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using System.Text;

namespace LlmClient.Analyzers.Benchmarks;

/// <summary>
/// A corpus; each measurement gets a fresh compilation of freshly parsed syntax trees (the parse is not measured), against
/// the reference assemblies the benchmark project itself compiles against (written to corpus-references.txt at build).
/// Fresh trees, because a build parses its files anew: an analyzer that keeps what it learns per tree (SourceNames) must
/// not find it already known from the run before.
/// </summary>
public sealed class CorpusCompilation
{
    private static readonly string[] ExcludedPrefixes = ["Microsoft.CodeAnalysis", "LlmClient.Analyzers"];

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false);

    private readonly ImmutableArray<(string Path, SourceText Text)> _texts;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public CorpusCompilation(Corpus corpus, ImmutableArray<MetadataReference> references)
    {
        Corpus = corpus;
        References = references;
        _texts = corpus.Files.Select(f => (f.Path, SourceText.From(f.Text))).ToImmutableArray();
    }

    public Corpus Corpus { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public CSharpCompilation Create() => Create(ParseTrees());

    /// <summary>A compilation of the given trees (the editor's case: the trees of the files not edited are kept).</summary>
    public CSharpCompilation Create(IEnumerable<SyntaxTree> trees) => CSharpCompilation.Create("Corpus", trees, References, Options);

    /// <summary>Every file of the corpus, parsed now.</summary>
    public ImmutableArray<SyntaxTree> ParseTrees() => _texts.Select((_, index) => Parse(index)).ToImmutableArray();

    /// <summary>One file of the corpus, parsed now.</summary>
    public SyntaxTree Parse(int index) => CSharpSyntaxTree.ParseText(_texts[index].Text, ParseOptions, _texts[index].Path);

    /// <summary>
    /// A compilation of trees parsed now from the corpus's text, as csc reads files (UTF-8, which a PDB's checksums need):
    /// a full compile's parse included.
    /// </summary>
    public CSharpCompilation CreateFromText()
        => CSharpCompilation.Create(
            "Corpus",
            Corpus.Files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text, Encoding.UTF8), ParseOptions, f.Path)),
            References,
            Options);

    public static ImmutableArray<MetadataReference> LoadReferences()
    {
        var list = Path.Combine(AppContext.BaseDirectory, "corpus-references.txt");
        if (!File.Exists(list))
        {
            throw new InvalidOperationException($"Missing {list}; the benchmark project's build writes it.");
        }

        return File.ReadAllLines(list)
            .Where(path => path.Length > 0 && File.Exists(path))
            .Where(path => !ExcludedPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
