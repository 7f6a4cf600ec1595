namespace LlmClient.Analyzers;

/// <summary>The IDs of every rule this package ships. IDs are fixed by the rule catalog (spec/RULES.md).</summary>
public static class RuleIdentifiers
{
    public const string NonRetryableStatus = "LLM1001";
    public const string UnboundedRetry = "LLM1002";
    public const string Backoff = "LLM1003";
    public const string RetryAfter = "LLM1004";
    public const string SwallowedFinalError = "LLM1005";
    public const string RetryBudget = "LLM1006";
    public const string DoubleRetry = "LLM1007";
    public const string ServiceTier = "LLM2001";
    public const string ChatCompletionsN = "LLM2002";
    public const string UnsupportedParameter = "LLM2003";
    public const string ClaudeTokenCap = "LLM2004";
    public const string StartWithin = "LLM2005";
    public const string Model = "LLM2006";
    public const string InvalidJsonBody = "LLM2007";
    public const string UnknownEndpoint = "LLM3001";
    public const string InlineBase64 = "LLM3004";
    public const string IdleTimeout = "LLM3002";
    public const string StreamErrorEvents = "LLM3003";
    public const string HardCodedApiKey = "LLM4001";
}
