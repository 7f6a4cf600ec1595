using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// Tells a code fix how to write type names at a position: by their simple name when it binds there to the expected
/// type (through a using or global using), else fully qualified. The fixers have no semantic model, so the analyzer
/// decides and passes the answer as a diagnostic property.
/// </summary>
internal static class TypeNameScope
{
    /// <summary>Diagnostic property: the namespace prefix the fix writes before <c>System</c> types, empty or <c>global::System.</c>.</summary>
    public const string SystemQualifierProperty = "SystemQualifier";

    public static string SystemQualifier(SemanticModel model, int position, params INamedTypeSymbol?[] types)
    {
        foreach (var type in types)
        {
            if (type is null)
            {
                continue;
            }

            var found = model.LookupNamespacesAndTypes(position, container: null, name: type.Name);
            if (found.Length != 1 || !SymbolEqualityComparer.Default.Equals(found[0], type))
            {
                return "global::" + type.ContainingNamespace.ToDisplayString() + ".";
            }
        }

        return string.Empty;
    }
}
