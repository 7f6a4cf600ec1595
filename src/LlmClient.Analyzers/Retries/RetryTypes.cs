using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries;

/// <summary>The types the retry model recognizes, each resolved once per compilation, on first use.</summary>
internal sealed class RetryTypes
{
    /// <summary>Each type is looked up on first use: see <see cref="LazyTypes"/>.</summary>
    private INamedTypeSymbol? Resolve(ref object? slot, string metadataName) => LazyTypes.Resolve(_compilation, ref slot, metadataName);

    private readonly Compilation _compilation;

    private RetryTypes(Compilation compilation)
    {
        _compilation = compilation;
        Compilation = compilation;
    }

    /// <summary>Per compilation and shared by every callback: which names some source type declares a member of.</summary>
    /// <summary>Every member name declared in source (null until first asked).</summary>
    private HashSet<string>? _sourceMemberNames;

    /// <summary>Per compilation: where each file's text may spell a Retry-After read (<see cref="RetryAfterMentions"/>).</summary>
    private readonly ConcurrentDictionary<SyntaxTree, RetryAfterMentions> _retryAfterMentions = new();

    /// <summary>Where <paramref name="tree"/>'s text may spell a Retry-After read, read once per file.</summary>
    public RetryAfterMentions RetryAfterMentionsIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!_retryAfterMentions.TryGetValue(tree, out var mentions))
        {
            mentions = RetryAfterMentions.Read(tree.GetText(cancellationToken).ToString());
            _retryAfterMentions.TryAdd(tree, mentions);
        }

        return mentions;
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol? HttpClient => Resolve(ref _httpClient, "System.Net.Http.HttpClient");

    private object? _httpClient;

    public INamedTypeSymbol? HttpMessageInvoker => Resolve(ref _httpMessageInvoker, "System.Net.Http.HttpMessageInvoker");

    private object? _httpMessageInvoker;

    public INamedTypeSymbol? HttpMessageHandler => Resolve(ref _httpMessageHandler, "System.Net.Http.HttpMessageHandler");

    private object? _httpMessageHandler;

    public INamedTypeSymbol? DelegatingHandler => Resolve(ref _delegatingHandler, "System.Net.Http.DelegatingHandler");

    private object? _delegatingHandler;

    public INamedTypeSymbol? HttpResponseMessage => Resolve(ref _httpResponseMessage, "System.Net.Http.HttpResponseMessage");

    private object? _httpResponseMessage;

    public INamedTypeSymbol? HttpRequestException => Resolve(ref _httpRequestException, "System.Net.Http.HttpRequestException");

    private object? _httpRequestException;

    public INamedTypeSymbol? HttpStatusCode => Resolve(ref _httpStatusCode, "System.Net.HttpStatusCode");

    private object? _httpStatusCode;

    public INamedTypeSymbol? HttpClientJsonExtensions => Resolve(ref _httpClientJsonExtensions, "System.Net.Http.Json.HttpClientJsonExtensions");

    private object? _httpClientJsonExtensions;

    public INamedTypeSymbol? Exception => Resolve(ref _exception, "System.Exception");

    private object? _exception;

    public INamedTypeSymbol? OperationCanceledException => Resolve(ref _operationCanceledException, "System.OperationCanceledException");

    private object? _operationCanceledException;

    public INamedTypeSymbol? TaskCanceledException => Resolve(ref _taskCanceledException, "System.Threading.Tasks.TaskCanceledException");

    private object? _taskCanceledException;

    public INamedTypeSymbol? Task => Resolve(ref _task, "System.Threading.Tasks.Task");

    private object? _task;

    public INamedTypeSymbol? TaskOfT => Resolve(ref _taskOfT, "System.Threading.Tasks.Task`1");

    private object? _taskOfT;

    public INamedTypeSymbol? ValueTaskOfT => Resolve(ref _valueTaskOfT, "System.Threading.Tasks.ValueTask`1");

    private object? _valueTaskOfT;

    public INamedTypeSymbol? ClientResultException => Resolve(ref _clientResultException, "System.ClientModel.ClientResultException");

    private object? _clientResultException;

    public INamedTypeSymbol? ClientResult => Resolve(ref _clientResult, "System.ClientModel.ClientResult");

    private object? _clientResult;

    public INamedTypeSymbol? ClientRetryPolicy => Resolve(ref _clientRetryPolicy, "System.ClientModel.Primitives.ClientRetryPolicy");

    private object? _clientRetryPolicy;

    public INamedTypeSymbol? PipelineResponse => Resolve(ref _pipelineResponse, "System.ClientModel.Primitives.PipelineResponse");

    private object? _pipelineResponse;

    public INamedTypeSymbol? PipelineMessage => Resolve(ref _pipelineMessage, "System.ClientModel.Primitives.PipelineMessage");

    private object? _pipelineMessage;

    public INamedTypeSymbol? PollyPolicy => Resolve(ref _pollyPolicy, "Polly.Policy");

    private object? _pollyPolicy;

    public INamedTypeSymbol? PollyPolicyOfT => Resolve(ref _pollyPolicyOfT, "Polly.Policy`1");

    private object? _pollyPolicyOfT;

    public INamedTypeSymbol? PolicyBuilder => Resolve(ref _policyBuilder, "Polly.PolicyBuilder");

    private object? _policyBuilder;

    public INamedTypeSymbol? PolicyBuilderOfT => Resolve(ref _policyBuilderOfT, "Polly.PolicyBuilder`1");

    private object? _policyBuilderOfT;

    public INamedTypeSymbol? RetrySyntax => Resolve(ref _retrySyntax, "Polly.RetrySyntax");

    private object? _retrySyntax;

    public INamedTypeSymbol? AsyncRetrySyntax => Resolve(ref _asyncRetrySyntax, "Polly.AsyncRetrySyntax");

    private object? _asyncRetrySyntax;

    public INamedTypeSymbol? RetryTResultSyntax => Resolve(ref _retryTResultSyntax, "Polly.RetryTResultSyntax");

    private object? _retryTResultSyntax;

    public INamedTypeSymbol? AsyncRetryTResultSyntax => Resolve(ref _asyncRetryTResultSyntax, "Polly.AsyncRetryTResultSyntax");

    private object? _asyncRetryTResultSyntax;

    public INamedTypeSymbol? RetryStrategyOptionsOfT => Resolve(ref _retryStrategyOptionsOfT, "Polly.Retry.RetryStrategyOptions`1");

    private object? _retryStrategyOptionsOfT;

    public INamedTypeSymbol? PredicateBuilderOfT => Resolve(ref _predicateBuilderOfT, "Polly.PredicateBuilder`1");

    private object? _predicateBuilderOfT;

    public INamedTypeSymbol? PredicateResult => Resolve(ref _predicateResult, "Polly.PredicateResult");

    private object? _predicateResult;

    public INamedTypeSymbol? Outcome => Resolve(ref _outcome, "Polly.Outcome`1");

    private object? _outcome;

    public INamedTypeSymbol? AnthropicException => Resolve(ref _anthropicException, "Anthropic.Exceptions.AnthropicException");

    private object? _anthropicException;

    public INamedTypeSymbol? AnthropicApiException => Resolve(ref _anthropicApiException, "Anthropic.Exceptions.AnthropicApiException");

    private object? _anthropicApiException;

    public INamedTypeSymbol? AnthropicIOException => Resolve(ref _anthropicIOException, "Anthropic.Exceptions.AnthropicIOException");

    private object? _anthropicIOException;

    public INamedTypeSymbol? Anthropic4xxException => Resolve(ref _anthropic4xxException, "Anthropic.Exceptions.Anthropic4xxException");

    private object? _anthropic4xxException;

    public INamedTypeSymbol? Anthropic5xxException => Resolve(ref _anthropic5xxException, "Anthropic.Exceptions.Anthropic5xxException");

    private object? _anthropic5xxException;

    public INamedTypeSymbol? AnthropicClient => Resolve(ref _anthropicClient, "Anthropic.AnthropicClient");

    private object? _anthropicClient;

    public INamedTypeSymbol? AnthropicClientOptions => Resolve(ref _anthropicClientOptions, "Anthropic.Core.ClientOptions");

    private object? _anthropicClientOptions;

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
    /// table (no binding). A look-up by name walks every declaration there, so the table's member names are all collected
    /// in one such walk (a predicate that never matches sees each of them) on the first question.
    /// </summary>
    public bool IsSourceMemberName(string name, CancellationToken cancellationToken)
    {
        var names = Volatile.Read(ref _sourceMemberNames);
        if (names is null)
        {
            var collected = new HashSet<string>(StringComparer.Ordinal);
            Compilation.ContainsSymbolsWithName(
                declared =>
                {
                    collected.Add(declared);
                    return false;
                },
                SymbolFilter.Member,
                cancellationToken);
            names = Interlocked.CompareExchange(ref _sourceMemberNames, collected, null) ?? collected;
        }

        return names.Contains(name);
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

        if (IsSdkNamespace(type.ContainingNamespace))
        {
            return true;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            foreach (var argument in named.TypeArguments)
            {
                if (IsSdkNamespace(argument.ContainingNamespace))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>System.ClientModel*, OpenAI, Anthropic or a namespace in them (read from the outermost two names, no display string built).</summary>
    private static bool IsSdkNamespace(INamespaceSymbol? ns)
    {
        INamespaceSymbol? outermost = null;
        INamespaceSymbol? second = null;
        for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
        {
            second = outermost;
            outermost = current;
        }

        return outermost?.Name switch
        {
            "OpenAI" or "Anthropic" => true,
            "System" => second is not null && second.Name.StartsWith("ClientModel", StringComparison.Ordinal),
            _ => false,
        };
    }
}
