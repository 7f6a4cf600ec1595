using LlmClient.Analyzers.CodeFixes.Requests;
using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

public class ChatCompletionsNTests
{
    private const string Id = RuleIdentifiers.ChatCompletionsN;

    [Fact]
    public Task Constant_n_other_than_one_is_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, [|n = 3|] });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, [|n = 0|] });
            }
        }
        """, Id);

    [Fact]
    public Task Run_time_n_that_is_always_sent_is_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Text.Json;

        class Client
        {
            string Build(int choices) => JsonSerializer.Serialize(new { model = "m", messages = new[] { "hi" }, [|n = choices|] });
        }
        """, Id);

    [Fact]
    public Task Message_names_the_value() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("https://x.example/v1/chat/completions", JsonContent.Create(new { model = "m", messages = new[] { "hi" }, [|n = 2|] }));
        }
        """, Id);

    [Fact]
    public Task Projected_N_under_web_defaults_is_n() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        record Options(int N);

        class Client
        {
            async Task Send(HttpClient http, Options o) => await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, [|o.N|] });
        }
        """, Id);

    // ---- Look-alikes ----

    [Fact]
    public Task N_of_one_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, n = 1 });
        }
        """);

    [Fact]
    public Task Nullable_run_time_n_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http, int? n) => await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, n });
        }
        """);

    [Fact]
    public Task Image_generation_n_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Images
        {
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("https://gateway.example/v1/images/generations", new { model = "gpt-image-1", prompt = "a cat", n = 4 });
        }
        """);

    [Fact]
    public Task Responses_endpoint_n_is_not_this_rule() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("v1/responses", new { model = "m", input = "hi", n = 2 });
        }
        """);

    [Fact]
    public Task Non_llm_api_with_n_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;
        using System.Text.Json;

        class Stats
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("/api/samples", new { n = 20, seed = 42 });
                var json = JsonSerializer.Serialize(new { n = 5, messages = new[] { "queued" } });
            }
        }
        """);

    // ---- Fixes ----

    [Fact]
    public Task Fix_removes_n() => Verify<RequestAnalyzer>.CodeFixAsync<ChatCompletionsNFixer>("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", [|n = 3|], messages = new[] { "hi" } });
        }
        """, """
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" } });
        }
        """, Id, ChatCompletionsNFixer.RemoveKey);

    [Fact]
    public Task Fix_sets_n_to_one() => Verify<RequestAnalyzer>.CodeFixAsync<ChatCompletionsNFixer>("""
        using System.Net.Http.Json;

        record Options(int N);

        class Client
        {
            async Task Send(HttpClient http, Options o)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, [|n = 3|] });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, [|o.N|] });
            }
        }
        """, """
        using System.Net.Http.Json;

        record Options(int N);

        class Client
        {
            async Task Send(HttpClient http, Options o)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, n = 1 });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, N = 1 });
            }
        }
        """, Id, ChatCompletionsNFixer.SetToOneKey);

    [Fact]
    public Task Fix_sets_n_to_one_in_every_shape() => Verify<RequestAnalyzer>.CodeFixAsync<ChatCompletionsNFixer>(""""
        #pragma warning disable SCME0001
        using System.Net.Http.Json;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class Client
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsync("v1/chat/completions", new StringContent("""{"model": "m", "messages": [], [|"n": 3|]}"""));
                await http.PostAsJsonAsync("v1/chat/completions", new Dictionary<string, object> { ["model"] = "m", ["messages"] = new[] { "hi" }, [|["n"] = 2|] });
                var options = new ChatCompletionOptions();
                [|options.Patch.Set("$.n"u8, 2);|]
                var neutral = new ChatOptions { AdditionalProperties = new() { [|["n"] = 4|] } };
            }
        }
        """", """"
        #pragma warning disable SCME0001
        using System.Net.Http.Json;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class Client
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsync("v1/chat/completions", new StringContent("""{"model": "m", "messages": [], "n": 1}"""));
                await http.PostAsJsonAsync("v1/chat/completions", new Dictionary<string, object> { ["model"] = "m", ["messages"] = new[] { "hi" }, ["n"] = 1 });
                var options = new ChatCompletionOptions();
                options.Patch.Set("$.n"u8, 1);
                var neutral = new ChatOptions { AdditionalProperties = new() { ["n"] = 1 } };
            }
        }
        """", Id, ChatCompletionsNFixer.SetToOneKey);

    [Fact]
    public Task Fix_removes_n_in_every_shape() => Verify<RequestAnalyzer>.CodeFixAsync<ChatCompletionsNFixer>(""""
        #pragma warning disable SCME0001
        using OpenAI.Chat;

        class Client
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsync("v1/chat/completions", new StringContent("""
                    {
                      "model": "m",
                      [|"n": 3|],
                      "messages": []
                    }
                    """));
                var options = new ChatCompletionOptions();
                [|options.Patch.Set("$.n"u8, 2);|]
            }
        }
        """", """"
        #pragma warning disable SCME0001
        using OpenAI.Chat;

        class Client
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsync("v1/chat/completions", new StringContent("""
                    {
                      "model": "m",
                      "messages": []
                    }
                    """));
                var options = new ChatCompletionOptions();
            }
        }
        """", Id, ChatCompletionsNFixer.RemoveKey);
}
