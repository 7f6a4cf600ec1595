using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// Reads how a retry waits between attempts (LLM1003): the <c>Task.Delay</c>/<c>Thread.Sleep</c> calls of a
/// hand-written retry, a Polly v7 sleep provider or schedule, Polly v8's backoff options. A wait is
/// <see cref="RetryDelayKind.Growing"/> when it reads the attempt counter and grows exponentially (with jitter),
/// <see cref="RetryDelayKind.Constant"/> when it never reads the counter, and unknown whenever a helper, Retry-After
/// or a custom generator decides it (precision first).
/// </summary>
internal static class DelayReader
{
    private const int MaxDepth = 3;

    [Flags]
    private enum Facts
    {
        None = 0,
        ReadsCounter = 1,
        Exponential = 2,
        Random = 4,
        Opaque = 8,
        RetryAfter = 16,
    }

    // ---- Hand-written retries ----

    /// <summary>The waits directly in a loop body, the statements after a label, or a recursive method's body.</summary>
    public static RetryDelay ForRegion(IOperation region, RetryBound bound, Location site, ExtractionContext context)
    {
        var delays = new List<IInvocationOperation>();
        // The invocations directly in the region (outside lambdas and local functions), in order.
        var nodes = context.Facts.FlowNodes(region);
        foreach (var node in nodes)
        {
            if (node is IInvocationOperation invocation && IsDelayCall(invocation.TargetMethod))
            {
                delays.Add(invocation);
            }
        }

        if (delays.Count == 0)
        {
            // No delay: none at all for a bounded retry, unless a call may wait in its own way (asked only then: its
            // name is searched for several words).
            return bound.Kind != BoundKind.Bounded || AnyMayWait(nodes)
                ? RetryDelay.Unknown
                : new RetryDelay(RetryDelayKind.None, site, ImmutableDictionary<string, string?>.Empty, ImmutableArray<Location>.Empty);
        }

        var index = context.IndexFor(region);
        bool IsCounter(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol, bound.Counter)
            || (symbol is ILocalSymbol && IsAdvancedIn(symbol, region, context.Facts));

        RetryDelay? worst = null;
        foreach (var delay in delays)
        {
            if (delay.Arguments.Length == 0 || delay.Arguments[0].Value is not { } argument)
            {
                return RetryDelay.Unknown;
            }

            var kind = Kind(Walk(argument, IsCounter, index, region, context.Facts, 0));
            if (kind == RetryDelayKind.Unknown)
            {
                return RetryDelay.Unknown;
            }

            if (kind is RetryDelayKind.Constant or RetryDelayKind.NoJitter && (worst is null || (worst.Kind == RetryDelayKind.NoJitter && kind == RetryDelayKind.Constant)))
            {
                var data = ImmutableDictionary<string, string?>.Empty;
                var fixLocations = ImmutableArray<Location>.Empty;
                if (bound.Counter is ILocalSymbol or IParameterSymbol && IsIntegral(bound.Counter) && HasRandomShared(context))
                {
                    data = data.Add(RetryFixProperties.Fix, DelayFix.Argument).Add(RetryFixProperties.Counter, bound.Counter.Name);
                    fixLocations = ImmutableArray.Create(argument.Syntax.GetLocation());
                }

                worst = new RetryDelay(kind, argument.Syntax.GetLocation(), data, fixLocations);
            }
        }

        return worst ?? RetryDelay.Growing;
    }

    // ---- Polly v7 ----

    /// <summary><c>Retry*</c> waits nothing; <c>WaitAndRetry*</c> waits what its sleep provider or schedule says.</summary>
    public static RetryDelay ForPollyV7(IInvocationOperation invocation, SimpleNameSyntax name, ExtractionContext context)
    {
        var method = invocation.TargetMethod;
        if (!method.Name.StartsWith("WaitAndRetry", StringComparison.Ordinal))
        {
            // Retry(n) and Retry() without callbacks have a WaitAndRetry(n, provider) twin the fix can call.
            var data = ImmutableDictionary<string, string?>.Empty;
            var plain = invocation.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue || a.Parameter?.Name is "retryCount" || a.Parameter?.Ordinal == 0);
            if (plain && !method.Name.Contains("Forever") && HasRandomShared(context))
            {
                data = data.Add(RetryFixProperties.Fix, DelayFix.WaitAndRetry);
            }

            return new RetryDelay(RetryDelayKind.None, name.GetLocation(), data, ImmutableArray.Create(name.GetLocation()));
        }

        if (invocation.GetArgument("sleepDurationProvider") is { } provider)
        {
            if (provider.WalkDownConversionsAndDelegates() is not IAnonymousFunctionOperation lambda || lambda.Symbol.Parameters.Length == 0
                || ReturnedValue(lambda) is not { } value)
            {
                return RetryDelay.Unknown;
            }

            var attempt = lambda.Symbol.Parameters[0];
            var index = context.IndexFor(lambda);
            var kind = Kind(Walk(value, symbol => SymbolEqualityComparer.Default.Equals(symbol, attempt), index, lambda, context.Facts, 0));
            if (kind is not (RetryDelayKind.Constant or RetryDelayKind.NoJitter))
            {
                return kind == RetryDelayKind.Unknown ? RetryDelay.Unknown : RetryDelay.Growing;
            }

            var data = ImmutableDictionary<string, string?>.Empty;
            var locations = ImmutableArray<Location>.Empty;
            if (lambda.Syntax is SimpleLambdaExpressionSyntax or ParenthesizedLambdaExpressionSyntax && HasRandomShared(context))
            {
                data = data.Add(RetryFixProperties.Fix, DelayFix.SleepProvider);
                locations = ImmutableArray.Create(lambda.Syntax.GetLocation());
            }

            return new RetryDelay(kind, lambda.Syntax.GetLocation(), data, locations);
        }

        if (invocation.GetArgument("sleepDurations") is { } schedule)
        {
            var elements = schedule.WalkDownConversions() switch
            {
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                ICollectionExpressionOperation collection => collection.Elements,
                _ => default,
            };

            if (elements.IsDefaultOrEmpty)
            {
                return RetryDelay.Unknown;
            }

            var index = context.IndexFor(schedule);
            foreach (var element in elements)
            {
                var facts = Walk(element, _ => false, index, schedule, context.Facts, 0);
                if ((facts & (Facts.Opaque | Facts.Random | Facts.RetryAfter)) != 0)
                {
                    return RetryDelay.Unknown;
                }
            }

            var distinct = elements.Select(e => e.Syntax.ToString()).Distinct(StringComparer.Ordinal).Count();
            return new RetryDelay(distinct == 1 ? RetryDelayKind.Constant : RetryDelayKind.NoJitter, schedule.Syntax.GetLocation(), ImmutableDictionary<string, string?>.Empty, ImmutableArray<Location>.Empty);
        }

        return RetryDelay.Unknown;
    }

    private static IOperation? ReturnedValue(IAnonymousFunctionOperation lambda)
    {
        var operations = lambda.Body.Operations;
        return operations.Length >= 1 && operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;
    }

    // ---- Polly v8 ----

    /// <summary>
    /// <c>RetryStrategyOptions</c>: the default backoff is constant (2 s, no jitter); Exponential needs
    /// <c>UseJitter = true</c>. A <c>DelayGenerator</c> decides the wait itself and is not read.
    /// </summary>
    public static RetryDelay ForPollyV8(IObjectCreationOperation creation, Location site, ExtractionContext context)
    {
        if (creation.Type is not INamedTypeSymbol type
            || !(SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, context.Types.RetryStrategyOptionsOfT)
                || SymbolEqualityComparer.Default.Equals(type.BaseType?.OriginalDefinition, context.Types.RetryStrategyOptionsOfT) && type.Name == "RetryStrategyOptions"))
        {
            return RetryDelay.Unknown;
        }

        IOperation? backoff = null;
        IOperation? jitter = null;
        foreach (var member in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
            {
                return RetryDelay.Unknown;
            }

            switch (property.Property.Name)
            {
                case "DelayGenerator":
                    return RetryDelay.Unknown;
                case "BackoffType":
                    backoff = assignment;
                    break;
                case "UseJitter":
                    jitter = assignment;
                    break;
            }
        }

        var backoffValue = backoff is ISimpleAssignmentOperation b ? b.Value.WalkDownConversions() : null;
        var jitterValue = jitter is ISimpleAssignmentOperation j ? j.Value.WalkDownConversions() : null;
        if ((backoffValue is not null && !backoffValue.ConstantValue.HasValue) || (jitterValue is not null && !jitterValue.ConstantValue.HasValue))
        {
            return RetryDelay.Unknown;
        }

        // DelayBackoffType { Constant = 0, Linear = 1, Exponential = 2 }
        var backoffType = backoffValue?.ConstantValue.Value is int value ? value : 0;
        var usesJitter = jitterValue?.ConstantValue.Value is true;
        RetryDelayKind kind;
        Location location;
        switch (backoffType)
        {
            case 0:
                kind = RetryDelayKind.Constant;
                location = backoff?.Syntax.GetLocation() ?? site;
                break;
            case 2 when !usesJitter:
                kind = RetryDelayKind.NoJitter;
                location = jitter?.Syntax.GetLocation() ?? backoff!.Syntax.GetLocation();
                break;
            default:
                return RetryDelay.Growing;
        }

        var data = ImmutableDictionary<string, string?>.Empty;
        var locations = ImmutableArray<Location>.Empty;
        if (creation.Initializer is { } initializer && initializer.Syntax is InitializerExpressionSyntax)
        {
            data = data.Add(RetryFixProperties.Fix, DelayFix.Options);
            locations = ImmutableArray.Create(initializer.Syntax.GetLocation());
        }

        return new RetryDelay(kind, location, data, locations);
    }

    // ---- The wait expression ----

    private static RetryDelayKind Kind(Facts facts)
    {
        if ((facts & (Facts.Opaque | Facts.RetryAfter)) != 0)
        {
            return RetryDelayKind.Unknown;
        }

        if ((facts & Facts.ReadsCounter) == 0)
        {
            return RetryDelayKind.Constant;
        }

        if ((facts & Facts.Exponential) == 0)
        {
            // Linear growth is not what the gateways ask for, but it does back off: not reported.
            return RetryDelayKind.Growing;
        }

        return (facts & Facts.Random) != 0 ? RetryDelayKind.Growing : RetryDelayKind.NoJitter;
    }

    private static Facts Walk(IOperation operation, Func<ISymbol, bool> isCounter, LocalIndex index, IOperation region, OperationFacts operations, int depth)
    {
        if (depth > MaxDepth)
        {
            return Facts.Opaque;
        }

        var facts = Facts.None;
        foreach (var node in operation.DescendantsAndSelf())
        {
            // The kind first: most nodes are none of these, and an interface type test per node costs more than the walk.
            switch (node.Kind)
            {
                case OperationKind.LocalReference:
                    var local = ((ILocalReferenceOperation)node).Local;
                    if (isCounter(local))
                    {
                        facts |= Facts.ReadsCounter;
                        if (operations.Multiplies(local, region))
                        {
                            facts |= Facts.Exponential;
                        }
                    }
                    else
                    {
                        foreach (var value in index.ValuesOf(local))
                        {
                            facts |= Walk(value, isCounter, index, region, operations, depth + 1);
                        }
                    }

                    break;

                case OperationKind.ParameterReference when isCounter(((IParameterReferenceOperation)node).Parameter):
                    facts |= Facts.ReadsCounter;
                    break;

                case OperationKind.PropertyReference:
                    var property = ((IPropertyReferenceOperation)node).Property;
                    if (property.Name == "RetryAfter")
                    {
                        facts |= Facts.RetryAfter;
                    }
                    else if (property is { Name: "Shared", ContainingType.Name: "Random" })
                    {
                        facts |= Facts.Random;
                    }

                    break;

                case OperationKind.Binary when ((IBinaryOperation)node).OperatorKind == BinaryOperatorKind.LeftShift:
                    facts |= Facts.Exponential;
                    break;

                case OperationKind.ObjectCreation when node.Type?.Name == "Random":
                    facts |= Facts.Random;
                    break;

                case OperationKind.Invocation:
                    facts |= Invocation(((IInvocationOperation)node).TargetMethod);
                    break;
            }
        }

        return facts;
    }

    private static Facts Invocation(IMethodSymbol method)
    {
        var type = method.ContainingType;
        switch (type?.Name)
        {
            case "Math" or "MathF" when InNamespace(type, "System"):
                return method.Name is "Pow" or "Exp" or "ScaleB" ? Facts.Exponential : Facts.None;
            case "Random" when InNamespace(type, "System"):
            case "RandomNumberGenerator" when InNamespace(type, "System.Security.Cryptography"):
                return Facts.Random;
            case "TimeSpan" or "Int32" or "Int64" or "Double" or "Convert" when InNamespace(type, "System"):
                return Facts.None;
            default:
                return method.MethodKind is MethodKind.Conversion or MethodKind.UserDefinedOperator && InNamespace(type, "System") ? Facts.None : Facts.Opaque;
        }
    }

    /// <summary>Is the type declared directly in the namespace with this dotted name (no display string built)?</summary>
    private static bool InNamespace(ITypeSymbol? type, string name)
    {
        var ns = type?.ContainingNamespace;
        var end = name.Length;
        while (ns is not null && !ns.IsGlobalNamespace)
        {
            var start = name.LastIndexOf('.', end - 1) + 1;
            var length = end - start;
            if (ns.Name.Length != length || string.CompareOrdinal(ns.Name, 0, name, start, length) != 0)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
            if (start == 0)
            {
                return ns is null || ns.IsGlobalNamespace;
            }

            end = start - 1;
        }

        return false;
    }

    /// <summary>A local the retry advances: incremented, or grown by a compound assignment.</summary>
    private static bool IsAdvancedIn(ISymbol symbol, IOperation region, OperationFacts facts)
    {
        // A for loop's incrementors sit outside its body.
        return facts.Advances(symbol, region)
            || (region.Parent is IForLoopOperation forLoop && region == forLoop.Body && forLoop.AtLoopBottom.Any(step => facts.Advances(symbol, step)));
    }

    private static bool IsDelayCall(IMethodSymbol method)
        => (method.Name == "Delay" && method.ContainingType?.Name == "Task" && InNamespace(method.ContainingType, "System.Threading.Tasks"))
            || (method.Name == "Sleep" && method.ContainingType?.Name == "Thread" && InNamespace(method.ContainingType, "System.Threading"));

    private static bool AnyMayWait(IEnumerable<IOperation> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is IInvocationOperation invocation && MayWait(invocation.TargetMethod.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A call that may wait in its own way (a helper, a rate limiter, a timer): the retry's wait is not read.</summary>
    private static bool MayWait(string name)
        => name.IndexOf("Delay", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Sleep", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("Wait", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Backoff", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("Pause", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Throttle", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("Acquire", StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool IsIntegral(ISymbol symbol)
    {
        var type = symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        return type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte;
    }

    /// <summary>The fixes write <c>Random.Shared</c> (.NET 6 and later).</summary>
    private static bool HasRandomShared(ExtractionContext context)
        => context.Types.Compilation.GetTypeByMetadataName("System.Random")?.GetMembers("Shared").Length > 0;
}
