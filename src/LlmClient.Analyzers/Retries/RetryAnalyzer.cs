using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Extractors;
using LlmClient.Analyzers.Retries.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Retries;

/// <summary>
/// The one analyzer of the retry model: it finds every retry in a code block once (loops, recursion, <c>goto</c>,
/// handlers, Polly v7 and v8, SDK client policies), builds a <see cref="RetrySite"/> for each, and lets each retry
/// rule (one small class per rule) read it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetryAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<IRetryRule> RetryRules = ImmutableArray.Create<IRetryRule>(
        new NonRetryableStatusRule(),
        new UnboundedRetryRule(),
        new BackoffRule(),
        new RetryAfterRule(),
        new SwallowedFinalErrorRule(),
        new RetryBudgetRule(),
        new DoubleRetryRule());

    /// <summary>Investigation only (the benchmark's probes): told of every syntax node about to be bound, before it is.</summary>
    private readonly Action<SyntaxNode>? _onBind;

    public RetryAnalyzer()
    {
    }

    internal RetryAnalyzer(Action<SyntaxNode> onBind) => _onBind = onBind;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        RetryRules.Select(rule => rule.Descriptor).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is not analyzed; diagnostics that land in it are dropped by GeneratedCodeFilter rather than by the
        // driver, whose check walks every token of a file on its first diagnostic.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        var onBind = _onBind;
        context.RegisterCompilationStartAction(start =>
        {
            if (!ReferenceGate.ReferencesAnyRelevant(start.Compilation))
            {
                return;
            }

            // Resolved on the first code block, not here (see LazyCompilationState).
            var state = new LazyCompilationState<(RetryTypes Types, RetryGate Gate)?>(start.Compilation, static compilation =>
                RetryTypes.Create(compilation) is { } types ? (types, new RetryGate(types)) : null);
            // The driver walks each block's nodes for every analyzer's node actions; the candidates are gathered from that
            // walk (BlockCandidates) and bound at the block's end.
            start.RegisterCodeBlockStartAction<SyntaxKind>(block =>
            {
                // Most files of most projects cannot hold a retry: the names every retry hangs on are not in them (RetryGate).
                if (state.Value is not var (types, gate) || !gate.MayContainRetries(block.CodeBlock.SyntaxTree, block.CancellationToken))
                {
                    return;
                }

                RegisterBlock(block, types, gate, onBind);
            });
        });
    }

    /// <summary>A method of its own, so that the closure of the end action is made only for blocks past the gate.</summary>
    private static void RegisterBlock(CodeBlockStartAnalysisContext<SyntaxKind> block, RetryTypes types, RetryGate gate, Action<SyntaxNode>? onBind)
    {
        var candidates = new BlockCandidates(block.CodeBlock, block.OwningSymbol, gate, httpNamesOnly: !gate.SdkInUse(block.CancellationToken));
        block.RegisterSyntaxNodeAction(candidates.OnNode, BlockCandidates.Kinds);
        block.RegisterCodeBlockEndAction(end => AnalyzeBlock(end, candidates, types, onBind));
    }

    private static void AnalyzeBlock(CodeBlockAnalysisContext context, BlockCandidates candidates, RetryTypes types, Action<SyntaxNode>? onBind)
    {
        var found = candidates.Finish(context.CancellationToken);
        var owner = context.OwningSymbol;
        var overrideDeclaration = candidates.Block is BaseMethodDeclarationSyntax declaration && ClientPolicyRetryExtractor.IsShouldRetryOverride(owner, types)
            ? declaration
            : null;
        var mayRecurse = candidates.CallsOwnName && candidates.RecursionMayRetry;
        // Most blocks hold no candidate: nothing is allocated for them beyond this check.
        if (found.Count == 0 && overrideDeclaration is null && !mayRecurse)
        {
            return;
        }

        var extraction = new ExtractionContext(types, context.SemanticModel, context.CancellationToken, owner);
        var sites = FindSites(candidates, found, overrideDeclaration, mayRecurse, owner, extraction, onBind);
        if (sites.Count > 0)
        {
            Report(context, sites);
        }
    }

    /// <summary>Runs every rule on the block's sites.</summary>
    private static void Report(CodeBlockAnalysisContext context, List<RetrySite> sites)
    {
        var options = LlmAnalyzerOptions.Get(context.Options, context.CodeBlock.SyntaxTree);
        var report = BlockReporter.For(context);
        foreach (var site in sites)
        {
            var ruleContext = new RetryRuleContext(site, options, report);

            foreach (var rule in RetryRules)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                rule.Analyze(ruleContext);
            }
        }
    }

    /// <summary>
    /// Binds the block's candidates (<see cref="BlockCandidates"/>: cheap syntax filters only, in the order the block holds
    /// them) and extracts a retry site from each that is one; then a <c>ShouldRetry</c> override and recursion, when
    /// <see cref="AnalyzeBlock"/> found the block to be one or to call its own name.
    /// </summary>
    private static List<RetrySite> FindSites(
        BlockCandidates candidates, IReadOnlyList<(SyntaxNode Node, RetryCandidate Kind)> found, BaseMethodDeclarationSyntax? overrideDeclaration, bool mayRecurse,
        ISymbol owner, ExtractionContext context, Action<SyntaxNode>? onBind)
    {
        var block = candidates.Block;
        context.SetLocalFunctionNames(block, candidates.LocalFunctions);
        var sites = new List<RetrySite>();
        for (var i = 0; i < found.Count; i++)
        {
            var (node, kind) = found[i];
            context.CancellationToken.ThrowIfCancellationRequested();
            onBind?.Invoke(node);
            if (Extract(node, kind, context) is { } site)
            {
                sites.Add(site);
            }
        }

        if (overrideDeclaration is not null)
        {
            onBind?.Invoke(overrideDeclaration);
            if (ClientPolicyRetryExtractor.ExtractOverride(overrideDeclaration, (IMethodSymbol)owner, context) is { } policy)
            {
                sites.Add(policy);
            }
        }

        if (mayRecurse)
        {
            var methodBody = candidates.MethodBody!;
            onBind?.Invoke(methodBody);
            if (RecursionRetryExtractor.Extract(methodBody, (IMethodSymbol)owner, context) is { } recursion)
            {
                sites.Add(recursion);
            }
        }

        return sites;
    }

    private static RetrySite? Extract(SyntaxNode node, RetryCandidate kind, ExtractionContext context)
    {
        switch (kind)
        {
            case RetryCandidate.Loop:
                return LoopRetryExtractor.Extract((StatementSyntax)node, context);
            case RetryCandidate.Goto:
                return GotoRetryExtractor.Extract((GotoStatementSyntax)node, context);
            case RetryCandidate.PollyV7:
                return PollyV7RetryExtractor.Extract((InvocationExpressionSyntax)node, context);
            case RetryCandidate.PollyV8:
                return PollyV8RetryExtractor.Extract((BaseObjectCreationExpressionSyntax)node, context);
            case RetryCandidate.ClientPolicy:
                return ClientPolicyRetryExtractor.Extract((BaseObjectCreationExpressionSyntax)node, context);
            default:
                var localFunction = (LocalFunctionStatementSyntax)node;
                return context.Model.GetDeclaredSymbol(localFunction, context.CancellationToken) is IMethodSymbol function
                    ? RecursionRetryExtractor.Extract((localFunction.Body ?? (SyntaxNode?)localFunction.ExpressionBody)!, function, context)
                    : null;
        }
    }
}
