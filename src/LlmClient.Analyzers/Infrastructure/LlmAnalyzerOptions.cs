using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>The gateway profile the request rules check against.</summary>
internal enum GatewayProfile
{
    /// <summary>Code that must run on every gateway in the seeds (the default).</summary>
    Portable,

    /// <summary>OpenAI itself: LLM2001-LLM2003 and LLM2005 are off.</summary>
    OpenAI,

    /// <summary>FlexInference: as portable, and start_within is required.</summary>
    FlexInference,
}

/// <summary>The package's .editorconfig options, read per syntax tree.</summary>
internal sealed class LlmAnalyzerOptions
{
    public const string Prefix = "llm_client_analyzers.";
    public const string ProfileKey = Prefix + "profile";
    public const string MaxRetriesKey = Prefix + "max_retries";
    public const string AllowedParametersKey = Prefix + "allowed_parameters";
    public const int DefaultMaxRetries = 5;

    public static readonly LlmAnalyzerOptions Default = new(GatewayProfile.Portable, DefaultMaxRetries, ImmutableHashSet<string>.Empty);

    private LlmAnalyzerOptions(GatewayProfile profile, int maxRetries, ImmutableHashSet<string> allowedParameters)
    {
        Profile = profile;
        MaxRetries = maxRetries;
        AllowedParameters = allowedParameters;
    }

    public GatewayProfile Profile { get; }

    public int MaxRetries { get; }

    /// <summary>Wire keys the user has declared acceptable for their gateway.</summary>
    public ImmutableHashSet<string> AllowedParameters { get; }

    public bool IsAllowed(string wireKey) => AllowedParameters.Contains(wireKey);

    /// <summary>
    /// Each tree's options, per options provider: read once per file rather than once per code block. Weak on both keys, so
    /// an edited file's old tree (and a replaced provider) can be collected.
    /// </summary>
    private static readonly ConditionalWeakTable<AnalyzerConfigOptionsProvider, PerProvider> Cache = new();

    private static readonly ConditionalWeakTable<AnalyzerConfigOptionsProvider, PerProvider>.CreateValueCallback NewPerProvider = provider => new PerProvider(provider);

    public static LlmAnalyzerOptions Get(AnalyzerOptions options, SyntaxTree tree)
    {
        var perProvider = Cache.GetValue(options.AnalyzerConfigOptionsProvider, NewPerProvider);
        return perProvider.Trees.GetValue(tree, perProvider.ReadTree);
    }

    private sealed class PerProvider
    {
        public PerProvider(AnalyzerConfigOptionsProvider provider) => ReadTree = tree => Read(provider, tree);

        public ConditionalWeakTable<SyntaxTree, LlmAnalyzerOptions> Trees { get; } = new();

        public ConditionalWeakTable<SyntaxTree, LlmAnalyzerOptions>.CreateValueCallback ReadTree { get; }
    }

    private static LlmAnalyzerOptions Read(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
    {
        var config = provider.GetOptions(tree);
        var profile = GatewayProfile.Portable;
        if (config.TryGetValue(ProfileKey, out var profileText))
        {
            profile = profileText.Trim().ToLowerInvariant() switch
            {
                "openai" => GatewayProfile.OpenAI,
                "flexinference" => GatewayProfile.FlexInference,
                _ => GatewayProfile.Portable,
            };
        }

        var maxRetries = DefaultMaxRetries;
        if (config.TryGetValue(MaxRetriesKey, out var maxText) && int.TryParse(maxText.Trim(), out var parsed) && parsed >= 0)
        {
            maxRetries = parsed;
        }

        var allowed = ImmutableHashSet<string>.Empty;
        if (config.TryGetValue(AllowedParametersKey, out var allowedText))
        {
            var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var part in allowedText.Split(new[] { ',', ' ', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Add(part.Trim());
            }

            allowed = builder.ToImmutable();
        }

        if (profile == GatewayProfile.Portable && maxRetries == DefaultMaxRetries && allowed.IsEmpty)
        {
            return Default;
        }

        return new LlmAnalyzerOptions(profile, maxRetries, allowed);
    }
}
