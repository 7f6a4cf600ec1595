using System.Collections.Immutable;
using LlmClient.Analyzers.Benchmarks.Corpora;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using System.Text;

namespace LlmClient.Analyzers.Benchmarks;

/// <summary>
/// A corpus parsed once; each measurement gets a fresh compilation over the same syntax trees, against the
/// reference assemblies the benchmark project itself compiles against (written to corpus-references.txt at build).
/// </summary>
public sealed class CorpusCompilation
{
    private static readonly string[] ExcludedPrefixes = ["Microsoft.CodeAnalysis", "LlmClient.Analyzers"];

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false);

    private readonly ImmutableArray<SyntaxTree> _trees;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public CorpusCompilation(Corpus corpus, ImmutableArray<MetadataReference> references)
    {
        Corpus = corpus;
        References = references;
        _trees = Parse(corpus);
    }

    public Corpus Corpus { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public CSharpCompilation Create() => CSharpCompilation.Create("Corpus", _trees, References, Options);

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

    private static ImmutableArray<SyntaxTree> Parse(Corpus corpus)
        => corpus.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)).ToImmutableArray();

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
