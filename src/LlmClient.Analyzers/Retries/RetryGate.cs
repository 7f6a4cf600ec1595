using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using LlmClient.Analyzers.Retries.Extractors;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries;

/// <summary>
/// Per compilation: which files can hold a retry, decided from the names they mention (<see cref="SourceNames"/>: one
/// pass over each file's text, no syntax walk, no binding), so RetryAnalyzer does nothing in the others.
/// <para>
/// Every retry the extractors find hangs on a name written in the file: a call <see cref="RetryCalls.Classify"/>
/// accepts (its HTTP and HttpClientJsonExtensions method names are fixed lists), a Polly v7 retry method, a Polly v8
/// <c>RetryStrategyOptions</c> / <c>ShouldHandle</c> / <c>MaxRetryAttempts</c> / <c>AddRetry</c>, a
/// <c>...RetryPolicy</c> / <c>MaxRetries</c> client policy, a <c>ShouldRetry</c> override. The exception is Classify's
/// SDK branches (a method returning a System.ClientModel result, or declared in the Anthropic SDK's services), which
/// accept any method name. Those calls cannot happen in a compilation whose source never names the SDKs' namespaces
/// (<c>OpenAI</c>, <c>ClientModel</c>, <c>Anthropic</c>: a type of theirs, a using, an alias or a global using all
/// name one) unless some other referenced assembly hands out their types; so when any source file names one of those,
/// or a referenced assembly other than the SDKs themselves references an SDK, every file is analyzed, with the
/// unnarrowed filters (<see cref="SdkInUse"/>).
/// </para>
/// </summary>
internal sealed class RetryGate
{
    private readonly Compilation _compilation;
    private readonly bool _sdkReferencedElsewhere;

    /// <summary>0: not computed, 1: no, 2: yes.</summary>
    private int _sdkInSource;

    /// <summary>Each file's <see cref="LoopText"/> (null: read its loops node by node), read once per compilation.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SyntaxTree, LoopText?> _loopTexts = new();

    public RetryGate(RetryTypes types)
    {
        _compilation = types.Compilation;
        _sdkReferencedElsewhere = SdkReferencedElsewhere(types);
    }

    /// <summary>
    /// Can a call of an SDK (System.ClientModel, OpenAI, Anthropic) happen in this compilation's source? When not, only
    /// the fixed HTTP names (<see cref="IsHttpCallName"/>) can make a loop, <c>goto</c> or recursion a retry.
    /// </summary>
    public bool SdkInUse(CancellationToken cancellationToken)
    {
        if (_sdkReferencedElsewhere)
        {
            return true;
        }

        if (_sdkInSource == 0)
        {
            var any = false;
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if ((SourceNames.Of(tree, cancellationToken) & SourceNames.SdkNamespace) != 0)
                {
                    any = true;
                    break;
                }
            }

            _sdkInSource = any ? 2 : 1;
        }

        return _sdkInSource == 2;
    }

    /// <summary>Can <paramref name="tree"/> hold a retry the extractors find?</summary>
    public bool MayContainRetries(SyntaxTree tree, CancellationToken cancellationToken)
    {
        // Asked for every code block, and the driver goes through a file's blocks one after another: the last file's answer
        // is kept, which spares most blocks the per-compilation tables' look-ups (a weak table's costs a call into the runtime).
        if (Volatile.Read(ref _lastTree) is { } last && ReferenceEquals(last.Tree, tree))
        {
            return last.MayContainRetries;
        }

        var may = (SourceNames.Of(tree, cancellationToken) & SourceNames.RetryTrigger) != 0 || SdkInUse(cancellationToken);
        Volatile.Write(ref _lastTree, new TreeAnswer(tree, may));
        return may;
    }

    private TreeAnswer? _lastTree;

    private sealed class TreeAnswer(SyntaxTree tree, bool mayContainRetries)
    {
        public SyntaxTree Tree { get; } = tree;

        public bool MayContainRetries { get; } = mayContainRetries;
    }

    /// <summary>The file's text for loop scans (<see cref="LoopText"/>); null when an escape could spell a name in it.</summary>
    public LoopText? LoopTextOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!_loopTexts.TryGetValue(tree, out var text))
        {
            text = LoopText.Read(tree, cancellationToken);
            _loopTexts.TryAdd(tree, text);
        }

        return text;
    }

    /// <summary>A method name of an HTTP call <see cref="RetryCalls.Classify"/> accepts.</summary>
    public static bool IsHttpCallName(string name) => HttpCallNames.Contains(name);

    /// <summary>RetryCalls' four lists of HTTP method names in one set (asked for every name a block's walk meets).</summary>
    private static readonly HashSet<string> HttpCallNames = new(
        RetryCalls.HttpSendNames.Concat(RetryCalls.HttpThrowingNames).Concat(RetryCalls.JsonSendNames).Concat(RetryCalls.JsonThrowingNames),
        StringComparer.Ordinal);

    /// <summary>
    /// Does a referenced assembly other than the SDKs' own reference one of them (a library whose API may return SDK
    /// types without the source naming their namespaces)? Read from the assemblies' reference lists, no type is loaded.
    /// </summary>
    private static bool SdkReferencedElsewhere(RetryTypes types)
    {
        var sdkAssemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in new[] { types.ClientResult, types.AnthropicException })
        {
            if (type?.ContainingAssembly is { } assembly)
            {
                sdkAssemblies.Add(assembly.Identity.Name);
            }
        }

        if (sdkAssemblies.Count == 0)
        {
            return false;
        }

        foreach (var assembly in types.Compilation.SourceModule.ReferencedAssemblySymbols)
        {
            var name = assembly.Identity.Name;
            if (sdkAssemblies.Contains(name) || IsNamedForSdk(name))
            {
                continue;
            }

            foreach (var module in assembly.Modules)
            {
                if (module.ReferencedAssemblies.Any(reference => sdkAssemblies.Contains(reference.Name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// An SDK's own assembly by name (<c>OpenAI</c>, <c>Anthropic</c>, <c>OpenAI.Something</c>): its public types live under
    /// that root namespace, so using them names it. Anything else that references an SDK (<c>Azure.AI.OpenAI</c>,
    /// <c>Microsoft.Extensions.AI.OpenAI</c>) counts as handing out SDK types.
    /// </summary>
    private static bool IsNamedForSdk(string assemblyName)
    {
        var dot = assemblyName.IndexOf('.');
        var root = dot < 0 ? assemblyName : assemblyName.Substring(0, dot);
        return root is "OpenAI" or "Anthropic";
    }
}
