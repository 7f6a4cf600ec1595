using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Analysis;

/// <summary>What Polly v8 predicate arguments hold while a predicate is read.</summary>
internal enum PollyMode
{
    /// <summary>Not a Polly v8 predicate.</summary>
    None,

    /// <summary>The call returned a result (<c>Outcome.Result</c> set, <c>Outcome.Exception</c> null).</summary>
    Result,

    /// <summary>The call threw (<c>Outcome.Exception</c> set, <c>Outcome.Result</c> null).</summary>
    Exception,
}

/// <summary>
/// Reads a boolean condition as a <see cref="Condition"/> over the call's outcome: comparisons of <c>StatusCode</c>,
/// <c>(int)StatusCode</c>, <c>Status</c>; <c>IsSuccessStatusCode</c>; <c>is</c>/<c>or</c>/<c>and</c>/<c>not</c> patterns;
/// type tests of the exception; <c>Contains</c> on a list of statuses; switch expressions; a helper predicate followed
/// one call deep. Anything that reads the outcome in another way (its message text) is unknown.
/// </summary>
internal sealed class ConditionEvaluator
{
    private const int MaxLocalDepth = 3;

    private readonly Dictionary<IOperation, bool> _referencesSource = new();
    private readonly HashSet<ILocalSymbol> _localsInProgress = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, Denotation> _aliases = new(SymbolEqualityComparer.Default);
    private Denotation _conditionalReceiver;

    public ConditionEvaluator(RetryTypes types, SemanticModel model, LocalIndex? index, Func<ITypeSymbol?, OutcomeSet> carries, CancellationToken cancellationToken)
    {
        Types = types;
        Model = model;
        Index = index;
        Carries = carries;
        CancellationToken = cancellationToken;
    }

    public RetryTypes Types { get; }

    public SemanticModel Model { get; }

    public LocalIndex? Index { get; }

    /// <summary>Which outcomes an exception of the given type (a catch type, a type test) can carry.</summary>
    public Func<ITypeSymbol?, OutcomeSet> Carries { get; set; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The tracked call: the value of <c>(await) Call</c> is the response.</summary>
    public IOperation? Call { get; set; }

    /// <summary>Locals and parameters holding the response.</summary>
    public HashSet<ISymbol> Responses { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Locals and parameters holding the exception of the failed call.</summary>
    public HashSet<ISymbol> Exceptions { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The parameter of a Polly v8 predicate (<c>args</c>).</summary>
    public ISymbol? PollyArguments { get; set; }

    public PollyMode Mode { get; set; }

    /// <summary>Parameters bound to a meaning (a helper's arguments, <c>ShouldRetry</c>'s message).</summary>
    public Dictionary<ISymbol, Denotation>? Bindings { get; set; }

    /// <summary>
    /// The exception exists only for a transport failure (<c>ClientRetryPolicy.ShouldRetry</c>'s <c>exception</c>, the
    /// response only otherwise): comparisons with null read which of the two happened.
    /// </summary>
    public bool ExceptionMeansTransportFailure { get; set; }

    private int HelperDepth { get; set; }

    // ---- Conditions -------------------------------------------------------------------------------

    public Condition Eval(IOperation operation, ImmutableDictionary<ILocalSymbol, bool> flags)
    {
        CancellationToken.ThrowIfCancellationRequested();
        while (operation is IParenthesizedOperation parenthesized)
        {
            operation = parenthesized.Operand;
        }

        if (operation.ConstantValue is { HasValue: true, Value: bool constant })
        {
            return Condition.Constant(constant);
        }

        switch (operation)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Eval(not.Operand, flags).Not();

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction when IsBoolean(conjunction.Type):
                return Eval(conjunction.LeftOperand, flags).And(Eval(conjunction.RightOperand, flags));

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } disjunction when IsBoolean(disjunction.Type):
                return Eval(disjunction.LeftOperand, flags).Or(Eval(disjunction.RightOperand, flags));

            case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                return EvalComparison(binary, flags);

            case IIsPatternOperation isPattern:
                return EvalPatternOn(isPattern.Value, isPattern.Pattern, isPattern, flags);

            case IIsTypeOperation isType:
            {
                var input = Denote(isType.ValueOperand);
                var test = input.Kind is DenotationKind.Exception or DenotationKind.Null
                    ? TypeTest(input, isType.TypeOperand)
                    : FreeOrUnknown(isType);
                return isType.IsNegated ? test.Not() : test;
            }

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
            {
                var test = Eval(conditional.Condition, flags);
                return test.And(Eval(conditional.WhenTrue, flags)).Or(test.Not().And(Eval(whenFalse, flags)));
            }

            case ISwitchExpressionOperation switchExpression:
                return EvalSwitchExpression(switchExpression, flags);

            case IConversionOperation conversion when IsBoolean(conversion.Operand.Type):
                return Eval(conversion.Operand, flags);

            case ILocalReferenceOperation local when IsBoolean(local.Type):
                return EvalBooleanLocal(local, flags);

            case IInvocationOperation invocation:
                return EvalInvocation(invocation, flags);
        }

        var denotation = Denote(operation);
        switch (denotation.Kind)
        {
            case DenotationKind.BoolOfOutcome:
                return Condition.FromPredicate(StatusTest.In(denotation.Set), NetValue.Unknown, OutcomeSet.Empty);
            case DenotationKind.Null:
                return Condition.False;
        }

        return FreeOrUnknown(operation);
    }

    /// <summary>Reads a value that is a condition, or a Polly <c>ValueTask&lt;bool&gt;</c>/<c>PredicateResult</c> of one.</summary>
    public Condition EvalResult(IOperation operation, ImmutableDictionary<ILocalSymbol, bool> flags)
    {
        operation = operation.WalkDownConversions();
        switch (operation)
        {
            case IInvocationOperation { TargetMethod.Name: "True" or "False", Arguments.Length: 0 } predicateResult
                when SymbolEqualityComparer.Default.Equals(predicateResult.TargetMethod.ContainingType, Types.PredicateResult):
                return Condition.Constant(predicateResult.TargetMethod.Name == "True");

            case IInvocationOperation { TargetMethod.Name: "FromResult", Arguments.Length: 1 } fromResult
                when fromResult.TargetMethod.ContainingType?.Name is "ValueTask" or "Task":
                return EvalResult(fromResult.Arguments[0].Value, flags);

            case IObjectCreationOperation { Arguments.Length: 1 } creation when creation.Type?.Name == "ValueTask":
                return EvalResult(creation.Arguments[0].Value, flags);

            case ISwitchExpressionOperation switchExpression:
                return EvalSwitchExpression(switchExpression, flags);

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
            {
                var test = Eval(conditional.Condition, flags);
                return test.And(EvalResult(conditional.WhenTrue, flags)).Or(test.Not().And(EvalResult(whenFalse, flags)));
            }
        }

        return Eval(operation, flags);
    }

    public Condition EvalPatternOn(IOperation value, IPatternOperation pattern, IOperation whole, ImmutableDictionary<ILocalSymbol, bool> flags)
    {
        var input = Denote(value);
        return input.IsNone ? FreeOrUnknown(whole) : EvalPattern(pattern, input, flags);
    }

    /// <summary>A condition on something the retry model does not read: free unless it reads the outcome.</summary>
    public Condition FreeOrUnknown(IOperation operation) => ReferencesSource(operation) ? Condition.Unknown() : Condition.Free(operation);

    /// <summary>An exception of <paramref name="input"/> is a <paramref name="type"/>.</summary>
    public Condition TypeTest(Denotation input, ITypeSymbol? type)
    {
        if (input.Kind == DenotationKind.Null)
        {
            return Condition.False;
        }

        var carried = Carries(type);
        var whenTrue = carried.Union(OutcomeSet.Pre);
        var whenFalse = OutcomeSet.All.Except(carried).Union(OutcomeSet.Pre);
        var sdk = RetryTypes.DerivesFrom(type, Types.ClientResultException) || Types.IsAnthropicException(type);
        return Condition.Outcome(whenTrue, whenFalse, OutcomeSet.Empty, readsStatus: false, testsSdkException: sdk);
    }

    private Condition EvalComparison(IBinaryOperation binary, ImmutableDictionary<ILocalSymbol, bool> flags)
    {
        var left = binary.LeftOperand.WalkDownConversions();
        var right = binary.RightOperand.WalkDownConversions();
        var isEquality = binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals;

        // b == true, x?.IsSuccessStatusCode == false
        if (isEquality && (IsBooleanConstant(right, out var rightBool) || IsBooleanConstant(left, out rightBool)))
        {
            var other = IsBooleanConstant(right, out _) ? left : right;
            var otherDenotation = Denote(other);
            if (otherDenotation.Kind == DenotationKind.Null)
            {
                return Condition.Constant(binary.OperatorKind == BinaryOperatorKind.NotEquals);
            }

            var test = Eval(other, flags);
            var equalsTrue = rightBool == (binary.OperatorKind == BinaryOperatorKind.Equals);
            return equalsTrue ? test : test.Not();
        }

        var leftDenotation = Denote(left);
        var rightDenotation = Denote(right);
        var op = binary.OperatorKind;
        if (leftDenotation.Kind == DenotationKind.Constant && rightDenotation.Kind is DenotationKind.Status or DenotationKind.Null)
        {
            (leftDenotation, rightDenotation) = (rightDenotation, leftDenotation);
            op = Swap(op);
        }

        if (rightDenotation.Kind == DenotationKind.Constant)
        {
            var constant = rightDenotation.Constant;
            if (leftDenotation.Kind == DenotationKind.Status)
            {
                var named = isEquality && constant.HasValue ? OutcomeSet.Status((int)constant.Value) : OutcomeSet.Empty;
                return Condition.FromPredicate(StatusTest.Compare(op, constant), leftDenotation.Net, named);
            }

            if (leftDenotation.Kind == DenotationKind.Null)
            {
                return Condition.Constant(StatusTest.Compare(op, constant).MatchesNull);
            }

            if (leftDenotation.Kind is DenotationKind.Exception or DenotationKind.Response && constant is null && isEquality)
            {
                var isNull = IsNullTest(leftDenotation);
                return op == BinaryOperatorKind.NotEquals ? isNull.Not() : isNull;
            }
        }

        return FreeOrUnknown(binary);
    }

    /// <summary>
    /// "The exception (or response) is null": never, in a catch or a predicate; in <c>ShouldRetry</c>, the exception is
    /// null unless the call failed without a status, and the response is null only then.
    /// </summary>
    private Condition IsNullTest(Denotation denotation)
    {
        if (!ExceptionMeansTransportFailure)
        {
            return Condition.False;
        }

        var present = denotation.Kind == DenotationKind.Exception ? OutcomeSet.Net : OutcomeSet.AllStatuses;
        var absent = OutcomeSet.All.Except(present).Except(OutcomeSet.Pre);
        return Condition.Outcome(absent.Union(OutcomeSet.Pre), present.Union(OutcomeSet.Pre), OutcomeSet.Empty, readsStatus: true);
    }

    private Condition EvalBooleanLocal(ILocalReferenceOperation reference, ImmutableDictionary<ILocalSymbol, bool> flags)
    {
        if (flags.TryGetValue(reference.Local, out var known))
        {
            return Condition.Constant(known);
        }

        if (Index is null || !ReferencesSource(reference) || _localsInProgress.Count >= MaxLocalDepth || !_localsInProgress.Add(reference.Local))
        {
            return FreeOrUnknown(reference);
        }

        try
        {
            var values = Index.ValuesOf(reference.Local);
            return values.Length == 1 ? Eval(values[0], flags) : Condition.Unknown();
        }
        finally
        {
            _localsInProgress.Remove(reference.Local);
        }
    }

    private Condition EvalInvocation(IInvocationOperation invocation, ImmutableDictionary<ILocalSymbol, bool> flags)
    {
        var method = invocation.TargetMethod;

        // list.Contains(status), Enumerable.Contains(list, status)
        if (method.Name == "Contains")
        {
            IOperation? list = invocation.Instance;
            IOperation? item = invocation.Arguments.Length >= 1 ? invocation.Arguments[0].Value : null;
            if (list is null && invocation.Arguments.Length >= 2)
            {
                list = invocation.Arguments[0].Value;
                item = invocation.Arguments[1].Value;
            }

            if (list is not null && item is not null && Denote(item.WalkDownConversions()) is { Kind: DenotationKind.Status } status)
            {
                var members = Denote(list.WalkDownConversions());
                if (members.Kind == DenotationKind.StatusList)
                {
                    return Condition.FromPredicate(StatusTest.In(members.Set), status.Net, members.Named);
                }

                return Condition.Unknown();
            }
        }

        // base.ShouldRetry(message, exception) in a ClientRetryPolicy: its own transient statuses and transport failures.
        if (method.Name is "ShouldRetry" or "ShouldRetryAsync" && SymbolEqualityComparer.Default.Equals(method.ContainingType, Types.ClientRetryPolicy))
        {
            var statuses = OutcomeSet.Net;
            foreach (var status in Gateway.GatewayFacts.ClientRetryPolicyStatuses)
            {
                statuses = statuses.Union(OutcomeSet.Status(status));
            }

            return Condition.Outcome(statuses.Union(OutcomeSet.Pre), OutcomeSet.All.Except(statuses), OutcomeSet.Empty, readsStatus: true);
        }

        if (HelperDepth == 0 && ReferencesSource(invocation) && FollowHelper(invocation, flags) is { } followed)
        {
            return followed;
        }

        return FreeOrUnknown(invocation);
    }

    /// <summary>A predicate method in source with one expression (<c>=&gt; ...</c> or <c>{ return ...; }</c>), read with its arguments.</summary>
    private Condition? FollowHelper(IInvocationOperation invocation, ImmutableDictionary<ILocalSymbol, bool> flags)
    {
        var bindings = new Dictionary<ISymbol, Denotation>(SymbolEqualityComparer.Default);
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter)
            {
                var denotation = Denote(argument.Value.WalkDownConversions());
                if (!denotation.IsNone)
                {
                    bindings[parameter] = denotation;
                }
            }
        }

        return bindings.Count == 0 ? null : EvalMethodBody(invocation.TargetMethod, bindings);
    }

    /// <summary>A predicate method passed as a method group, its first parameter bound to <paramref name="parameter"/>.</summary>
    public Condition? EvalMethod(IMethodSymbol method, Denotation parameter)
    {
        if (method.Parameters.Length != 1 || HelperDepth > 0)
        {
            return null;
        }

        var bindings = new Dictionary<ISymbol, Denotation>(SymbolEqualityComparer.Default) { [method.Parameters[0]] = parameter };
        return EvalMethodBody(method, bindings);
    }

    private Condition? EvalMethodBody(IMethodSymbol method, Dictionary<ISymbol, Denotation> bindings)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || !IsBoolean(method.ReturnType))
        {
            return null;
        }

        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(CancellationToken);
        ExpressionSyntax? body = syntax switch
        {
            MethodDeclarationSyntax declaration => SingleExpression(declaration.ExpressionBody, declaration.Body),
            LocalFunctionStatementSyntax local => SingleExpression(local.ExpressionBody, local.Body),
            _ => null,
        };

        if (body is null)
        {
            return null;
        }

        var model = GetModel(body.SyntaxTree);
        if (model is null || model.GetOperation(body, CancellationToken) is not { } bodyOperation)
        {
            return null;
        }

        var helper = new ConditionEvaluator(Types, model, null, Carries, CancellationToken)
        {
            Mode = Mode,
            Bindings = bindings,
            HelperDepth = HelperDepth + 1,
        };
        return helper.Eval(bodyOperation, ImmutableDictionary<ILocalSymbol, bool>.Empty);
    }

    private static ExpressionSyntax? SingleExpression(ArrowExpressionClauseSyntax? arrow, BlockSyntax? block)
        => arrow?.Expression ?? (block is { Statements.Count: 1 } && block.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);

    private SemanticModel? GetModel(SyntaxTree tree)
    {
        if (tree == Model.SyntaxTree)
        {
            return Model;
        }

        if (!Types.Compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

        // A helper predicate in another file: reading it is how the rule follows a status test one call deep.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
        return Types.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }

    private Condition EvalSwitchExpression(ISwitchExpressionOperation switchExpression, ImmutableDictionary<ILocalSymbol, bool> flags)
    {
        var input = Denote(switchExpression.Value.WalkDownConversions());
        var result = Condition.False;
        var unmatched = Condition.True;
        foreach (var arm in switchExpression.Arms)
        {
            var matches = input.IsNone ? FreeOrUnknown(switchExpression.Value) : EvalPattern(arm.Pattern, input, flags);
            if (arm.Guard is { } guard)
            {
                matches = matches.And(Eval(guard, flags));
            }

            result = result.Or(unmatched.And(matches).And(EvalResult(arm.Value, flags)));
            unmatched = unmatched.And(matches.Not());
        }

        return result;
    }

    // ---- Patterns ---------------------------------------------------------------------------------

    public Condition EvalPattern(IPatternOperation pattern, Denotation input, ImmutableDictionary<ILocalSymbol, bool> flags)
    {
        CancellationToken.ThrowIfCancellationRequested();
        if (input.Kind == DenotationKind.Null)
        {
            return MatchesNull(pattern) is { } matches ? Condition.Constant(matches) : Condition.Unknown();
        }

        if (input.Kind is DenotationKind.Status)
        {
            foreach (var declared in pattern.DescendantsAndSelf())
            {
                switch (declared)
                {
                    case IDeclarationPatternOperation { DeclaredSymbol: { } symbol }:
                        _aliases[symbol] = input;
                        break;
                    case IRecursivePatternOperation { DeclaredSymbol: { } symbol }:
                        _aliases[symbol] = input;
                        break;
                }
            }

            var named = OutcomeSet.Empty;
            return StatusTestOf(pattern, ref named) is { } test ? Condition.FromPredicate(test, input.Net, named) : Condition.Unknown();
        }

        switch (pattern)
        {
            case IDiscardPatternOperation:
                return Condition.True;

            case INegatedPatternOperation negated:
                return EvalPattern(negated.Pattern, input, flags).Not();

            case IBinaryPatternOperation binary:
            {
                var left = EvalPattern(binary.LeftPattern, input, flags);
                var right = EvalPattern(binary.RightPattern, input, flags);
                return binary.OperatorKind == BinaryOperatorKind.Or ? left.Or(right) : left.And(right);
            }

            case IConstantPatternOperation constant when input.Kind == DenotationKind.BoolOfOutcome && constant.Value.ConstantValue is { HasValue: true, Value: bool value }:
            {
                var isTrue = Condition.FromPredicate(StatusTest.In(input.Set), NetValue.Unknown, OutcomeSet.Empty);
                return value ? isTrue : isTrue.Not();
            }

            case IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } }:
                return input.Kind is DenotationKind.Exception or DenotationKind.Response ? IsNullTest(input) : Condition.False;

            case IDeclarationPatternOperation declaration:
                AddAlias(declaration.DeclaredSymbol, input);
                return declaration.MatchedType is null || declaration.MatchesNull || input.Kind != DenotationKind.Exception
                    ? Condition.True
                    : TypeTest(input, declaration.MatchedType);

            case ITypePatternOperation type:
                return input.Kind == DenotationKind.Exception ? TypeTest(input, type.MatchedType) : Condition.True;

            case IRecursivePatternOperation recursive:
            {
                AddAlias(recursive.DeclaredSymbol, input);
                var result = input.Kind == DenotationKind.Exception && recursive.MatchedType is { } matched
                    && !SymbolEqualityComparer.Default.Equals(matched, input.Type)
                    ? TypeTest(input, matched)
                    : Condition.True;
                if (!recursive.DeconstructionSubpatterns.IsEmpty)
                {
                    return Condition.Unknown();
                }

                var narrowed = input.Kind == DenotationKind.Exception && recursive.MatchedType is { } narrowedType ? Denotation.Exception(narrowedType) : input;
                foreach (var subpattern in recursive.PropertySubpatterns)
                {
                    var member = DenoteMemberChain(narrowed, subpattern.Member);
                    result = result.And(member.IsNone ? (subpattern.Pattern is IDiscardPatternOperation ? Condition.True : Condition.Unknown()) : EvalPattern(subpattern.Pattern, member, flags));
                }

                return result;
            }
        }

        return Condition.Unknown();
    }

    /// <summary>Does a null value match the pattern?</summary>
    private static bool? MatchesNull(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => constant.Value.ConstantValue is { HasValue: true, Value: null },
        IDiscardPatternOperation => true,
        IDeclarationPatternOperation declaration => declaration.MatchesNull,
        ITypePatternOperation or IRecursivePatternOperation or IRelationalPatternOperation => false,
        INegatedPatternOperation negated => !MatchesNull(negated.Pattern),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } disjunction
            => MatchesNull(disjunction.LeftPattern) is { } l && MatchesNull(disjunction.RightPattern) is { } r ? l || r : null,
        IBinaryPatternOperation conjunction
            => MatchesNull(conjunction.LeftPattern) is { } l && MatchesNull(conjunction.RightPattern) is { } r ? l && r : null,
        _ => null,
    };

    /// <summary>The pattern as a test on a status value, or null when it cannot be read.</summary>
    private static StatusTest? StatusTestOf(IPatternOperation pattern, ref OutcomeSet named)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant when TryGetConstant(constant.Value, out var value):
                if (value.HasValue)
                {
                    named = named.Union(OutcomeSet.Status((int)value.Value));
                }

                return StatusTest.Compare(BinaryOperatorKind.Equals, value);

            case IRelationalPatternOperation relational when TryGetConstant(relational.Value, out var bound) && bound.HasValue:
                return StatusTest.Compare(relational.OperatorKind, bound);

            case INegatedPatternOperation negated:
                return StatusTestOf(negated.Pattern, ref named)?.Not();

            case IBinaryPatternOperation binary:
            {
                var left = StatusTestOf(binary.LeftPattern, ref named);
                var right = StatusTestOf(binary.RightPattern, ref named);
                if (left is not { } l || right is not { } r)
                {
                    return null;
                }

                return binary.OperatorKind == BinaryOperatorKind.Or ? l.Or(r) : l.And(r);
            }

            case IDiscardPatternOperation:
                return StatusTest.Any;

            case IDeclarationPatternOperation declaration:
                return declaration.MatchesNull ? StatusTest.Any : StatusTest.AnyStatus;

            case ITypePatternOperation or IRecursivePatternOperation { PropertySubpatterns.Length: 0, DeconstructionSubpatterns.Length: 0 }:
                return StatusTest.AnyStatus;
        }

        return null;
    }

    private void AddAlias(ISymbol? symbol, Denotation input)
    {
        if (symbol is null)
        {
            return;
        }

        switch (input.Kind)
        {
            case DenotationKind.Exception:
                Exceptions.Add(symbol);
                break;
            case DenotationKind.Response:
                Responses.Add(symbol);
                break;
        }
    }

    // ---- Values -----------------------------------------------------------------------------------

    /// <summary>What a value means to the retry model.</summary>
    public Denotation Denote(IOperation operation)
    {
        operation = operation.WalkDownConversions();
        if (Call is not null && (operation == Call || IsAwaitOfCall(operation)))
        {
            return Denotation.Response;
        }

        if (operation.ConstantValue.HasValue)
        {
            return TryGetConstant(operation, out var constant) ? Denotation.ConstantValue(constant) : Denotation.None;
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                return DenoteSymbol(local.Local) is { IsNone: false } known ? known : DenoteLocal(local.Local);

            case IParameterReferenceOperation parameter:
                return DenoteSymbol(parameter.Parameter);

            case IPropertyReferenceOperation property when property.Instance is { } instance:
            {
                var receiver = Denote(instance);
                return receiver.IsNone ? Denotation.None : DenoteMember(receiver, property.Property);
            }

            case IPropertyReferenceOperation or IFieldReferenceOperation:
                return DenoteList(operation);

            case IConditionalAccessOperation conditional:
            {
                var receiver = Denote(conditional.Operation);
                if (receiver.IsNone)
                {
                    return Denotation.None;
                }

                var saved = _conditionalReceiver;
                _conditionalReceiver = receiver;
                try
                {
                    return Denote(conditional.WhenNotNull);
                }
                finally
                {
                    _conditionalReceiver = saved;
                }
            }

            case IConditionalAccessInstanceOperation:
                return _conditionalReceiver;

            case IInvocationOperation { TargetMethod.Name: "GetRawResponse", Instance: { } instance } when Denote(instance).Kind == DenotationKind.Exception:
                return Denotation.Response;

            case IInvocationOperation { TargetMethod.Name: "GetValueOrDefault", Instance: { } instance } when Denote(instance) is { Kind: DenotationKind.Status }:
                return Denotation.Status(NetValue.Zero);
        }

        return Denotation.None;
    }

    private Denotation DenoteSymbol(ISymbol symbol)
    {
        if (Bindings is not null && Bindings.TryGetValue(symbol, out var bound))
        {
            return bound;
        }

        if (_aliases.TryGetValue(symbol, out var alias))
        {
            return alias;
        }

        if (Responses.Contains(symbol))
        {
            return Denotation.Response;
        }

        if (Exceptions.Contains(symbol))
        {
            return Denotation.Exception(symbol switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            });
        }

        return PollyArguments is not null && SymbolEqualityComparer.Default.Equals(symbol, PollyArguments) ? Denotation.PollyArguments : Denotation.None;
    }

    /// <summary>A local with one value (<c>var status = (int)response.StatusCode;</c>), or a local list of statuses.</summary>
    private Denotation DenoteLocal(ILocalSymbol local)
    {
        if (Index is null || _localsInProgress.Count >= MaxLocalDepth || !_localsInProgress.Add(local))
        {
            return Denotation.None;
        }

        try
        {
            var values = Index.ValuesOf(local);
            if (values.Length != 1)
            {
                return Denotation.None;
            }

            var value = Denote(values[0]);
            if (!value.IsNone)
            {
                return value;
            }

            if (StatusElements(values[0]) is { } members)
            {
                foreach (var read in Index.ReadsOf(local))
                {
                    if (read.Parent is IInvocationOperation { TargetMethod.Name: "Add" or "UnionWith" } add && add.Instance == read)
                    {
                        if (add.Arguments.Length != 1 || StatusElements(add.Arguments[0].Value) is not { } added)
                        {
                            return Denotation.None;
                        }

                        members = members.Union(added);
                    }
                }

                return Denotation.StatusList(members);
            }

            return Denotation.None;
        }
        finally
        {
            _localsInProgress.Remove(local);
        }
    }

    /// <summary>A field or property initialized with statuses, plus the ones its type adds (<c>Retryable.Add(...)</c>).</summary>
    private Denotation DenoteList(IOperation reference)
    {
        ISymbol? member = reference switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        if (member is null || member.DeclaringSyntaxReferences.Length != 1 || !LooksLikeCollection(reference.Type))
        {
            return Denotation.None;
        }

        var declaration = member.DeclaringSyntaxReferences[0].GetSyntax(CancellationToken);
        ExpressionSyntax? initializer = declaration switch
        {
            VariableDeclaratorSyntax { Initializer.Value: { } value } => value,
            PropertyDeclarationSyntax { Initializer.Value: { } value } => value,
            PropertyDeclarationSyntax { ExpressionBody.Expression: { } value } => value,
            _ => null,
        };

        if (initializer is null || GetModel(initializer.SyntaxTree) is not { } model || model.GetOperation(initializer, CancellationToken) is not { } operation
            || StatusElements(operation) is not { } members)
        {
            return Denotation.None;
        }

        // Callers that extend the list: anywhere in the declaring type.
        foreach (var typeReference in member.ContainingType.DeclaringSyntaxReferences)
        {
            var typeSyntax = typeReference.GetSyntax(CancellationToken);
            foreach (var node in typeSyntax.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" or "UnionWith" } access } invocation
                    && NameOf(access.Expression) == member.Name
                    && GetModel(invocation.SyntaxTree) is { } addModel
                    && addModel.GetOperation(invocation, CancellationToken) is IInvocationOperation add
                    && add.Instance?.WalkDownConversions() is { } instance
                    && SymbolEqualityComparer.Default.Equals(instance switch { IFieldReferenceOperation f => f.Field, IPropertyReferenceOperation p => p.Property, _ => null }, member))
                {
                    if (add.Arguments.Length != 1 || StatusElements(add.Arguments[0].Value) is not { } added)
                    {
                        return Denotation.None;
                    }

                    members = members.Union(added);
                }
            }
        }

        return Denotation.StatusList(members);
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool LooksLikeCollection(ITypeSymbol? type)
        => type is IArrayTypeSymbol || (type is INamedTypeSymbol named && named.AllInterfaces.Length > 0 && named.SpecialType == SpecialType.None && named.Name != "String");

    /// <summary>The statuses a collection is built from, when every element is a constant status.</summary>
    private static OutcomeSet? StatusElements(IOperation operation)
    {
        operation = operation.WalkDownConversions();
        if (TryGetConstant(operation, out var single))
        {
            return single is >= OutcomeSet.MinStatus and <= OutcomeSet.MaxStatus ? OutcomeSet.Status((int)single.Value) : null;
        }

        var result = OutcomeSet.Empty;
        var found = false;
        IEnumerable<IOperation> parts = operation switch
        {
            IArrayCreationOperation { Initializer: { } array } => array.ElementValues,
            ICollectionExpressionOperation collection => collection.Elements,
            IObjectCreationOperation creation => Parts(creation),
            IInvocationOperation invocation => Arguments(invocation),
            _ => Array.Empty<IOperation>(),
        };

        foreach (var part in parts)
        {
            if (StatusElements(part) is not { } elements)
            {
                return null;
            }

            result = result.Union(elements);
            found = true;
        }

        return found ? result : operation is IArrayCreationOperation or ICollectionExpressionOperation or IObjectCreationOperation ? result : null;

        static IEnumerable<IOperation> Parts(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    yield return argument.Value;
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var element in initializer.Initializers)
                {
                    if (element is IInvocationOperation { Arguments.Length: 1 } add)
                    {
                        yield return add.Arguments[0].Value;
                    }
                    else
                    {
                        yield return element;
                    }
                }
            }
        }

        static IEnumerable<IOperation> Arguments(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance)
            {
                yield return instance;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } array })
                {
                    foreach (var element in array.ElementValues)
                    {
                        yield return element;
                    }
                }
                else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    yield return argument.Value;
                }
            }
        }
    }

    private Denotation DenoteMemberChain(Denotation input, IOperation member)
    {
        switch (member)
        {
            case IPropertyReferenceOperation property:
                return DenoteMember(property.Instance is null or IInstanceReferenceOperation ? input : DenoteMemberChain(input, property.Instance), property.Property);
            case IFieldReferenceOperation field:
                return DenoteMember(field.Instance is null or IInstanceReferenceOperation ? input : DenoteMemberChain(input, field.Instance), field.Field);
            default:
                return Denotation.None;
        }
    }

    private Denotation DenoteMember(Denotation receiver, ISymbol member)
    {
        var name = member.Name;
        var containing = member.ContainingType;
        switch (receiver.Kind)
        {
            case DenotationKind.Null:
                return Denotation.NullValue;

            case DenotationKind.Response:
                if (name == "StatusCode" && SymbolEqualityComparer.Default.Equals(containing, Types.HttpResponseMessage))
                {
                    return Denotation.Status(NetValue.Unknown);
                }

                if (name == "IsSuccessStatusCode" && SymbolEqualityComparer.Default.Equals(containing, Types.HttpResponseMessage))
                {
                    return Denotation.BoolOfOutcome(OutcomeSet.Success);
                }

                if (RetryTypes.DerivesFrom(Types.PipelineResponse, containing))
                {
                    return name switch
                    {
                        "Status" => Denotation.Status(NetValue.Unknown),
                        "IsError" => Denotation.BoolOfOutcome(OutcomeSet.Failures),
                        _ => Denotation.None,
                    };
                }

                return Denotation.None;

            case DenotationKind.Exception:
                if (name == "StatusCode" && RetryTypes.DerivesFrom(Types.HttpRequestException, containing))
                {
                    return Denotation.Status(NetValue.Null);
                }

                if (name == "Status" && RetryTypes.DerivesFrom(Types.ClientResultException, containing))
                {
                    return Denotation.Status(NetValue.Zero);
                }

                if (name == "StatusCode" && Types.IsAnthropicException(containing))
                {
                    return Denotation.Status(NetValue.Unknown);
                }

                return Denotation.None;

            case DenotationKind.Status:
                return name switch
                {
                    "Value" => receiver,
                    "HasValue" => Denotation.BoolOfOutcome(OutcomeSet.AllStatuses),
                    _ => Denotation.None,
                };

            case DenotationKind.Outcome:
                return name switch
                {
                    "Result" => Mode == PollyMode.Exception ? Denotation.NullValue : Denotation.Response,
                    "Exception" => Mode == PollyMode.Result ? Denotation.NullValue : Denotation.Exception((member as IPropertySymbol)?.Type),
                    _ => Denotation.None,
                };

            case DenotationKind.PollyArguments:
                return name == "Outcome" ? Denotation.Outcome : Denotation.None;

            case DenotationKind.Message:
                return name == "Response" ? Denotation.Response : Denotation.None;
        }

        return Denotation.None;
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    /// <summary>Does the operation read the outcome (the response, the exception, the call)?</summary>
    public bool ReferencesSource(IOperation operation)
    {
        if (_referencesSource.TryGetValue(operation, out var cached))
        {
            return cached;
        }

        var result = false;
        foreach (var node in operation.DescendantsAndSelf())
        {
            if (node == Call
                || (node is ILocalReferenceOperation local && (!DenoteSymbol(local.Local).IsNone || LocalReadsSource(local.Local)))
                || (node is IParameterReferenceOperation parameter && !DenoteSymbol(parameter.Parameter).IsNone))
            {
                result = true;
                break;
            }
        }

        _referencesSource[operation] = result;
        return result;
    }

    private bool LocalReadsSource(ILocalSymbol local)
    {
        if (Index is null || _localsInProgress.Count >= MaxLocalDepth || !_localsInProgress.Add(local))
        {
            return false;
        }

        try
        {
            foreach (var value in Index.ValuesOf(local))
            {
                if (ReferencesSource(value))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            _localsInProgress.Remove(local);
        }
    }

    private bool IsAwaitOfCall(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IAwaitOperation awaited:
                    operation = awaited.Operation.WalkDownConversions();
                    break;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance }:
                    operation = instance.WalkDownConversions();
                    break;
                default:
                    return operation == Call;
            }
        }
    }

    public static bool TryGetConstant(IOperation operation, out long? value)
    {
        value = null;
        // Read once: each read of an operation's ConstantValue boxes a number anew.
        var constantValue = operation.ConstantValue;
        if (!constantValue.HasValue)
        {
            return false;
        }

        switch (constantValue.Value)
        {
            case null:
                return true;
            case int i:
                value = i;
                return true;
            case long l:
                value = l;
                return true;
            case short s:
                value = s;
                return true;
            case byte b:
                value = b;
                return true;
            case uint u:
                value = u;
                return true;
            case ushort us:
                value = us;
                return true;
            case sbyte sb:
                value = sb;
                return true;
            default:
                return false;
        }
    }

    private static bool IsBooleanConstant(IOperation operation, out bool value)
    {
        if (operation.ConstantValue is { HasValue: true, Value: bool b })
        {
            value = b;
            return true;
        }

        value = false;
        return false;
    }

    private static bool IsBoolean(ITypeSymbol? type)
        => type?.SpecialType == SpecialType.System_Boolean
            || (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
                && nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean);

    private static bool IsComparison(BinaryOperatorKind kind)
        => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
            or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

    private static BinaryOperatorKind Swap(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        _ => kind,
    };
}
