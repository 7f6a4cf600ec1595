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
/// The one analyzer of the request model: it extracts every LLM request in a code block once and lets each
/// request rule (one small class per rule) read it.
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
            start.RegisterCodeBlockStartAction<SyntaxKind>(block =>
            {
                if (state.Value is not var (types, extractor, filter))
                {
                    return;
                }

                var collector = new BlockCollector(extractor, types, filter);
                // One node action for the three kinds: every registration costs the driver objects per code block.
                block.RegisterSyntaxNodeAction(collector.OnNode, CandidateKinds);
                block.RegisterCodeBlockEndAction(collector.Report);
            });
        });
    }

    /// <summary>The syntax pre-filter for one compilation (also used by the benchmark's probes).</summary>
    internal static CandidateFilter CreateCandidateFilter(RequestTypes types) => new(types);

    /// <summary>Per code block: the requests found in it, reported once each at the block's end.</summary>
    private sealed class BlockCollector
    {
        private readonly RequestExtractor _extractor;
        private readonly RequestTypes _types;
        private readonly CandidateFilter _filter;
        // Created on the first candidate: most code blocks of most projects have none.
        private readonly object _gate = new();
        private List<LlmRequest>? _requests;
        private List<HttpCall>? _calls;

        public BlockCollector(RequestExtractor extractor, RequestTypes types, CandidateFilter filter)
        {
            _extractor = extractor;
            _types = types;
            _filter = filter;
        }

        /// <summary>An invocation or an object creation: bound and collected when the syntax filter lets it through.</summary>
        public void OnNode(SyntaxNodeAnalysisContext context)
        {
            var syntax = context.Node;
            if (!_filter.IsCandidate(syntax, context.SemanticModel, context.CancellationToken))
            {
                return;
            }

            // An invocation's syntax binds to an invocation, a creation's to a creation (or to something else, not collected).
            if (context.SemanticModel.GetOperation(syntax, context.CancellationToken) is { } site and (IInvocationOperation or IObjectCreationOperation))
            {
                Collect(site);
            }
        }

        /// <summary>Records the requests and the HTTP call a site (an invocation or an object creation) makes, with the locals of its operation tree.</summary>
        private void Collect(IOperation site)
        {
            lock (_gate)
            {
                var index = LocalIndex.For(site);
                IEnumerable<LlmRequest> requests;
                HttpCall? call;
                if (site is IInvocationOperation invocation)
                {
                    requests = _extractor.FromInvocation(invocation, index);
                    call = HttpCallExtractor.FromInvocation(invocation, _types, index);
                }
                else
                {
                    var creation = (IObjectCreationOperation)site;
                    requests = _extractor.FromObjectCreation(creation, index);
                    call = HttpCallExtractor.FromObjectCreation(creation, _types, index);
                }

                (_requests ??= new()).AddRange(requests);
                if (call is not null)
                {
                    (_calls ??= new()).Add(call);
                }
            }
        }

        public void Report(CodeBlockAnalysisContext context)
        {
            lock (_gate)
            {
                if (_requests is { Count: > 0 } || _calls is { Count: > 0 })
                {
                    ReportFound(context);
                }
            }
        }

        /// <summary>Runs the rules on what the block sends.</summary>
        private void ReportFound(CodeBlockAnalysisContext context)
        {
            IReadOnlyList<LlmRequest> requests = _requests ?? (IReadOnlyList<LlmRequest>)Array.Empty<LlmRequest>();
            var options = LlmAnalyzerOptions.Get(context.Options, context.CodeBlock.SyntaxTree);
            var report = BlockReporter.For(context);

            foreach (var call in _calls ?? (IEnumerable<HttpCall>)Array.Empty<HttpCall>())
            {
                EndpointRule.Analyze(call, SendsLlmPayload(requests, call.Url), report);
            }

            foreach (var request in requests)
            {
                if (!request.IsLlmRequest)
                {
                    continue;
                }

                var ruleContext = new RequestRuleContext(request, options, report);

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
}
