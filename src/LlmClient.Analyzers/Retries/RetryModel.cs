using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries;

/// <summary>How a retry is written.</summary>
internal enum RetryKind
{
    /// <summary>A <c>for</c>/<c>while</c>/<c>do</c>/<c>foreach</c> loop that repeats a failed call.</summary>
    Loop,

    /// <summary>A method that calls itself again after a failed call.</summary>
    Recursion,

    /// <summary>A <c>goto</c> back to a label before a failed call.</summary>
    Goto,

    /// <summary>A loop or recursion inside a <c>DelegatingHandler.SendAsync</c> override around <c>base.SendAsync</c>.</summary>
    Handler,

    /// <summary>A Polly v7 policy (<c>Policy.Handle...().Retry...</c>).</summary>
    PollyV7,

    /// <summary>A Polly v8 retry strategy (<c>RetryStrategyOptions</c>).</summary>
    PollyV8,

    /// <summary>An SDK client's own retry policy (<c>ClientRetryPolicy</c>, Anthropic's <c>MaxRetries</c>).</summary>
    ClientPolicy,
}

/// <summary>What a code fix may do at a trigger (read by the fixers through diagnostic properties).</summary>
internal enum TriggerFix
{
    None,

    /// <summary>Give the catch clause a <c>when</c> filter (or narrow the one it has) to retryable statuses.</summary>
    CatchFilter,

    /// <summary>Insert a status check before the repeat, at the start of the branch that repeats.</summary>
    GuardInBranch,

    /// <summary>Insert a status check right after the <c>if</c> statement whose false branch repeats.</summary>
    GuardAfter,

    /// <summary>And the loop condition with a retryable-status test.</summary>
    LoopCondition,

    /// <summary>Rewrite (or add) a Polly predicate so it handles 408, 429 and 5xx only.</summary>
    Predicate,
}

/// <summary>One way an attempt can be repeated: the statuses it lets through and where that is decided.</summary>
internal sealed class TriggerPath
{
    public TriggerPath(OutcomeSet statuses, OutcomeSet named, Location location, TriggerFix fix, ImmutableDictionary<string, string?> fixData)
    {
        Statuses = statuses;
        Named = named;
        Location = location;
        Fix = fix;
        FixData = fixData;
    }

    /// <summary>Statuses that can lead to another attempt along this path.</summary>
    public OutcomeSet Statuses { get; }

    /// <summary>Statuses the code names explicitly (501/505 are only reported when named).</summary>
    public OutcomeSet Named { get; }

    /// <summary>The condition (catch clause, <c>if</c> condition, predicate) that lets the statuses through.</summary>
    public Location Location { get; }

    public TriggerFix Fix { get; }

    /// <summary>What the fixer needs to know (names of the response or exception, the exit to write).</summary>
    public ImmutableDictionary<string, string?> FixData { get; }

    /// <summary>The non-retryable statuses this path repeats.</summary>
    public OutcomeSet NonRetryable => Statuses.NonRetryable(Named);
}

internal enum TriggerKind
{
    /// <summary>Which statuses repeat could not be read (a message-text test, an opaque helper): rules stay silent.</summary>
    Unknown,

    /// <summary>The statuses are known (<see cref="RetryTrigger.Statuses"/>).</summary>
    Statuses,
}

/// <summary>What makes the retry try again.</summary>
internal sealed class RetryTrigger
{
    public static readonly RetryTrigger Unknown = new(TriggerKind.Unknown, ImmutableArray<TriggerPath>.Empty, retriesTransportFailures: false);

    public RetryTrigger(TriggerKind kind, ImmutableArray<TriggerPath> paths, bool retriesTransportFailures)
    {
        Kind = kind;
        Paths = paths;
        RetriesTransportFailures = retriesTransportFailures;
        var statuses = OutcomeSet.Empty;
        foreach (var path in paths)
        {
            statuses = statuses.Union(path.Statuses);
        }

        Statuses = statuses;
    }

    public TriggerKind Kind { get; }

    /// <summary>Each way statuses reach another attempt (only the known ones when <see cref="Kind"/> is Unknown).</summary>
    public ImmutableArray<TriggerPath> Paths { get; }

    /// <summary>Every status that can lead to another attempt.</summary>
    public OutcomeSet Statuses { get; }

    /// <summary>A failure to connect or a timeout leads to another attempt.</summary>
    public bool RetriesTransportFailures { get; }

    /// <summary>Every 4xx and 5xx leads to another attempt.</summary>
    public bool RetriesAllFailures => Kind == TriggerKind.Statuses && OutcomeSet.Failures.Except(Statuses).IsEmpty;
}

internal enum BoundKind
{
    /// <summary>Whether the retry stops could not be read (a time limit, a cancellation token, an opaque helper).</summary>
    Unknown,

    /// <summary>The retry stops after a number of attempts.</summary>
    Bounded,

    /// <summary>Nothing stops the retry but success (or a status it does not retry).</summary>
    Unbounded,
}

/// <summary>Why a retry is unbounded (for the message and the fix).</summary>
internal enum UnboundedReason
{
    None,

    /// <summary>No exit on a count at all.</summary>
    NoLimit,

    /// <summary>A counter is tested but never advanced.</summary>
    CounterNeverAdvanced,

    /// <summary>The limit is <c>int.MaxValue</c>.</summary>
    MaxValue,

    /// <summary>A <c>*Forever*</c> Polly policy.</summary>
    Forever,

    /// <summary>A recursion depth parameter is advanced but never tested.</summary>
    DepthNeverTested,
}

/// <summary>What stops the retry.</summary>
internal sealed class RetryBound
{
    public static readonly RetryBound Unknown = new(BoundKind.Unknown, null, UnboundedReason.None, null, null);

    public RetryBound(BoundKind kind, int? limit, UnboundedReason reason, Location? location, string? counterName, Location? limitLocation = null, bool countsAttempts = false, ISymbol? counter = null)
    {
        Counter = counter;
        Kind = kind;
        Limit = limit;
        Reason = reason;
        Location = location;
        CounterName = counterName;
        LimitLocation = limitLocation;
        CountsAttempts = countsAttempts;
    }

    public BoundKind Kind { get; }

    /// <summary>The number of retries when it is a constant.</summary>
    public int? Limit { get; }

    public UnboundedReason Reason { get; }

    /// <summary>The syntax that sets the bound (a count argument, a counter test), when there is one.</summary>
    public Location? Location { get; }

    /// <summary>The counter or parameter involved, for the message.</summary>
    public string? CounterName { get; }

    /// <summary>The attempt counter a bounded hand-written retry advances and tests (a local, a parameter), when known.</summary>
    public ISymbol? Counter { get; }

    /// <summary>The expression that holds <see cref="Limit"/> (a count argument, the constant a counter is compared with).</summary>
    public Location? LimitLocation { get; }

    /// <summary>
    /// The limit is compared with an attempt counter (a loop, recursion, <c>goto</c>), so it may count the first attempt
    /// too: <c>attempt &lt; 6</c> is 5 retries. Polly counts and SDK <c>maxRetries</c> count retries only.
    /// </summary>
    public bool CountsAttempts { get; }

    /// <summary>
    /// The fewest retries the limit can mean: the limit itself for a count of retries, one less for a counter that may
    /// count the first attempt (precision first: <c>attempt &lt;= 6</c> from 1 and <c>attempt &lt; 6</c> from 0 are both
    /// read as 5).
    /// </summary>
    public int? Retries => Kind == BoundKind.Bounded && Limit is { } limit ? (CountsAttempts ? limit - 1 : limit) : null;

    public static RetryBound Bounded(int? limit, Location? location) => new(BoundKind.Bounded, limit, UnboundedReason.None, location, null);

    /// <summary>A count of retries (Polly, SDK policies) held by the expression at <paramref name="limitLocation"/>.</summary>
    public static RetryBound RetryCount(int limit, Location limitLocation) => new(BoundKind.Bounded, limit, UnboundedReason.None, limitLocation, null, limitLocation);

    public static RetryBound Unbounded(UnboundedReason reason, Location? location, string? counterName = null)
        => new(BoundKind.Unbounded, null, reason, location, counterName);
}

/// <summary>How the retry waits between attempts (LLM1003).</summary>
internal enum RetryDelayKind
{
    /// <summary>Not read (a helper computes it, it follows Retry-After, a custom generator): rules stay silent.</summary>
    Unknown,

    /// <summary>No wait at all: the next attempt follows at once.</summary>
    None,

    /// <summary>A wait that ignores the attempt number (a constant, a random wait around a constant, Polly's default).</summary>
    Constant,

    /// <summary>A wait that grows exponentially but without jitter, so every client retries in lockstep.</summary>
    NoJitter,

    /// <summary>A wait that grows with the attempt (exponential with jitter, linear, the SDKs' own backoff).</summary>
    Growing,
}

/// <summary>What the retry waits between attempts, where that is written, and what the LLM1003 fix needs.</summary>
internal sealed class RetryDelay
{
    public static readonly RetryDelay Unknown = new(RetryDelayKind.Unknown, null, ImmutableDictionary<string, string?>.Empty, ImmutableArray<Location>.Empty);

    public static readonly RetryDelay Growing = new(RetryDelayKind.Growing, null, ImmutableDictionary<string, string?>.Empty, ImmutableArray<Location>.Empty);

    public RetryDelay(RetryDelayKind kind, Location? location, ImmutableDictionary<string, string?> fixData, ImmutableArray<Location> fixLocations)
    {
        Kind = kind;
        Location = location;
        FixData = fixData;
        FixLocations = fixLocations;
    }

    public RetryDelayKind Kind { get; }

    /// <summary>The delay that is wrong (the argument of <c>Task.Delay</c>, the sleep provider, the option), or the retry.</summary>
    public Location? Location { get; }

    public ImmutableDictionary<string, string?> FixData { get; }

    /// <summary>What the LLM1003 fix edits.</summary>
    public ImmutableArray<Location> FixLocations { get; }
}

/// <summary>What happens when the attempts run out.</summary>
internal enum ExhaustionKind
{
    /// <summary>Not known (the retry is not bounded, the code after it is not read, it returns something else).</summary>
    Unknown,

    /// <summary>The last failure is thrown (rethrown, wrapped, or thrown by the policy).</summary>
    Throws,

    /// <summary>The caller gets null, default or an empty value, or the method ends as if it had succeeded.</summary>
    Swallows,
}

/// <summary>What the caller gets when a bounded retry runs out of attempts (LLM1005).</summary>
internal sealed class RetryExhaustion
{
    public static readonly RetryExhaustion Unknown = new(ExhaustionKind.Unknown, null, ImmutableDictionary<string, string?>.Empty, ImmutableArray<Location>.Empty);

    public static readonly RetryExhaustion Throws = new(ExhaustionKind.Throws, null, ImmutableDictionary<string, string?>.Empty, ImmutableArray<Location>.Empty);

    public RetryExhaustion(ExhaustionKind kind, Location? location, ImmutableDictionary<string, string?> fixData, ImmutableArray<Location> fixLocations)
    {
        Kind = kind;
        Location = location;
        FixData = fixData;
        FixLocations = fixLocations;
    }

    public ExhaustionKind Kind { get; }

    /// <summary>For <see cref="ExhaustionKind.Swallows"/>: the statement that swallows (a <c>return null;</c>), or the loop that falls through.</summary>
    public Location? Location { get; }

    /// <summary>What the LLM1005 fix needs (diagnostic properties).</summary>
    public ImmutableDictionary<string, string?> FixData { get; }

    /// <summary>What the LLM1005 fix edits: the loop, then the catch clauses that repeat.</summary>
    public ImmutableArray<Location> FixLocations { get; }
}

/// <summary>LLM1007: an SDK client, called by a retry, that keeps its own default retries.</summary>
internal sealed class WrappedClient
{
    public WrappedClient(string sdk, int retries, Location? call, ImmutableDictionary<string, string?> fixData, ImmutableArray<Location> fixLocations)
    {
        Sdk = sdk;
        Retries = retries;
        Call = call;
        FixData = fixData;
        FixLocations = fixLocations;
    }

    /// <summary>"OpenAI" (System.ClientModel) or "Anthropic".</summary>
    public string Sdk { get; }

    /// <summary>How many times the client retries by itself.</summary>
    public int Retries { get; }

    /// <summary>The client call the retry repeats.</summary>
    public Location? Call { get; }

    /// <summary>How the fix turns the client's retries off: the member and value to set in an initializer, or options to pass.</summary>
    public ImmutableDictionary<string, string?> FixData { get; }

    /// <summary>The creation (of the client or of its options) the fix edits.</summary>
    public ImmutableArray<Location> FixLocations { get; }
}

/// <summary>One retry, whatever way it is written: what repeats it, what bounds it, what it waits.</summary>
internal sealed class RetrySite
{
    public RetrySite(
        RetryKind kind,
        Location location,
        RetryTrigger trigger,
        RetryBound bound,
        RetryDelay delay,
        Func<bool> readsRetryAfter,
        RetryExhaustion exhaustion,
        ImmutableDictionary<string, string?> boundFixData,
        ImmutableArray<Location> boundFixLocations)
    {
        Kind = kind;
        Location = location;
        Trigger = trigger;
        Bound = bound;
        Delay = delay;
        _readsRetryAfter = readsRetryAfter;
        Exhaustion = exhaustion;
        BoundFixData = boundFixData;
        BoundFixLocations = boundFixLocations;
    }

    public RetryKind Kind { get; }

    /// <summary>Where the retry is (the loop keyword, the recursive call, the <c>goto</c>, the policy method).</summary>
    public Location Location { get; }

    public RetryTrigger Trigger { get; }

    public RetryBound Bound { get; }

    public RetryDelay Delay { get; }

    /// <summary>
    /// The retry reads the server's <c>Retry-After</c> (best effort). Read on first use: only LLM1004 asks, and only of a
    /// retry that lets 429 through; reading it walks the retry's syntax and may bind the methods it calls.
    /// </summary>
    public bool ReadsRetryAfter
    {
        get
        {
            if (_readsRetryAfter is { } read)
            {
                _retryAfterRead = read();
                _readsRetryAfter = null;
            }

            return _retryAfterRead;
        }
    }

    private Func<bool>? _readsRetryAfter;
    private bool _retryAfterRead;

    public RetryExhaustion Exhaustion { get; }

    /// <summary>What the LLM1002 fix needs (diagnostic properties).</summary>
    public ImmutableDictionary<string, string?> BoundFixData { get; }

    /// <summary>
    /// The failures the retry sees carry no response headers (the Anthropic SDK's exceptions), so Retry-After cannot be
    /// read there (LLM1004 stays silent).
    /// </summary>
    public bool RetryAfterUnavailable { get; init; }

    /// <summary>What the LLM1004 fix needs: the response to read Retry-After from, and the wait it wraps.</summary>
    public ImmutableDictionary<string, string?> RetryAfterFixData { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>The wait (the argument of <c>Task.Delay</c>) the LLM1004 fix wraps.</summary>
    public ImmutableArray<Location> RetryAfterFixLocations { get; init; } = ImmutableArray<Location>.Empty;

    /// <summary>The SDK client the retry calls, when it keeps retrying by itself (LLM1007); set by the extractor.</summary>
    public WrappedClient? WrappedClient { get; init; }

    /// <summary>Extra syntax the LLM1002 fix edits (the catch clauses that repeat).</summary>
    public ImmutableArray<Location> BoundFixLocations { get; }

    /// <summary>
    /// What the complete-retry refactoring needs to replace this loop by one call of the retry helper
    /// (<see cref="Rewrite.RetryRewriteReader"/>); empty when the loop cannot be rewritten safely.
    /// </summary>
    /// <remarks>Read only when a rule reports on the loop, so it is computed on first use (a site lives in one callback).</remarks>
    public ImmutableDictionary<string, string?> RewriteData => _rewriteData ??= RewriteReader?.Invoke() ?? ImmutableDictionary<string, string?>.Empty;

    /// <summary>Computes <see cref="RewriteData"/>; set by the loop extractor.</summary>
    public System.Func<ImmutableDictionary<string, string?>>? RewriteReader { get; init; }

    private ImmutableDictionary<string, string?>? _rewriteData;
}

/// <summary>Names of the diagnostic properties the retry fixers read.</summary>
internal static class RetryFixProperties
{
    /// <summary>A <see cref="TriggerFix"/> or, for LLM1002, a <see cref="BoundFix"/> value.</summary>
    public const string Fix = "Fix";

    /// <summary>The source of the status: "Http" (HttpResponseMessage/HttpRequestException), "ClientModel", "Anthropic".</summary>
    public const string Source = "Source";

    /// <summary>The name of the response or exception variable the condition reads.</summary>
    public const string Variable = "Variable";

    /// <summary>How to leave on a non-retryable status: "Return" (return the response) or "Ensure" (EnsureSuccessStatusCode).</summary>
    public const string Exit = "Exit";

    /// <summary>"true" when the code names 501 or 505, so the written predicate must exclude them.</summary>
    public const string ExcludeNamed = "ExcludeNamed";

    /// <summary>For a guard: which branch repeats, "True", "False" or "Section".</summary>
    public const string Branch = "Branch";

    /// <summary>For <see cref="BoundFix.ResponseCounter"/>: "true" when the loop also repeats by reaching the end of its body.</summary>
    public const string EndOfBody = "EndOfBody";

    /// <summary>"true" when the predicate being rewritten reads nothing but the status (safe to replace).</summary>
    public const string Replace = "Replace";

    /// <summary>LLM1004: "true" when the wait the fix wraps is in milliseconds (an int), not a TimeSpan.</summary>
    public const string Milliseconds = "Milliseconds";

    /// <summary>LLM1003: the name of the attempt counter (or sleep provider parameter) the written wait grows with.</summary>
    public const string Counter = "Counter";

    /// <summary>LLM1005: "true" when the loop falls through to the end of the method (nothing swallows explicitly).</summary>
    public const string FallsThrough = "FallsThrough";

    /// <summary>LLM1006: the configured maximum number of retries, the value the fix writes.</summary>
    public const string Max = "Max";

    /// <summary>Complete-retry refactoring: "Add" (add the helper to the type) or "Reuse" (the type has it).</summary>
    public const string Rewrite = "Rewrite";

    /// <summary>The span ("start:length") of the loop the complete-retry refactoring replaces.</summary>
    public const string RewriteLoop = "RewriteLoop";

    /// <summary>The span ("start:length") of the send call the helper repeats.</summary>
    public const string RewriteSend = "RewriteSend";

    /// <summary>The cancellation token parameter the helper's waits observe, when there is one.</summary>
    public const string RewriteToken = "RewriteToken";
}

/// <summary>How the LLM1003 fix writes exponential backoff with jitter.</summary>
internal static class DelayFix
{
    /// <summary>Replace the argument of <c>Task.Delay</c>/<c>Thread.Sleep</c> with a capped, jittered exponential wait on the counter.</summary>
    public const string Argument = "Argument";

    /// <summary>Replace a Polly v7 sleep provider's body (or schedule) with the same wait on its attempt parameter.</summary>
    public const string SleepProvider = "SleepProvider";

    /// <summary>Polly v7 <c>Retry(n)</c> to <c>WaitAndRetry(n, attempt =&gt; ...)</c>.</summary>
    public const string WaitAndRetry = "WaitAndRetry";

    /// <summary>Polly v8: <c>BackoffType = Exponential, UseJitter = true</c> (and <c>Delay</c>, <c>MaxDelay</c> when absent).</summary>
    public const string Options = "Options";
}

/// <summary>How the LLM1005 fix surfaces the final error.</summary>
internal static class ExhaustionFix
{
    /// <summary>The swallowing <c>return</c> is in the catch clause: <c>throw;</c> instead.</summary>
    public const string Rethrow = "Rethrow";

    /// <summary>Keep the last exception of each repeating catch and throw it after the loop.</summary>
    public const string LastError = "LastError";
}

/// <summary>How the LLM1002 fix bounds a retry.</summary>
internal static class BoundFix
{
    /// <summary>Add a counter before the loop and rethrow from each repeating catch on the last attempt.</summary>
    public const string CatchCounter = "CatchCounter";

    /// <summary>Add a counter before a <c>while</c>/<c>do</c> loop and test it in the loop condition.</summary>
    public const string ConditionCounter = "ConditionCounter";

    /// <summary>
    /// Add a counter before a <c>while (true)</c>/<c>for (;;)</c> loop that repeats on a response status, and leave with
    /// the response (return it, or EnsureSuccessStatusCode) before each repeat once it runs out.
    /// </summary>
    public const string ResponseCounter = "ResponseCounter";

    /// <summary>Replace the limit argument or value (int.MaxValue) with 3.</summary>
    public const string ReplaceLimit = "ReplaceLimit";

    /// <summary>Polly <c>RetryForever</c> to <c>Retry(3)</c>, <c>WaitAndRetryForever(f)</c> to <c>WaitAndRetry(3, f)</c>.</summary>
    public const string Forever = "Forever";
}
