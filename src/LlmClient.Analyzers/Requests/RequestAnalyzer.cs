using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Requests.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests;

/// <summary>
/// The one analyzer of the request model: it extracts every LLM request of a type's members once, at the type's end, and
/// lets each request rule (one small class per rule) read it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequestAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<IRequestRule> RequestRules = ImmutableArray.Create<IRequestRule>(
        new ServiceTierRule(),
        new ChatCompletionsNRule(),
        new UnsupportedParameterRule(),
        new ClaudeTokenCapRule(),
        new StartWithinRule(),
        new ModelRule(),
        new InvalidJsonBodyRule(),
        new InlineFileRule());

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        RequestRules.Select(rule => rule.Descriptor).Append(EndpointRule.Descriptor).ToImmutableArray();

    // Passed as arrays the driver keeps (no params array and copy per code block).
    private static readonly ImmutableArray<SyntaxKind> CandidateKinds = ImmutableArray.Create(
        SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);

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

            // The types are resolved on the first code block, not here: the compilation's first type look-up makes the
            // compiler bind its references and build its declaration table, work every build does anyway (binding any
            // member needs it) and which, done here, would be charged to this callback (LazyCompilationState).
            var state = new LazyCompilationState<(RequestTypes Types, RequestExtractor Extractor, CandidateFilter Filter)?>(start.Compilation, static compilation =>
                RequestTypes.Create(compilation) is { } types ? (types, new RequestExtractor(types), CreateCandidateFilter(types)) : null);
            // One registration per type, not three per code block: the node actions only filter syntax and queue the
            // candidates, which are bound at the type's end (see TypeCollector).
            start.RegisterSymbolStartAction(symbol =>
            {
                if (state.Value is not var (types, extractor, filter))
                {
                    return;
                }

                var collector = new TypeCollector(extractor, types, filter);
                symbol.RegisterSyntaxNodeAction(collector.OnNode, CandidateKinds);
                symbol.RegisterSymbolEndAction(collector.Report);
            }, SymbolKind.NamedType);
        });
    }

    /// <summary>The syntax pre-filter for one compilation (also used by the benchmark's probes).</summary>
    internal static CandidateFilter CreateCandidateFilter(RequestTypes types) => new(types);

    /// <summary>
    /// Per type (symbol start to symbol end): the candidate calls and creations of its members, seen as syntax and bound at
    /// the type's end. By then the driver has built the members' operation trees for any analyzer with operation actions
    /// (every build's own analyzers have some), so <c>GetOperation</c> reads that tree; a syntax node action runs before it
    /// exists, and binding there would build it. The requests are then grouped by operation tree (a code block), as the
    /// endpoint rule compares the calls and payloads of one block.
    /// </summary>
    private sealed class TypeCollector
    {
        private readonly RequestExtractor _extractor;
        private readonly RequestTypes _types;
        private readonly CandidateFilter _filter;
        private readonly List<(SemanticModel Model, SyntaxNode Syntax)> _candidates = new();

        public TypeCollector(RequestExtractor extractor, RequestTypes types, CandidateFilter filter)
        {
            _extractor = extractor;
            _types = types;
            _filter = filter;
        }

        public void OnNode(SyntaxNodeAnalysisContext context)
        {
            if (!_filter.IsCandidate(context.Node, context.SemanticModel, context.CancellationToken))
            {
                return;
            }

            lock (_candidates)
            {
                _candidates.Add((context.SemanticModel, context.Node));
            }
        }

        public void Report(SymbolAnalysisContext context)
        {
            lock (_candidates)
            {
                if (_candidates.Count == 0)
                {
                    return;
                }

                // Each operation tree's sites, in the order seen (a type's members are seldom interleaved).
                var blocks = new List<Block>();
                Block? last = null;
                foreach (var (model, syntax) in _candidates)
                {
                    var operation = model.GetOperation(syntax, context.CancellationToken);
                    if (operation is not (IInvocationOperation or IObjectCreationOperation))
                    {
                        continue;
                    }

                    var root = operation.Root();
                    if (last is null || last.Index.Root != root)
                    {
                        last = blocks.Find(b => b.Index.Root == root);
                        if (last is null)
                        {
                            last = new Block(LocalIndex.Of(root));
                            blocks.Add(last);
                        }
                    }

                    if (operation is IInvocationOperation invocation)
                    {
                        last.Add(_extractor.FromInvocation(invocation, last.Index), HttpCallExtractor.FromInvocation(invocation, _types, last.Index));
                    }
                    else
                    {
                        var creation = (IObjectCreationOperation)operation;
                        last.Add(_extractor.FromObjectCreation(creation, last.Index), HttpCallExtractor.FromObjectCreation(creation, _types, last.Index));
                    }
                }

                HashSet<(string, Location)>? reported = null;
                foreach (var block in blocks)
                {
                    if (block.Requests is not null || block.Calls is not null)
                    {
                        ReportBlock(context, block, reported ??= new HashSet<(string, Location)>());
                    }
                }
            }
        }

        private static void ReportBlock(SymbolAnalysisContext context, Block block, HashSet<(string, Location)> reported)
        {
            var analyzed = block.Index.Root.Syntax;
            IReadOnlyList<LlmRequest> requests = block.Requests ?? (IReadOnlyList<LlmRequest>)Array.Empty<LlmRequest>();
            var options = LlmAnalyzerOptions.Get(context.Options, analyzed.SyntaxTree);
            void Report(Diagnostic diagnostic)
            {
                if (reported.Add((diagnostic.Id, diagnostic.Location))
                    && !GeneratedCodeFilter.IsGenerated(diagnostic.Location, analyzed, context.Compilation, context.Options, context.CancellationToken))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }

            foreach (var call in block.Calls ?? (IEnumerable<HttpCall>)Array.Empty<HttpCall>())
            {
                EndpointRule.Analyze(call, SendsLlmPayload(requests, call.Url), Report);
            }

            foreach (var request in requests)
            {
                if (!request.IsLlmRequest)
                {
                    continue;
                }

                var ruleContext = new RequestRuleContext(request, options, Report);
                foreach (var rule in RequestRules)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    rule.Analyze(ruleContext);
                }
            }
        }

        /// <summary>A request with an LLM-shaped payload is sent to <paramref name="url"/>.</summary>
        private static bool SendsLlmPayload(IReadOnlyList<LlmRequest> requests, string? url)
        {
            foreach (var request in requests)
            {
                if (request.HasLlmShape && request.Url == url)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The requests and HTTP calls of one operation tree, with the index of its locals.</summary>
    private sealed class Block
    {
        public Block(LocalIndex index) => Index = index;

        public LocalIndex Index { get; }

        public List<LlmRequest>? Requests { get; private set; }

        public List<HttpCall>? Calls { get; private set; }

        public void Add(IEnumerable<LlmRequest> requests, HttpCall? call)
        {
            foreach (var request in requests)
            {
                (Requests ??= new()).Add(request);
            }

            if (call is not null)
            {
                (Calls ??= new()).Add(call);
            }
        }
    }
}
