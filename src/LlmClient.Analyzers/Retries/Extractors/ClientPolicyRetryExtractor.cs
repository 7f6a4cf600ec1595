using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// The SDK clients' own retries: <c>new ClientRetryPolicy(maxRetries)</c> (System.ClientModel, OpenAI), a
/// <c>ClientRetryPolicy</c> subclass that overrides <c>ShouldRetry</c>, and the Anthropic client's <c>MaxRetries</c>.
/// </summary>
internal static class ClientPolicyRetryExtractor
{
    /// <summary>
    /// Every name a candidate (<see cref="IsCandidate"/>, <see cref="IsShouldRetryOverride"/>) mentions, besides a type name
    /// ending in <see cref="CandidateTypeNameSuffix"/> (RetryGate's file filter uses them).
    /// </summary>
    public static readonly string[] CandidateNames = { "RetryPolicy", "MaxRetries", "ShouldRetry", "ShouldRetryAsync" };

    public const string CandidateTypeNameSuffix = "RetryPolicy";

    /// <summary>Cheap syntax filter: a creation named <c>...RetryPolicy</c>, or one that sets <c>MaxRetries</c> or <c>RetryPolicy</c>.</summary>
    public static bool IsCandidate(BaseObjectCreationExpressionSyntax creation)
    {
        if (creation is ObjectCreationExpressionSyntax { Type: var type } && RightmostName(type)?.EndsWith("RetryPolicy", System.StringComparison.Ordinal) == true)
        {
            return true;
        }

        if (creation is ImplicitObjectCreationExpressionSyntax && creation.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "RetryPolicy" } })
        {
            return true;
        }

        if (creation.Initializer is { } initializer)
        {
            // A loop, not LINQ: this runs for every object creation of a file that may hold a retry.
            foreach (var expression in initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "MaxRetries" } })
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static RetrySite? Extract(BaseObjectCreationExpressionSyntax syntax, ExtractionContext context)
    {
        var types = context.Types;
        if (context.Model.GetOperation(syntax, context.CancellationToken) is not IObjectCreationOperation creation)
        {
            return null;
        }

        IOperation? limit = null;
        if (RetryTypes.DerivesFrom(creation.Type, types.ClientRetryPolicy))
        {
            limit = creation.GetArgument("maxRetries");
        }
        else if (SymbolEqualityComparer.Default.Equals(creation.Type, types.AnthropicClient) || SymbolEqualityComparer.Default.Equals(creation.Type, types.AnthropicClientOptions))
        {
            limit = creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>()
                .FirstOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: "MaxRetries" })?.Value.WalkDownConversions();
        }

        if (limit?.ConstantValue is not { HasValue: true, Value: int value })
        {
            return null;
        }

        var location = syntax.GetLocation();
        var bound = value == int.MaxValue ? RetryBound.Unbounded(UnboundedReason.MaxValue, limit.Syntax.GetLocation()) : RetryBound.RetryCount(value, limit.Syntax.GetLocation());
        var data = value == int.MaxValue ? ImmutableDictionary<string, string?>.Empty.Add(RetryFixProperties.Fix, BoundFix.ReplaceLimit) : ImmutableDictionary<string, string?>.Empty;
        return new RetrySite(
            RetryKind.ClientPolicy,
            location,
            new RetryTrigger(TriggerKind.Statuses, ImmutableArray<TriggerPath>.Empty, retriesTransportFailures: true),
            bound,
            RetryDelay.Growing,
            readsRetryAfter: static () => true,
            RetryExhaustion.Throws,
            data,
            ImmutableArray<Location>.Empty);
    }

    /// <summary>Is the method a <c>ShouldRetry</c>/<c>ShouldRetryAsync</c> override of <c>ClientRetryPolicy</c>?</summary>
    public static bool IsShouldRetryOverride(ISymbol owner, RetryTypes types)
        => owner is IMethodSymbol { IsOverride: true, Name: "ShouldRetry" or "ShouldRetryAsync", Parameters.Length: 2 } method
            && RetryTypes.DerivesFrom(method.ContainingType, types.ClientRetryPolicy);

    /// <summary>The statuses a <c>ShouldRetry</c> override retries, read from the expression it returns.</summary>
    public static RetrySite? ExtractOverride(BaseMethodDeclarationSyntax declaration, IMethodSymbol method, ExtractionContext context)
    {
        var returned = declaration.ExpressionBody?.Expression
            ?? (declaration.Body is { Statements.Count: 1 } body && body.Statements[0] is ReturnStatementSyntax { Expression: { } value } ? value : null);
        if (returned is null || context.Model.GetOperation(returned, context.CancellationToken) is not { } operation)
        {
            return null;
        }

        var eval = new ConditionEvaluator(context.Types, context.Model, null, _ => OutcomeSet.Net, context.CancellationToken)
        {
            ExceptionMeansTransportFailure = true,
            Bindings = new(SymbolEqualityComparer.Default)
            {
                [method.Parameters[0]] = Denotation.Message,
                [method.Parameters[1]] = Denotation.Exception(method.Parameters[1].Type),
            },
        };

        var condition = eval.EvalResult(operation is IAwaitOperation awaited ? awaited.Operation : operation, ImmutableDictionary<ILocalSymbol, bool>.Empty);
        var location = returned.GetLocation();
        var paths = ImmutableArray<TriggerPath>.Empty;
        var statuses = condition.WhenTrue.Intersect(OutcomeSet.Failures);
        if (!condition.IsUnknown && !statuses.IsEmpty)
        {
            paths = ImmutableArray.Create(new TriggerPath(statuses, condition.Named, location, TriggerFix.None, ImmutableDictionary<string, string?>.Empty));
        }

        return new RetrySite(
            RetryKind.ClientPolicy,
            location,
            new RetryTrigger(condition.IsUnknown ? TriggerKind.Unknown : TriggerKind.Statuses, paths, retriesTransportFailures: condition.WhenTrue.ContainsNet),
            RetryBound.Unknown,
            RetryDelay.Growing,
            readsRetryAfter: static () => true,
            RetryExhaustion.Throws,
            ImmutableDictionary<string, string?>.Empty,
            ImmutableArray<Location>.Empty);
    }

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
