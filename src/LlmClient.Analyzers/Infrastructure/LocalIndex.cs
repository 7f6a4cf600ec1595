using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>
/// For one operation tree (a method body, a lambda's enclosing member), which values each local is given
/// and where it is read. Built once per tree on first use; lets a payload built in a local and sent a few
/// lines later be followed.
/// </summary>
internal sealed class LocalIndex
{
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _values = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> _reads = new(SymbolEqualityComparer.Default);

    public LocalIndex(IOperation root)
    {
        Root = root;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    Add(_values, declarator.Symbol, initializer.Value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(_values, target.Local, assignment.Value);
                    break;
                case ILocalReferenceOperation reference when !IsAssignmentTarget(reference):
                    Add(_reads, reference.Local, reference);
                    break;
            }
        }
    }

    public IOperation Root { get; }

    /// <summary>Every value assigned to the local (its initializer included).</summary>
    public ImmutableArray<IOperation> ValuesOf(ILocalSymbol local)
        => _values.TryGetValue(local, out var list) ? list.ToImmutableArray() : ImmutableArray<IOperation>.Empty;

    /// <summary>Every place the local is read.</summary>
    public ImmutableArray<ILocalReferenceOperation> ReadsOf(ILocalSymbol local)
        => _reads.TryGetValue(local, out var list) ? list.ToImmutableArray() : ImmutableArray<ILocalReferenceOperation>.Empty;

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
