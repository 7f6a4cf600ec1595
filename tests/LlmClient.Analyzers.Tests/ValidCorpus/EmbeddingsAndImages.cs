// Valid corpus: embeddings and image generation through raw HTTP, the OpenAI SDK and Microsoft.Extensions.AI.
// (`n` is an ordinary parameter on image generation; the Chat Completions restriction does not apply.)
using System.ClientModel;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using OpenAI.Embeddings;
using MeaiEmbeddingOptions = Microsoft.Extensions.AI.EmbeddingGenerationOptions;
using OpenAiEmbeddingOptions = OpenAI.Embeddings.EmbeddingGenerationOptions;
using OpenAiImageOptions = OpenAI.Images.ImageGenerationOptions;
using OpenAI.Images;

namespace ValidCorpus.Styles.EmbeddingsImages;

public static class VectorMath
{
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Vectors must have the same dimension.", nameof(b));
        }

        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0f : (float)(dot / (Math.Sqrt(normA) * Math.Sqrt(normB)));
    }
}

public sealed record EmbeddingsRequest(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("input")] IReadOnlyList<string> Input,
    [property: JsonPropertyName("dimensions")] int? Dimensions = null,
    [property: JsonPropertyName("encoding_format")] string EncodingFormat = "float");

public sealed record EmbeddingsResponse([property: JsonPropertyName("data")] IReadOnlyList<EmbeddingRow> Data);

public sealed record EmbeddingRow(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] float[] Embedding);

/// <summary>A tiny in-memory semantic index over raw /v1/embeddings calls.</summary>
public sealed class SemanticIndex(HttpClient http)
{
    private readonly List<(string Text, float[] Vector)> _entries = [];

    public async Task AddAsync(IReadOnlyList<string> documents, CancellationToken cancellationToken)
    {
        foreach (var batch in documents.Chunk(100))
        {
            var vectors = await EmbedAsync(batch, cancellationToken);
            _entries.AddRange(batch.Zip(vectors));
        }
    }

    public async Task<IReadOnlyList<(string Text, float Score)>> SearchAsync(string query, int top, CancellationToken cancellationToken)
    {
        var probe = (await EmbedAsync([query], cancellationToken))[0];
        return _entries
            .Select(entry => (entry.Text, Score: VectorMath.Cosine(probe, entry.Vector)))
            .OrderByDescending(hit => hit.Score)
            .Take(top)
            .ToList();
    }

    private async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var request = new EmbeddingsRequest("text-embedding-3-large", texts, Dimensions: 1024);
        using var response = await http.PostAsJsonAsync("v1/embeddings", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<EmbeddingsResponse>(cancellationToken)
            ?? throw new InvalidDataException("No embeddings in the response.");
        return body.Data.OrderBy(row => row.Index).Select(row => row.Embedding).ToArray();
    }
}

public sealed class SdkEmbeddings(EmbeddingClient client)
{
    public static SdkEmbeddings FromEnvironment()
    {
        var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("OPENAI_API_KEY is not set.");
        return new SdkEmbeddings(new EmbeddingClient("text-embedding-3-small", new ApiKeyCredential(key)));
    }

    public async Task<ReadOnlyMemory<float>> EmbedOneAsync(string text, CancellationToken cancellationToken)
    {
        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync(text, new OpenAiEmbeddingOptions { Dimensions = 512 }, cancellationToken);
        return embedding.ToFloats();
    }

    public async Task<IReadOnlyList<ReadOnlyMemory<float>>> EmbedManyAsync(IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(texts, cancellationToken: cancellationToken);
        return embeddings.OrderBy(e => e.Index).Select(e => e.ToFloats()).ToList();
    }
}

public sealed class DuplicateTicketFinder(IEmbeddingGenerator<string, Embedding<float>> generator)
{
    private static readonly MeaiEmbeddingOptions Options = new() { ModelId = "text-embedding-3-small", Dimensions = 256 };

    public async Task<IReadOnlyList<(int First, int Second)>> FindAsync(IReadOnlyList<string> tickets, float threshold, CancellationToken cancellationToken)
    {
        GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(tickets, Options, cancellationToken);
        var pairs = new List<(int, int)>();
        for (var i = 0; i < embeddings.Count; i++)
        {
            for (var j = i + 1; j < embeddings.Count; j++)
            {
                if (VectorMath.Cosine(embeddings[i].Vector.Span, embeddings[j].Vector.Span) >= threshold)
                {
                    pairs.Add((i, j));
                }
            }
        }

        return pairs;
    }
}

public sealed class ProductImageStudio(HttpClient http)
{
    public async Task<IReadOnlyList<Uri>> SketchVariantsAsync(string productDescription, CancellationToken cancellationToken)
    {
        var request = new
        {
            model = "dall-e-3",
            prompt = $"Studio product photo, white background: {productDescription}",
            n = 1,
            size = "1024x1024",
            quality = "hd",
            response_format = "url",
        };

        using var response = await http.PostAsJsonAsync("v1/images/generations", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ImagesBody>(cancellationToken);
        return body?.Data.Select(d => new Uri(d.Url!)).ToList() ?? [];
    }

    public async Task<byte[][]> ThumbnailsAsync(string prompt, int count, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            "v1/images/generations",
            new { model = "gpt-image-1", prompt, n = count, size = "1024x1024", output_format = "webp" },
            cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ImagesBody>(cancellationToken);
        return body?.Data.Select(d => Convert.FromBase64String(d.B64Json!)).ToArray() ?? [];
    }

    public async Task<byte[]> EditAsync(string imagePath, string instruction, CancellationToken cancellationToken)
    {
        // Multipart upload streams the file; nothing is inlined as base64 JSON.
        using var form = new MultipartFormDataContent();
        await using var file = File.OpenRead(imagePath);
        var image = new StreamContent(file);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "image", Path.GetFileName(imagePath));
        form.Add(new StringContent("gpt-image-1"), "model");
        form.Add(new StringContent(instruction), "prompt");

        using var response = await http.PostAsync("v1/images/edits", form, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<ImagesBody>(cancellationToken);
        return Convert.FromBase64String(body?.Data[0].B64Json ?? throw new InvalidDataException("No image returned."));
    }

    private sealed record ImagesBody([property: JsonPropertyName("data")] List<ImageDatum> Data);

    private sealed record ImageDatum(
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("b64_json")] string? B64Json);
}

public sealed class SdkIllustrator(ImageClient images)
{
    public async Task<Uri> IllustrateAsync(string scene, CancellationToken cancellationToken)
    {
        var options = new OpenAiImageOptions
        {
            Size = GeneratedImageSize.W1792xH1024,
            Quality = GeneratedImageQuality.High,
            Style = GeneratedImageStyle.Natural,
            ResponseFormat = GeneratedImageFormat.Uri,
        };

        GeneratedImage image = await images.GenerateImageAsync(scene, options, cancellationToken);
        return image.ImageUri;
    }

    public async Task SaveStoryboardAsync(string story, string folder, CancellationToken cancellationToken)
    {
        GeneratedImageCollection frames = await images.GenerateImagesAsync(story, imageCount: 3, new OpenAiImageOptions { ResponseFormat = GeneratedImageFormat.Bytes }, cancellationToken);
        for (var i = 0; i < frames.Count; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"frame-{i + 1}.png"), frames[i].ImageBytes.ToArray(), cancellationToken);
        }
    }
}
