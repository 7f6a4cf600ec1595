namespace LlmClient.Sample;

/// <summary>Where the OpenAI-compatible gateway is and how to authenticate, read from the environment.</summary>
public sealed record GatewayOptions(Uri BaseAddress, string ApiKey, string Model)
{
    public const string ApiKeyVariable = "LLM_API_KEY";
    public const string BaseUrlVariable = "LLM_BASE_URL";
    public const string ModelVariable = "LLM_MODEL";

    /// <summary>Null when the API key is not set.</summary>
    public static GatewayOptions? FromEnvironment()
    {
        var apiKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            return null;
        }

        var baseUrl = Environment.GetEnvironmentVariable(BaseUrlVariable) ?? "https://gateway.example.com/";
        var model = Environment.GetEnvironmentVariable(ModelVariable) ?? "gpt-5.5";

        // A base address must end in '/' for relative paths like "v1/responses" to append to it.
        return new GatewayOptions(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), apiKey, model);
    }
}
