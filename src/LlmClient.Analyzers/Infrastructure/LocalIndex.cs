using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>
/// For one operation tree (a method body, a lambda's enclosing member), which values each local is given
/// and where it is read. Built on the first question asked, not before: most trees with a send or serialize
/// call never need it (inline payloads and URLs), and walking a whole tree costs more than the rest of the
/// extraction (docs/performance.md). Not thread-safe; the request analyzer uses it under its block lock.
/// </summary>
internal sealed class LocalIndex
{
    private Dictionary<ILocalSymbol, List<IOperation>>? _values;
    private Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>? _reads;

    public LocalIndex(IOperation root)
    {
        Root = root;
    }

    public IOperation Root { get; }

    /// <summary>Every value assigned to the local (its initializer included).</summary>
    public ImmutableArray<IOperation> ValuesOf(ILocalSymbol local)
        => Build().Values.TryGetValue(local, out var list) ? list.ToImmutableArray() : ImmutableArray<IOperation>.Empty;

    /// <summary>Every place the local is read.</summary>
    public ImmutableArray<ILocalReferenceOperation> ReadsOf(ILocalSymbol local)
        => Build().Reads.TryGetValue(local, out var list) ? list.ToImmutableArray() : ImmutableArray<ILocalReferenceOperation>.Empty;

    private (Dictionary<ILocalSymbol, List<IOperation>> Values, Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> Reads) Build()
    {
        if (_values is null || _reads is null)
        {
            var values = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            var reads = new Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);
            foreach (var operation in Root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                        Add(values, declarator.Symbol, initializer.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                        Add(values, target.Local, assignment.Value);
                        break;
                    case ILocalReferenceOperation reference when !IsAssignmentTarget(reference):
                        Add(reads, reference.Local, reference);
                        break;
                }
            }

            _values = values;
            _reads = reads;
        }

        return (_values, _reads);
    }

    private static bool IsAssignmentTarget(ILocalReferenceOperation reference)
        => reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

    private static void Add<T>(Dictionary<ILocalSymbol, List<T>> map, ILocalSymbol local, T value)
    {
        if (!map.TryGetValue(local, out var list))
        {
            list = new List<T>();
            map[local] = list;
        }

        list.Add(value);
    }
}
