using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// Turns a walked region (<see cref="RetryFlow"/>) into the model: is it a retry at all (a failure repeats and a
/// success leaves), which statuses repeat and through which gate, and which free conditions can stop it.
/// </summary>
internal sealed class FlowSiteBuilder
{
    private readonly RetryFlow _flow;
    private readonly CallInfo _call;
    private readonly ConditionEvaluator _eval;
    private readonly ExtractionContext _context;
    private (IOperation Scope, bool Returns)? _returnsResponse;

    public FlowSiteBuilder(RetryFlow flow, CallInfo call, ConditionEvaluator eval, ExtractionContext context)
    {
        _flow = flow;
        _call = call;
        _eval = eval;
        _context = context;
        foreach (var repeat in flow.Repeats)
        {
            Retried = Retried.Union(repeat.Path.Set.Intersect(OutcomeSet.Failures.Union(OutcomeSet.Net)));
        }
    }

    /// <summary>Failure outcomes that reach another attempt.</summary>
    public OutcomeSet Retried { get; }

    /// <summary>
    /// A retry repeats the call on failure and leaves on success. A worker loop, a poll loop ("not ready yet") or a
    /// REPL repeats on success too, or leaves only on a condition of its own, and is not a retry.
    /// </summary>
    public bool IsRetry
        => !_flow.Aborted
            && !Retried.IsEmpty
            && _flow.Exits.Any(exit => exit.Path.Set.Overlaps(OutcomeSet.Success) && exit.Path.Atoms.IsEmpty && !exit.Path.Uncertain);

    /// <summary>Free conditions on the ways out that the repeated failures (or a new iteration) can take.</summary>
    public IEnumerable<IOperation> BoundAtoms
    {
        get
        {
            var carriers = Retried.Union(OutcomeSet.Pre);
            var seen = new HashSet<IOperation>();
            foreach (var exit in _flow.Exits)
            {
                if (!exit.Path.Set.Overlaps(carriers))
                {
                    continue;
                }

                foreach (var atom in exit.Path.Atoms)
                {
                    if (seen.Add(atom))
                    {
                        yield return atom;
                    }
                }
            }
        }
    }

    /// <summary>The catch clauses every repeated failure goes through, or empty when some repeat comes another way.</summary>
    public ImmutableArray<Location> RepeatingCatchClauses()
    {
        var clauses = new List<SyntaxNode>();
        foreach (var repeat in _flow.Repeats)
        {
            if (!repeat.Path.Set.Overlaps(Retried))
            {
                continue;
            }

            if (repeat.Path.CatchClause?.Syntax is not CatchClauseSyntax clause)
            {
                return ImmutableArray<Location>.Empty;
            }

            if (!clauses.Contains(clause))
            {
                clauses.Add(clause);
            }
        }

        return clauses.Select(c => c.GetLocation()).ToImmutableArray();
    }

    /// <summary>
    /// Where the repeated failures repeat when none of them comes through a catch: the <c>continue</c> statements, and
    /// whether some reach the end of the body. Null when a repeat comes another way.
    /// </summary>
    public (List<SyntaxNode> Continues, bool EndOfBody)? ResponseRepeatSites()
    {
        var continues = new List<SyntaxNode>();
        var endOfBody = false;
        foreach (var repeat in _flow.Repeats)
        {
            if (!repeat.Path.Set.Overlaps(Retried))
            {
                continue;
            }

            if (repeat.Path.CatchClause is not null)
            {
                return null;
            }

            switch (repeat.Site)
            {
                case null:
                    endOfBody = true;
                    break;
                case ContinueStatementSyntax statement:
                    if (!continues.Contains(statement))
                    {
                        continues.Add(statement);
                    }

                    break;
                default:
                    return null;
            }
        }

        return (continues, endOfBody);
    }

    /// <summary>
    /// What the caller gets when a bounded retry runs out: the ways out that a repeated failure takes on a free
    /// condition (the counter), and what each does: a throw, a <c>return</c> of null/default/empty, or the end of the
    /// loop followed by such a return or by the end of a method that returns nothing.
    /// </summary>
    public RetryExhaustion Exhaustion(RetryBound bound, StatementSyntax? loop)
    {
        if (bound.Kind != BoundKind.Bounded || Retried.IsEmpty)
        {
            return RetryExhaustion.Unknown;
        }

        var leavesOnSuccess = _flow.Exits.Any(e => e.Kind == ExitKind.LeaveLoop && e.Path.Set.Overlaps(OutcomeSet.Success));

        // A failure that escapes on the counter (catch (...) when (attempt < max && ...), if (++attempt > max) throw;)
        // is the way out when the attempts run out: the loop condition after it is not read in step with the filter,
        // so the code after the loop is only there for the compiler and is not read as swallowing.
        var throwsOnCounter = _flow.Exits.Any(e => e.Kind == ExitKind.Throw && e.Path.Set.Overlaps(Retried) && !e.Path.Atoms.IsEmpty && !e.Path.Uncertain);
        var throws = throwsOnCounter;
        foreach (var exit in _flow.Exits)
        {
            if (!exit.Path.Set.Overlaps(Retried) || exit.Path.Atoms.IsEmpty || exit.Path.Uncertain)
            {
                continue;
            }

            switch (exit.Kind)
            {
                case ExitKind.Throw:
                    throws = true;
                    break;

                case ExitKind.Return when exit.Return is { } returned && IsSwallowingReturn(returned):
                {
                    var data = ImmutableDictionary<string, string?>.Empty;
                    if (exit.Path.CatchClause?.Syntax is CatchClauseSyntax clause && clause.Block.Span.Contains(returned.Syntax.Span)
                        && returned.Syntax.Parent is BlockSyntax or IfStatementSyntax or ElseClauseSyntax)
                    {
                        data = data.Add(RetryFixProperties.Fix, ExhaustionFix.Rethrow);
                    }

                    return new RetryExhaustion(ExhaustionKind.Swallows, returned.Syntax.GetLocation(), data, ImmutableArray<Location>.Empty);
                }

                case ExitKind.LeaveLoop when loop is not null && !leavesOnSuccess && !throwsOnCounter:
                {
                    var after = AfterLoop(loop);
                    if (after.Throws)
                    {
                        throws = true;
                    }
                    else if (after.Swallows)
                    {
                        var data = ImmutableDictionary<string, string?>.Empty.Add(RetryFixProperties.FallsThrough, after.Return is null ? "true" : "false");
                        var locations = ImmutableArray<Location>.Empty;
                        var catches = RepeatingCatchClauses();
                        if (!catches.IsEmpty && loop.Parent is BlockSyntax)
                        {
                            data = data.Add(RetryFixProperties.Fix, ExhaustionFix.LastError);
                            locations = catches.Insert(0, loop.GetLocation());
                        }

                        var at = after.Return?.GetLocation() ?? LoopRetryExtractor.KeywordLocation(loop);
                        return new RetryExhaustion(ExhaustionKind.Swallows, at, data, locations);
                    }

                    break;
                }
            }
        }

        return throws ? RetryExhaustion.Throws : RetryExhaustion.Unknown;
    }

    /// <summary>A <c>return;</c> or a return of null, default, "" / string.Empty or an empty collection.</summary>
    private bool IsSwallowingReturn(IReturnOperation returned)
    {
        if (returned.ReturnedValue is null)
        {
            return true;
        }

        var value = returned.ReturnedValue.WalkDownConversions();
        return value switch
        {
            IDefaultValueOperation => true,
            ILiteralOperation { ConstantValue: { HasValue: true, Value: null or "" } } => true,
            IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } } => true,
            IInvocationOperation { TargetMethod: { Name: "Empty", ContainingType.Name: "Array" or "Enumerable" } } => true,
            ICollectionExpressionOperation { Elements.Length: 0 } => true,
            _ => value.ConstantValue is { HasValue: true, Value: null },
        };
    }

    /// <summary>
    /// What follows the loop in its block, skipping logging: a throw; a swallowing return; or nothing, at the end of a
    /// method, local function or lambda that returns nothing (void, Task, ValueTask).
    /// </summary>
    private (bool Throws, bool Swallows, ReturnStatementSyntax? Return) AfterLoop(StatementSyntax loop)
    {
        if (loop.Parent is not BlockSyntax block)
        {
            return default;
        }

        for (var i = block.Statements.IndexOf(loop) + 1; i < block.Statements.Count; i++)
        {
            switch (block.Statements[i])
            {
                case ThrowStatementSyntax:
                    return (true, false, null);
                case ExpressionStatementSyntax { Expression: ThrowExpressionSyntax }:
                    return (true, false, null);
                case ReturnStatementSyntax statement:
                    return _context.Model.GetOperation(statement, _context.CancellationToken) is IReturnOperation returned && IsSwallowingReturn(returned)
                        ? (false, true, statement)
                        : default;
                case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax invocation } when IsLogging(invocation):
                    continue;
                default:
                    return default;
            }
        }

        var body = block.Parent;
        if (body is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax))
        {
            return default;
        }

        var symbol = body is AnonymousFunctionExpressionSyntax lambda
            ? _context.Model.GetSymbolInfo(lambda, _context.CancellationToken).Symbol as IMethodSymbol
            : _context.Model.GetDeclaredSymbol(body, _context.CancellationToken) as IMethodSymbol;
        var returnsNothing = symbol is not null
            && (symbol.ReturnsVoid || (symbol.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" } type
                && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"));
        return returnsNothing ? (false, true, null) : default;
    }

    private static bool IsLogging(InvocationExpressionSyntax invocation)
    {
        var name = Infrastructure.SyntaxNames.GetInvokedName(invocation);
        return name is not null && (name.StartsWith("Log", System.StringComparison.Ordinal) || name is "WriteLine" or "Write" or "TraceError" or "TraceWarning");
    }

    /// <summary>How to leave with a failed response: return it (the method returns one) or EnsureSuccessStatusCode.</summary>
    public string ExitFor(IOperation scope) => ReturnsResponse(scope) ? "Return" : "Ensure";

    public RetryTrigger BuildTrigger(Location siteLocation, IOperation scope)
    {
        var byGate = new Dictionary<Gate, (OutcomeSet Statuses, OutcomeSet Named)>();
        var noGate = (Statuses: OutcomeSet.Empty, Named: OutcomeSet.Empty);
        var unknown = false;
        foreach (var repeat in _flow.Repeats)
        {
            var failures = repeat.Path.Set.Intersect(OutcomeSet.Failures);
            if (failures.IsEmpty)
            {
                continue;
            }

            if (repeat.Path.Uncertain)
            {
                unknown = true;
                continue;
            }

            if (repeat.Path.Gate is { } gate)
            {
                byGate.TryGetValue(gate, out var existing);
                byGate[gate] = (existing.Statuses.Union(failures), existing.Named.Union(repeat.Path.Named));
            }
            else
            {
                noGate = (noGate.Statuses.Union(failures), noGate.Named.Union(repeat.Path.Named));
            }
        }

        var paths = ImmutableArray.CreateBuilder<TriggerPath>();
        foreach (var pair in byGate)
        {
            var (fix, data) = FixFor(pair.Key, pair.Value.Statuses, pair.Value.Named, scope);
            paths.Add(new TriggerPath(pair.Value.Statuses, pair.Value.Named, GateLocation(pair.Key), fix, data));
        }

        if (!noGate.Statuses.IsEmpty)
        {
            paths.Add(new TriggerPath(noGate.Statuses, noGate.Named, siteLocation, TriggerFix.None, ImmutableDictionary<string, string?>.Empty));
        }

        return new RetryTrigger(unknown ? TriggerKind.Unknown : TriggerKind.Statuses, paths.ToImmutable(), Retried.ContainsNet);
    }

    public static Location GateLocation(Gate gate)
    {
        switch (gate.Node)
        {
            case CatchClauseSyntax clause:
                var end = clause.Filter?.Span.End ?? clause.Declaration?.Span.End ?? clause.CatchKeyword.Span.End;
                return Location.Create(clause.SyntaxTree, TextSpan.FromBounds(clause.CatchKeyword.SpanStart, end));
            case SwitchSectionSyntax section when section.Labels.Count > 0:
                return Location.Create(section.SyntaxTree, TextSpan.FromBounds(section.Labels[0].SpanStart, section.Labels[section.Labels.Count - 1].Span.End));
            default:
                return gate.Node.GetLocation();
        }
    }

    private (TriggerFix Fix, ImmutableDictionary<string, string?> Data) FixFor(Gate gate, OutcomeSet statuses, OutcomeSet named, IOperation scope)
    {
        var data = ImmutableDictionary<string, string?>.Empty;
        if (statuses.Intersect(named).Statuses.Any(s => Gateway.GatewayFacts.IsAcceptedInServerErrorRange(s)))
        {
            data = data.Add(RetryFixProperties.ExcludeNamed, "true");
        }

        switch (gate.Kind)
        {
            case GateKind.Catch when gate.Operation is ICatchClauseOperation clause:
            {
                var source = CatchSource(clause.ExceptionType, clause.Syntax is CatchClauseSyntax { Declaration: null });
                if (source is null)
                {
                    return (TriggerFix.None, data);
                }

                data = data.Add(RetryFixProperties.Source, source);
                if (clause.ExceptionDeclarationOrExpression is IVariableDeclaratorOperation declarator)
                {
                    data = data.Add(RetryFixProperties.Variable, declarator.Symbol.Name);
                }

                return (TriggerFix.CatchFilter, data);
            }

            case GateKind.IfTrue or GateKind.IfFalse or GateKind.SwitchSection or GateKind.LoopCondition:
            {
                if (_call.Family != CallFamily.Http || ResponseVariable() is not { } response)
                {
                    return (TriggerFix.None, data);
                }

                data = data.Add(RetryFixProperties.Variable, response.Name)
                    .Add(RetryFixProperties.Source, "Http")
                    .Add(RetryFixProperties.Exit, ReturnsResponse(scope) ? "Return" : "Ensure")
                    .Add(RetryFixProperties.Branch, gate.Kind switch { GateKind.IfTrue => "True", GateKind.IfFalse => "False", _ => "Section" });
                var fix = gate.Kind switch
                {
                    GateKind.LoopCondition => TriggerFix.LoopCondition,
                    GateKind.IfFalse when gate.Operation is IConditionalOperation { WhenFalse: null } => TriggerFix.GuardAfter,
                    _ => TriggerFix.GuardInBranch,
                };
                return (fix, data);
            }

            default:
                return (TriggerFix.None, data);
        }
    }

    /// <summary>How a filter on this catch reads the status: the catch type's own status, or a pattern on Exception.</summary>
    private string? CatchSource(ITypeSymbol? caught, bool noDeclaration)
    {
        var types = _context.Types;
        if (noDeclaration || caught is null || caught.SpecialType == SpecialType.System_Object || SymbolEqualityComparer.Default.Equals(caught, types.Exception))
        {
            return _call.Family switch
            {
                CallFamily.Http => "Exception:Http",
                CallFamily.ClientModel => "Exception:ClientModel",
                _ => "Exception:Anthropic",
            };
        }

        if (SymbolEqualityComparer.Default.Equals(caught, types.HttpRequestException))
        {
            return "Http";
        }

        if (SymbolEqualityComparer.Default.Equals(caught, types.ClientResultException))
        {
            return "ClientModel";
        }

        return RetryTypes.DerivesFrom(caught, types.AnthropicApiException) ? "Anthropic" : null;
    }

    public ILocalSymbol? ResponseVariable()
    {
        foreach (var symbol in _eval.Responses)
        {
            if (symbol is ILocalSymbol local && SymbolEqualityComparer.Default.Equals(local.Type, _context.Types.HttpResponseMessage))
            {
                return local;
            }
        }

        return null;
    }

    /// <summary>
    /// The method whose body holds <paramref name="scope"/>: the innermost lambda or local function around it, else the code
    /// block's owner (read from the operations, where the semantic model would look the position up).
    /// </summary>
    private IMethodSymbol? EnclosingMethod(IOperation scope)
    {
        for (var node = scope.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
                case ILocalFunctionOperation function:
                    return function.Symbol;
            }
        }

        return _context.Owner is { } owner
            ? owner as IMethodSymbol
            : _context.Model.GetEnclosingSymbol(scope.Syntax.SpanStart, _context.CancellationToken) as IMethodSymbol;
    }

    private bool ReturnsResponse(IOperation scope)
    {
        if (_call.IsBaseSend)
        {
            return true;
        }

        // Asked for every gate of the trigger, always about the same scope: looked up once.
        if (_returnsResponse is { } known && known.Scope == scope)
        {
            return known.Returns;
        }

        var symbol = EnclosingMethod(scope);
        var returns = symbol is not null && SymbolEqualityComparer.Default.Equals(_context.Types.Unwrap(symbol.ReturnType), _context.Types.HttpResponseMessage);
        _returnsResponse = (scope, returns);
        return returns;
    }
}
