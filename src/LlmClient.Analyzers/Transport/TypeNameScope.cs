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
            if (Qualifier(model, position, type).Length > 0)
            {
                return "global::System.";
            }
        }

        return string.Empty;
    }

    /// <summary>Empty when <paramref name="type"/>'s simple name binds to it at <paramref name="position"/>, else <c>global::Its.Namespace.</c>.</summary>
    public static string Qualifier(SemanticModel model, int position, INamedTypeSymbol? type)
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

    /// <summary>As <see cref="Qualifier(SemanticModel, int, INamedTypeSymbol?)"/> for types of one namespace: qualified unless all of them bind.</summary>
    public static string Qualifier(SemanticModel model, int position, INamedTypeSymbol? type, INamedTypeSymbol? sameNamespaceType)
    {
        var first = Qualifier(model, position, type);
        return first.Length > 0 ? first : Qualifier(model, position, sameNamespaceType);
    }
}
