using System.Threading;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>
/// A well-known type looked up on first use (a look-up searches every reference): most compilations only ever need the
/// few that decide whether an analyzer has anything to do. The slot holds the type, or a marker once it is known to be
/// missing, so a missing type is not searched for again.
/// </summary>
internal static class LazyTypes
{
    private static readonly object Missing = new();

    public static INamedTypeSymbol? Resolve(Compilation compilation, ref object? slot, string metadataName)
    {
        var value = Volatile.Read(ref slot);
        if (value is null)
        {
            value = (object?)compilation.GetTypeByMetadataName(metadataName) ?? Missing;
            Volatile.Write(ref slot, value);
        }

        return value as INamedTypeSymbol;
    }
}
