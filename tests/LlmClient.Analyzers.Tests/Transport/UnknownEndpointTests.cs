using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Transport;

public class UnknownEndpointTests
{
    private const string Id = RuleIdentifiers.UnknownEndpoint;

    [Fact]
    public Task Non_post_calls_to_llm_endpoints() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Call(HttpClient http)
            {
                await http.GetAsync([|"https://gateway.example/v1/chat/completions"|]);
                await http.PutAsJsonAsync([|"v1/responses"|], new { model = "m", input = "hi" });
                using var request = new HttpRequestMessage(HttpMethod.Get, [|"/v1/messages"|]);
                await http.SendAsync(request);
            }
        }
        """, Id);

    [Fact]
    public Task Wrong_version_and_near_miss_paths() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            const string Base = "https://gateway.example";

            async Task Call(HttpClient http, string host)
            {
                await http.PostAsJsonAsync([|"https://api.agentsflare.example/openai/v2/images/generations"|], new { model = "gpt-image-1", prompt = "cat" });
                await http.PostAsJsonAsync([|Base + "/v1/chat/completion"|], new { model = "m", messages = new[] { "hi" } });
                await http.PostAsJsonAsync([|$"{host}/v1/chatcompletions"|], new { model = "m", messages = new[] { "hi" } });
                await http.PostAsJsonAsync([|"v1/response"|], new { model = "m", input = "hi" });
            }
        }
        """, Id);

    [Fact]
    public Task Known_and_unrelated_urls_are_fine() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Call(HttpClient http, string url)
            {
                await http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "m", messages = new[] { "hi" } });
                await http.PostAsJsonAsync("https://res.openai.azure.com/openai/deployments/gpt/chat/completions?api-version=2024-10-21", new { messages = new[] { "hi" } });
                await http.GetAsync("https://gateway.example/v1/models");
                await http.GetAsync("https://gateway.example/v1/responses/resp_123");
                await http.GetAsync(url);
                // Short words in other APIs: a chat app's own /message endpoint is not a near miss without an LLM payload.
                await http.PostAsJsonAsync("https://chat.example/api/v1/message", new { text = "hi", room = 4 });
                await http.GetAsync("https://shop.example/api/v2/orders");
                await http.DeleteAsync("https://crm.example/api/messages/42");
            }
        }
        """);

    [Fact]
    public Task Base_address_and_relative_path_are_combined() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Call()
            {
                using var http = new HttpClient { BaseAddress = new Uri("https://api.agentsflare.example/openai/v2/") };
                await http.PostAsJsonAsync([|"images/generations"|], new { model = "gpt-image-1", prompt = "cat" });

                using var good = new HttpClient();
                good.BaseAddress = new Uri("https://gateway.example/v1/");
                await good.PostAsJsonAsync("images/generations", new { model = "gpt-image-1", prompt = "cat" });
            }
        }
        """, Id);
}
