using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Requests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Benchmarks.Probes;

/// <summary>
/// Investigation only (--probes): analyzers that do the first steps of RequestAnalyzer and stop, so the difference
/// between them and the real analyzer tells where its time goes. Each registers exactly what RequestAnalyzer
/// registers and uses its syntax pre-filter (RequestAnalyzer.IsCandidate*), so they follow it when it changes.
/// </summary>
public abstract class RequestProbe : DiagnosticAnalyzer, ICountingProbe
{
    private static readonly DiagnosticDescriptor Unused = new("PROBE", "probe", "probe", "Probe", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    private int _blocks;
    private int _candidates;
    private int _boundBlocks;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

    /// <summary>Code blocks started, syntax nodes that passed the name filter, and blocks with at least one of them.</summary>
    public string Counts => $"{_blocks:N0} code blocks, {_candidates:N0} candidate nodes in {_boundBlocks:N0} of them";

    public void ResetCounts() => _blocks = _candidates = _boundBlocks = 0;

    protected abstract bool Binds { get; }

    /// <summary>Bind with a semantic model of our own that skips nullable analysis (investigation only; see below).</summary>
    protected virtual bool WithoutNullableAnalysis => false;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (RequestTypes.Create(start.Compilation) is not { } types)
            {
                return;
            }

            var filter = RequestAnalyzer.CreateCandidateFilter(types);
            var models = new System.Collections.Concurrent.ConcurrentDictionary<SyntaxTree, SemanticModel>();
            start.RegisterCodeBlockStartAction<SyntaxKind>(block =>
            {
                Interlocked.Increment(ref _blocks);
                var found = 0;
                block.RegisterSyntaxNodeAction(
                    node =>
                    {
                        if (!filter.IsCandidate(node.Node, node.SemanticModel, node.CancellationToken))
                        {
                            return;
                        }

                        if (Interlocked.Increment(ref found) == 1)
                        {
                            Interlocked.Increment(ref _boundBlocks);
                        }

                        Interlocked.Increment(ref _candidates);
                        if (Binds)
                        {
                            // RS1030 is the point of this investigation probe (a model of its own, nullable analysis off); it is never shipped.
#pragma warning disable RS1030
                            var model = WithoutNullableAnalysis
                                ? models.GetOrAdd(node.Node.SyntaxTree, tree => start.Compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis))
                                : node.SemanticModel;
#pragma warning restore RS1030
                            model.GetOperation(node.Node, node.CancellationToken);
                        }
                    },
                    SyntaxKind.InvocationExpression,
                    SyntaxKind.ObjectCreationExpression,
                    SyntaxKind.ImplicitObjectCreationExpression);
                block.RegisterCodeBlockEndAction(_ => { });
            });
        });
    }
}

/// <summary>RequestAnalyzer's registrations and syntax pre-filter, nothing more.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FilterOnlyProbe : RequestProbe
{
    protected override bool Binds => false;
}

/// <summary>RequestAnalyzer's registrations, pre-filter, and the GetOperation (binding) of every candidate; no extraction.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FilterAndBindProbe : RequestProbe
{
    protected override bool Binds => true;
}

/// <summary>
/// As <see cref="FilterAndBindProbe"/>, but binding through a semantic model of its own created with
/// <see cref="SemanticModelOptions.DisableNullableAnalysis"/>: what binding the same members costs without the nullable
/// walk. An analyzer may not do this (RS1030: the model is not the driver's shared one, so members bound by other
/// analyzers would be bound again); it is here only to size the nullable part of binding.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FilterAndBindWithoutNullableProbe : RequestProbe
{
    protected override bool Binds => true;

    protected override bool WithoutNullableAnalysis => true;
}

/// <summary>
/// The driver's baseline: a compilation start action that registers nothing, as RequestAnalyzer does when no
/// request type is referenced. Its CPU is what CompilationWithAnalyzers costs before any analyzer does anything.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoActionsProbe : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Unused = new("PROBE0", "probe", "probe", "Probe", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(_ => { });
    }
}
