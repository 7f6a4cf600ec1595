// Valid corpus: JSON APIs that are not LLM APIs, with field names that look like LLM parameters.
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValidCorpus.NonLlm;

public sealed class SubscriptionDto
{
    [JsonPropertyName("service_tier")]
    public string ServiceTier { get; set; } = "gold";

    [JsonPropertyName("n")]
    public int N { get; set; } = 3;

    [JsonPropertyName("seed")]
    public int Seed { get; set; }
}

public sealed class BillingClient(HttpClient http)
{
    public Task<HttpResponseMessage> UpgradeAsync(string customer)
        => http.PostAsJsonAsync("https://billing.example/api/subscriptions", new { customer, service_tier = "platinum", n = 2 });

    public Task<HttpResponseMessage> SampleAsync()
        => http.PostAsJsonAsync("/api/statistics/sample", new { n = 500, seed = 42, stop = "end" });

    public string Serialize(SubscriptionDto dto) => JsonSerializer.Serialize(dto);

    public string AuditEntry(string user) => JsonSerializer.Serialize(new { user, service_tier = "gold", messages = new[] { "upgraded" } });

    public async Task<string?> ReadTierAsync()
    {
        using var response = await http.GetAsync("https://billing.example/api/me");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("service_tier").GetString();
    }
}
