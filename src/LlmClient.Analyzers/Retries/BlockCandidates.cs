using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LlmClient.Analyzers.Retries.Extractors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Retries;

/// <summary>
/// The syntax nodes of one code block that may start a retry, gathered from the driver's own walk of the block (node
/// actions on the few kinds in <see cref="Kinds"/>) instead of a walk of every node of the block by the analyzer: the
/// driver walks each declaration's nodes once for every analyzer's node actions, the .NET SDK's among them. A loop stays
/// a candidate only with a call in its body and a failure signal inside (<see cref="LoopCandidateScan"/>), read without a
/// walk where the file's text allows (<see cref="LoopText"/>), else from a walk of each outermost loop. Cheap filters
/// only; candidates are bound later, in the order they appear, by <see cref="RetryAnalyzer"/> at the end of the block.
/// </summary>
internal sealed class BlockCandidates
{
    /// <summary>The node kinds a retry can start from (loops, <c>goto</c>, calls, creations, local functions).</summary>
    /// <remarks>An immutable array, which the driver keeps as it is: a plain array is copied for every code block.</remarks>
    public static readonly System.Collections.Immutable.ImmutableArray<SyntaxKind> Kinds = System.Collections.Immutable.ImmutableArray.Create(
        SyntaxKind.WhileStatement, SyntaxKind.DoStatement, SyntaxKind.ForStatement, SyntaxKind.ForEachStatement,
        SyntaxKind.GotoStatement, SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression,
        SyntaxKind.ImplicitObjectCreationExpression, SyntaxKind.LocalFunctionStatement);

    private readonly object _lock = new();
    private readonly RetryGate _gate;
    private readonly List<(SyntaxNode Node, RetryCandidate Kind)> _candidates = new();
    private readonly IMethodSymbol? _method;
    private readonly SyntaxNode? _methodBody;
    private readonly bool _httpNamesOnly;
    private HashSet<string>? _localFunctions;
    private bool _callsOwnName;
    private bool _hasLoop;

    /// <summary>The block's invocations and the names they call, in the order the driver met them (for the loops' scans and local functions).</summary>
    private List<(TextSpan Span, string? Name)>? _invocations;

    /// <param name="block">The code block.</param>
    /// <param name="owner">Its symbol.</param>
    /// <param name="gate">The compilation's gate, which keeps each file's <see cref="LoopText"/>.</param>
    /// <param name="httpNamesOnly">No SDK call can happen in the compilation (<see cref="RetryGate.SdkInUse"/>): a loop,
    /// <c>goto</c> or recursion is a candidate only if it mentions a method name of an HTTP call.</param>
    public BlockCandidates(SyntaxNode block, ISymbol owner, RetryGate gate, bool httpNamesOnly)
    {
        _gate = gate;
        Block = block;
        _method = owner as IMethodSymbol;
        _methodBody = block is BaseMethodDeclarationSyntax declaration ? declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody : null;
        _httpNamesOnly = httpNamesOnly;
    }

    public SyntaxNode Block { get; }

    /// <summary>The names of the local functions the block declares (null: none).</summary>
    public HashSet<string>? LocalFunctions => _localFunctions;

    /// <summary>The method's body calls something of the method's name (it may retry by recursion).</summary>
    public bool CallsOwnName => _callsOwnName;

    /// <summary>The method's body, for <see cref="CallsOwnName"/>.</summary>
    public SyntaxNode? MethodBody => _methodBody;

    public void OnNode(SyntaxNodeAnalysisContext context)
    {
        var node = context.Node;
        lock (_lock)
        {
            switch ((SyntaxKind)node.RawKind)
            {
                case SyntaxKind.WhileStatement or SyntaxKind.DoStatement or SyntaxKind.ForStatement or SyntaxKind.ForEachStatement:
                    _hasLoop = true;
                    _candidates.Add((node, RetryCandidate.Loop));
                    break;

                case SyntaxKind.GotoStatement:
                    if (node is GotoStatementSyntax { Expression: IdentifierNameSyntax })
                    {
                        _candidates.Add((node, RetryCandidate.Goto));
                    }

                    break;

                case SyntaxKind.InvocationExpression:
                    var invocation = (InvocationExpressionSyntax)node;
                    var name = Infrastructure.SyntaxNames.GetInvokedName(invocation);
                    (_invocations ??= TakeInvocationList()).Add((invocation.Span, name));
                    if (!_callsOwnName && _method is not null && _methodBody is not null && name == _method.Name && _methodBody.Span.Contains(invocation.Span))
                    {
                        _callsOwnName = true;
                    }

                    if (name is not null && PollyV7RetryExtractor.IsCandidateName(name))
                    {
                        _candidates.Add((node, RetryCandidate.PollyV7));
                    }

                    break;

                case SyntaxKind.ObjectCreationExpression or SyntaxKind.ImplicitObjectCreationExpression:
                    var creation = (BaseObjectCreationExpressionSyntax)node;
                    if (PollyV8RetryExtractor.IsCandidate(creation))
                    {
                        _candidates.Add((node, RetryCandidate.PollyV8));
                    }
                    else if (ClientPolicyRetryExtractor.IsCandidate(creation))
                    {
                        _candidates.Add((node, RetryCandidate.ClientPolicy));
                    }

                    break;

                case SyntaxKind.LocalFunctionStatement:
                    // Whether it calls itself is known once the driver has reported the calls in its body (Finish).
                    var localFunction = (LocalFunctionStatementSyntax)node;
                    (_localFunctions ??= new HashSet<string>(StringComparer.Ordinal)).Add(localFunction.Identifier.ValueText);
                    if (localFunction.Body is not null || localFunction.ExpressionBody is not null)
                    {
                        _candidates.Add((node, RetryCandidate.LocalFunction));
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The candidates in the order the block holds them, after the loops' scans have turned some down and, with
    /// httpNamesOnly, <c>goto</c> has been dropped from a block that mentions no HTTP call. Called once, at the block's end.
    /// </summary>
    public IReadOnlyList<(SyntaxNode Node, RetryCandidate Kind)> Finish(CancellationToken cancellationToken)
    {
        try
        {
            return _candidates.Count == 0 ? Array.Empty<(SyntaxNode, RetryCandidate)>() : FinishCandidates(cancellationToken);
        }
        finally
        {
            // The invocations are only read here: their list goes back for the thread's next block.
            if (_invocations is { } invocations)
            {
                _invocations = null;
                invocations.Clear();
                t_spareInvocations = invocations;
            }
        }
    }

    /// <summary>
    /// One list of invocations per thread, lent to a block from its first invocation to its <see cref="Finish"/> (the driver
    /// runs a block's node actions and its end on one thread, one block after another; a block that finds the slot empty
    /// makes its own): most blocks record a few, and growing a new list for each was a good part of the analyzer's allocations.
    /// </summary>
    [ThreadStatic]
    private static List<(TextSpan Span, string? Name)>? t_spareInvocations;

    private static List<(TextSpan Span, string? Name)> TakeInvocationList()
    {
        var list = t_spareInvocations;
        if (list is null)
        {
            return new List<(TextSpan, string?)>();
        }

        t_spareInvocations = null;
        return list;
    }

    private List<(SyntaxNode Node, RetryCandidate Kind)> FinishCandidates(CancellationToken cancellationToken)
    {
        // A node of a kind above precedes its descendants in the walk: order by start, the longer (outer) node first.
        _candidates.Sort(static (a, b) => a.Node.SpanStart != b.Node.SpanStart
            ? a.Node.SpanStart.CompareTo(b.Node.SpanStart)
            : b.Node.Span.Length.CompareTo(a.Node.Span.Length));
        _invocations?.Sort(static (a, b) => a.Span.Start.CompareTo(b.Span.Start));
        if (_hasLoop)
        {
            ScanLoops(cancellationToken);
        }

        var result = new List<(SyntaxNode Node, RetryCandidate Kind)>(_candidates.Count);
        HashSet<string>? labels = null;
        foreach (var candidate in _candidates)
        {
            switch (candidate.Kind)
            {
                case RetryCandidate.NotRetry:
                    continue;
                case RetryCandidate.LocalFunction:
                    // A local function that calls its own name in its body (RecursionRetryExtractor's filter, from the calls
                    // the driver reported), and with httpNamesOnly mentions an HTTP call there.
                    var localFunction = (LocalFunctionStatementSyntax)candidate.Node;
                    var body = (localFunction.Body ?? (SyntaxNode?)localFunction.ExpressionBody)!;
                    if (!HasInvocationIn(body.Span, localFunction.Identifier.ValueText) || (_httpNamesOnly && !MentionsHttpCall(body)))
                    {
                        continue;
                    }

                    break;
                case RetryCandidate.Goto:
                    // The first goto of each label, in a block that mentions an HTTP call.
                    var label = ((IdentifierNameSyntax)((GotoStatementSyntax)candidate.Node).Expression!).Identifier.ValueText;
                    if (!(labels ??= new HashSet<string>()).Add(label) || !BlockMentionsHttpCall)
                    {
                        continue;
                    }

                    break;
            }

            result.Add(candidate);
        }

        return result;
    }

    /// <summary>With httpNamesOnly, recursion needs the block to mention an HTTP call too.</summary>
    public bool RecursionMayRetry => BlockMentionsHttpCall;

    /// <summary>
    /// Does the block mention an HTTP call (true when any call may be one: the SDKs are in use)? Asked for its first goto
    /// and for recursion; the block is walked once.
    /// </summary>
    private bool BlockMentionsHttpCall => _blockMentionsHttpCall ??= !_httpNamesOnly || MentionsHttpCall(Block);

    private bool? _blockMentionsHttpCall;

    /// <summary>
    /// Turns down the loops that cannot be retries (<see cref="LoopCandidateScan"/>: a call in the body, a failure signal
    /// inside). Read from the text when it can be (<see cref="ScanLoopsByText"/>), else from each outermost loop's nodes.
    /// </summary>
    private void ScanLoops(CancellationToken cancellationToken)
    {
        if (!_httpNamesOnly && _gate.LoopTextOf(Block.SyntaxTree, cancellationToken) is { } text)
        {
            ScanLoopsByText(text);
            return;
        }

        ScanLoopsByNodes(cancellationToken);
    }

    /// <summary>
    /// The loops' scans from the file's text and the block's invocations, without a walk: a call in the body is one of the
    /// invocations the driver reported inside the body's span; a failure signal is a catch or a name that
    /// <see cref="LoopCandidateScan"/> takes for one, looked for in the loop's text (<see cref="LoopText"/>: comments and
    /// strings count too, which only lets more loops through).
    /// </summary>
    private void ScanLoopsByText(LoopText text)
    {
        for (var i = 0; i < _candidates.Count; i++)
        {
            var (node, kind) = _candidates[i];
            if (kind != RetryCandidate.Loop)
            {
                continue;
            }

            var body = LoopCandidateScan.BodyOf((StatementSyntax)node);
            if (body is null || !HasInvocationIn(body.Span) || !text.MayHaveFailureSignal(node.FullSpan))
            {
                _candidates[i] = (node, RetryCandidate.NotRetry);
            }
        }
    }

    /// <summary>Is an invocation the driver reported inside <paramref name="span"/> (calling <paramref name="name"/>, when given)?</summary>
    private bool HasInvocationIn(TextSpan span, string? name = null)
    {
        if (_invocations is null)
        {
            return false;
        }

        // The first invocation starting at or after the span's start; invocations nested in it start later.
        int low = 0, high = _invocations.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_invocations[middle].Span.Start < span.Start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < _invocations.Count && _invocations[i].Span.Start < span.End; i++)
        {
            if (span.Contains(_invocations[i].Span) && (name is null || _invocations[i].Name == name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Each outermost loop's nodes, walked once: every loop open around a node is told of it (<see cref="LoopCandidateScan"/>),
    /// and a loop whose scan says it cannot be a retry is turned down.
    /// </summary>
    private void ScanLoopsByNodes(CancellationToken cancellationToken)
    {
        var loopIndex = new Dictionary<SyntaxNode, int>();
        for (var i = 0; i < _candidates.Count; i++)
        {
            if (_candidates[i].Kind == RetryCandidate.Loop)
            {
                loopIndex[_candidates[i].Node] = i;
            }
        }

        var openLoops = new Stack<(LoopCandidateScan Scan, int Index)>();
        var scannedTo = -1;
        for (var i = 0; i < _candidates.Count; i++)
        {
            var (outer, kind) = _candidates[i];
            if (kind != RetryCandidate.Loop || outer.SpanStart < scannedTo)
            {
                continue;
            }

            scannedTo = outer.FullSpan.End;
            openLoops.Push((new LoopCandidateScan((StatementSyntax)outer, _httpNamesOnly), i));
            foreach (var node in outer.DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                while (openLoops.Count > 0 && !openLoops.Peek().Scan.Contains(node))
                {
                    Close(openLoops.Pop());
                }

                foreach (var open in openLoops)
                {
                    open.Scan.See(node);
                }

                if (node.RawKind is (int)SyntaxKind.WhileStatement or (int)SyntaxKind.DoStatement or (int)SyntaxKind.ForStatement or (int)SyntaxKind.ForEachStatement
                    && loopIndex.TryGetValue(node, out var index))
                {
                    openLoops.Push((new LoopCandidateScan((StatementSyntax)node, _httpNamesOnly), index));
                }
            }

            while (openLoops.Count > 0)
            {
                Close(openLoops.Pop());
            }
        }
    }

    /// <summary>A loop the walk has left: it stays a candidate only if its scan says it can be a retry.</summary>
    private void Close((LoopCandidateScan Scan, int Index) loop)
    {
        if (!loop.Scan.IsCandidate)
        {
            _candidates[loop.Index] = (loop.Scan.Loop, RetryCandidate.NotRetry);
        }
    }

    private static bool MentionsHttpCall(SyntaxNode region)
        => region.DescendantNodes().Any(node => node is SimpleNameSyntax name && RetryGate.IsHttpCallName(name.Identifier.ValueText));
}

/// <summary>What a node found by <see cref="BlockCandidates"/> may be.</summary>
internal enum RetryCandidate
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
