using System;
using System.Linq;
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

    public static bool ReferencesAnyRelevant(Compilation compilation)
        => compilation.ReferencedAssemblyNames.Any(identity => Array.IndexOf(Relevant, identity.Name) >= 0);
}
