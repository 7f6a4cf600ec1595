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
        var query = path.IndexOfAny(new[] { '?', '#' });
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
}
