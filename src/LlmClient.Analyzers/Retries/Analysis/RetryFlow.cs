using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Analysis;

/// <summary>What repeats a region: a loop's back edge, a <c>goto</c> to a label, a call to the method itself.</summary>
internal enum RegionKind
{
    Loop,
    Goto,
    Recursion,
}

/// <summary>How a path leaves the region (read by LLM1005: what the caller gets when the attempts run out).</summary>
internal enum ExitKind
{
    /// <summary>A repeat, or a way out not classified.</summary>
    Other,

    /// <summary>A <c>return</c> (<see cref="FlowEnd.Return"/>).</summary>
    Return,

    /// <summary>An exception leaves the region.</summary>
    Throw,

    /// <summary>The retry loop ends: its condition is false, or a <c>break</c>.</summary>
    LeaveLoop,

    /// <summary>The end of the statements after a label, or of a method body.</summary>
    End,
}

/// <summary>A path that reached a repeat or an exit of the region.</summary>
internal readonly struct FlowEnd
{
    public FlowEnd(FlowPath path, SyntaxNode? site, ExitKind kind = ExitKind.Other, IReturnOperation? returned = null)
    {
        Path = path;
        Site = site;
        Kind = kind;
        Return = returned;
    }

    public FlowPath Path { get; }

    /// <summary>For an exit: how it leaves.</summary>
    public ExitKind Kind { get; }

    /// <summary>For a <see cref="ExitKind.Return"/>: the return statement.</summary>
    public IReturnOperation? Return { get; }

    /// <summary>For a repeat: the <c>continue</c>, <c>goto</c> or recursive call (null for a loop's end of body).</summary>
    public SyntaxNode? Site { get; }
}

/// <summary>
/// Walks a retry region (a loop body, the statements after a label, a method body) for one call, following which
/// outcomes of the call reach each repeat and each exit: through <c>if</c>/<c>switch</c> on the status, catch clauses
/// and their filters, <c>EnsureSuccessStatusCode</c>, <c>continue</c>/<c>break</c>/<c>return</c>/<c>throw</c>, flags.
/// An abstract interpretation over IOperation; it gives up (and reports nothing) on code too large to follow.
/// </summary>
internal sealed class RetryFlow
{
    private const int MaxPaths = 48;
    private const int MaxSteps = 4000;

    private readonly ConditionEvaluator _eval;
    private readonly CallInfo _call;
    private readonly RetryTypes _types;
    private readonly RegionKind _kind;
    private readonly ILoopOperation? _loop;
    private readonly ILabelSymbol? _label;
    private readonly IMethodSymbol? _method;
    private readonly HashSet<IOperation> _callAncestors = new();
    private readonly Stack<List<(FlowPath Path, Thrower Thrower)>> _tryFrames = new();
    private readonly Dictionary<ILabelSymbol, List<FlowPath>> _branchTargets = new(SymbolEqualityComparer.Default);
    private readonly OperationFacts _facts;
    private readonly CancellationToken _cancellationToken;
    private Thrower? _currentThrower;
    private int _steps;

    public RetryFlow(ConditionEvaluator eval, CallInfo call, RegionKind kind, IOperation region, ILoopOperation? loop, ILabelSymbol? label, IMethodSymbol? method, OperationFacts facts, CancellationToken cancellationToken)
    {
        _facts = facts;
        _eval = eval;
        _call = call;
        _types = eval.Types;
        _kind = kind;
        _loop = loop;
        _label = label;
        _method = method;
        _cancellationToken = cancellationToken;
        _eval.Call = call.Invocation;
        _eval.Carries = type => CarriesFor(_currentThrower, type);

        for (IOperation? node = call.Invocation; node is not null && node != region; node = node.Parent)
        {
            _callAncestors.Add(node);
        }

        RegisterResponseVariable();
    }

    public List<FlowEnd> Repeats { get; } = new();

    public List<FlowEnd> Exits { get; } = new();

    /// <summary>The region was too large or too odd to follow; nothing it found may be reported.</summary>
    public bool Aborted { get; private set; }

    /// <summary>Is <paramref name="call"/> inside <paramref name="region"/> and outside any lambda or local function in it?</summary>
    public static bool IsDirectlyIn(IOperation call, IOperation region)
    {
        for (var node = call.Parent; node is not null; node = node.Parent)
        {
            if (node == region)
            {
                return true;
            }

            if (node is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    // ---- Regions ----------------------------------------------------------------------------------

    /// <summary>Walks a loop: the body until the flags at its back edge stop changing (at most three times).</summary>
    public void RunLoop(ImmutableDictionary<ILocalSymbol, bool> entryFlags)
    {
        var loop = _loop!;
        var seen = new List<ImmutableDictionary<ILocalSymbol, bool>> { entryFlags };
        var entry = new List<FlowPath> { FlowPath.Start(entryFlags) };
        for (var iteration = 0; iteration < 3 && entry.Count > 0 && !Aborted; iteration++)
        {
            var repeatsBefore = Repeats.Count;
            var body = entry;
            if (loop is IForEachLoopOperation forEach && iteration == 0)
            {
                body = Simple(forEach.Collection, body);
            }

            var end = Walk(loop.Body, body);
            LoopRepeat(end, null);

            entry = new List<FlowPath>();
            for (var i = repeatsBefore; i < Repeats.Count; i++)
            {
                var flags = Repeats[i].Path.Flags;
                if (!seen.Any(known => SameFlags(known, flags)))
                {
                    seen.Add(flags);
                    entry.Add(FlowPath.Start(flags));
                }
            }
        }
    }

    /// <summary>Walks the statements from a label to the end of its block; <c>goto label</c> repeats.</summary>
    public void RunStatements(IEnumerable<IOperation> statements)
    {
        var paths = new List<FlowPath> { FlowPath.Start(ImmutableDictionary<ILocalSymbol, bool>.Empty) };
        foreach (var statement in statements)
        {
            paths = Walk(statement, paths);
        }

        Exit(paths, ExitKind.End);
    }

    /// <summary>Walks a method body; a call of the method itself repeats.</summary>
    public void RunBody(IOperation body)
    {
        var paths = Walk(body, new List<FlowPath> { FlowPath.Start(ImmutableDictionary<ILocalSymbol, bool>.Empty) });
        Exit(paths, ExitKind.End);
    }

    // ---- Statements -------------------------------------------------------------------------------

    private List<FlowPath> Walk(IOperation? operation, List<FlowPath> paths)
    {
        if (operation is null || paths.Count == 0 || Aborted)
        {
            return paths;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        if (++_steps > MaxSteps || paths.Count > MaxPaths)
        {
            Aborted = true;
            return new List<FlowPath>();
        }

        // Most statements are plain expressions and declarations: the kind says so before any interface type test.
        if (operation.Kind is OperationKind.VariableDeclarationGroup
            || (operation.Kind is OperationKind.ExpressionStatement && ((IExpressionStatementOperation)operation).Operation.Kind != OperationKind.Throw))
        {
            return Simple(operation, paths);
        }

        switch (operation)
        {
            case IBlockOperation block:
                foreach (var statement in block.Operations)
                {
                    paths = Walk(statement, paths);
                }

                return paths;

            case IConditionalOperation conditional when conditional.Syntax is IfStatementSyntax:
                return WalkIf(conditional, paths);

            case ILoopOperation loop:
                return WalkNestedLoop(loop, paths);

            case ISwitchOperation switchOperation:
                return WalkSwitch(switchOperation, paths);

            case ITryOperation tryOperation:
                return WalkTry(tryOperation, paths);

            case IBranchOperation branch:
                Branch(branch, paths);
                return new List<FlowPath>();

            case IReturnOperation returned:
                paths = returned.ReturnedValue is null ? paths : Simple(returned.ReturnedValue, paths);
                if (returned.Kind == OperationKind.YieldReturn)
                {
                    return paths;
                }

                Exit(paths, ExitKind.Return, returned);
                return new List<FlowPath>();

            case IExpressionStatementOperation { Operation: IThrowOperation thrown }:
                WalkThrow(thrown, paths);
                return new List<FlowPath>();

            case IThrowOperation thrown:
                WalkThrow(thrown, paths);
                return new List<FlowPath>();

            case ILabeledOperation labeled:
                return Walk(labeled.Operation, paths);

            case IUsingOperation usingOperation:
                return Walk(usingOperation.Body, Simple(usingOperation.Resources, paths));

            case ILockOperation lockOperation:
                return Walk(lockOperation.Body, Simple(lockOperation.LockedValue, paths));

            case ILocalFunctionOperation or IEmptyOperation:
                return paths;

            default:
                return Simple(operation, paths);
        }
    }

    private List<FlowPath> WalkIf(IConditionalOperation conditional, List<FlowPath> paths)
    {
        paths = Simple(conditional.Condition, paths);
        var (whenTrue, whenFalse, atoms) = Split(conditional.Condition, paths, GateKind.IfTrue, GateKind.IfFalse, conditional.Condition.Syntax, conditional);
        var trueOut = Walk(conditional.WhenTrue, whenTrue);
        var falseOut = conditional.WhenFalse is null ? whenFalse : Walk(conditional.WhenFalse, whenFalse);
        if (trueOut.Count == 0 || falseOut.Count == 0)
        {
            trueOut.AddRange(falseOut);
            return Coalesce(trueOut);
        }

        // Both branches go on: reaching what follows does not depend on the condition.
        var joined = new List<FlowPath>();
        foreach (var path in trueOut.Concat(falseOut))
        {
            var rejoined = path;
            if (!atoms.IsEmpty)
            {
                rejoined = rejoined.WithAtoms(rejoined.Atoms.RemoveRange(atoms));
            }

            if (rejoined.Gate is { } gate && gate.Operation == conditional)
            {
                rejoined = rejoined.WithGate(gate.Previous);
            }

            joined.Add(rejoined);
        }

        return Coalesce(joined);
    }

    private List<FlowPath> WalkNestedLoop(ILoopOperation loop, List<FlowPath> paths)
    {
        var continues = new List<FlowPath>();
        var breaks = new List<FlowPath>();
        _branchTargets[loop.ContinueLabel] = continues;
        _branchTargets[loop.ExitLabel] = breaks;
        var outs = new List<FlowPath>();
        var entry = paths;
        if (loop is IForEachLoopOperation forEach)
        {
            entry = Simple(forEach.Collection, entry);
        }
        else if (loop is IForLoopOperation forLoop)
        {
            foreach (var before in forLoop.Before)
            {
                entry = Simple(before, entry);
            }
        }

        for (var iteration = 0; iteration < 2 && entry.Count > 0 && !Aborted; iteration++)
        {
            var bodyEntry = entry;
            var condition = LoopCondition(loop, out var atTop);
            if (loop is IForEachLoopOperation)
            {
                outs.AddRange(entry);
            }
            else if (condition is not null && atTop)
            {
                var (t, f, _) = Split(condition, entry, null, null, null, loop);
                outs.AddRange(f);
                bodyEntry = t;
            }

            var end = Walk(loop.Body, bodyEntry);
            end.AddRange(continues);
            continues.Clear();
            if (loop is IForLoopOperation forLoop)
            {
                foreach (var step in forLoop.AtLoopBottom)
                {
                    end = Simple(step, end);
                }
            }

            if (condition is not null && !atTop)
            {
                var (t, f, _) = Split(condition, end, null, null, null, loop);
                outs.AddRange(f);
                end = t;
            }

            entry = Coalesce(end);
        }

        outs.AddRange(breaks);
        _branchTargets.Remove(loop.ContinueLabel);
        _branchTargets.Remove(loop.ExitLabel);
        return Coalesce(outs);
    }

    private List<FlowPath> WalkSwitch(ISwitchOperation switchOperation, List<FlowPath> paths)
    {
        paths = Simple(switchOperation.Value, paths);
        var breaks = new List<FlowPath>();
        _branchTargets[switchOperation.ExitLabel] = breaks;
        var value = _eval.Denote(switchOperation.Value);
        var remaining = paths;
        var outs = new List<FlowPath>();
        ISwitchCaseOperation? defaultSection = null;
        foreach (var section in switchOperation.Cases)
        {
            if (section.Clauses.Any(c => c.CaseKind == CaseKind.Default))
            {
                defaultSection = section;
                continue;
            }

            var (taken, notTaken, _) = SplitWith(
                path => SectionCondition(section, value, switchOperation, path),
                remaining,
                GateKind.SwitchSection,
                null,
                section.Syntax,
                section);
            remaining = notTaken;
            outs.AddRange(WalkSequence(section.Body, taken));
        }

        if (defaultSection is not null)
        {
            outs.AddRange(WalkSequence(defaultSection.Body, remaining.Select(p => p.Set.Overlaps(OutcomeSet.AllStatuses) ? p.WithGate(new Gate(GateKind.SwitchSection, defaultSection.Syntax, defaultSection, p.Gate)) : p).ToList()));
        }
        else
        {
            outs.AddRange(remaining);
        }

        outs.AddRange(breaks);
        _branchTargets.Remove(switchOperation.ExitLabel);
        return Coalesce(outs);
    }

    private Condition SectionCondition(ISwitchCaseOperation section, Denotation value, ISwitchOperation switchOperation, FlowPath path)
    {
        var result = Condition.False;
        foreach (var clause in section.Clauses)
        {
            Condition clauseCondition;
            if (value.IsNone)
            {
                clauseCondition = _eval.FreeOrUnknown(switchOperation.Value);
            }
            else
            {
                switch (clause)
                {
                    case ISingleValueCaseClauseOperation single when ConditionEvaluator.TryGetConstant(single.Value, out var constant) && value.Kind == DenotationKind.Status:
                        clauseCondition = Condition.FromPredicate(StatusTest.Compare(BinaryOperatorKind.Equals, constant), value.Net, constant.HasValue ? OutcomeSet.Status((int)constant.Value) : OutcomeSet.Empty);
                        break;
                    case IPatternCaseClauseOperation pattern:
                        clauseCondition = _eval.EvalPattern(pattern.Pattern, value, path.Flags);
                        if (pattern.Guard is { } guard)
                        {
                            clauseCondition = clauseCondition.And(_eval.Eval(guard, path.Flags));
                        }

                        break;
                    default:
                        clauseCondition = Condition.Unknown();
                        break;
                }
            }

            result = result.Or(clauseCondition);
        }

        return result;
    }

    private List<FlowPath> WalkSequence(ImmutableArray<IOperation> statements, List<FlowPath> paths)
    {
        foreach (var statement in statements)
        {
            paths = Walk(statement, paths);
        }

        return paths;
    }

    private List<FlowPath> WalkTry(ITryOperation tryOperation, List<FlowPath> paths)
    {
        _tryFrames.Push(new List<(FlowPath, Thrower)>());
        var bodyOut = Walk(tryOperation.Body, paths);
        var thrown = _tryFrames.Pop();
        var outs = new List<FlowPath>(bodyOut);
        var remaining = thrown;
        foreach (var catchClause in tryOperation.Catches)
        {
            if (catchClause.ExceptionDeclarationOrExpression is IVariableDeclaratorOperation declarator)
            {
                _eval.Exceptions.Add(declarator.Symbol);
            }

            var caught = new List<FlowPath>();
            var next = new List<(FlowPath, Thrower)>();
            foreach (var (path, thrower) in remaining)
            {
                var carried = CarriesFor(thrower, catchClause.ExceptionType);
                var inType = path.Set.Intersect(carried);
                var outType = path.Set.Except(carried);
                if (!outType.IsEmpty)
                {
                    next.Add((path.WithSet(outType), thrower));
                }

                if (inType.IsEmpty)
                {
                    continue;
                }

                var gate = new Gate(GateKind.Catch, catchClause.Syntax, catchClause, path.Gate);
                var entered = path.EnterCatch(inType, gate, catchClause, thrower);
                if (catchClause.Filter is { } filter)
                {
                    _currentThrower = thrower;
                    var (t, f, _) = Split(filter, new List<FlowPath> { entered }, null, null, null, catchClause);
                    _currentThrower = null;
                    caught.AddRange(t.Select(p => p.WithGate(gate)));
                    next.AddRange(f.Select(p => (p.WithGate(path.Gate), thrower)));
                }
                else
                {
                    caught.Add(entered);
                }
            }

            remaining = next;
            outs.AddRange(Walk(catchClause.Handler, Coalesce(caught)));
        }

        foreach (var (path, thrower) in remaining)
        {
            Throw(path, thrower);
        }

        // A finally block runs on every way out and cannot repeat the loop (C# forbids leaving it by a jump): not walked.
        return Coalesce(outs);
    }

    private void WalkThrow(IThrowOperation thrown, List<FlowPath> paths)
    {
        if (thrown.Exception is null)
        {
            foreach (var path in paths)
            {
                Throw(path, path.Exception ?? new Thrower(null, _types.Exception));
            }

            return;
        }

        paths = Simple(thrown.Exception, paths);
        var exception = thrown.Exception.WalkDownConversions();
        foreach (var path in paths)
        {
            var thrower = exception is ILocalReferenceOperation local && _eval.Exceptions.Contains(local.Local) && path.Exception is { } current
                ? current
                : new Thrower(null, exception.Type);
            Throw(path, thrower);
        }
    }

    private void Throw(FlowPath path, Thrower thrower)
    {
        if (_tryFrames.Count > 0)
        {
            _tryFrames.Peek().Add((path, thrower));
        }
        else
        {
            Exits.Add(new FlowEnd(path, null, ExitKind.Throw));
        }
    }

    private void Branch(IBranchOperation branch, List<FlowPath> paths)
    {
        var target = branch.Target;
        if (_loop is not null && SymbolEqualityComparer.Default.Equals(target, _loop.ContinueLabel))
        {
            LoopRepeat(paths, branch.Syntax);
        }
        else if (_loop is not null && SymbolEqualityComparer.Default.Equals(target, _loop.ExitLabel))
        {
            Exit(paths, ExitKind.LeaveLoop);
        }
        else if (_branchTargets.TryGetValue(target, out var list))
        {
            list.AddRange(paths);
        }
        else if (_kind == RegionKind.Goto && SymbolEqualityComparer.Default.Equals(target, _label))
        {
            foreach (var path in paths)
            {
                Repeats.Add(new FlowEnd(path, branch.Syntax));
            }
        }
        else
        {
            Exit(paths);
        }
    }

    /// <summary>The back edge of the retry loop: the incrementors, then the condition decides repeat or exit.</summary>
    private void LoopRepeat(List<FlowPath> paths, SyntaxNode? site)
    {
        if (_loop is null || paths.Count == 0)
        {
            return;
        }

        if (_loop is IForLoopOperation forLoop)
        {
            foreach (var step in forLoop.AtLoopBottom)
            {
                paths = Simple(step, paths);
            }
        }

        if (_loop is IForEachLoopOperation)
        {
            foreach (var path in paths)
            {
                Repeats.Add(new FlowEnd(path, site));
            }

            return;
        }

        var condition = LoopCondition(_loop, out _);
        if (condition is null)
        {
            foreach (var path in paths)
            {
                Repeats.Add(new FlowEnd(path, site));
            }

            return;
        }

        var (repeat, exit, _) = Split(condition, paths, GateKind.LoopCondition, null, condition.Syntax, _loop);
        foreach (var path in repeat)
        {
            Repeats.Add(new FlowEnd(path, site));
        }

        Exit(exit, ExitKind.LeaveLoop);
    }

    private static IOperation? LoopCondition(ILoopOperation loop, out bool atTop)
    {
        atTop = true;
        switch (loop)
        {
            case IWhileLoopOperation whileLoop:
                atTop = whileLoop.ConditionIsTop;
                return whileLoop.Condition;
            case IForLoopOperation forLoop:
                return forLoop.Condition;
            default:
                return null;
        }
    }

    private void Exit(List<FlowPath> paths, ExitKind kind = ExitKind.Other, IReturnOperation? returned = null)
    {
        foreach (var path in paths)
        {
            Exits.Add(new FlowEnd(path, null, kind, returned));
        }
    }

    /// <summary>
    /// A statement or expression with no control flow of its own: the call, EnsureSuccessStatusCode, a recursive
    /// call, flags set.
    /// </summary>
    private List<FlowPath> Simple(IOperation? operation, List<FlowPath> paths)
    {
        if (operation is null || paths.Count == 0)
        {
            return paths;
        }

        if (_callAncestors.Contains(operation) || operation == _call.Invocation)
        {
            paths = ApplyCall(paths);
        }

        foreach (var node in _facts.FlowNodes(operation))
        {
            switch (node)
            {
                case IInvocationOperation invocation when RetryCalls.IsEnsureSuccess(invocation, _types)
                    && invocation.Instance is { } instance && _eval.Denote(instance).Kind == DenotationKind.Response:
                    paths = ApplyEnsure(paths);
                    break;

                case IInvocationOperation { TargetMethod.Name: "ThrowIfCancellationRequested" } cancellation:
                    // A deliberate way out (like while (!ct.IsCancellationRequested)): an exit on a condition of its own.
                    foreach (var path in paths)
                    {
                        Exits.Add(new FlowEnd(path.WithAtoms(path.Atoms.Add(cancellation)), null, ExitKind.Throw));
                    }

                    break;

                case IInvocationOperation invocation when _kind == RegionKind.Recursion && IsRecursiveCall(invocation):
                    foreach (var path in paths)
                    {
                        Repeats.Add(new FlowEnd(path, invocation.Syntax));
                    }

                    break;

                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when target.Local.Type.SpecialType == SpecialType.System_Boolean:
                    paths = SetFlag(target.Local, assignment.Value, paths);
                    break;

                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator when declarator.Symbol.Type.SpecialType == SpecialType.System_Boolean:
                    paths = SetFlag(declarator.Symbol, initializer.Value, paths);
                    break;
            }
        }

        return paths;
    }

    private bool IsRecursiveCall(IInvocationOperation invocation)
        => _method is not null
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, _method.OriginalDefinition)
            && invocation.Instance is null or IInstanceReferenceOperation;

    private List<FlowPath> ApplyCall(List<FlowPath> paths)
    {
        var continuing = _call.ThrowsOnFailure ? OutcomeSet.Success : OutcomeSet.AllStatuses;
        var thrown = _call.ThrowsOnFailure ? OutcomeSet.Thrown : OutcomeSet.Net;
        var thrower = new Thrower(_call.Family, null);
        var result = new List<FlowPath>();
        foreach (var path in paths)
        {
            result.Add(path.AfterCall(continuing));
            Throw(path.AfterCall(thrown), thrower);
        }

        return Coalesce(result);
    }

    private List<FlowPath> ApplyEnsure(List<FlowPath> paths)
    {
        var thrower = new Thrower(CallFamily.Http, null);
        var result = new List<FlowPath>();
        foreach (var path in paths)
        {
            var failed = path.Set.Intersect(OutcomeSet.AllStatuses.Except(OutcomeSet.Success));
            if (!failed.IsEmpty)
            {
                Throw(path.WithSet(failed), thrower);
            }

            var ok = path.Set.Except(failed);
            if (!ok.IsEmpty)
            {
                result.Add(path.WithSet(ok));
            }
        }

        return result;
    }

    private List<FlowPath> SetFlag(ILocalSymbol local, IOperation value, List<FlowPath> paths)
    {
        var result = new List<FlowPath>();
        foreach (var path in paths)
        {
            var condition = _eval.Eval(value, path.Flags);
            var canBeTrue = path.Set.Overlaps(condition.WhenTrue);
            var canBeFalse = path.Set.Overlaps(condition.WhenFalse);
            if (condition.IsUnknown || !condition.Atoms.IsEmpty || (!condition.ReadsStatus && canBeTrue && canBeFalse))
            {
                result.Add(path.WithFlags(path.Flags.Remove(local)));
                continue;
            }

            if (canBeTrue)
            {
                var narrowed = condition.ReadsStatus && !path.Set.Intersect(condition.WhenTrue).Equals(path.Set);
                var gate = narrowed ? new Gate(GateKind.Assignment, value.Syntax, value, path.Gate) : path.Gate;
                result.Add(path.With(path.Set.Intersect(condition.WhenTrue), gate, path.Atoms, path.Named.Union(condition.Named), path.Uncertain).WithFlags(path.Flags.SetItem(local, true)));
            }

            if (canBeFalse)
            {
                var narrowed = condition.ReadsStatus && !path.Set.Intersect(condition.WhenFalse).Equals(path.Set);
                var gate = narrowed ? new Gate(GateKind.Assignment, value.Syntax, value, path.Gate) : path.Gate;
                result.Add(path.With(path.Set.Intersect(condition.WhenFalse), gate, path.Atoms, path.Named.Union(condition.Named), path.Uncertain).WithFlags(path.Flags.SetItem(local, false)));
            }
        }

        return Coalesce(result);
    }

    // ---- Splitting on conditions ------------------------------------------------------------------

    private (List<FlowPath> WhenTrue, List<FlowPath> WhenFalse, ImmutableArray<IOperation> Atoms) Split(
        IOperation condition, List<FlowPath> paths, GateKind? trueGate, GateKind? falseGate, SyntaxNode? gateNode, IOperation gateOperation)
        => SplitWith(path => _eval.Eval(condition, path.Flags), paths, trueGate, falseGate, gateNode, gateOperation);

    private (List<FlowPath> WhenTrue, List<FlowPath> WhenFalse, ImmutableArray<IOperation> Atoms) SplitWith(
        Func<FlowPath, Condition> evaluate, List<FlowPath> paths, GateKind? trueGate, GateKind? falseGate, SyntaxNode? gateNode, IOperation gateOperation)
    {
        var whenTrue = new List<FlowPath>();
        var whenFalse = new List<FlowPath>();
        var atoms = ImmutableArray<IOperation>.Empty;
        // The condition depends on a path only through its flags and the exception it carries: paths that share both (most
        // do; they differ in their outcome sets) share one evaluation.
        ImmutableDictionary<ILocalSymbol, bool>? lastFlags = null;
        Thrower? lastThrower = null;
        Condition? last = null;
        foreach (var path in paths)
        {
            var saved = _currentThrower;
            var thrower = path.Exception ?? _currentThrower;
            Condition condition;
            if (last is not null && ReferenceEquals(path.Flags, lastFlags) && ReferenceEquals(thrower, lastThrower))
            {
                condition = last;
            }
            else
            {
                _currentThrower = thrower;
                condition = evaluate(path);
                _currentThrower = saved;
                (last, lastFlags, lastThrower) = (condition, path.Flags, thrower);
            }
            atoms = condition.Atoms;
            var named = path.Named.Union(condition.Named);
            var uncertain = path.Uncertain || condition.IsUnknown;
            var outcomeTest = condition.ReadsStatus || condition.TestsSdkException;
            AddBranch(whenTrue, path, condition.MustTrue, condition.WhenTrue, trueGate);
            AddBranch(whenFalse, path, condition.MustFalse, condition.WhenFalse, falseGate);

            void AddBranch(List<FlowPath> branch, FlowPath from, OutcomeSet must, OutcomeSet may, GateKind? gateKind)
            {
                var sure = from.Set.Intersect(must);
                var guarded = from.Set.Intersect(may).Except(sure);
                var narrowed = outcomeTest && !from.Set.Intersect(may).Equals(from.Set);
                var gate = narrowed && gateKind is { } kind && gateNode is not null ? new Gate(kind, gateNode, gateOperation, from.Gate) : from.Gate;
                if (!sure.IsEmpty)
                {
                    branch.Add(from.With(sure, gate, from.Atoms, named, uncertain));
                }

                if (!guarded.IsEmpty)
                {
                    branch.Add(from.With(guarded, gate, from.Atoms.AddRange(condition.Atoms), named, uncertain || condition.Atoms.IsEmpty));
                }
            }
        }

        return (Coalesce(whenTrue), Coalesce(whenFalse), atoms);
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    private OutcomeSet CarriesFor(Thrower? thrower, ITypeSymbol? caught)
    {
        if (thrower is null)
        {
            return RetryCalls.CaughtBy(_call.Family, caught, _types);
        }

        if (thrower.Family is { } family)
        {
            return RetryCalls.CaughtBy(family, caught, _types);
        }

        return caught is null || RetryTypes.DerivesFrom(thrower.UserType, caught as INamedTypeSymbol) ? OutcomeSet.All : OutcomeSet.Empty;
    }

    private void RegisterResponseVariable()
    {
        IOperation node = _call.Invocation;
        while (node.Parent is { } parent)
        {
            if (parent is IAwaitOperation or IConversionOperation or IParenthesizedOperation
                || (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == node))
            {
                node = parent;
                continue;
            }

            switch (parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    _eval.Responses.Add(declarator.Symbol);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == node:
                    _eval.Responses.Add(local.Local);
                    break;
            }

            break;
        }
    }

    private static List<FlowPath> Coalesce(List<FlowPath> paths)
    {
        if (paths.Count < 2)
        {
            return paths;
        }

        var result = new List<FlowPath>(paths.Count);
        foreach (var path in paths)
        {
            var merged = false;
            for (var i = 0; i < result.Count; i++)
            {
                if (result[i].SameStateAs(path))
                {
                    result[i] = result[i].Merge(path);
                    merged = true;
                    break;
                }
            }

            if (!merged)
            {
                result.Add(path);
            }
        }

        return result;
    }

    private static bool SameFlags(ImmutableDictionary<ILocalSymbol, bool> a, ImmutableDictionary<ILocalSymbol, bool> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var pair in a)
        {
            if (!b.TryGetValue(pair.Key, out var value) || value != pair.Value)
            {
                return false;
            }
        }

        return true;
    }
}
