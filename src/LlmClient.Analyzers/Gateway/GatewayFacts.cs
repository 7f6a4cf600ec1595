using System;
using System.Collections.Immutable;
using System.Linq;

namespace LlmClient.Analyzers.Gateway;

/// <summary>
/// Everything the rules know about OpenAI-compatible gateways, in one table. Each fact names the seed
/// (shared/seeds) it comes from.
/// </summary>
internal static class GatewayFacts
{
    // ---- Wire keys (seed 003) -------------------------------------------------------------
    public const string Model = "model";
    public const string Messages = "messages";
    public const string Input = "input";
    public const string Prompt = "prompt";
    public const string ServiceTier = "service_tier";
    public const string N = "n";

    /// <summary>A payload with <c>model</c> and one of these keys is an LLM request (spec, "What counts as an LLM call").</summary>
    public static readonly ImmutableHashSet<string> ConversationKeys = ImmutableHashSet.Create(StringComparer.Ordinal, Messages, Input, Prompt);

    // ---- Statuses (seeds 000, 001, 002, 004) ------------------------------------------------
    /// <summary>408, 429 and 5xx other than 501 and 505 are worth another attempt.</summary>
    public static bool IsRetryableStatus(int status)
        => status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);

    /// <summary>409 Conflict is accepted whether or not it is retried.</summary>
    public static bool IsToleratedStatus(int status) => status == 409;

    /// <summary>A failure status that will fail the same way on every attempt.</summary>
    public static bool IsNonRetryableStatus(int status)
        => status >= 400 && status <= 599 && !IsRetryableStatus(status) && !IsToleratedStatus(status);

    /// <summary>
    /// Non-retryable 5xx statuses that a <c>&gt;= 500</c> predicate may cover without being reported: the anchors'
    /// own guidance is "retry 5xx" (seeds 000, 004), so only naming 501 or 505 explicitly is a mistake (spec).
    /// </summary>
    public static bool IsAcceptedInServerErrorRange(int status) => status is 501 or 505;

    /// <summary>Is <paramref name="status"/> a failure (4xx or 5xx)?</summary>
    public static bool IsFailureStatus(int status) => status >= 400 && status <= 599;

    /// <summary>Is <paramref name="status"/> a success (2xx)?</summary>
    public static bool IsSuccessStatus(int status) => status >= 200 && status <= 299;

    /// <summary>
    /// <see cref="System.Net.HttpStatusCode"/> member names of the 4xx and 5xx statuses, for messages and for the
    /// code fixes (status -&gt; name). Statuses the enum lacks (499 client_closed_request in seed 003, 529 overloaded
    /// in seed 000) are named by number only.
    /// </summary>
    public static readonly ImmutableDictionary<int, string> StatusNames = new (int Status, string Name)[]
    {
        (400, "BadRequest"), (401, "Unauthorized"), (402, "PaymentRequired"), (403, "Forbidden"), (404, "NotFound"),
        (405, "MethodNotAllowed"), (406, "NotAcceptable"), (407, "ProxyAuthenticationRequired"), (408, "RequestTimeout"),
        (409, "Conflict"), (410, "Gone"), (411, "LengthRequired"), (412, "PreconditionFailed"), (413, "RequestEntityTooLarge"),
        (414, "RequestUriTooLong"), (415, "UnsupportedMediaType"), (416, "RequestedRangeNotSatisfiable"), (417, "ExpectationFailed"),
        (421, "MisdirectedRequest"), (422, "UnprocessableEntity"), (423, "Locked"), (424, "FailedDependency"), (426, "UpgradeRequired"),
        (428, "PreconditionRequired"), (429, "TooManyRequests"), (431, "RequestHeaderFieldsTooLarge"), (451, "UnavailableForLegalReasons"),
        (500, "InternalServerError"), (501, "NotImplemented"), (502, "BadGateway"), (503, "ServiceUnavailable"), (504, "GatewayTimeout"),
        (505, "HttpVersionNotSupported"), (506, "VariantAlsoNegotiates"), (507, "InsufficientStorage"), (508, "LoopDetected"),
        (510, "NotExtended"), (511, "NetworkAuthenticationRequired"),
    }.ToImmutableDictionary(e => e.Status, e => e.Name);

    /// <summary>"401 Unauthorized", or "529" for a status the enum does not name.</summary>
    public static string DescribeStatus(int status)
        => StatusNames.TryGetValue(status, out var name) ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + name : status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The statuses for which the official Anthropic SDK (13.x) throws each <c>Anthropic.Exceptions</c> type; a type
    /// not listed carries any status of its base (<c>Anthropic4xxException</c>: 4xx, <c>Anthropic5xxException</c>: 5xx,
    /// <c>AnthropicApiException</c>: every failure). Used to tell which statuses a <c>catch</c> of one of them retries.
    /// </summary>
    public static readonly ImmutableDictionary<string, int> AnthropicExceptionStatuses = new (string Name, int Status)[]
    {
        ("AnthropicBadRequestException", 400), ("AnthropicUnauthorizedException", 401), ("AnthropicPaymentRequiredException", 402),
        ("AnthropicForbiddenException", 403), ("AnthropicNotFoundException", 404), ("AnthropicRequestTimeoutException", 408),
        ("AnthropicConflictException", 409), ("AnthropicPreconditionFailedException", 412), ("AnthropicContentTooLargeException", 413),
        ("AnthropicUnprocessableEntityException", 422), ("AnthropicRateLimitException", 429), ("AnthropicRequestHeaderFieldsTooLargeException", 431),
        ("AnthropicClientClosedRequestException", 499), ("AnthropicNotImplementedException", 501), ("AnthropicServiceUnavailableException", 503),
        ("AnthropicGatewayTimeoutException", 504), ("AnthropicOverloadedException", 529),
    }.ToImmutableDictionary(e => e.Name, e => e.Status, StringComparer.Ordinal);

    /// <summary>
    /// The statuses System.ClientModel's <c>ClientRetryPolicy</c> (the OpenAI SDK's default) retries, besides transport
    /// failures: its default message classifier's retriable set, all of them retryable here.
    /// </summary>
    public static readonly ImmutableArray<int> ClientRetryPolicyStatuses = ImmutableArray.Create(408, 429, 500, 502, 503, 504);

    /// <summary>The retry count the fixes write (seed 004: "set max-retries (3-5)").</summary>
    public const int DefaultFixRetryCount = 3;

    // ---- Endpoints (seeds 000, 003) ---------------------------------------------------------
    /// <summary>Path suffixes, most specific first, and the endpoint they name.</summary>
    public static readonly ImmutableArray<(string Suffix, EndpointKind Kind)> EndpointSuffixes = ImmutableArray.Create(
        ("/chat/completions", EndpointKind.ChatCompletions),
        ("/responses", EndpointKind.Responses),
        ("/messages", EndpointKind.Messages),
        ("/interactions", EndpointKind.Interactions),
        ("/completions", EndpointKind.Completions),
        ("/embeddings", EndpointKind.Embeddings),
        ("/images/generations", EndpointKind.Images),
        ("/images/edits", EndpointKind.Images),
        ("/images/variations", EndpointKind.Images));

    /// <summary>Classifies a URL or path whose constant parts are known. Holes are marked with <c>{}</c>.</summary>
    public static EndpointKind ClassifyUrl(string url)
    {
        var path = url;
        var query = path.IndexOfAny(new[] { '?', '#' });
        if (query >= 0)
        {
            path = path.Substring(0, query);
        }

        path = path.TrimEnd('/');
        if (path.Length == 0)
        {
            return EndpointKind.Unresolved;
        }

        foreach (var (suffix, kind) in EndpointSuffixes)
        {
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) || string.Equals(path, suffix.TrimStart('/'), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        if (path.IndexOf("/audio/", StringComparison.OrdinalIgnoreCase) >= 0 || path.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
        {
            return EndpointKind.Audio;
        }

        // A path that ends in a hole ("{}") could be anything.
        return path.EndsWith("{}", StringComparison.Ordinal) ? EndpointKind.Unresolved : EndpointKind.NotLlm;
    }

    /// <summary>Is <paramref name="kind"/> an endpoint that carries a conversation (the request rules' scope)?</summary>
    public static bool IsGenerationEndpoint(EndpointKind kind)
        => kind is EndpointKind.ChatCompletions or EndpointKind.Responses or EndpointKind.Messages or EndpointKind.Interactions or EndpointKind.Completions;

    /// <summary>Endpoints where the gateway rejects a caller-supplied service_tier (seed 003: all of them).</summary>
    public static bool RejectsServiceTier(EndpointKind kind)
        => kind is EndpointKind.ChatCompletions or EndpointKind.Responses or EndpointKind.Messages or EndpointKind.Interactions or EndpointKind.Completions;
}
