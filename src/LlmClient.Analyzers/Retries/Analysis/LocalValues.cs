using System.Collections.Generic;
using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Analysis;

/// <summary>
/// A <see cref="LocalIndex"/> whose answers are kept for the code block: the flow walk asks about the same locals at
/// every step and for every candidate call, and each answer of the index is a new array.
/// </summary>
internal sealed class LocalValues
{
    private readonly LocalIndex _index;
    private Dictionary<ILocalSymbol, ImmutableArray<IOperation>>? _values;
    private Dictionary<ILocalSymbol, ImmutableArray<ILocalReferenceOperation>>? _reads;

    public LocalValues(LocalIndex index) => _index = index;

    /// <summary>Every value assigned to the local (its initializer included).</summary>
    public ImmutableArray<IOperation> ValuesOf(ILocalSymbol local)
    {
        _values ??= new Dictionary<ILocalSymbol, ImmutableArray<IOperation>>(SymbolEqualityComparer.Default);
        if (!_values.TryGetValue(local, out var values))
        {
            values = _index.ValuesOf(local);
            _values[local] = values;
        }

        return values;
    }

    /// <summary>Every place the local is read.</summary>
    public ImmutableArray<ILocalReferenceOperation> ReadsOf(ILocalSymbol local)
    {
        _reads ??= new Dictionary<ILocalSymbol, ImmutableArray<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);
        if (!_reads.TryGetValue(local, out var reads))
        {
            reads = _index.ReadsOf(local);
            _reads[local] = reads;
        }

        return reads;
    }
}
