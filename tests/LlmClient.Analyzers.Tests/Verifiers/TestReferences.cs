using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Tests.Verifiers;

/// <summary>
/// The metadata references test code compiles against: the .NET reference pack and the real NuGet packages
/// users call LLMs with (OpenAI, System.ClientModel, Polly, Microsoft.Extensions.AI.Abstractions, Anthropic,
/// Newtonsoft.Json, Microsoft.Extensions.Http), exactly as MSBuild resolved them for this test project.
/// Microsoft.Extensions.Http.Polly and Microsoft.Extensions.Http.Resilience are not obtainable from this
/// machine's package source (Polly.Extensions.Http is missing), so tests do not use them.
/// </summary>
public static class TestReferences
{
    private static readonly string[] ExcludedPrefixes =
    [
        "xunit", "Microsoft.CodeAnalysis", "Microsoft.TestPlatform", "Microsoft.VisualStudio", "testhost",
        "Microsoft.VisualStudio.CodeCoverage", "LlmClient.Analyzers", "System.Composition", "Humanizer",
    ];

    public static ImmutableArray<MetadataReference> All { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        var list = Path.Combine(AppContext.BaseDirectory, "test-compilation-references.txt");
        if (!File.Exists(list))
        {
            throw new InvalidOperationException($"Missing {list}; it is written by the test project's build.");
        }

        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in File.ReadAllLines(list))
        {
            if (path.Length == 0 || !File.Exists(path))
            {
                continue;
            }

            var name = Path.GetFileNameWithoutExtension(path);
            if (ExcludedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            builder.Add(MetadataReference.CreateFromFile(path));
        }

        return builder.ToImmutable();
    }
}
