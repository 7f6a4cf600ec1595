using System;
using System.Collections.Generic;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Analysis;

/// <summary>
/// Facts about operation subtrees of one code block that the extractors ask about again and again (each counter of a
/// bound, each local of a wait, each statement the flow walks, for every candidate call): each subtree is walked once,
/// on the first question, and the answer kept for the block.
/// </summary>
internal sealed class OperationFacts
{
    private readonly Dictionary<IOperation, Writes> _writes = new();
    private readonly Dictionary<IOperation, HashSet<ISymbol>> _writtenInLambdas = new();
    private readonly Dictionary<IOperation, IOperation[]> _flowNodes = new();
    // The walks' working stacks, one set per thread rather than per block (a block's facts are asked on one thread, and no
    // walk starts another): grown once, not again for every code block. Empty between walks, so they hold no operation.
    [ThreadStatic]
    private static Stack<IOperation>? t_stack;
    [ThreadStatic]
    private static Stack<(IOperation.OperationList.Enumerator Children, bool InLambda)>? t_children;
    [ThreadStatic]
    private static List<IOperation>? t_nodes;

    /// <summary>
    /// Is the symbol written anywhere in <paramref name="region"/>, or (a local) in a lambda or local function anywhere in
    /// its tree (an onRetry callback defined elsewhere may advance a captured counter)? Written: the target of an
    /// increment, a compound or simple assignment, or a <c>ref</c>/<c>out</c> argument.
    /// </summary>
    public bool IsWrittenIn(ISymbol symbol, IOperation region)
    {
        if (WritesOf(region).IsWritten(symbol))
        {
            return true;
        }

        return symbol is ILocalSymbol && WrittenInLambdas(region.Root()).Contains(symbol);
    }

    /// <summary>Locals the region advances: incremented, grown by a compound assignment, or assigned a binary expression.</summary>
    public bool Advances(ISymbol symbol, IOperation region) => WritesOf(region).IsAdvanced(symbol);

    /// <summary><c>delay *= 2</c>, <c>delay = delay * 2</c>, <c>delay &lt;&lt;= 1</c> in the region: a local that doubles.</summary>
    public bool Multiplies(ILocalSymbol local, IOperation region) => WritesOf(region).IsMultiplied(local);

    /// <summary>Boolean locals assigned (<c>done = ...</c>) anywhere in the region, lambdas included.</summary>
    public IReadOnlyCollection<ILocalSymbol> BooleansAssignedIn(IOperation region) => WritesOf(region).BooleansAssigned;

    /// <summary>
    /// The operations of <paramref name="operation"/>'s tree outside lambdas and local functions that
    /// <see cref="RetryFlow"/> reacts to (invocations, boolean locals assigned or declared with a value), in pre-order.
    /// </summary>
    public IOperation[] FlowNodes(IOperation operation)
    {
        if (!_flowNodes.TryGetValue(operation, out var cached))
        {
            cached = FromEnclosingRegion(operation) ?? WalkFlowNodes(operation);
        }

        return cached;
    }

    /// <summary>
    /// The flow nodes of <paramref name="operation"/> taken from those of a region around it that was walked already (the
    /// loop body, asked first, around each statement the flow walk asks about): the nodes of its subtree are a
    /// subsequence of the region's pre-order list. Null when no walked region holds it outside a lambda or local function.
    /// </summary>
    private IOperation[]? FromEnclosingRegion(IOperation operation)
    {
        if (operation.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction)
        {
            // Its own walk reads its body, which a region around it leaves out.
            return null;
        }

        IOperation[]? regionNodes = null;
        IOperation? region = null;
        for (var ancestor = operation.Parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (_flowNodes.TryGetValue(ancestor, out regionNodes))
            {
                region = ancestor;
                break;
            }

            if (ancestor.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction)
            {
                // Inside a lambda, which the region's walk left out.
                return null;
            }
        }

        if (regionNodes is null)
        {
            return null;
        }

        var span = operation.Syntax.Span;
        var nodes = t_nodes ??= new List<IOperation>();
        nodes.Clear();
        foreach (var node in regionNodes)
        {
            if (span.Contains(node.Syntax.Span) && IsInSubtree(node, operation, region!))
            {
                nodes.Add(node);
            }
        }

        return _flowNodes[operation] = Drain(nodes);
    }

    /// <summary>The per-thread node list's contents as an array, the list left empty for the next walk.</summary>
    private static IOperation[] Drain(List<IOperation> nodes)
    {
        var result = nodes.Count == 0 ? Array.Empty<IOperation>() : nodes.ToArray();
        nodes.Clear();
        return result;
    }

    /// <summary>Is <paramref name="node"/>, a node of <paramref name="region"/>'s list, in <paramref name="root"/>'s subtree?</summary>
    private static bool IsInSubtree(IOperation node, IOperation root, IOperation region)
    {
        for (var current = node; current is not null && current != region; current = current.Parent)
        {
            if (current == root)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFlowNode(IOperation operation) => operation.Kind is OperationKind.Invocation or OperationKind.SimpleAssignment or OperationKind.VariableDeclarator && operation switch
    {
        IInvocationOperation => true,
        ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local.Type.SpecialType == SpecialType.System_Boolean,
        IVariableDeclaratorOperation { Initializer: not null } declarator => declarator.Symbol.Type.SpecialType == SpecialType.System_Boolean,
        _ => false,
    };

    private Writes WritesOf(IOperation region)
    {
        if (_writes.TryGetValue(region, out var writes))
        {
            return writes;
        }

        if (region is ILoopOperation { Body: { } body })
        {
            // The body is asked about on its own too (a wait's counter, the flow): its walk serves both, and the loop's
            // walk adds what lies outside it (condition, incrementors, declarations).
            writes = new Writes();
            writes.UnionWith(WritesOf(body));
            var stack = t_stack ??= new Stack<IOperation>();
            stack.Clear();
            stack.Push(region);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                writes.Add(node);
                foreach (var child in node.ChildOperations)
                {
                    if (child != body)
                    {
                        stack.Push(child);
                    }
                }
            }

            _writes[region] = writes;
            return writes;
        }

        Walk(region);
        return _writes[region];
    }

    /// <summary>The flow nodes of a region no walked region holds: from <see cref="Walk"/>, which also records its writes.</summary>
    private IOperation[] WalkFlowNodes(IOperation operation)
    {
        Walk(operation);
        return _flowNodes[operation];
    }

    /// <summary>
    /// One walk of <paramref name="region"/>'s tree, in pre-order as Roslyn's <c>Descendants</c> walks (a stack of the
    /// open child lists), for both its writes (lambdas included) and its flow nodes (lambdas and local functions left out).
    /// </summary>
    private void Walk(IOperation region)
    {
        var writes = new Writes();
        var nodes = t_nodes ??= new List<IOperation>();
        var stack = t_children ??= new Stack<(IOperation.OperationList.Enumerator Children, bool InLambda)>();
        nodes.Clear();
        writes.Add(region);
        if (IsFlowNode(region))
        {
            nodes.Add(region);
        }

        stack.Clear();
        stack.Push((region.ChildOperations.GetEnumerator(), false));
        while (stack.Count > 0)
        {
            var (children, inLambda) = stack.Pop();
            if (!children.MoveNext())
            {
                continue;
            }

            var child = children.Current;
            stack.Push((children, inLambda));
            writes.Add(child);
            var childIsLambda = child.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction;
            if (!inLambda && !childIsLambda && IsFlowNode(child))
            {
                nodes.Add(child);
            }

            stack.Push((child.ChildOperations.GetEnumerator(), inLambda || childIsLambda));
        }

        _writes[region] = writes;
        _flowNodes[region] = Drain(nodes);
    }

    private HashSet<ISymbol> WrittenInLambdas(IOperation root)
    {
        if (_writtenInLambdas.TryGetValue(root, out var written))
        {
            return written;
        }

        written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var stack = new Stack<(IOperation Node, bool InLambda)>();
        stack.Push((root, IsInLambda(root)));
        while (stack.Count > 0)
        {
            var (node, inLambda) = stack.Pop();
            if (inLambda && WrittenSymbol(node) is { } symbol)
            {
                written.Add(symbol);
            }

            var childrenInLambda = inLambda || node is IAnonymousFunctionOperation or ILocalFunctionOperation;
            foreach (var child in node.ChildOperations)
            {
                stack.Push((child, childrenInLambda));
            }
        }

        _writtenInLambdas[root] = written;
        return written;
    }

    private static bool IsInLambda(IOperation operation)
    {
        for (var node = operation.Parent; node is not null; node = node.Parent)
        {
            if (node is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The symbol an operation writes (see <see cref="IsWrittenIn"/>), if any.</summary>
    private static ISymbol? WrittenSymbol(IOperation node)
    {
        // The kind first: an interface type test per node (most are none of these) costs more than the walk itself.
        if (!IsWriteKind(node.Kind))
        {
            return null;
        }

        var target = node switch
        {
            IIncrementOrDecrementOperation increment => increment.Target,
            ICompoundAssignmentOperation compound => compound.Target,
            ISimpleAssignmentOperation simple => simple.Target,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
            _ => null,
        };

        return target is null ? null : BoundClassifier.SymbolOf(target);
    }

    private static bool IsWriteKind(OperationKind kind)
        => kind is OperationKind.Increment or OperationKind.Decrement or OperationKind.CompoundAssignment or OperationKind.SimpleAssignment or OperationKind.Argument;

    private sealed class Writes
    {
        // Created on the first write of each kind: most regions write few symbols, many none of a kind.
        private SymbolSet<ISymbol>? _written;
        private SymbolSet<ISymbol>? _advanced;
        private SymbolSet<ISymbol>? _multiplied;
        private SymbolSet<ILocalSymbol>? _booleansAssigned;

        public IReadOnlyCollection<ILocalSymbol> BooleansAssigned => (IReadOnlyCollection<ILocalSymbol>?)_booleansAssigned ?? System.Array.Empty<ILocalSymbol>();

        public bool IsWritten(ISymbol symbol) => _written?.Contains(symbol) == true;

        public bool IsAdvanced(ISymbol symbol) => _advanced?.Contains(symbol) == true;

        public bool IsMultiplied(ISymbol symbol) => _multiplied?.Contains(symbol) == true;

        public void UnionWith(Writes other)
        {
            Union(ref _written, other._written);
            Union(ref _advanced, other._advanced);
            Union(ref _multiplied, other._multiplied);
            Union(ref _booleansAssigned, other._booleansAssigned);
        }

        private static void Union<T>(ref SymbolSet<T>? target, SymbolSet<T>? source)
            where T : class, ISymbol
        {
            if (source is { Count: > 0 })
            {
                target ??= new SymbolSet<T>();
                foreach (var symbol in source)
                {
                    target.Add(symbol);
                }
            }
        }

        public void Add(IOperation node)
        {
            if (!IsWriteKind(node.Kind))
            {
                return;
            }

            if (WrittenSymbol(node) is { } written)
            {
                (_written ??= new()).Add(written);
            }

            switch (node)
            {
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target }:
                    (_advanced ??= new()).Add(target.Local);
                    break;

                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } compound:
                    (_advanced ??= new()).Add(target.Local);
                    if (compound.OperatorKind is BinaryOperatorKind.Multiply or BinaryOperatorKind.LeftShift)
                    {
                        (_multiplied ??= new()).Add(target.Local);
                    }

                    break;

                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value }:
                    if (target.Local.Type.SpecialType == SpecialType.System_Boolean)
                    {
                        (_booleansAssigned ??= new()).Add(target.Local);
                    }

                    if (value is IBinaryOperation)
                    {
                        (_advanced ??= new()).Add(target.Local);
                    }

                    if (ContainsMultiplication(value))
                    {
                        (_multiplied ??= new()).Add(target.Local);
                    }

                    break;
            }
        }

        private static bool ContainsMultiplication(IOperation value)
        {
            foreach (var node in value.DescendantsAndSelf())
            {
                if (node is IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply or BinaryOperatorKind.LeftShift })
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>
/// A set of the few symbols a region writes (nearly always under ten): a list searched in order, which allocates and
/// hashes less than a <see cref="HashSet{T}"/>. Symbols compare with <see cref="SymbolEqualityComparer.Default"/>.
/// </summary>
internal sealed class SymbolSet<T> : IReadOnlyCollection<T>
    where T : class, ISymbol
{
    private readonly List<T> _items = new(4);

    public int Count => _items.Count;

    public bool Contains(ISymbol symbol)
    {
        foreach (var item in _items)
        {
            if (SymbolEqualityComparer.Default.Equals(item, symbol))
            {
                return true;
            }
        }

        return false;
    }

    public void Add(T symbol)
    {
        if (!Contains(symbol))
        {
            _items.Add(symbol);
        }
    }

    public List<T>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
