using System;
using System.Collections.Generic;
using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Analysis;

/// <summary>Who throws for a failed call, which decides what a <c>catch</c> sees.</summary>
internal enum CallFamily
{
    /// <summary>HttpClient and handlers: <c>HttpRequestException</c> (with <c>StatusCode</c> from EnsureSuccessStatusCode).</summary>
    Http,

    /// <summary>System.ClientModel clients (OpenAI): <c>ClientResultException</c> with <c>Status</c>.</summary>
    ClientModel,

    /// <summary>The Anthropic SDK: one <c>Anthropic*Exception</c> type per status.</summary>
    Anthropic,
}

/// <summary>An HTTP or LLM SDK call that a retry can repeat.</summary>
internal sealed class CallInfo
{
    public CallInfo(IInvocationOperation invocation, CallFamily family, bool throwsOnFailure, bool isBaseSend)
    {
        Invocation = invocation;
        Family = family;
        ThrowsOnFailure = throwsOnFailure;
        IsBaseSend = isBaseSend;
    }

    public IInvocationOperation Invocation { get; }

    public CallFamily Family { get; }

    /// <summary>The call throws for a failure status (SDK calls, GetStringAsync); otherwise it returns the response.</summary>
    public bool ThrowsOnFailure { get; }

    /// <summary><c>base.SendAsync</c> in a <c>DelegatingHandler</c>.</summary>
    public bool IsBaseSend { get; }
}

/// <summary>Recognizes the calls a retry repeats and what their failures throw.</summary>
internal static class RetryCalls
{
    // The HTTP calls Classify accepts are these names and no others; RetryGate's syntax pre-filter uses the same sets, so
    // a name added here is seen by both.

    /// <summary>HttpMessageInvoker, HttpClient and HttpMessageHandler methods that return the response.</summary>
    public static readonly HashSet<string> HttpSendNames = new(StringComparer.Ordinal)
        { "Send", "SendAsync", "GetAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync" };

    /// <summary>HttpClient methods that throw for a failure status.</summary>
    public static readonly HashSet<string> HttpThrowingNames = new(StringComparer.Ordinal)
        { "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync" };

    /// <summary>HttpClientJsonExtensions methods that return the response.</summary>
    public static readonly HashSet<string> JsonSendNames = new(StringComparer.Ordinal)
        { "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync" };

    /// <summary>HttpClientJsonExtensions methods that throw for a failure status.</summary>
    public static readonly HashSet<string> JsonThrowingNames = new(StringComparer.Ordinal)
        { "GetFromJsonAsync", "DeleteFromJsonAsync", "GetFromJsonAsAsyncEnumerable" };

    public static CallInfo? Classify(IInvocationOperation invocation, RetryTypes types)
    {
        var method = invocation.TargetMethod;
        if (method is null)
        {
            return null;
        }

        var containing = method.ContainingType;
        if (containing is null || containing.TypeKind == TypeKind.Error)
        {
            return null;
        }

        if (RetryTypes.DerivesFrom(containing, types.HttpMessageInvoker) || RetryTypes.DerivesFrom(containing, types.HttpMessageHandler))
        {
            var isBase = invocation.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                && invocation.Instance.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.BaseExpressionSyntax;
            if (HttpSendNames.Contains(method.Name))
            {
                return new CallInfo(invocation, CallFamily.Http, throwsOnFailure: false, isBaseSend: isBase);
            }

            return HttpThrowingNames.Contains(method.Name) ? new CallInfo(invocation, CallFamily.Http, throwsOnFailure: true, isBaseSend: false) : null;
        }

        if (types.HttpClientJsonExtensions is not null && SymbolEqualityComparer.Default.Equals(containing, types.HttpClientJsonExtensions))
        {
            return JsonSendNames.Contains(method.Name) ? new CallInfo(invocation, CallFamily.Http, throwsOnFailure: false, isBaseSend: false)
                : JsonThrowingNames.Contains(method.Name) ? new CallInfo(invocation, CallFamily.Http, throwsOnFailure: true, isBaseSend: false)
                : null;
        }

        if (IsClientModelResult(types.Unwrap(method.ReturnType)) && !IsClientModelNamespace(containing.ContainingNamespace?.ToDisplayString()))
        {
            return new CallInfo(invocation, CallFamily.ClientModel, throwsOnFailure: true, isBaseSend: false);
        }

        if (types.IsInAnthropicAssembly(containing)
            && containing.ContainingNamespace?.ToDisplayString() is { } ns
            && ns.StartsWith("Anthropic.Services", StringComparison.Ordinal))
        {
            return new CallInfo(invocation, CallFamily.Anthropic, throwsOnFailure: true, isBaseSend: false);
        }

        return null;
    }

    /// <summary>Is the invocation <c>response.EnsureSuccessStatusCode()</c>?</summary>
    public static bool IsEnsureSuccess(IInvocationOperation invocation, RetryTypes types)
        => invocation.TargetMethod.Name == "EnsureSuccessStatusCode"
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.HttpResponseMessage);

    /// <summary>
    /// The outcomes of a call of <paramref name="family"/> that an exception of type <paramref name="caught"/> can carry
    /// (a <c>catch</c> type or a type test). Null means any exception.
    /// </summary>
    public static OutcomeSet CaughtBy(CallFamily family, ITypeSymbol? caught, RetryTypes types)
    {
        if (caught is null || caught.SpecialType == SpecialType.System_Object)
        {
            return OutcomeSet.All;
        }

        switch (family)
        {
            case CallFamily.Http:
                if (RetryTypes.DerivesFrom(types.HttpRequestException, caught as INamedTypeSymbol))
                {
                    return OutcomeSet.Thrown;
                }

                return RetryTypes.DerivesFrom(types.TaskCanceledException, caught as INamedTypeSymbol) ? OutcomeSet.Net : OutcomeSet.Empty;

            case CallFamily.ClientModel:
                return RetryTypes.DerivesFrom(types.ClientResultException, caught as INamedTypeSymbol) ? OutcomeSet.Thrown : OutcomeSet.Empty;

            default:
                return AnthropicCaughtBy(caught, types);
        }
    }

    /// <summary>Which Anthropic failures a catch of <paramref name="caught"/> sees (one exception type per status).</summary>
    public static OutcomeSet AnthropicCaughtBy(ITypeSymbol caught, RetryTypes types)
    {
        var named = caught as INamedTypeSymbol;
        if (RetryTypes.DerivesFrom(types.AnthropicIOException, named))
        {
            // AnthropicException, Exception: every failure, with or without a status.
            return RetryTypes.DerivesFrom(types.AnthropicApiException, named) ? OutcomeSet.Thrown : OutcomeSet.Net;
        }

        if (RetryTypes.DerivesFrom(types.AnthropicApiException, named))
        {
            // AnthropicApiException or AnthropicServiceException: every status.
            return OutcomeSet.Thrown.Except(OutcomeSet.Net);
        }

        if (!types.IsAnthropicException(caught))
        {
            return OutcomeSet.Empty;
        }

        for (var current = caught; current is not null; current = current.BaseType)
        {
            if (GatewayFacts.AnthropicExceptionStatuses.TryGetValue(current.Name, out var status))
            {
                return OutcomeSet.Status(status);
            }

            if (SymbolEqualityComparer.Default.Equals(current, types.Anthropic4xxException))
            {
                return OutcomeSet.Range(400, 499);
            }

            if (SymbolEqualityComparer.Default.Equals(current, types.Anthropic5xxException))
            {
                return OutcomeSet.Range(500, 599);
            }

            if (SymbolEqualityComparer.Default.Equals(current, types.AnthropicApiException))
            {
                break;
            }
        }

        return OutcomeSet.Thrown.Except(OutcomeSet.Net);
    }

    public static bool IsClientModelResult(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name is "ClientResult" or "CollectionResult" or "AsyncCollectionResult"
                && IsClientModelNamespace(current.ContainingNamespace?.ToDisplayString()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsClientModelNamespace(string? name) => name is "System.ClientModel" or "System.ClientModel.Primitives";
}
