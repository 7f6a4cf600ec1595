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

            // One action per file, once the driver has analyzed its declarations: the stream loops around the file's candidate
            // tokens, and the client model of each type that sets a timeout or creates an HttpClient. Not a symbol start
            // action per type: any symbol start action switches on the driver's per-symbol bookkeeping for every symbol of
            // the compilation, which cost real builds far more than this analysis (docs/performance.md, "Real builds").
            start.RegisterSemanticModelAction(semantic =>
            {
                if (state.Value is not var (types, extractor))
                {
                    return;
                }

                var model = semantic.SemanticModel;
                var cancellationToken = semantic.CancellationToken;
                void Report(Diagnostic diagnostic)
                {
                    if (!GeneratedCodeFilter.IsGenerated(diagnostic.Location, null, model.Compilation, semantic.Options, cancellationToken))
                    {
                        semantic.ReportDiagnostic(diagnostic);
                    }
                }

                if (types.TextReader is not null || types.SseParser is not null)
                {
                    StreamLoopCollector.Report(model, StreamLoopCandidates.Of(model.SyntaxTree, cancellationToken), types, StreamErrorEvents, Report, cancellationToken);
                }

                if ((SourceNames.Of(model.SyntaxTree, cancellationToken) & SourceNames.ClientSetup) != 0)
                {
                    ClientCollector.ReportTree(model, types, extractor, clientModel => IdleTimeout.Analyze(clientModel, Report), cancellationToken);
                }
            });
        });
    }

    /// <summary>
    /// The names a type's <see cref="ClientModel"/> needs before LLM3002 can report anything: a timeout set
    /// (<c>Timeout</c>, <c>NetworkTimeout</c>) or an HttpClient created (<c>new HttpClient(...)</c>, or a target-typed
    /// <c>new()</c> declared <c>HttpClient</c>). <see cref="ClientCollector.Build"/> returns an empty model without one.
    /// </summary>
    internal static readonly string[] ClientSetupNames = { "Timeout", "NetworkTimeout", "HttpClient" };
}
