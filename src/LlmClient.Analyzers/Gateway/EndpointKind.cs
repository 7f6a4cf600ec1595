namespace LlmClient.Analyzers.Gateway;

/// <summary>What an HTTP request is sent to, as far as the analyzers can tell.</summary>
internal enum EndpointKind
{
    /// <summary>The URL could not be resolved to a constant.</summary>
    Unresolved = 0,

    /// <summary>The URL is known and is not an LLM endpoint.</summary>
    NotLlm,

    ChatCompletions,
    Responses,
    Messages,
    Interactions,
    Completions,
    Embeddings,
    Images,
    Audio,

    /// <summary>A provider-neutral abstraction (Microsoft.Extensions.AI): any generation endpoint.</summary>
    ProviderNeutral,
}
