using System;
using System.Collections.Immutable;

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
