using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers;

/// <summary>
/// The single home of rule identity: ID, title, message, category, default severity and help link.
/// Docs, release tracking and tests are all checked against these descriptors.
/// </summary>
public static class Rules
{
    /// <summary>Help links point at the rule's page in the repository.</summary>
    public const string HelpLinkBase = "https://github.com/llmclient/LlmClient.Analyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor NonRetryableStatus = Create(
        RuleIdentifiers.NonRetryableStatus,
        RuleCategories.Retry,
        DiagnosticSeverity.Warning,
        title: "Do not retry non-retryable HTTP statuses",
        message: "This retry repeats {0}, which {1} the same way on every attempt; retry only 408, 429 and 5xx",
        description: "Gateways answer 400, 401, 402, 403, 404, 413 and 422 (and 501) the same way however often the request is repeated: fix the request, the key or the balance instead. Retrying them wastes calls and, for 401, trips the auth-flood limiter (429 with a 60 s Retry-After for the whole client IP). Retry only 408, 429 and 5xx.");

    public static readonly DiagnosticDescriptor UnboundedRetry = Create(
        RuleIdentifiers.UnboundedRetry,
        RuleCategories.Retry,
        DiagnosticSeverity.Warning,
        title: "Retry has no attempt limit",
        message: "{0}; limit it to 3 to 5 retries and surface the final error",
        description: "A retry that only stops on success hammers the gateway during an outage or a rate limit and hangs the caller forever on an error that never clears. Set a maximum number of retries (3 to 5) and surface the final error when it is reached.");

    public static readonly DiagnosticDescriptor Backoff = Create(
        RuleIdentifiers.Backoff,
        RuleCategories.Retry,
        DiagnosticSeverity.Warning,
        title: "Retry without exponential backoff and jitter",
        message: "{0}; wait exponentially longer after each attempt, from about 1 s, capped near 30 s, with random jitter",
        description: "A retry that does not wait, or waits the same time before every attempt, keeps hitting a gateway that is overloaded or rate limiting, and clients that fail together retry together. The gateways ask for exponential backoff with jitter: start near 1 s, double on each attempt, cap near 30 s, and randomize each wait. Polly v8's default backoff is constant (2 s, no jitter).");

    public static readonly DiagnosticDescriptor RetryAfter = Create(
        RuleIdentifiers.RetryAfter,
        RuleCategories.Retry,
        DiagnosticSeverity.Info,
        title: "Rate-limit retry ignores Retry-After",
        message: "This retry repeats 429 Too Many Requests but never reads Retry-After; wait the time the server asks for (bounded, so a huge value fails instead of hanging) and back off exponentially when it sends none",
        description: "A rate limiter says when it will accept the next request: FlexInference answers 429 with a Retry-After of 60 s for its auth-flood limiter and 5 s for its per-organization limiter. A retry that guesses its own wait comes back too early and gets 429 again, spending attempts inside the same window. Read Retry-After (a delta or a date), bound it, and fall back to exponential backoff with jitter.");

    public static readonly DiagnosticDescriptor SwallowedFinalError = Create(
        RuleIdentifiers.SwallowedFinalError,
        RuleCategories.Retry,
        DiagnosticSeverity.Warning,
        title: "Exhausted retries swallow the final error",
        message: "{0}; the caller cannot tell a failure from an answer and the error that explains it is lost. Throw (or rethrow) the last failure.",
        description: "When a bounded retry runs out of attempts, the last failure is the answer: the status, the error body and the request id someone needs to act on. Returning null, default or an empty value, or letting the method end as if it had succeeded, hides it. Throw or rethrow the last failure, or return the failed response to a caller that checks it.");

    public static readonly DiagnosticDescriptor RetryBudget = Create(
        RuleIdentifiers.RetryBudget,
        RuleCategories.Retry,
        DiagnosticSeverity.Info,
        title: "Retry budget is too large",
        message: "{0}; more than {1} retries only prolong an outage or a rate limit for the caller. Lower it to {1} (llm_client_analyzers.max_retries).",
        description: "The gateways advise a bounded retry of 3 to 5 attempts that then surfaces the final error. A larger budget keeps a caller waiting through an outage, multiplies the load on a gateway that is already rate limiting, and delays the error someone has to act on. The largest accepted count is llm_client_analyzers.max_retries (default 5).");

    public static readonly DiagnosticDescriptor DoubleRetry = Create(
        RuleIdentifiers.DoubleRetry,
        RuleCategories.Retry,
        DiagnosticSeverity.Info,
        title: "Retry wraps a client that already retries",
        message: "This retry repeats a call to {0}, which already retries every failed call {1} times by itself, so each attempt here is up to {2} requests. Turn the client's own retries off ({3}) or drop this retry.",
        description: "The OpenAI and System.ClientModel clients retry 3 times by default (ClientRetryPolicy), and the Anthropic client twice (MaxRetries). A retry around such a client multiplies the attempts: 4 retries around a client that retries 3 times send up to 20 requests, hammering a gateway that is rate limiting and keeping the caller waiting. Keep one retry: turn the client's off, or rely on it.");

    public static readonly DiagnosticDescriptor ServiceTier = Create(
        RuleIdentifiers.ServiceTier,
        RuleCategories.Request,
        DiagnosticSeverity.Warning,
        title: "Do not send service_tier",
        message: "The request sends 'service_tier'; the gateway derives the tier from start_within and rejects the field with 400 service_tier_not_allowed. Remove it.",
        description: "Gateways such as FlexInference derive the service tier themselves and reject a caller-supplied service_tier with 400 service_tier_not_allowed, on /v1/chat/completions, /v1/responses, /v1/messages and /v1/interactions. Express the intent through start_within instead.");

    public static readonly DiagnosticDescriptor ChatCompletionsN = Create(
        RuleIdentifiers.ChatCompletionsN,
        RuleCategories.Request,
        DiagnosticSeverity.Warning,
        title: "Chat Completions n must be 1 or omitted",
        message: "The Chat Completions request sends 'n' = {0}; the gateway produces a single generation and rejects any other value with 400 unsupported_value. Remove 'n' or set it to 1.",
        description: "Gateways that serve Chat Completions through the Responses API always produce one generation, so 'n' must be 1 or omitted; any other value fails with 400 unsupported_value. Make several requests instead if you need several completions.");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Create(
        RuleIdentifiers.UnsupportedParameter,
        RuleCategories.Request,
        DiagnosticSeverity.Warning,
        title: "Parameter not supported by the gateway endpoint",
        message: "'{0}' is not supported on {1}; the gateway rejects the request with 400 {2}. Remove it.",
        description: "Gateways that serve every API through the Responses API reject parameters that have no Responses equivalent: on Chat Completions presence_penalty, frequency_penalty, logit_bias, logprobs, top_logprobs, seed, stop, prediction, audio, non-text modalities and web_search_options; on /v1/messages top_k, stop_sequences, cache_control blocks and document/file blocks with citations; on /v1/interactions generation_config.seed and generation_config.stop_sequences.");

    public static readonly DiagnosticDescriptor ClaudeTokenCap = Create(
        RuleIdentifiers.ClaudeTokenCap,
        RuleCategories.Request,
        DiagnosticSeverity.Warning,
        title: "Claude request without an output-token cap",
        message: "This request to '{0}' sets no output-token cap; Anthropic requires one and the gateway will not invent it, so the request fails with 400 missing_max_tokens. Add '{1}'.",
        description: "A claude-* request must cap its output: max_tokens on /v1/messages, max_completion_tokens on Chat Completions, max_output_tokens on Responses. Without it the gateway rejects the request with 400 missing_max_tokens.");

    public static readonly DiagnosticDescriptor StartWithin = Create(
        RuleIdentifiers.StartWithin,
        RuleCategories.Request,
        DiagnosticSeverity.Warning,
        title: "Invalid start_within",
        message: "{0}; the gateway rejects the request with 400 {1}. Use {2}.",
        description: "start_within must be default, priority, auto, or a duration written HHh-MMm-SSs between 5 and 600 seconds. A duration is rejected for claude-* models (no flex tier) and auto for gemini-* models. Under the flexinference profile start_within is required.");

    public static readonly DiagnosticDescriptor Model = Create(
        RuleIdentifiers.Model,
        RuleCategories.Request,
        DiagnosticSeverity.Warning,
        title: "Missing or empty model",
        message: "{0}; the gateway rejects the request with 400 missing_model. Send the model name as a non-empty string.",
        description: "Every LLM request needs a model: a non-empty string such as \"gpt-5.5\". A missing, empty, null or non-string model fails with 400 missing_model.");

    public static readonly DiagnosticDescriptor InvalidJsonBody = Create(
        RuleIdentifiers.InvalidJsonBody,
        RuleCategories.Request,
        DiagnosticSeverity.Warning,
        title: "Request body is not a valid JSON object",
        message: "The request body is not a JSON object: {0}; the gateway rejects it with 400 {1}",
        description: "A JSON body written as a string literal must parse (no trailing commas, quoted keys) and be a single {...} object; otherwise the gateway answers 400 invalid_json or invalid_body.");

    public static readonly DiagnosticDescriptor UnknownEndpoint = Create(
        RuleIdentifiers.UnknownEndpoint,
        RuleCategories.Transport,
        DiagnosticSeverity.Warning,
        title: "Unknown LLM endpoint or method",
        message: "This call will fail: {0}. The gateway serves {1}.",
        description: "Every LLM endpoint accepts only POST (405 method_not_allowed), and a path that is a near miss of a known endpoint, or names a version other than v1, answers 404 unknown_url.");

    public static readonly DiagnosticDescriptor InlineBase64 = Create(
        RuleIdentifiers.InlineBase64,
        RuleCategories.Transport,
        DiagnosticSeverity.Info,
        title: "Inline base64 payload may exceed the request size limit",
        message: "'{0}' inlines a file as base64; bodies over 1,000,000 bytes fail with 413 request_too_large. Send a hosted URL or a file id, or check the size first.",
        description: "Base64 grows a file by a third, and gateways cap request bodies (FlexInference: 1,000,000 bytes, checked against Content-Length and the bytes streamed; audio uploads: 75 MB). Point to a hosted URL instead of inlining large files.");


    public static readonly DiagnosticDescriptor IdleTimeout = Create(
        RuleIdentifiers.IdleTimeout,
        RuleCategories.Transport,
        DiagnosticSeverity.Info,
        title: "Long non-streaming request will hit an idle timeout",
        message: "{0}. {1}.",
        description: "The proxy in front of the gateway closes a connection on which no data moved for 300 seconds, so a client timeout above 300 s (or infinite) only helps a streamed request; and a flex request may wait up to its start_within window (up to 10 minutes) before it starts, so a client timeout shorter than that window (the HttpClient default of 100 s included) gives up first and gets 499 client_closed_request. Streaming answers both.");

    public static readonly DiagnosticDescriptor StreamErrorEvents = Create(
        RuleIdentifiers.StreamErrorEvents,
        RuleCategories.Transport,
        DiagnosticSeverity.Warning,
        title: "Stream reader ignores error events",
        message: "This stream loop stops on [DONE] but never checks the events for an 'error' field; a mid-stream failure arrives as 'data: {\"error\": ...}' and then the stream closes, so the answer is silently cut short. Check each event for 'error' and throw.",
        description: "Gateways report errors that happen after a stream has started as an SSE chunk with an error field (data: {\"error\": {\"message\": ..., \"type\": ..., \"code\": ...}}) and then close the stream, instead of sending [DONE]. A reader that only stops on [DONE] treats the truncated answer as complete.");

    public static readonly DiagnosticDescriptor HardCodedApiKey = Create(
        RuleIdentifiers.HardCodedApiKey,
        RuleCategories.Security,
        DiagnosticSeverity.Warning,
        title: "Hard-coded API key",
        message: "This string looks like {0} used as a credential; a key in source code leaks with every copy of the code. Read it from the {1} environment variable or a secret store, and revoke this key.",
        description: "Literals shaped like real keys (sk-, sk-proj-, sk-ant-, sk-or-v1-, flex_live_ with 24 hex characters and a 6-hex checksum, long random tokens) passed as credentials, bearer tokens or api-key headers, or stored in fields, constants, locals or properties named like keys. Placeholders, short test keys and generated code are not reported.");

    /// <summary>Every descriptor the package ships, for meta-tests and the docs.</summary>
    public static System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> All { get; } =
        System.Collections.Immutable.ImmutableArray.Create(
            NonRetryableStatus, UnboundedRetry, Backoff, RetryAfter, SwallowedFinalError, RetryBudget, DoubleRetry,
            ServiceTier, ChatCompletionsN, UnsupportedParameter, ClaudeTokenCap, StartWithin, Model, InvalidJsonBody,
            UnknownEndpoint, IdleTimeout, StreamErrorEvents, InlineBase64, HardCodedApiKey);

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, string title, string message, string description)
        => new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));
}
