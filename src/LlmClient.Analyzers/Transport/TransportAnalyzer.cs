using System.Collections.Concurrent;
using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Transport.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// The one analyzer of the transport model: how code talks to an LLM gateway (keys, stream readers, client
/// timeouts). Each rule is a small class in <c>Transport/Rules</c>; the shared understanding of the code (credential
/// sites, stream loops, clients and their calls) lives beside this class.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TransportAnalyzer : DiagnosticAnalyzer
{
    private static readonly HardCodedKeyRule HardCodedKey = new();
    private static readonly StreamErrorEventsRule StreamErrorEvents = new();
    private static readonly IdleTimeoutRule IdleTimeout = new();

    private static readonly ImmutableArray<SyntaxKind> LoopKinds = ImmutableArray.Create(
        SyntaxKind.WhileStatement, SyntaxKind.DoStatement, SyntaxKind.ForStatement, SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        IdleTimeout.Descriptor,
        StreamErrorEvents.Descriptor,
        HardCodedKey.Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is not analyzed; diagnostics that land in it are dropped by GeneratedCodeFilter rather than by the
        // driver, whose check walks every token of a file on its first diagnostic.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(static start =>
        {
            if (!ReferenceGate.ReferencesAnyRelevant(start.Compilation))
            {
                return;
            }

            // Resolved on the first callback, not here (see LazyCompilationState).
            var state = new LazyCompilationState<(TransportTypes Types, RequestExtractor? Extractor)?>(start.Compilation, static compilation =>
            {
                if (TransportTypes.Create(compilation) is not { } types)
                {
                    return null;
                }

                // Timeouts and the calls they govern are read per type: a client set up in the constructor is used in the methods.
                var requestTypes = RequestTypes.Create(compilation);
                return (types, requestTypes is null ? null : new RequestExtractor(requestTypes));
            });

            start.RegisterSyntaxNodeAction(
                node =>
                {
                    if (state.Value is var (types, _))
                    {
                        HardCodedKey.Analyze(node, types);
                    }
                },
                SyntaxKind.StringLiteralExpression);

            var streamTrees = new ConcurrentDictionary<SyntaxTree, StreamLoopCandidates>();
            start.RegisterSymbolStartAction(
                symbol =>
                {
                    if (state.Value is not var (types, extractor))
                    {
                        return;
                    }

                    var type = (INamedTypeSymbol)symbol.Symbol;
                    if ((types.TextReader is not null || types.SseParser is not null) && StreamLoopCollector.MayHaveStreamLoops(type, streamTrees, symbol.CancellationToken))
                    {
                        // The loops are bound at the type's end, when the driver has built their members' operation trees.
                        var loops = new StreamLoopCollector(types, StreamErrorEvents, streamTrees);
                        symbol.RegisterSyntaxNodeAction(loops.OnLoop, LoopKinds);
                        symbol.RegisterSymbolEndAction(loops.Report);
                    }

                    if (!MayHaveClientSetup(symbol.Compilation, type, symbol.CancellationToken))
                    {
                        return;
                    }

                    var collector = new ClientCollector(types, extractor);
                    symbol.RegisterSyntaxNodeAction(collector.OnAssignment, SyntaxKind.SimpleAssignmentExpression);
                    symbol.RegisterSyntaxNodeAction(collector.OnInvocation, SyntaxKind.InvocationExpression);
                    symbol.RegisterSyntaxNodeAction(collector.OnObjectCreation, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);
                    symbol.RegisterSymbolEndAction(end => IdleTimeout.Analyze(
                        collector.Build(end.CancellationToken),
                        diagnostic =>
                        {
                            if (!GeneratedCodeFilter.IsGenerated(diagnostic.Location, null, end.Compilation, end.Options, end.CancellationToken))
                            {
                                end.ReportDiagnostic(diagnostic);
                            }
                        }));
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>
    /// The names a type's <see cref="ClientModel"/> needs before LLM3002 can report anything: a timeout set
    /// (<c>Timeout</c>, <c>NetworkTimeout</c>) or an HttpClient created (<c>new HttpClient(...)</c>, or a target-typed
    /// <c>new()</c> declared <c>HttpClient</c>). <see cref="ClientCollector.Build"/> returns an empty model without one.
    /// </summary>
    internal static readonly string[] ClientSetupNames = { "Timeout", "NetworkTimeout", "HttpClient" };

    /// <summary>
    /// Does a file declaring the type mention a name its client model needs (<see cref="SourceNames"/>: one pass over each
    /// file's text)? If none does, ClientCollector would collect nothing to report, so nothing is registered for the type.
    /// </summary>
    private static bool MayHaveClientSetup(Compilation compilation, INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if ((SourceNames.Of(compilation, reference.SyntaxTree, cancellationToken) & SourceNames.ClientSetup) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
