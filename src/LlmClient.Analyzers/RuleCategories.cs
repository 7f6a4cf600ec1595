namespace LlmClient.Analyzers;

/// <summary>Categories by first digit of the ID: 1 = Retry, 2 = Request, 3 = Transport, 4 = Security.</summary>
public static class RuleCategories
{
    public const string Retry = "Retry";
    public const string Request = "Request";
    public const string Transport = "Transport";
    public const string Security = "Security";
}
