using System.Collections.Generic;
using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// Reads Polly predicates (v7 <c>Handle/Or/HandleResult/OrResult</c>, v8 <c>PredicateBuilder</c> and <c>ShouldHandle</c>
/// lambdas) as the statuses they hand to the retry. Polly does not say which call it wraps, so an unfiltered
/// <c>Handle&lt;HttpRequestException&gt;()</c> counts as transport failures only (statuses come back as results, as in
/// Microsoft's <c>HandleTransientHttpError</c>); SDK exceptions carry every failure status.
/// </summary>
internal sealed class PollyPredicates
{
    private readonly ExtractionContext _context;
    private readonly RetryTypes _types;

    public PollyPredicates(ExtractionContext context, CallFamily? tiedFamily)
    {
        _context = context;
        _types = context.Types;
        TiedFamily = tiedFamily;
    }

    /// <summary>
    /// The call the policy is known to wrap (from its result type, or the <c>Execute*</c> that runs it), when that call
    /// throws on a failure status; it decides what <c>Exception</c> and <c>HttpRequestException</c> carry.
    /// </summary>
    public CallFamily? TiedFamily { get; }

    /// <summary>The statuses an exception of <paramref name="caught"/> carries under a Polly policy.</summary>
    public OutcomeSet Carries(ITypeSymbol? caught)
    {
        var named = caught as INamedTypeSymbol;
        var result = OutcomeSet.Empty;
        if (caught is null)
        {
            return result;
        }

        if (RetryTypes.DerivesFrom(_types.ClientResultException, named)
            && (SymbolEqualityComparer.Default.Equals(caught, _types.ClientResultException) || TiedFamily == CallFamily.ClientModel))
        {
            result = result.Union(OutcomeSet.Thrown);
        }

        if (_types.IsAnthropicException(caught))
        {
            result = result.Union(RetryCalls.AnthropicCaughtBy(caught, _types));
        }
        else if (RetryTypes.DerivesFrom(_types.AnthropicException, named) && TiedFamily == CallFamily.Anthropic)
        {
            result = result.Union(OutcomeSet.Thrown);
        }

        if (RetryTypes.DerivesFrom(_types.HttpRequestException, named))
        {
            // Known to wrap a call that throws on status (GetStringAsync, EnsureSuccessStatusCode): every failure.
            result = result.Union(TiedFamily == CallFamily.Http ? OutcomeSet.Thrown : OutcomeSet.Net);
        }

        return result;
    }

    /// <summary>Does the type tie a policy to HTTP or an LLM SDK?</summary>
    public bool IsHttpOrSdkException(ITypeSymbol? type)
        => RetryTypes.DerivesFrom(type, _types.HttpRequestException) || RetryTypes.DerivesFrom(type, _types.ClientResultException) || _types.IsAnthropicException(type);

    /// <summary>A <c>Handle&lt;TException&gt;(predicate?)</c> clause.</summary>
    public TriggerPath? ExceptionClause(IInvocationOperation clause, ITypeSymbol exceptionType, IOperation? predicate, out bool unknown)
    {
        unknown = false;
        var carried = Carries(exceptionType);
        var httpStatuses = RetryTypes.DerivesFrom(_types.HttpRequestException, exceptionType as INamedTypeSymbol) ? OutcomeSet.Thrown : OutcomeSet.Empty;
        var data = ImmutableDictionary<string, string?>.Empty;
        var source = SourceOf(exceptionType);
        if (predicate is null)
        {
            var statuses = carried.Intersect(OutcomeSet.Failures);
            if (statuses.IsEmpty || clause.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access })
            {
                return null;
            }

            if (source is not null)
            {
                data = data.Add(RetryFixProperties.Source, source).Add(RetryFixProperties.Replace, "true");
            }

            return new TriggerPath(statuses, OutcomeSet.Empty, access.Name.GetLocation(), source is null ? TriggerFix.None : TriggerFix.Predicate, data);
        }

        if (Lambda(predicate) is not { } lambda || lambda.Symbol.Parameters.Length != 1)
        {
            unknown = MethodGroupCondition(predicate, Denotation.Exception(exceptionType), PollyMode.None) is not { IsUnknown: false };
            return MethodGroupPath(predicate, Denotation.Exception(exceptionType), carried, httpStatuses);
        }

        var eval = Evaluator(PollyMode.None, withHttpStatuses: false);
        eval.Exceptions.Add(lambda.Symbol.Parameters[0]);
        var body = Body(lambda);
        if (body is null)
        {
            unknown = true;
            return null;
        }

        var condition = eval.EvalResult(body, ImmutableDictionary<ILocalSymbol, bool>.Empty);
        return PathFor(condition, carried.Union(condition.ReadsStatus ? httpStatuses : OutcomeSet.Empty), body, lambda, source, out unknown);
    }

    /// <summary>A <c>HandleResult(predicate)</c> clause on an <c>HttpResponseMessage</c> result.</summary>
    public TriggerPath? ResultClause(IOperation? predicate, out bool unknown)
    {
        unknown = false;
        if (predicate is null)
        {
            return null;
        }

        if (Lambda(predicate) is not { } lambda || lambda.Symbol.Parameters.Length != 1)
        {
            unknown = MethodGroupCondition(predicate, Denotation.Response, PollyMode.None) is not { IsUnknown: false };
            return MethodGroupPath(predicate, Denotation.Response, OutcomeSet.AllStatuses, OutcomeSet.Empty);
        }

        var eval = Evaluator(PollyMode.None, withHttpStatuses: false);
        eval.Responses.Add(lambda.Symbol.Parameters[0]);
        var body = Body(lambda);
        if (body is null)
        {
            unknown = true;
            return null;
        }

        var condition = eval.EvalResult(body, ImmutableDictionary<ILocalSymbol, bool>.Empty);
        return PathFor(condition, OutcomeSet.AllStatuses, body, lambda, "Response", out unknown);
    }

    /// <summary>
    /// A v8 <c>ShouldHandle</c> lambda over <c>RetryPredicateArguments</c>: read once as if a result came back and
    /// once as if the call threw.
    /// </summary>
    public TriggerPath? ArgumentsPredicate(IAnonymousFunctionOperation lambda, bool resultIsResponse, out bool unknown)
    {
        unknown = false;
        var body = Body(lambda);
        if (body is null || lambda.Symbol.Parameters.Length != 1)
        {
            unknown = true;
            return null;
        }

        var statuses = OutcomeSet.Empty;
        var named = OutcomeSet.Empty;
        var pure = true;
        foreach (var mode in new[] { PollyMode.Result, PollyMode.Exception })
        {
            if (mode == PollyMode.Result && !resultIsResponse)
            {
                continue;
            }

            var eval = Evaluator(mode, withHttpStatuses: true);
            eval.PollyArguments = lambda.Symbol.Parameters[0];
            var condition = eval.EvalResult(body, ImmutableDictionary<ILocalSymbol, bool>.Empty);
            if (condition.IsUnknown)
            {
                unknown = true;
                return null;
            }

            var handled = condition.WhenTrue;
            if (mode == PollyMode.Exception && !condition.ReadsStatus && !condition.TestsSdkException && TiedFamily is null)
            {
                // A type test alone (Exception: HttpRequestException) is a transport failure.
                handled = handled.Intersect(OutcomeSet.Net);
            }

            statuses = statuses.Union(handled.Intersect(OutcomeSet.Failures));
            named = named.Union(condition.Named);
            pure &= condition.Atoms.IsEmpty;
        }

        if (statuses.IsEmpty)
        {
            return null;
        }

        return new TriggerPath(statuses, named, body.Syntax.GetLocation(), TriggerFix.None, ImmutableDictionary<string, string?>.Empty);
    }

    /// <summary>The default v8 predicate: every exception but cancellation.</summary>
    public OutcomeSet DefaultPredicate() => Carries(_types.Exception).Intersect(OutcomeSet.Failures);

    private TriggerPath? PathFor(Condition condition, OutcomeSet universe, IOperation body, IAnonymousFunctionOperation lambda, string? source, out bool unknown)
    {
        unknown = condition.IsUnknown;
        if (unknown)
        {
            return null;
        }

        var statuses = condition.WhenTrue.Intersect(universe).Intersect(OutcomeSet.Failures);
        if (statuses.IsEmpty)
        {
            return null;
        }

        var data = ImmutableDictionary<string, string?>.Empty;
        var fix = TriggerFix.None;
        if (source is not null)
        {
            fix = TriggerFix.Predicate;
            data = data.Add(RetryFixProperties.Source, source)
                .Add(RetryFixProperties.Variable, lambda.Symbol.Parameters[0].Name)
                .Add(RetryFixProperties.Replace, condition.Atoms.IsEmpty ? "true" : "false");
            if (HasAcceptedRangeStatus(statuses.Intersect(condition.Named)))
            {
                data = data.Add(RetryFixProperties.ExcludeNamed, "true");
            }
        }

        return new TriggerPath(statuses, condition.Named, body.Syntax.GetLocation(), fix, data);
    }

    private static bool HasAcceptedRangeStatus(OutcomeSet set)
    {
        foreach (var status in set.Statuses)
        {
            if (Gateway.GatewayFacts.IsAcceptedInServerErrorRange(status))
            {
                return true;
            }
        }

        return false;
    }

    private TriggerPath? MethodGroupPath(IOperation predicate, Denotation parameter, OutcomeSet universe, OutcomeSet httpStatuses)
    {
        var condition = MethodGroupCondition(predicate, parameter, PollyMode.None);
        if (condition is null || condition.IsUnknown)
        {
            return null;
        }

        var statuses = condition.WhenTrue.Intersect(universe.Union(condition.ReadsStatus ? httpStatuses : OutcomeSet.Empty)).Intersect(OutcomeSet.Failures);
        return statuses.IsEmpty ? null : new TriggerPath(statuses, condition.Named, predicate.Syntax.GetLocation(), TriggerFix.None, ImmutableDictionary<string, string?>.Empty);
    }

    private Condition? MethodGroupCondition(IOperation predicate, Denotation parameter, PollyMode mode)
    {
        if (predicate.WalkDownConversionsAndDelegates() is not IMethodReferenceOperation reference)
        {
            return null;
        }

        return Evaluator(mode, withHttpStatuses: false).EvalMethod(reference.Method, parameter);
    }

    /// <param name="withHttpStatuses">Whether an <c>HttpRequestException</c> type test may carry statuses (when the predicate also reads them).</param>
    private ConditionEvaluator Evaluator(PollyMode mode, bool withHttpStatuses)
        => new(_types, _context.Model, null, type => CarriesIn(type, withHttpStatuses), _context.CancellationToken) { Mode = mode };

    private OutcomeSet CarriesIn(ITypeSymbol? type, bool withHttpStatuses)
        => withHttpStatuses && RetryTypes.DerivesFrom(_types.HttpRequestException, type as INamedTypeSymbol) ? Carries(type).Union(OutcomeSet.Thrown) : Carries(type);

    private string? SourceOf(ITypeSymbol exceptionType)
    {
        if (SymbolEqualityComparer.Default.Equals(exceptionType, _types.HttpRequestException))
        {
            return "Http";
        }

        if (SymbolEqualityComparer.Default.Equals(exceptionType, _types.ClientResultException))
        {
            return "ClientModel";
        }

        return RetryTypes.DerivesFrom(exceptionType, _types.AnthropicApiException) ? "Anthropic" : null;
    }

    public static IAnonymousFunctionOperation? Lambda(IOperation predicate)
        => predicate.WalkDownConversionsAndDelegates() as IAnonymousFunctionOperation;

    /// <summary>The single expression a lambda returns.</summary>
    public static IOperation? Body(IAnonymousFunctionOperation lambda)
    {
        var operations = new List<IOperation>();
        foreach (var operation in lambda.Body.Operations)
        {
            if (!operation.IsImplicit || operation is IReturnOperation { ReturnedValue: not null })
            {
                operations.Add(operation);
            }
        }

        return operations.Count == 1 && operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;
    }
}

internal static class PollyOperationExtensions
{
    /// <summary>Strips conversions and delegate creations (a lambda or method group passed as a Func).</summary>
    public static IOperation WalkDownConversionsAndDelegates(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IDelegateCreationOperation creation:
                    operation = creation.Target;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }
}
