using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

// The wrapper is not an analyzer of its own: the wrapped analyzer's Initialize configures concurrency and generated code
// (RS1025, RS1026) on the forwarding context, and the wrapper is only ever instantiated by the benchmark (RS1001). Its
// contexts forward to the driver's, which needs the base classes' public constructors Roslyn marks obsolete for
// analyzer hosts other than CompilationWithAnalyzers (CS0618): the driver is still CompilationWithAnalyzers.
#pragma warning disable RS1001, RS1025, RS1026, CS0618

namespace LlmClient.Analyzers.Benchmarks;

/// <summary>
/// What an analyzer's callbacks cost, apart from the garbage collections other threads start while they run.
/// <para>
/// The driver's <c>ExecutionTime</c> is the wall-clock time inside an analyzer's callbacks. While they run, the
/// compiler produces the compilation's events on another thread (CompilationWithAnalyzers compiles and analyzes at
/// once, even with concurrent analysis off), and every collection it starts suspends the analysis thread too: the
/// sampled profile of our callbacks showed a quarter to a half of their time in <c>Thread.PollGC</c>, waiting for
/// collections they did not start, while our callbacks allocate a few percent of the process's bytes.
/// </para>
/// <para>
/// So each callback is also measured here: its wall time, the collection pauses that fell inside it
/// (<see cref="GC.GetTotalPauseDuration"/>), and the bytes it allocated on its thread. The analyzer's <em>own time</em>
/// is its wall time minus those pauses, plus its share of the run's collection pauses in proportion to the bytes it
/// allocated (<see cref="OwnMs"/>): what it would cost if collections were charged to whoever allocates.
/// </para>
/// </summary>
public sealed class MeteredAnalyzer(DiagnosticAnalyzer inner) : DiagnosticAnalyzer
{
    private long _wallTicks;
    private long _pauseTicks;
    private long _bytes;
    private long _calls;

    public DiagnosticAnalyzer Inner { get; } = inner;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => Inner.Initialize(new MeteredAnalysisContext(context, this));

    /// <summary>The totals of one run (set with <see cref="Reset"/> before it).</summary>
    public CallbackCost Cost => new(
        _wallTicks * 1000.0 / Stopwatch.Frequency,
        _pauseTicks / (double)TimeSpan.TicksPerMillisecond,
        _bytes,
        _calls);

    public void Reset() => _wallTicks = _pauseTicks = _bytes = _calls = 0;

    /// <summary>The action, measured.</summary>
    internal Action<T> Wrap<T>(Action<T> action) => argument =>
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var pause = GC.GetTotalPauseDuration();
        var start = Stopwatch.GetTimestamp();
        try
        {
            action(argument);
        }
        finally
        {
            Interlocked.Add(ref _wallTicks, Stopwatch.GetTimestamp() - start);
            Interlocked.Add(ref _pauseTicks, (GC.GetTotalPauseDuration() - pause).Ticks);
            Interlocked.Add(ref _bytes, GC.GetAllocatedBytesForCurrentThread() - bytes);
            Interlocked.Increment(ref _calls);
        }
    };
}

/// <summary>One analyzer's callbacks in one run: wall time, the collection pauses inside it, the bytes they allocated.</summary>
public sealed record CallbackCost(double WallMs, double PauseMs, long Bytes, long Calls)
{
    /// <summary>
    /// Wall time minus the pauses inside it, plus the share of the run's pauses (<paramref name="runPauseMs"/>) that the
    /// callbacks' bytes are of the run's (<paramref name="runBytes"/>).
    /// </summary>
    public double OwnMs(double runPauseMs, long runBytes)
        => WallMs - PauseMs + (runBytes > 0 ? runPauseMs * Bytes / runBytes : 0);
}

/// <summary>Forwards every registration to the driver's context, with the action measured by the analyzer's meter.</summary>
internal sealed class MeteredAnalysisContext(AnalysisContext inner, MeteredAnalyzer meter) : AnalysisContext
{
    public override void EnableConcurrentExecution() => inner.EnableConcurrentExecution();

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => inner.ConfigureGeneratedCodeAnalysis(analysisMode);

    public override DiagnosticSeverity MinimumReportedSeverity => inner.MinimumReportedSeverity;

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
        => inner.RegisterCompilationStartAction(meter.Wrap<CompilationStartAnalysisContext>(start => action(new MeteredCompilationStartContext(start, meter))));

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationAction(meter.Wrap(action));

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(meter.Wrap(action));

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(meter.Wrap(action), symbolKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        => inner.RegisterSymbolStartAction(meter.Wrap<SymbolStartAnalysisContext>(start => action(new MeteredSymbolStartContext(start, meter))), symbolKind);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        => inner.RegisterCodeBlockStartAction(meter.Wrap<CodeBlockStartAnalysisContext<TLanguageKindEnum>>(start => action(new MeteredCodeBlockStartContext<TLanguageKindEnum>(start, meter))));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(meter.Wrap(action));

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(meter.Wrap(action));

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => inner.RegisterAdditionalFileAction(meter.Wrap(action));

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        => inner.RegisterSyntaxNodeAction(meter.Wrap(action), syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        => inner.RegisterOperationBlockStartAction(meter.Wrap<OperationBlockStartAnalysisContext>(start => action(new MeteredOperationBlockStartContext(start, meter))));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(meter.Wrap(action));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(meter.Wrap(action), operationKinds);
}

internal sealed class MeteredCompilationStartContext(CompilationStartAnalysisContext inner, MeteredAnalyzer meter)
    : CompilationStartAnalysisContext(inner.Compilation, inner.Options, inner.CancellationToken)
{
    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationEndAction(meter.Wrap(action));

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(meter.Wrap(action));

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(meter.Wrap(action), symbolKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        => inner.RegisterSymbolStartAction(meter.Wrap<SymbolStartAnalysisContext>(start => action(new MeteredSymbolStartContext(start, meter))), symbolKind);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        => inner.RegisterCodeBlockStartAction(meter.Wrap<CodeBlockStartAnalysisContext<TLanguageKindEnum>>(start => action(new MeteredCodeBlockStartContext<TLanguageKindEnum>(start, meter))));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(meter.Wrap(action));

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        => inner.RegisterOperationBlockStartAction(meter.Wrap<OperationBlockStartAnalysisContext>(start => action(new MeteredOperationBlockStartContext(start, meter))));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(meter.Wrap(action));

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(meter.Wrap(action));

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => inner.RegisterAdditionalFileAction(meter.Wrap(action));

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        => inner.RegisterSyntaxNodeAction(meter.Wrap(action), syntaxKinds);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(meter.Wrap(action), operationKinds);
}

internal sealed class MeteredCodeBlockStartContext<TLanguageKindEnum>(CodeBlockStartAnalysisContext<TLanguageKindEnum> inner, MeteredAnalyzer meter)
    : CodeBlockStartAnalysisContext<TLanguageKindEnum>(inner.CodeBlock, inner.OwningSymbol, inner.SemanticModel, inner.Options, inner.CancellationToken)
    where TLanguageKindEnum : struct
{
    public override void RegisterCodeBlockEndAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockEndAction(meter.Wrap(action));

    public override void RegisterSyntaxNodeAction(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        => inner.RegisterSyntaxNodeAction(meter.Wrap(action), syntaxKinds);
}

internal sealed class MeteredSymbolStartContext(SymbolStartAnalysisContext inner, MeteredAnalyzer meter)
    : SymbolStartAnalysisContext(inner.Symbol, inner.Compilation, inner.Options, inner.CancellationToken)
{
    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => inner.RegisterSymbolEndAction(meter.Wrap(action));

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        => inner.RegisterCodeBlockStartAction(meter.Wrap<CodeBlockStartAnalysisContext<TLanguageKindEnum>>(start => action(new MeteredCodeBlockStartContext<TLanguageKindEnum>(start, meter))));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(meter.Wrap(action));

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        => inner.RegisterSyntaxNodeAction(meter.Wrap(action), syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        => inner.RegisterOperationBlockStartAction(meter.Wrap<OperationBlockStartAnalysisContext>(start => action(new MeteredOperationBlockStartContext(start, meter))));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(meter.Wrap(action));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(meter.Wrap(action), operationKinds);
}

internal sealed class MeteredOperationBlockStartContext(OperationBlockStartAnalysisContext inner, MeteredAnalyzer meter)
    : OperationBlockStartAnalysisContext(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
{
    public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockEndAction(meter.Wrap(action));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(meter.Wrap(action), operationKinds);
}
