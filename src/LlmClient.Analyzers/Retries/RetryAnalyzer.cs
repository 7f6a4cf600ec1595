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
            start.RegisterCodeBlockAction(block =>
            {
                if (state.Value is var (types, gate))
                {
                    AnalyzeBlock(block, types, gate, onBind);
                }
            });
        });
    }

    private static void AnalyzeBlock(CodeBlockAnalysisContext context, RetryTypes types, RetryGate gate, Action<SyntaxNode>? onBind)
    {
        // Most files of most projects cannot hold a retry: the names every retry hangs on are not in them (RetryGate).
        if (!gate.MayContainRetries(context.CodeBlock.SyntaxTree, context.CancellationToken))
        {
            return;
        }

        var httpNamesOnly = !gate.SdkInUse(context.CancellationToken);
        var sites = FindSites(context.CodeBlock, context.OwningSymbol, new ExtractionContext(types, context.SemanticModel, context.CancellationToken), httpNamesOnly, onBind);
        if (sites.Count == 0)
        {
            return;
        }

        var options = LlmAnalyzerOptions.Get(context.Options, context.CodeBlock.SyntaxTree);
        var reported = new HashSet<(string, Location)>();
        foreach (var site in sites)
        {
            var ruleContext = new RetryRuleContext(site, options, diagnostic =>
            {
                if (reported.Add((diagnostic.Id, diagnostic.Location))
                    && !GeneratedCodeFilter.IsGenerated(diagnostic.Location, context.CodeBlock, context.SemanticModel.Compilation, context.Options, context.CancellationToken))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            });

            foreach (var rule in RetryRules)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                rule.Analyze(ruleContext);
            }
        }
    }

    /// <summary>
    /// One pass over the block's syntax with cheap filters; only candidates are bound, after the pass (in the order it
    /// met them), when the pass has seen the whole block. With <paramref name="httpNamesOnly"/> (no SDK call can happen
    /// in the compilation, <see cref="RetryGate.SdkInUse"/>) a loop, <c>goto</c> or recursion is a candidate only if it
    /// mentions a method name of an HTTP call <see cref="Analysis.RetryCalls.Classify"/> accepts.
    /// </summary>
    private static List<RetrySite> FindSites(SyntaxNode block, ISymbol owner, ExtractionContext context, bool httpNamesOnly, Action<SyntaxNode>? onBind)
    {
        var candidates = new List<(SyntaxNode Node, Candidate Kind)>();
        HashSet<string>? labels = null;
        HashSet<string>? localFunctions = null;

        // A method that calls itself may retry by recursion. Whether its body calls something of its name is noted during
        // this one walk (it used to take a second walk of every method body).
        var method = owner as IMethodSymbol;
        var methodBody = block is BaseMethodDeclarationSyntax declaration ? declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody : null;
        var callsOwnName = false;
        var mentionsHttpCall = !httpNamesOnly;
        // The loops the walk is in, each noting what its descendants mention (LoopCandidateScan); a loop is a candidate
        // or not once the walk has left it.
        var openLoops = new Stack<(LoopCandidateScan Scan, int Index)>();
        foreach (var node in block.DescendantNodes())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (openLoops.Count > 0)
            {
                while (openLoops.Count > 0 && !openLoops.Peek().Scan.Contains(node))
                {
                    CloseLoop(openLoops.Pop(), candidates);
                }

                foreach (var open in openLoops)
                {
                    open.Scan.See(node);
                }
            }

            switch ((SyntaxKind)node.RawKind)
            {
                case SyntaxKind.IdentifierName or SyntaxKind.GenericName:
                    if (!mentionsHttpCall && RetryGate.IsHttpCallName(((SimpleNameSyntax)node).Identifier.ValueText))
                    {
                        mentionsHttpCall = true;
                    }

                    break;

                case SyntaxKind.WhileStatement or SyntaxKind.DoStatement or SyntaxKind.ForStatement or SyntaxKind.ForEachStatement:
                    openLoops.Push((new LoopCandidateScan((StatementSyntax)node, httpNamesOnly), candidates.Count));
                    candidates.Add((node, Candidate.Loop));

                    break;

                case SyntaxKind.GotoStatement:
                    // The first goto of each label; whether the block mentions an HTTP call is known after the pass.
                    if (node is GotoStatementSyntax { Expression: IdentifierNameSyntax label } && (labels ??= new HashSet<string>()).Add(label.Identifier.ValueText))
                    {
                        candidates.Add((node, Candidate.Goto));
                    }

                    break;

                case SyntaxKind.InvocationExpression:
                    var invocation = (InvocationExpressionSyntax)node;
                    var name = SyntaxNames.GetInvokedName(invocation);
                    if (!callsOwnName && method is not null && methodBody is not null && name == method.Name && methodBody.Span.Contains(invocation.Span))
                    {
                        callsOwnName = true;
                    }

                    if (name is not null && PollyV7RetryExtractor.IsCandidateName(name))
                    {
                        candidates.Add((node, Candidate.PollyV7));
                    }

                    break;

                case SyntaxKind.ObjectCreationExpression or SyntaxKind.ImplicitObjectCreationExpression:
                    var creation = (BaseObjectCreationExpressionSyntax)node;
                    if (PollyV8RetryExtractor.IsCandidate(creation))
                    {
                        candidates.Add((node, Candidate.PollyV8));
                    }
                    else if (ClientPolicyRetryExtractor.IsCandidate(creation))
                    {
                        candidates.Add((node, Candidate.ClientPolicy));
                    }

                    break;

                case SyntaxKind.LocalFunctionStatement:
                    var localFunction = (LocalFunctionStatementSyntax)node;
                    (localFunctions ??= new HashSet<string>(StringComparer.Ordinal)).Add(localFunction.Identifier.ValueText);
                    if ((localFunction.Body ?? (SyntaxNode?)localFunction.ExpressionBody) is { } body
                        && (!httpNamesOnly || MentionsHttpCall(body))
                        && RecursionRetryExtractor.IsCandidate(body, localFunction.Identifier.ValueText))
                    {
                        candidates.Add((node, Candidate.LocalFunction));
                    }

                    break;
            }
        }

        while (openLoops.Count > 0)
        {
            CloseLoop(openLoops.Pop(), candidates);
        }

        context.SetLocalFunctionNames(block, localFunctions);
        var sites = new List<RetrySite>();
        foreach (var (node, kind) in candidates)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (kind == Candidate.NotRetry || (kind == Candidate.Goto && !mentionsHttpCall))
            {
                continue;
            }

            onBind?.Invoke(node);
            if (Extract(node, kind, context) is { } site)
            {
                sites.Add(site);
            }
        }

        if (block is BaseMethodDeclarationSyntax overrideDeclaration && ClientPolicyRetryExtractor.IsShouldRetryOverride(owner, context.Types))
        {
            onBind?.Invoke(overrideDeclaration);
            if (ClientPolicyRetryExtractor.ExtractOverride(overrideDeclaration, (IMethodSymbol)owner, context) is { } policy)
            {
                sites.Add(policy);
            }
        }

        if (callsOwnName && mentionsHttpCall)
        {
            onBind?.Invoke(methodBody!);
            if (RecursionRetryExtractor.Extract(methodBody!, method!, context) is { } recursion)
            {
                sites.Add(recursion);
            }
        }

        return sites;
    }

    /// <summary>A loop the walk has left: it stays a candidate only if its scan says it can be a retry.</summary>
    private static void CloseLoop((LoopCandidateScan Scan, int Index) loop, List<(SyntaxNode Node, Candidate Kind)> candidates)
    {
        if (!loop.Scan.IsCandidate)
        {
            candidates[loop.Index] = (loop.Scan.Loop, Candidate.NotRetry);
        }
    }

    private static RetrySite? Extract(SyntaxNode node, Candidate kind, ExtractionContext context)
    {
        switch (kind)
        {
            case Candidate.Loop:
                return LoopRetryExtractor.Extract((StatementSyntax)node, context);
            case Candidate.Goto:
                return GotoRetryExtractor.Extract((GotoStatementSyntax)node, context);
            case Candidate.PollyV7:
                return PollyV7RetryExtractor.Extract((InvocationExpressionSyntax)node, context);
            case Candidate.PollyV8:
                return PollyV8RetryExtractor.Extract((BaseObjectCreationExpressionSyntax)node, context);
            case Candidate.ClientPolicy:
                return ClientPolicyRetryExtractor.Extract((BaseObjectCreationExpressionSyntax)node, context);
            default:
                var localFunction = (LocalFunctionStatementSyntax)node;
                return context.Model.GetDeclaredSymbol(localFunction, context.CancellationToken) is IMethodSymbol function
                    ? RecursionRetryExtractor.Extract((localFunction.Body ?? (SyntaxNode?)localFunction.ExpressionBody)!, function, context)
                    : null;
        }
    }

    private static bool MentionsHttpCall(SyntaxNode region)
        => region.DescendantNodes().Any(node => node is SimpleNameSyntax name && RetryGate.IsHttpCallName(name.Identifier.ValueText));

    /// <summary>What a node found by <see cref="FindSites"/> may be.</summary>
    private enum Candidate
    {
        /// <summary>A loop its scan turned down.</summary>
        NotRetry,
        Loop,
        Goto,
        PollyV7,
        PollyV8,
        ClientPolicy,
        LocalFunction,
    }
}
