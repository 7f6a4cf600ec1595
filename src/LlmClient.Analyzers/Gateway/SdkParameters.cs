using System.Collections.Immutable;

namespace LlmClient.Analyzers.Gateway;

/// <summary>One SDK options type: which endpoint it builds and the wire key each property writes.</summary>
internal sealed class SdkOptionsType
{
    public SdkOptionsType(string metadataName, EndpointKind endpoint, ImmutableDictionary<string, string> wireKeys, string? additionalPropertiesMember = null)
    {
        MetadataName = metadataName;
        Endpoint = endpoint;
        WireKeys = wireKeys;
        AdditionalPropertiesMember = additionalPropertiesMember;
    }

    public string MetadataName { get; }

    public EndpointKind Endpoint { get; }

    /// <summary>C# property name to wire key (as the SDK serializes it).</summary>
    public ImmutableDictionary<string, string> WireKeys { get; }

    /// <summary>A dictionary property whose entries become top-level keys of the request.</summary>
    public string? AdditionalPropertiesMember { get; }
}

/// <summary>
/// The SDK options types the request model reads (spec, request section). Wire keys verified by serializing the
/// OpenAI 2.15.0 options; Microsoft.Extensions.AI maps its typed properties onto the provider's keys.
/// </summary>
internal static class SdkParameters
{
    public static readonly ImmutableArray<SdkOptionsType> Types = ImmutableArray.Create(
        new SdkOptionsType("OpenAI.Chat.ChatCompletionOptions", EndpointKind.ChatCompletions, Map(
            ("ServiceTier", "service_tier"),
            ("Seed", "seed"),
            ("FrequencyPenalty", "frequency_penalty"),
            ("PresencePenalty", "presence_penalty"),
            ("StopSequences", "stop"),
            ("LogitBiases", "logit_bias"),
            ("IncludeLogProbabilities", "logprobs"),
            ("TopLogProbabilityCount", "top_logprobs"),
            ("OutputPrediction", "prediction"),
            ("AudioOptions", "audio"),
            ("ResponseModalities", "modalities"),
            ("WebSearchOptions", "web_search_options"),
            ("MaxOutputTokenCount", "max_completion_tokens"),
            ("Temperature", "temperature"),
            ("TopP", "top_p"))),
        new SdkOptionsType("OpenAI.Responses.CreateResponseOptions", EndpointKind.Responses, Map(
            ("ServiceTier", "service_tier"),
            ("Model", "model"),
            ("MaxOutputTokenCount", "max_output_tokens"),
            ("TopLogProbabilityCount", "top_logprobs"),
            ("Temperature", "temperature"),
            ("TopP", "top_p"))),
        new SdkOptionsType("Microsoft.Extensions.AI.ChatOptions", EndpointKind.ProviderNeutral, Map(
            ("ModelId", "model"),
            ("Seed", "seed"),
            ("FrequencyPenalty", "frequency_penalty"),
            ("PresencePenalty", "presence_penalty"),
            ("StopSequences", "stop"),
            ("TopK", "top_k"),
            ("Temperature", "temperature"),
            ("TopP", "top_p")),
            additionalPropertiesMember: "AdditionalProperties"),
        new SdkOptionsType("Anthropic.Models.Messages.MessageCreateParams", EndpointKind.Messages, Map(
            ("Model", "model"),
            ("MaxTokens", "max_tokens"),
            ("Messages", "messages"),
            ("StopSequences", "stop_sequences"),
            ("ServiceTier", "service_tier"))));

    /// <summary>The names the request analyzer binds object creations for.</summary>
    public static bool IsCandidateTypeName(string name)
        => name is "ChatCompletionOptions" or "CreateResponseOptions" or "ChatOptions" or "MessageCreateParams";

    private static ImmutableDictionary<string, string> Map(params (string Member, string Key)[] pairs)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(System.StringComparer.Ordinal);
        foreach (var (member, key) in pairs)
        {
            builder[member] = key;
        }

        return builder.ToImmutable();
    }
}
