using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries;

/// <summary>The types the retry model recognizes, resolved once per compilation.</summary>
internal sealed class RetryTypes
{
    private RetryTypes(Compilation compilation)
    {
        Compilation = compilation;
        HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        HttpMessageInvoker = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker");
        HttpMessageHandler = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageHandler");
        DelegatingHandler = compilation.GetTypeByMetadataName("System.Net.Http.DelegatingHandler");
        HttpResponseMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage");
        HttpRequestException = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestException");
        HttpStatusCode = compilation.GetTypeByMetadataName("System.Net.HttpStatusCode");
        HttpClientJsonExtensions = compilation.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions");
        Exception = compilation.GetTypeByMetadataName("System.Exception");
        OperationCanceledException = compilation.GetTypeByMetadataName("System.OperationCanceledException");
        TaskCanceledException = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCanceledException");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");

        ClientResultException = compilation.GetTypeByMetadataName("System.ClientModel.ClientResultException");
        ClientResult = compilation.GetTypeByMetadataName("System.ClientModel.ClientResult");
        ClientRetryPolicy = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.ClientRetryPolicy");
        PipelineResponse = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.PipelineResponse");
        PipelineMessage = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.PipelineMessage");

        PollyPolicy = compilation.GetTypeByMetadataName("Polly.Policy");
        PollyPolicyOfT = compilation.GetTypeByMetadataName("Polly.Policy`1");
        PolicyBuilder = compilation.GetTypeByMetadataName("Polly.PolicyBuilder");
        PolicyBuilderOfT = compilation.GetTypeByMetadataName("Polly.PolicyBuilder`1");
        RetrySyntax = compilation.GetTypeByMetadataName("Polly.RetrySyntax");
        AsyncRetrySyntax = compilation.GetTypeByMetadataName("Polly.AsyncRetrySyntax");
        RetryTResultSyntax = compilation.GetTypeByMetadataName("Polly.RetryTResultSyntax");
        AsyncRetryTResultSyntax = compilation.GetTypeByMetadataName("Polly.AsyncRetryTResultSyntax");

        RetryStrategyOptionsOfT = compilation.GetTypeByMetadataName("Polly.Retry.RetryStrategyOptions`1");
        PredicateBuilderOfT = compilation.GetTypeByMetadataName("Polly.PredicateBuilder`1");
        PredicateResult = compilation.GetTypeByMetadataName("Polly.PredicateResult");
        Outcome = compilation.GetTypeByMetadataName("Polly.Outcome`1");

        AnthropicException = compilation.GetTypeByMetadataName("Anthropic.Exceptions.AnthropicException");
        AnthropicApiException = compilation.GetTypeByMetadataName("Anthropic.Exceptions.AnthropicApiException");
        AnthropicIOException = compilation.GetTypeByMetadataName("Anthropic.Exceptions.AnthropicIOException");
        Anthropic4xxException = compilation.GetTypeByMetadataName("Anthropic.Exceptions.Anthropic4xxException");
        Anthropic5xxException = compilation.GetTypeByMetadataName("Anthropic.Exceptions.Anthropic5xxException");
        AnthropicClient = compilation.GetTypeByMetadataName("Anthropic.AnthropicClient");
        AnthropicClientOptions = compilation.GetTypeByMetadataName("Anthropic.Core.ClientOptions");
    }

    /// <summary>Per compilation and shared by every callback: which names some source type declares a member of.</summary>
    private readonly ConcurrentDictionary<string, bool> _sourceMemberNames = new(StringComparer.Ordinal);

    public Compilation Compilation { get; }

    public INamedTypeSymbol? HttpClient { get; }

    public INamedTypeSymbol? HttpMessageInvoker { get; }

    public INamedTypeSymbol? HttpMessageHandler { get; }

    public INamedTypeSymbol? DelegatingHandler { get; }

    public INamedTypeSymbol? HttpResponseMessage { get; }

    public INamedTypeSymbol? HttpRequestException { get; }

    public INamedTypeSymbol? HttpStatusCode { get; }

    public INamedTypeSymbol? HttpClientJsonExtensions { get; }

    public INamedTypeSymbol? Exception { get; }

    public INamedTypeSymbol? OperationCanceledException { get; }

    public INamedTypeSymbol? TaskCanceledException { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? ClientResultException { get; }

    public INamedTypeSymbol? ClientResult { get; }

    public INamedTypeSymbol? ClientRetryPolicy { get; }

    public INamedTypeSymbol? PipelineResponse { get; }

    public INamedTypeSymbol? PipelineMessage { get; }

    public INamedTypeSymbol? PollyPolicy { get; }

    public INamedTypeSymbol? PollyPolicyOfT { get; }

    public INamedTypeSymbol? PolicyBuilder { get; }

    public INamedTypeSymbol? PolicyBuilderOfT { get; }

    public INamedTypeSymbol? RetrySyntax { get; }

    public INamedTypeSymbol? AsyncRetrySyntax { get; }

    public INamedTypeSymbol? RetryTResultSyntax { get; }

    public INamedTypeSymbol? AsyncRetryTResultSyntax { get; }

    public INamedTypeSymbol? RetryStrategyOptionsOfT { get; }

    public INamedTypeSymbol? PredicateBuilderOfT { get; }

    public INamedTypeSymbol? PredicateResult { get; }

    public INamedTypeSymbol? Outcome { get; }

    public INamedTypeSymbol? AnthropicException { get; }

    public INamedTypeSymbol? AnthropicApiException { get; }

    public INamedTypeSymbol? AnthropicIOException { get; }

    public INamedTypeSymbol? Anthropic4xxException { get; }

    public INamedTypeSymbol? Anthropic5xxException { get; }

    public INamedTypeSymbol? AnthropicClient { get; }

    public INamedTypeSymbol? AnthropicClientOptions { get; }

    public bool HasPollyV7 => PolicyBuilder is not null;

    public bool HasPollyV8 => RetryStrategyOptionsOfT is not null;

    /// <summary>No retry this package understands can be written without one of these.</summary>
    private bool CanContainRetries
        => HttpClient is not null || HttpMessageInvoker is not null || ClientResultException is not null || ClientRetryPolicy is not null
            || PolicyBuilder is not null || RetryStrategyOptionsOfT is not null || AnthropicException is not null;

    public static RetryTypes? Create(Compilation compilation)
    {
        var types = new RetryTypes(compilation);
        return types.CanContainRetries ? types : null;
    }

    /// <summary>
    /// Does a type declared in source have a member named <paramref name="name"/>? Read from the compilation's declaration
    /// table (no binding), whose look-up walks every declaration, so the answers are kept for the compilation.
    /// </summary>
    public bool IsSourceMemberName(string name, CancellationToken cancellationToken)
    {
        if (!_sourceMemberNames.TryGetValue(name, out var declared))
        {
            declared = Compilation.ContainsSymbolsWithName(name, SymbolFilter.Member, cancellationToken);
            _sourceMemberNames.TryAdd(name, declared);
        }

        return declared;
    }

    /// <summary>Is <paramref name="type"/> <paramref name="baseType"/> or derived from it?</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (type is null || baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Is the type an Anthropic SDK exception (<c>Anthropic.Exceptions.AnthropicException</c> or derived)?</summary>
    public bool IsAnthropicException(ITypeSymbol? type) => DerivesFrom(type, AnthropicException);

    /// <summary>Is the symbol declared in the Anthropic SDK assembly?</summary>
    public bool IsInAnthropicAssembly(ISymbol? symbol)
        => symbol?.ContainingAssembly is { } assembly && AnthropicException is not null
            && SymbolEqualityComparer.Default.Equals(assembly, AnthropicException.ContainingAssembly);

    /// <summary>Task&lt;T&gt;, ValueTask&lt;T&gt; -&gt; T; anything else unchanged.</summary>
    public ITypeSymbol? Unwrap(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, TaskOfT) || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTaskOfT)))
        {
            return named.TypeArguments[0];
        }

        return type;
    }

    /// <summary>Is the type (or a type argument of it, one level deep) from an LLM SDK (System.ClientModel, OpenAI, Anthropic)?</summary>
    public bool IsSdkType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsSdkNamespace(type.ContainingNamespace?.ToDisplayString()))
        {
            return true;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            foreach (var argument in named.TypeArguments)
            {
                if (IsSdkNamespace(argument.ContainingNamespace?.ToDisplayString()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsSdkNamespace(string? name)
        => name is not null
            && (name.StartsWith("System.ClientModel", StringComparison.Ordinal)
                || name == "OpenAI" || name.StartsWith("OpenAI.", StringComparison.Ordinal)
                || name == "Anthropic" || name.StartsWith("Anthropic.", StringComparison.Ordinal));
}
