namespace LlmClient.Analyzers;

/// <summary>The IDs of every rule this package ships. IDs are fixed by the rule catalog (spec/RULES.md).</summary>
public static class RuleIdentifiers
{
    public const string NonRetryableStatus = "LLM1001";
    public const string UnboundedRetry = "LLM1002";
    public const string ServiceTier = "LLM2001";
    public const string ChatCompletionsN = "LLM2002";
}
