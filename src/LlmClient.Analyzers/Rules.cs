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

    /// <summary>Every descriptor the package ships, for meta-tests and the docs.</summary>
    public static System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> All { get; } =
        System.Collections.Immutable.ImmutableArray.Create(NonRetryableStatus, UnboundedRetry, ServiceTier, ChatCompletionsN);

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, string title, string message, string description)
        => new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));
}
