using System;
using System.IO;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>
/// Whether a compilation references any assembly the analyzers read (HttpClient's, an LLM SDK's, Polly's), from the
/// referenced assemblies' names alone. It keeps "register nothing when nothing relevant is referenced" at compilation
/// start without a type look-up there, whose first call makes the compiler build its declaration table and is charged
/// to the analyzer (see <see cref="LazyCompilationState{T}"/>): the types themselves are resolved on first use.
/// </summary>
internal static class ReferenceGate
{
    /// <summary>Assemblies that define a type some analyzer of this package reads.</summary>
    private static readonly string[] Relevant =
    [
        // HttpClient: its own assembly on .NET and .NET Framework, netstandard.dll in a .NET Standard library.
        "System.Net.Http", "netstandard",
        "OpenAI", "System.ClientModel", "Anthropic", "Polly", "Polly.Core", "Microsoft.Extensions.AI.Abstractions",
    ];

    /// <remarks>
    /// Read from the references themselves, not from <c>Compilation.ReferencedAssemblyNames</c>, which makes the compiler
    /// bind the references and build the declaration table of every file first (in a build without other analyzers that
    /// was charged to our compilation start: about a tenth of our time on business code). A reference's file name is its
    /// assembly's name in practice (the reference packs, NuGet packages): those are asked first; only when none matches are
    /// the names read from the references' metadata, which a renamed file cannot hide.
    /// </remarks>
    public static bool ReferencesAnyRelevant(Compilation compilation)
    {
        foreach (var reference in compilation.References)
        {
            if (reference is PortableExecutableReference { FilePath: { } path } && IsRelevant(Path.GetFileNameWithoutExtension(path)))
            {
                return true;
            }
        }

        foreach (var reference in compilation.References)
        {
            if (AssemblyNameOf(reference) is not { } name || IsRelevant(name))
            {
                // A reference whose name cannot be read may be anything.
                return true;
            }
        }

        return false;
    }

    private static bool IsRelevant(string name) => Array.IndexOf(Relevant, name) >= 0;

    /// <summary>The assembly's name; the empty string for a module (no assembly of its own); null when it cannot be read.</summary>
    private static string? AssemblyNameOf(MetadataReference reference)
    {
        switch (reference)
        {
            case CompilationReference compilationReference:
                return compilationReference.Compilation.AssemblyName ?? string.Empty;
            case PortableExecutableReference executable:
                try
                {
                    if (executable.GetMetadata() is not AssemblyMetadata assembly)
                    {
                        return string.Empty;
                    }

                    var reader = assembly.GetModules()[0].GetMetadataReader();
                    return reader.IsAssembly ? reader.GetString(reader.GetAssemblyDefinition().Name) : string.Empty;
                }
                catch (Exception exception) when (exception is IOException or BadImageFormatException or InvalidOperationException or UnauthorizedAccessException)
                {
                    return null;
                }

            default:
                return null;
        }
    }
}
