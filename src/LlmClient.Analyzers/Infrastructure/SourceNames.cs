using System.Runtime.CompilerServices;
using System.Threading;
using LlmClient.Analyzers.Retries.Analysis;
using LlmClient.Analyzers.Retries.Extractors;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>
/// Which groups of names a file mentions (<see cref="IdentifierScanner"/>), for the per-file gates of RetryAnalyzer
/// (<c>Retries/RetryGate</c>) and TransportAnalyzer. One pass over each file's text serves both analyzers and every
/// compilation the tree is part of: the answer depends on the text alone, which a tree never changes, so it is kept per
/// tree for as long as the tree lives.
/// </summary>
internal static class SourceNames
{
    /// <summary>A name some retry the retry extractors find hangs on (RetryGate).</summary>
    public const int RetryTrigger = 1;

    /// <summary>A namespace root of the SDKs whose calls RetryCalls.Classify accepts under any name (RetryGate).</summary>
    public const int SdkNamespace = 2;

    /// <summary>A name a type's client model needs before LLM3002 can report (TransportAnalyzer).</summary>
    public const int ClientSetup = 4;

    /// <summary>The SDK namespace roots (<see cref="SdkNamespace"/>).</summary>
    public static readonly string[] SdkNamespaceRoots = { "OpenAI", "ClientModel", "Anthropic" };

    private const int All = RetryTrigger | SdkNamespace | ClientSetup;

    private static readonly IdentifierScanner Scanner = new IdentifierScanner()
        .Add(RetryCalls.HttpSendNames, RetryTrigger)
        .Add(RetryCalls.HttpThrowingNames, RetryTrigger)
        .Add(RetryCalls.JsonSendNames, RetryTrigger)
        .Add(RetryCalls.JsonThrowingNames, RetryTrigger)
        .Add(PollyV7RetryExtractor.CandidateNames, RetryTrigger)
        .Add(PollyV8RetryExtractor.CandidateNames, RetryTrigger)
        .Add(ClientPolicyRetryExtractor.CandidateNames, RetryTrigger)
        .AddSuffix(ClientPolicyRetryExtractor.CandidateTypeNameSuffix, RetryTrigger)
        .Add(SdkNamespaceRoots, SdkNamespace)
        .Add(Transport.TransportAnalyzer.ClientSetupNames, ClientSetup);

    /// <summary>
    /// Per tree, shared by our analyzers and by every compilation the tree is part of: each file is read once per build,
    /// and in the editor, where every edit makes a new compilation of mostly the same trees, once per edit of that file
    /// rather than once per edit of any file (RetryGate's SDK check asks about every tree of the compilation). A weak table
    /// entry per file, boxed once.
    /// </summary>
    private static readonly ConditionalWeakTable<SyntaxTree, object> Cache = new();

    /// <summary>The groups (flags above) whose names <paramref name="tree"/> mentions.</summary>
    public static int Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue(tree, out var known))
        {
            return (int)known;
        }

        // Two threads may scan the same tree at once; both get the same answer, and the table keeps the first.
        object flags = Scan(tree, cancellationToken);
        return (int)Cache.GetValue(tree, _ => flags);
    }

    /// <summary>The groups <paramref name="tree"/> mentions, read now (the benchmark's probe measures this).</summary>
    public static int Scan(SyntaxTree tree, CancellationToken cancellationToken) => Scanner.Scan(tree.GetText(cancellationToken), All, cancellationToken);
}
