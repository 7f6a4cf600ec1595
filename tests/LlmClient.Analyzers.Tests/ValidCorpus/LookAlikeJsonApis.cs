// Valid corpus: JSON traffic that shares words with LLM requests but is not one: rerankers, text-to-speech,
// vector search, experiment and queue APIs, model registries, usage logs, and reads of LLM resources.
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValidCorpus.Styles.LookAlikes;

public sealed record RerankHit(int Index, double RelevanceScore);

public sealed class RerankClient(HttpClient http)
{
    /// <summary>A reranker takes a model and documents, never a conversation.</summary>
    public async Task<IReadOnlyList<RerankHit>> RerankAsync(string query, IReadOnlyList<string> documents, int topN, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "v1/rerank",
            new { model = "rerank-v3.5", query, documents, top_n = topN, return_documents = false },
            cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => new RerankHit(r.GetProperty("index").GetInt32(), r.GetProperty("relevance_score").GetDouble()))
            .ToList();
    }
}

public sealed class SpeechClient(HttpClient http)
{
    public async Task SpeakToFileAsync(string text, string path, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "v1/audio/speech",
            new { model = "gpt-4o-mini-tts", input = text, voice = "alloy", response_format = "mp3", speed = 1.1 },
            cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var file = File.Create(path);
        await response.Content.CopyToAsync(file, cancellationToken);
    }

    public async Task<string> TranscribeAsync(Stream audio, string fileName, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new StreamContent(audio), "file", fileName },
            { new StringContent("whisper-1"), "model" },
            { new StringContent("Product names: Contoso, Fabrikam."), "prompt" },
            { new StringContent("0"), "temperature" },
        };

        using var response = await http.PostAsync("v1/audio/transcriptions", form, cancellationToken);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return result.GetProperty("text").GetString() ?? string.Empty;
    }
}

public sealed class VectorSearchClient(HttpClient http)
{
    public async Task<JsonElement> QueryAsync(string collection, float[] vector, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, object>
        {
            ["vector"] = vector,
            ["top_k"] = 8,
            ["include_metadata"] = true,
            ["filter"] = new Dictionary<string, object> { ["lang"] = "en" },
        };

        using var response = await http.PostAsJsonAsync($"https://vectors.example/collections/{collection}/query", query, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}

public sealed record ExperimentDefinition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("n")] int Variants,
    [property: JsonPropertyName("stop")] DateOnly StopDate,
    [property: JsonPropertyName("service_tier")] string ServiceTier);

public sealed class ExperimentsClient(HttpClient http)
{
    public Task<HttpResponseMessage> CreateAsync(ExperimentDefinition definition, CancellationToken cancellationToken)
        => http.PostAsJsonAsync("https://experiments.example/api/experiments", definition, cancellationToken);

    public Task<HttpResponseMessage> EnqueueAsync(string queue, IEnumerable<string> bodies, CancellationToken cancellationToken)
        => http.PostAsJsonAsync(
            $"https://queues.example/api/{queue}/messages/batch",
            new { messages = bodies.Select(b => new { body = b, delay_seconds = 0 }), priority = "high" },
            cancellationToken);
}

public sealed class ModelRegistryClient(HttpClient http)
{
    /// <summary>An ML model registry: "model" names a fraud classifier, not an LLM.</summary>
    public async Task PromoteAsync(string model, int version, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "https://mlflow.example/api/2.0/mlflow/model-versions/transition-stage",
            new { name = model, version = version.ToString(System.Globalization.CultureInfo.InvariantCulture), stage = "Production", archive_existing_versions = true },
            cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<double> ScoreAsync(IReadOnlyDictionary<string, double> features, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "https://scoring.example/invocations",
            new { model = "fraud-detector", features, seed = 7, temperature_celsius = 21.5 },
            cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("score").GetDouble();
    }
}

/// <summary>What the gateway served, written to our own usage log (the tier comes from the response).</summary>
public sealed record UsageLogEntry(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("service_tier")] string? ServedTier,
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("at")] DateTimeOffset At);

public sealed class UsageLog(TextWriter sink)
{
    public async Task AppendAsync(JsonElement completionResponse, CancellationToken cancellationToken)
    {
        var usage = completionResponse.GetProperty("usage");
        var entry = new UsageLogEntry(
            completionResponse.GetProperty("model").GetString() ?? "unknown",
            completionResponse.TryGetProperty("service_tier", out var tier) ? tier.GetString() : null,
            usage.GetProperty("prompt_tokens").GetInt32(),
            usage.GetProperty("completion_tokens").GetInt32(),
            DateTimeOffset.UtcNow);
        await sink.WriteLineAsync(JsonSerializer.Serialize(entry).AsMemory(), cancellationToken);
    }
}

/// <summary>Reads of LLM resources use GET and DELETE; only generation itself is a POST.</summary>
public sealed class GatewayResources(HttpClient http)
{
    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var models = await http.GetFromJsonAsync<JsonElement>("v1/models", cancellationToken);
        return models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
    }

    public Task<JsonElement> GetStoredResponseAsync(string responseId, CancellationToken cancellationToken)
        => http.GetFromJsonAsync<JsonElement>($"v1/responses/{Uri.EscapeDataString(responseId)}", cancellationToken);

    public async Task DeleteStoredResponseAsync(string responseId, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"v1/responses/{Uri.EscapeDataString(responseId)}", cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
