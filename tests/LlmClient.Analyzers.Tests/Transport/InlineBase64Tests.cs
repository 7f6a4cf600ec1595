using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Transport;

public class InlineBase64Tests
{
    private const string Id = RuleIdentifiers.InlineBase64;

    [Fact]
    public Task File_bytes_inlined_into_payloads() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http, string path, Stream stream)
            {
                var bytes = await File.ReadAllBytesAsync(path);
                await http.PostAsJsonAsync("v1/chat/completions", new
                {
                    model = "gpt-5.5",
                    messages = new[]
                    {
                        new { role = "user", content = new object[] { new { type = "image_url", image_url = new { url = [|$"data:image/png;base64,{Convert.ToBase64String(bytes)}"|] } } } },
                    },
                });

                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer);
                await http.PostAsJsonAsync("v1/responses", new { model = "gpt-5.5", input = "transcribe", audio = [|Convert.ToBase64String(buffer.ToArray())|] });
                await http.PostAsJsonAsync("v1/messages", new Dictionary<string, object> { ["model"] = "claude-x", ["max_tokens"] = 5, ["messages"] = new[] { "hi" }, ["data"] = [|Convert.ToBase64String(File.ReadAllBytes(path))|] });
            }
        }
        """, Id);

    [Fact]
    public Task Small_or_non_llm_base64_is_fine() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;
        using System.Text;

        class C
        {
            async Task Send(HttpClient http, string path, string note)
            {
                // Encoding a short string is not a file.
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { Convert.ToBase64String(Encoding.UTF8.GetBytes(note)) } });
                // A file sent to a storage API is not an LLM payload.
                await http.PostAsJsonAsync("https://storage.example/api/files", new { name = path, content = Convert.ToBase64String(File.ReadAllBytes(path)) });
            }
        }
        """);
}
