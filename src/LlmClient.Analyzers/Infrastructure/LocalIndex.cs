using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>
/// For one operation tree (a method body, a lambda's enclosing member), which values each local is given
/// and where it is read. Built on the first question asked, not before: most trees with a send or serialize
/// call never need it (inline payloads and URLs), and walking a whole tree costs more than the rest of the
/// extraction (docs/performance.md). Shared by the three analyzers through <see cref="Of"/> and <see cref="For"/> (a table
/// per semantic model, keyed by the root; the driver hands every analyzer the same cached tree), so a member holding a
/// request and its retry loop is walked once instead of up to three times.
/// Thread-safe: built once under a lock, then read without one.
/// </summary>
internal sealed class LocalIndex
{
    // Keyed by the semantic model the trees came from (the driver hands every analyzer the same one per file), one entry per
    // file rather than per tree: each entry of a weak table is a dependent handle, costly to make and scanned by every
    // collection, and a file has many trees. The trees are keys of the model's dictionary, which lives as long as the model.
    private static readonly ConditionalWeakTable<SemanticModel, ConcurrentDictionary<IOperation, LocalIndex>> Shared = new();
    private static readonly ConditionalWeakTable<SemanticModel, ConcurrentDictionary<IOperation, LocalIndex>>.CreateValueCallback CreateTable = _ => new ConcurrentDictionary<IOperation, LocalIndex>();
    private static readonly Func<IOperation, LocalIndex> Create = root => new LocalIndex(root);

    private Locals? _locals;

    private LocalIndex(IOperation root)
    {
        Root = root;
    }

    /// <summary>The index of the tree <paramref name="root"/> heads (an operation's <c>Root()</c>), shared by every analyzer.</summary>
    public static LocalIndex Of(IOperation root)
        => root.SemanticModel is { } model ? Shared.GetValue(model, CreateTable).GetOrAdd(root, Create) : new LocalIndex(root);

    /// <summary>The index of the tree <paramref name="operation"/> is in: two look-ups, cheap enough that callers keep no cache of their own.</summary>
    public static LocalIndex For(IOperation operation) => Of(operation.Root());

    public IOperation Root { get; }

    /// <summary>Every value assigned to the local (its initializer included), in source order.</summary>
    public ImmutableArray<IOperation> ValuesOf(ILocalSymbol local) => GetLocals().ValuesOf(local);

    /// <summary>Every place the local is read, in source order.</summary>
    public ImmutableArray<ILocalReferenceOperation> ReadsOf(ILocalSymbol local) => GetLocals().ReadsOf(local);

    private Locals GetLocals() => _locals ??= new Locals(Root);

    /// <summary>The locals of one tree, read in one walk on the first question; each answer is frozen when first asked.</summary>
    private sealed class Locals
    {
        private readonly IOperation _root;
        private Dictionary<ILocalSymbol, Entry>? _entries;

        public Locals(IOperation root) => _root = root;

        // Lock-free once built: the entries are not changed after they are published, and freezing an entry's list twice
        // (two threads asking at once) makes equal arrays.
        public ImmutableArray<IOperation> ValuesOf(ILocalSymbol local)
        {
            if (!Entries().TryGetValue(local, out var entry) || entry.Values is null)
            {
                return ImmutableArray<IOperation>.Empty;
            }

            if (entry.FrozenValues.IsDefault)
            {
                entry.FrozenValues = entry.Values.ToImmutableArray();
            }

            return entry.FrozenValues;
        }

        public ImmutableArray<ILocalReferenceOperation> ReadsOf(ILocalSymbol local)
        {
            if (!Entries().TryGetValue(local, out var entry) || entry.Reads is null)
            {
                return ImmutableArray<ILocalReferenceOperation>.Empty;
            }

            if (entry.FrozenReads.IsDefault)
            {
                entry.FrozenReads = entry.Reads.ToImmutableArray();
            }

            return entry.FrozenReads;
        }

        private Dictionary<ILocalSymbol, Entry> Entries() => Volatile.Read(ref _entries) ?? Build();

        /// <summary>One pre-order walk (the order of <c>DescendantsAndSelf</c>) with an explicit stack; the kind is tested before any cast.</summary>
        private Dictionary<ILocalSymbol, Entry> Build()
        {
            lock (this)
            {
                return _entries ?? Walk();
            }
        }

        [ThreadStatic]
        private static Stack<IOperation>? t_stack;

        private Dictionary<ILocalSymbol, Entry> Walk()
        {
            var entries = new Dictionary<ILocalSymbol, Entry>(SymbolEqualityComparer.Default);
            // One stack per thread, grown once (a walk starts no other walk); empty again when the walk ends.
            var stack = t_stack ??= new Stack<IOperation>();
            stack.Clear();
            stack.Push(_root);
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                switch (operation.Kind)
                {
                    case OperationKind.VariableDeclarator:
                        var declarator = (IVariableDeclaratorOperation)operation;
                        if (declarator.Initializer is { } initializer)
                        {
                            EntryOf(entries, declarator.Symbol).AddValue(initializer.Value);
                        }

                        break;
                    case OperationKind.SimpleAssignment:
                        if (((ISimpleAssignmentOperation)operation).Target is ILocalReferenceOperation target)
                        {
                            EntryOf(entries, target.Local).AddValue(((ISimpleAssignmentOperation)operation).Value);
                        }

                        break;
                    case OperationKind.LocalReference:
                        var reference = (ILocalReferenceOperation)operation;
                        if (!IsAssignmentTarget(reference))
                        {
                            EntryOf(entries, reference.Local).AddRead(reference);
                        }

                        break;
                }

                foreach (var child in operation.ChildOperations.Reverse())
                {
                    stack.Push(child);
                }
            }

            Volatile.Write(ref _entries, entries);
            return entries;
        }

        private static bool IsAssignmentTarget(ILocalReferenceOperation reference)
            => reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

        private static Entry EntryOf(Dictionary<ILocalSymbol, Entry> entries, ILocalSymbol local)
        {
            if (!entries.TryGetValue(local, out var entry))
            {
                entry = new Entry();
                entries[local] = entry;
            }

            return entry;
        }
    }

    private sealed class Entry
    {
        public List<IOperation>? Values;
        public List<ILocalReferenceOperation>? Reads;
        public ImmutableArray<IOperation> FrozenValues;
        public ImmutableArray<ILocalReferenceOperation> FrozenReads;

        public void AddValue(IOperation value) => (Values ??= new List<IOperation>()).Add(value);

        public void AddRead(ILocalReferenceOperation read) => (Reads ??= new List<ILocalReferenceOperation>()).Add(read);
    }
}
