using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// Tells a code fix how to write type names at a position: by their simple name when it binds there to the expected
/// type (through a using or global using), else fully qualified. Asked by the fixers, with their document's semantic
/// model, only when a fix is computed: a look-up costs more than finding the diagnostic, and most diagnostics are
/// never fixed.
/// </summary>
internal static class TypeNameScope
{
    /// <summary>
    /// For types of one namespace, given by metadata name: empty when each simple name binds to its type at
    /// <paramref name="position"/> (or the type is not in the compilation), else <c>global::That.Namespace.</c>.
    /// </summary>
    public static string Qualifier(SemanticModel model, int position, params string[] metadataNames)
    {
        foreach (var metadataName in metadataNames)
        {
            var qualifier = Qualifier(model, position, model.Compilation.GetTypeByMetadataName(metadataName));
            if (qualifier.Length > 0)
            {
                return qualifier;
            }
        }

        return string.Empty;
    }

    /// <summary>Empty when <paramref name="type"/>'s simple name binds to it at <paramref name="position"/>, else <c>global::Its.Namespace.</c>.</summary>
    private static string Qualifier(SemanticModel model, int position, INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return string.Empty;
        }

        var found = model.LookupNamespacesAndTypes(position, container: null, name: type.Name);
        return found.Length == 1 && SymbolEqualityComparer.Default.Equals(found[0], type)
            ? string.Empty
            : "global::" + type.ContainingNamespace.ToDisplayString() + ".";
    }
}
