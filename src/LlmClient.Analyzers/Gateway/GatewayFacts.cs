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
    public const string StartWithin = "start_within";
    public const string Modalities = "modalities";
    public const string CacheControl = "cache_control";
    public const string Citations = "citations";
    public const string Type = "type";

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

    /// <summary>The first backoff step the fixes write, in seconds (seed 004: "exponential backoff with jitter: start ~1s").</summary>
    public const int BackoffBaseSeconds = 1;

    /// <summary>The longest backoff the fixes write, in seconds (seed 004: "cap ~30s").</summary>
    public const int BackoffCapSeconds = 30;

    /// <summary>
    /// The longest Retry-After the fixes wait before failing instead, in seconds: FlexInference's auth-flood limiter
    /// asks for 60 s, its per-organization limiter for 5 s (seed 003).
    /// </summary>
    public const int RetryAfterLimitSeconds = 60;

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

    private static readonly char[] QueryStarts = { '?', '#' };

    /// <summary>Classifies a URL or path whose constant parts are known. Holes are marked with <c>{}</c>.</summary>
    public static EndpointKind ClassifyUrl(string url)
    {
        var path = url;
        var query = path.IndexOfAny(QueryStarts);
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
            // The path is the suffix without its slash ("chat/completions"): compared in place, without a trimmed copy.
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                || (path.Length == suffix.Length - 1 && string.Compare(path, 0, suffix, 1, path.Length, StringComparison.OrdinalIgnoreCase) == 0))
            {
                // One-word endpoints (/messages, /responses, ...) are common words in other APIs (Microsoft Graph's
                // /v1.0/me/messages, a queue's /api/{queue}/messages): they name an LLM endpoint only after a version
                // segment, "openai", an Azure deployment, or a base URL written as a whole (a leading hole).
                if (suffix.IndexOf('/', 1) < 0 && !IsLlmPrefix(path.Substring(0, path.Length - suffix.Length + 1)))
                {
                    return EndpointKind.NotLlm;
                }

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

    /// <summary>What stands before a one-word endpoint in an LLM URL: <c>v1/</c>, <c>openai/</c>, <c>deployments/x/</c>, <c>{}/</c>.</summary>
    private static bool IsLlmPrefix(string prefix)
    {
        var trimmed = prefix.TrimEnd('/');
        if (trimmed.Length == 0 || trimmed == "{}")
        {
            return true;
        }

        if (trimmed.IndexOf("/deployments/", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }

        var slash = trimmed.LastIndexOf('/');
        var segment = slash >= 0 ? trimmed.Substring(slash + 1) : trimmed;
        return string.Equals(segment, "openai", StringComparison.OrdinalIgnoreCase)
               || (segment.Length >= 2 && (segment[0] == 'v' || segment[0] == 'V') && char.IsDigit(segment[1]) && segment.Substring(1).All(c => char.IsLetterOrDigit(c)));
    }

    /// <summary>Is <paramref name="kind"/> an endpoint that carries a conversation (the request rules' scope)?</summary>
    public static bool IsGenerationEndpoint(EndpointKind kind)
        => kind is EndpointKind.ChatCompletions or EndpointKind.Responses or EndpointKind.Messages or EndpointKind.Interactions or EndpointKind.Completions;

    /// <summary>Endpoints where the gateway rejects a caller-supplied service_tier (seed 003: all of them).</summary>
    public static bool RejectsServiceTier(EndpointKind kind)
        => IsGenerationEndpoint(kind) || kind == EndpointKind.ProviderNeutral;

    // ---- Parameters each endpoint rejects (seed 003: unsupported_parameter, unsupported_generation_config) ----
    /// <summary>Top-level Chat Completions keys with no Responses equivalent. <c>modalities</c> is rejected only with non-text values.</summary>
    public static readonly ImmutableArray<string> ChatUnsupported = ImmutableArray.Create(
        "presence_penalty", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "seed", "stop", "prediction", "audio", "web_search_options");

    /// <summary>Top-level /v1/messages keys the gateway defers; <c>cache_control</c> and document/file citations are checked anywhere in the body.</summary>
    public static readonly ImmutableArray<string> MessagesUnsupported = ImmutableArray.Create("top_k", "stop_sequences");

    /// <summary>/v1/interactions: dotted paths inside generation_config.</summary>
    public static readonly ImmutableArray<string> InteractionsUnsupported = ImmutableArray.Create("generation_config.seed", "generation_config.stop_sequences");

    /// <summary>The unsupported keys (dotted paths) of an endpoint's body.</summary>
    public static ImmutableArray<string> UnsupportedParameters(EndpointKind kind) => kind switch
    {
        EndpointKind.ChatCompletions => ChatUnsupported,
        EndpointKind.Messages => MessagesUnsupported,
        EndpointKind.Interactions => InteractionsUnsupported,
        EndpointKind.ProviderNeutral => ChatUnsupported.AddRange(MessagesUnsupported),
        _ => ImmutableArray<string>.Empty,
    };

    /// <summary>Endpoints whose bodies follow the Anthropic Messages block format (cache_control, document citations).</summary>
    public static bool UsesMessagesBlocks(EndpointKind kind) => kind is EndpointKind.Messages or EndpointKind.ProviderNeutral;

    /// <summary>The only modality the gateway serves on Chat Completions.</summary>
    public const string TextModality = "text";

    // ---- Claude token caps (seed 003: missing_max_tokens) ---------------------------------------
    public const int SuggestedMaxTokens = 1024;

    public static bool IsClaudeModel(string? model)
        => model is not null && (model.StartsWith("claude-", StringComparison.OrdinalIgnoreCase) || model.IndexOf("/claude-", StringComparison.OrdinalIgnoreCase) >= 0);

    public static bool IsGeminiModel(string? model)
        => model is not null && (model.StartsWith("gemini-", StringComparison.OrdinalIgnoreCase) || model.IndexOf("/gemini-", StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>The keys that cap output tokens on an endpoint, the first being the one to add.</summary>
    public static ImmutableArray<string> TokenCapKeys(EndpointKind kind) => kind switch
    {
        EndpointKind.Messages => ImmutableArray.Create("max_tokens"),
        EndpointKind.ChatCompletions => ImmutableArray.Create("max_completion_tokens", "max_tokens"),
        EndpointKind.Responses => ImmutableArray.Create("max_output_tokens"),
        _ => ImmutableArray<string>.Empty,
    };

    // ---- start_within (seed 003: missing_start_within, invalid_start_within, auto_unsupported_for_gemini, flex_unsupported_for_anthropic)
    public const int StartWithinMinSeconds = 5;
    public const int StartWithinMaxSeconds = 600;
    public const string StartWithinDefault = "default";

    /// <summary>The words start_within accepts besides a duration.</summary>
    public static readonly ImmutableArray<string> StartWithinWords = ImmutableArray.Create("default", "priority", "auto");

    /// <summary>
    /// Checks a start_within value for a model. Returns null when valid, else the reason, and the nearest valid value
    /// in <paramref name="nearest"/>.
    /// </summary>
    public static string? CheckStartWithin(string value, string? model, out string nearest)
    {
        nearest = StartWithinDefault;
        foreach (var word in StartWithinWords)
        {
            if (string.Equals(value, word, StringComparison.Ordinal))
            {
                if (word == "auto" && IsGeminiModel(model))
                {
                    return "'auto' is not available for Gemini models (their tiers are flex, standard and priority)";
                }

                return null;
            }

            if (string.Equals(value.Trim(), word, StringComparison.OrdinalIgnoreCase))
            {
                nearest = word == "auto" && IsGeminiModel(model) ? StartWithinDefault : word;
                return $"'{value}' must be written exactly '{word}'";
            }
        }

        var exact = TryParseExactDuration(value, out var seconds);
        if (!exact && !TryParseLooseDuration(value, out seconds))
        {
            return $"'{value}' is not default, priority, auto or a duration HHh-MMm-SSs";
        }

        if (IsClaudeModel(model))
        {
            return "Anthropic models have no flex tier, so a duration is rejected";
        }

        var clamped = Math.Max(StartWithinMinSeconds, Math.Min(StartWithinMaxSeconds, seconds));
        nearest = FormatDuration(clamped);
        if (!exact)
        {
            return $"'{value}' is not in the exact form HHh-MMm-SSs";
        }

        return seconds == clamped ? null : $"'{value}' is {seconds} s, outside the allowed {StartWithinMinSeconds}-{StartWithinMaxSeconds} s window";
    }

    public static string FormatDuration(int seconds)
        => string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:00}h-{1:00}m-{2:00}s", seconds / 3600, seconds / 60 % 60, seconds % 60);

    /// <summary>The exact grammar: two digits each, <c>00h-00m-30s</c>.</summary>
    private static bool TryParseExactDuration(string value, out int seconds)
    {
        seconds = 0;
        if (value.Length != 11 || value[2] != 'h' || value[3] != '-' || value[6] != 'm' || value[7] != '-' || value[10] != 's')
        {
            return false;
        }

        if (!TwoDigits(value, 0, out var h) || !TwoDigits(value, 4, out var m) || !TwoDigits(value, 8, out var s) || m > 59 || s > 59)
        {
            return false;
        }

        seconds = (h * 3600) + (m * 60) + s;
        return true;
    }

    /// <summary>Near misses that still say a duration: <c>30s</c>, <c>1m</c>, <c>0h-1m-30s</c>, <c>00:00:30</c>.</summary>
    private static bool TryParseLooseDuration(string value, out int seconds)
    {
        seconds = 0;
        var text = value.Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return false;
        }

        if (TimeSpan.TryParseExact(text, @"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture, out var span))
        {
            seconds = (int)span.TotalSeconds;
            return true;
        }

        var any = false;
        var number = 0;
        var digits = false;
        foreach (var c in text)
        {
            if (c >= '0' && c <= '9')
            {
                number = (number * 10) + (c - '0');
                digits = true;
                if (number > 100000)
                {
                    return false;
                }
            }
            else if (c is 'h' or 'm' or 's' && digits)
            {
                seconds += number * (c == 'h' ? 3600 : c == 'm' ? 60 : 1);
                number = 0;
                digits = false;
                any = true;
            }
            else if (c is '-' or ' ' or '_' && !digits)
            {
            }
            else
            {
                return false;
            }
        }

        return any && !digits;
    }

    private static bool TwoDigits(string s, int at, out int value)
    {
        value = 0;
        if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9')
        {
            return false;
        }

        value = ((s[at] - '0') * 10) + (s[at + 1] - '0');
        return true;
    }

    // ---- Endpoints and methods (seeds 000, 003: unknown_url, method_not_allowed) ---------------
    /// <summary>The paths FlexInference serves (seed 003, unknown_url), named in messages.</summary>
    public const string KnownEndpointList = "/v1/responses, /v1/chat/completions, /v1/interactions or /v1/messages";

    /// <summary>Every LLM endpoint accepts only POST (seed 003, method_not_allowed).</summary>
    public static bool IsPostOnly(EndpointKind kind)
        => IsGenerationEndpoint(kind) || kind is EndpointKind.Embeddings or EndpointKind.Images;

    /// <summary>
    /// A version segment other than v1 right before a known endpoint (<c>/openai/v2/images/generations</c>, seed 000's
    /// "Cannot POST"): returns that segment.
    /// </summary>
    public static string? WrongVersionSegment(string url)
    {
        var path = PathOf(url);
        foreach (var (suffix, _) in EndpointSuffixes)
        {
            if (!path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var before = path.Substring(0, path.Length - suffix.Length);
            var slash = before.LastIndexOf('/');
            var segment = slash >= 0 ? before.Substring(slash + 1) : before;
            return IsVersionSegment(segment) && !string.Equals(segment, "v1", StringComparison.OrdinalIgnoreCase) ? segment : null;
        }

        return null;
    }

    /// <summary>
    /// The known endpoint a path nearly names (a typo, a singular, a missing slash): <c>/v1/chat/completion</c>.
    /// Two-segment endpoints are matched on any URL; one-segment ones (<c>/v1/response</c>) only after a version segment
    /// and when <paramref name="payloadIsLlm"/>, since short words are common in other APIs.
    /// </summary>
    public static string? NearMissEndpoint(string url, bool payloadIsLlm)
    {
        var segments = PathOf(url).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }

        var last = segments[segments.Length - 1].ToLowerInvariant();
        var lastTwo = segments.Length >= 2 ? segments[segments.Length - 2].ToLowerInvariant() + "/" + last : null;
        foreach (var (suffix, _) in EndpointSuffixes)
        {
            var known = suffix.Substring(1);
            if (known.IndexOf('/') >= 0)
            {
                if ((lastTwo is not null && IsNear(lastTwo, known)) || IsNear(last, known.Replace("/", string.Empty)) || IsNear(last, known.Replace('/', '-')) || IsNear(last, known.Replace('/', '_')))
                {
                    return "/v1/" + known;
                }
            }
            else if (payloadIsLlm && segments.Length >= 2 && IsVersionSegment(segments[segments.Length - 2]) && IsNear(last, known))
            {
                return "/v1/" + known;
            }
        }

        return null;
    }

    private static bool IsNear(string candidate, string known)
        => !string.Equals(candidate, known, StringComparison.Ordinal)
           && candidate.Length >= 6
           && (Normalize(candidate) == Normalize(known) || EditDistance(candidate, known) <= 2);

    private static string Normalize(string s) => s.Replace("/", string.Empty).Replace("-", string.Empty).Replace("_", string.Empty);

    private static bool IsVersionSegment(string segment)
        => segment.Length >= 2 && (segment[0] == 'v' || segment[0] == 'V') && segment.Substring(1).All(char.IsDigit);

    private static string PathOf(string url)
    {
        var path = url;
        var query = path.IndexOfAny(QueryStarts);
        if (query >= 0)
        {
            path = path.Substring(0, query);
        }

        return path.TrimEnd('/');
    }

    private static int EditDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return 3;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>Azure OpenAI names the model in the path (<c>/openai/deployments/{name}/chat/completions</c>), not the body.</summary>
    public static bool UrlCarriesModel(string? url) => url is not null && url.IndexOf("/deployments/", StringComparison.OrdinalIgnoreCase) >= 0;

    // ---- Request size (seed 003: request_too_large; seed 004: 75 MB audio) -----------------------
    public const int RequestSizeLimitBytes = 1_000_000;

    /// <summary>The seconds of a start_within duration in the exact form HHh-MMm-SSs, whatever its range.</summary>
    public static bool TryGetStartWithinSeconds(string? value, out int seconds)
    {
        seconds = 0;
        return value is not null && TryParseExactDuration(value, out seconds);
    }

    // ---- Streaming (seeds 000, 003, 004) --------------------------------------------------------------
    /// <summary>The wire key that turns streaming on.</summary>
    public const string Stream = "stream";

    /// <summary>Seed 000: the proxy in front of the gateway closes a connection on which nothing moved for 300 s.</summary>
    public const int ProxyIdleTimeoutSeconds = 300;

    /// <summary>The sentinel that ends an OpenAI-style SSE stream (seed 004: an error chunk may arrive instead of it).</summary>
    public const string StreamDoneSentinel = "[DONE]";

    /// <summary>The SSE field that carries an event's payload.</summary>
    public const string SseDataField = "data:";

    /// <summary>The field of a mid-stream error chunk: <c>data: {"error": {"message": ..., "type": ..., "code": ...}}</c> (seed 004).</summary>
    public const string StreamErrorField = "error";

    /// <summary>The member of the error object that says what went wrong (seed 004).</summary>
    public const string StreamErrorMessageField = "message";

    // ---- API keys (seed 003: invalid_api_key names the flex_live_ format; provider key formats) -----------
    /// <summary>The FlexInference key prefix; the key is the prefix, 24 hex characters and a 6-hex checksum (seed 003).</summary>
    public const string FlexKeyPrefix = "flex_live_";
    public const int FlexKeyHexLength = 24 + 6;

    /// <summary>A body shorter than this after its prefix is a test key or a placeholder, not a credential.</summary>
    public const int MinKeyBodyLength = 20;

    /// <summary>An unprefixed token must be at least this long to be taken for a secret.</summary>
    public const int MinGenericTokenLength = 32;

    /// <summary>The scheme of a bearer credential in an Authorization header value.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The header that carries <c>Bearer &lt;key&gt;</c> (seed 001: invalid_api_key, "Verify the Authorization header").</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>Headers that carry a raw key: Azure OpenAI's api-key, Anthropic's x-api-key, Gemini's x-goog-api-key.</summary>
    public static readonly ImmutableArray<string> ApiKeyHeaders = ImmutableArray.Create("api-key", "x-api-key", "x-goog-api-key", "Ocp-Apim-Subscription-Key");

    /// <summary>Key prefixes, most specific first: what the prefix shows, whose key it is, and the variable to read it from.</summary>
    public static readonly ImmutableArray<KeyShape> KeyPrefixes = ImmutableArray.Create(
        new KeyShape("sk-ant-", "an Anthropic API key", "ANTHROPIC_API_KEY"),
        new KeyShape("sk-or-v1-", "an OpenRouter API key", "OPENROUTER_API_KEY"),
        new KeyShape("sk-proj-", "an OpenAI project API key", "OPENAI_API_KEY"),
        new KeyShape("sk-svcacct-", "an OpenAI service-account key", "OPENAI_API_KEY"),
        new KeyShape("sk-admin-", "an OpenAI admin key", "OPENAI_API_KEY"),
        new KeyShape("sk-", "an OpenAI API key", "OPENAI_API_KEY"));

    public static readonly KeyShape FlexKey = new(FlexKeyPrefix, "a FlexInference API key", "FLEXINFERENCE_API_KEY");

    /// <summary>A long random token without a known prefix; only reported where it is used as a credential.</summary>
    public static readonly KeyShape GenericToken = new(string.Empty, "a secret token", "LLM_API_KEY");

    /// <summary>Words that make a literal a placeholder (<c>YOUR_API_KEY</c>, <c>sk-xxxx</c>, <c>&lt;your key&gt;</c>, <c>sk-test-...</c>).</summary>
    private static readonly ImmutableArray<string> PlaceholderWords = ImmutableArray.Create(
        "your", "xxxx", "...", "\u2026", "<", ">", "{", "}", "replace", "placeholder", "example", "dummy", "fake", "changeme", "insert", "redacted", "sample", "mock");

    /// <summary>
    /// Classifies a string literal's text as a key: a known prefix followed by a random-looking body, the exact
    /// flex_live_ grammar, or (when <paramref name="allowGeneric"/>) a long random token. Placeholders, short test keys,
    /// repeated or sequential characters and dash-separated words are not keys. A leading <c>Bearer </c> is skipped.
    /// </summary>
    public static KeyShape? ClassifyKey(string text, bool allowGeneric)
    {
        if (text.StartsWith(BearerScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(BearerScheme.Length + 1).Trim();
        }

        if (text.Length < MinKeyBodyLength)
        {
            return null;
        }

        // The shape first: most literals fail it at once, and the placeholder words are case-insensitive searches.
        return Shape(text, allowGeneric) is { } shape && !IsPlaceholder(text) ? shape : null;
    }

    private static KeyShape? Shape(string text, bool allowGeneric)
    {
        if (text.StartsWith(FlexKeyPrefix, StringComparison.Ordinal))
        {
            var body = text.Substring(FlexKeyPrefix.Length);
            return body.Length == FlexKeyHexLength && IsHex(body) && LooksRandom(body, minRun: FlexKeyHexLength) ? FlexKey : null;
        }

        foreach (var shape in KeyPrefixes)
        {
            if (text.StartsWith(shape.Prefix, StringComparison.Ordinal))
            {
                var body = text.Substring(shape.Prefix.Length);
                if (body.StartsWith("test", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                return body.Length >= MinKeyBodyLength && IsTokenText(body, allowBase64: false) && LooksRandom(body, minRun: 16) ? shape : null;
            }
        }

        return allowGeneric && text.Length >= MinGenericTokenLength && IsTokenText(text, allowBase64: true) && LooksRandom(text, minRun: 16)
            ? GenericToken
            : null;
    }

    /// <summary>Quick test before binding: could <paramref name="text"/> be a key at all?</summary>
    public static bool MayBeKey(string text)
        => text.Length >= MinKeyBodyLength && text.Length <= 512
           && (text.IndexOf(' ') < 0 || text.StartsWith(BearerScheme + " ", StringComparison.OrdinalIgnoreCase));

    private static bool IsPlaceholder(string text)
    {
        foreach (var word in PlaceholderWords)
        {
            if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Letters, digits, <c>-</c> and <c>_</c> (base64url); with <paramref name="allowBase64"/> also <c>+ / . =</c>.</summary>
    private static bool IsTokenText(string text, bool allowBase64)
    {
        foreach (var c in text)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                     || (allowBase64 && (c == '+' || c == '/' || c == '.' || c == '='));
            if (!ok)
            {
                return false;
            }
        }

        return text.IndexOf("//", StringComparison.Ordinal) < 0 && text[0] != '/' && text[0] != '.';
    }

    /// <summary>
    /// Random-looking: a run of at least <paramref name="minRun"/> letters and digits, letters and digits both
    /// present, no character over a quarter of the text, no six ascending or descending characters in a row, and a
    /// Shannon entropy of at least 3 bits per character.
    /// </summary>
    private static bool LooksRandom(string text, int minRun)
    {
        var run = 0;
        var longest = 0;
        var letters = 0;
        var digits = 0;
        var sequence = 1;
        var counts = new System.Collections.Generic.Dictionary<char, int>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var alnum = char.IsLetterOrDigit(c);
            run = alnum ? run + 1 : 0;
            longest = Math.Max(longest, run);
            letters += char.IsLetter(c) ? 1 : 0;
            digits += char.IsDigit(c) ? 1 : 0;
            counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
            if (i > 0 && alnum && Math.Abs(c - text[i - 1]) == 1 && (sequence == 1 || c - text[i - 1] == text[i - 1] - text[i - 2]))
            {
                sequence++;
                if (sequence >= 6)
                {
                    return false;
                }
            }
            else
            {
                sequence = 1;
            }
        }

        if (longest < minRun || letters == 0 || digits == 0)
        {
            return false;
        }

        var entropy = 0.0;
        foreach (var count in counts.Values)
        {
            if (count * 4 > text.Length && text.Length >= 8)
            {
                return false;
            }

            var p = (double)count / text.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy >= 3.0;
    }
}
