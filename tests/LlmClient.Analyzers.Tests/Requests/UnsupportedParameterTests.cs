using LlmClient.Analyzers.CodeFixes.Requests;
using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

public class UnsupportedParameterTests
{
    private const string Id = RuleIdentifiers.UnsupportedParameter;

    [Fact]
    public Task Chat_parameters_in_an_anonymous_payload() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new
            {
                model = "gpt-5.5",
                messages = new[] { new { role = "user", content = "hi" } },
                temperature = 0.2,
                [|seed = 42|],
                [|stop = new[] { "END" }|],
                [|presence_penalty = 0.5|],
                [|frequency_penalty = 0.5|],
                [|logprobs = true|],
                [|top_logprobs = 3|],
                [|modalities = new[] { "text", "audio" }|],
                [|web_search_options = new { }|],
            });
        }
        """, Id);

    [Fact]
    public Task Text_only_modalities_are_fine() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, modalities = new[] { "text" } });
        }
        """);

    [Fact]
    public Task Messages_parameters_cache_control_and_citations_in_json() => Verify<RequestAnalyzer>.AnalyzerAsync(""""
        class C
        {
            Task Send(HttpClient http) => http.PostAsync("https://gw.example/v1/messages", new StringContent("""
                {
                  "model": "claude-sonnet-4",
                  "max_tokens": 512,
                  [|"top_k": 40|],
                  [|"stop_sequences": ["END"]|],
                  "messages": [{
                    "role": "user",
                    "content": [
                      { "type": "text", "text": "Summarize", [|"cache_control": { "type": "ephemeral" }|] },
                      { "type": "document", "source": { "type": "text", "data": "..." }, [|"citations": { "enabled": true }|] }
                    ]
                  }]
                }
                """));
        }
        """", Id);

    [Fact]
    public Task Interactions_generation_config() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/interactions", new
            {
                model = "gemini-2.5-flash",
                input = "hi",
                generation_config = new { temperature = 0.3, [|seed = 7|], [|stop_sequences = new[] { "x" }|] },
            });
        }
        """, Id);

    [Fact]
    public Task OpenAI_sdk_properties() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        #pragma warning disable OPENAI001, SCME0001
        using OpenAI.Chat;

        class C
        {
            ChatCompletionOptions Build()
            {
                var options = new ChatCompletionOptions
                {
                    [|Seed = 42|],
                    [|FrequencyPenalty = 0.1f|],
                    [|IncludeLogProbabilities = true|],
                    [|ResponseModalities = ChatResponseModalities.Text | ChatResponseModalities.Audio|],
                    MaxOutputTokenCount = 100,
                };
                [|options.StopSequences.Add("END");|]
                [|options.LogitBiases[50256] = -100;|]
                [|options.Patch.Set("$.presence_penalty"u8, 0.5);|]
                return options;
            }
        }
        """, Id);

    [Fact]
    public Task ExtensionsAI_typed_properties() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using Microsoft.Extensions.AI;

        class C
        {
            ChatOptions Build() => new ChatOptions { ModelId = "gpt-5.5", [|Seed = 1|], [|TopK = 40|], [|StopSequences = ["END"]|], Temperature = 0.1f };
        }
        """, Id);

    [Fact]
    public Task Anthropic_stop_sequences() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using Anthropic.Models.Messages;

        class C
        {
            MessageCreateParams Build() => new() { Model = "claude-sonnet-4-5", MaxTokens = 100, Messages = [new UserMessageParam("hi")], [|StopSequences = ["END"]|] };
        }
        """, Id);

    // ---- Look-alikes ----

    [Fact]
    public Task Parameters_valid_on_the_endpoint_are_fine() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                // Responses and Messages keep temperature; top_k is only unsupported on /v1/messages, seed only on chat.
                await http.PostAsJsonAsync("v1/responses", new { model = "m", input = "hi", temperature = 0.1, top_p = 0.9 });
                await http.PostAsJsonAsync("v1/messages", new { model = "claude-x", max_tokens = 10, messages = new[] { "hi" }, temperature = 0.5, seed = 1 });
                await http.PostAsJsonAsync("v1/embeddings", new { model = "e", input = "hi", seed = 1 });
                await http.PostAsJsonAsync("https://stats.example/api/sample", new { seed = 42, stop = "x", top_k = 3 });
            }
        }
        """);

    [Fact]
    public Task Null_values_and_allowed_parameters_are_fine() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, seed = 42, stop = (string?)null, logprobs = (bool?)null });
        }
        """, editorConfig: "llm_client_analyzers.allowed_parameters = seed");

    [Fact]
    public Task Openai_profile_allows_them() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, seed = 42, stop = "x" });
        }
        """, editorConfig: "llm_client_analyzers.profile = openai");

    // ---- Fix ----

    [Fact]
    public Task Fix_removes_each_parameter_in_every_shape() => Verify<RequestAnalyzer>.CodeFixAsync<RemoveUnsupportedParameterFixer>(""""
        #pragma warning disable OPENAI001
        using System.Net.Http.Json;
        using OpenAI.Chat;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, [|seed = 1|], [|stop = "x"|] });
                await http.PostAsync("v1/chat/completions", new StringContent("""{"model": "m", "messages": [], [|"seed": 1|], [|"stop": ["x"]|]}"""));
                var options = new ChatCompletionOptions { [|Seed = 1|], MaxOutputTokenCount = 5 };
                [|options.StopSequences.Add("x");|]
            }
        }
        """", """"
        #pragma warning disable OPENAI001
        using System.Net.Http.Json;
        using OpenAI.Chat;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" } });
                await http.PostAsync("v1/chat/completions", new StringContent("""{"model": "m", "messages": []}"""));
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
            }
        }
        """", Id);
}
