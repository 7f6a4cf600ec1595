using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

/// <summary>Correct code the valid corpus once tripped on; each stays silent.</summary>
public class LookAlikeRegressionTests
{
    [Fact]
    public Task Naming_policy_in_a_static_readonly_field_is_followed() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;
        using System.Text.Json;
        using System.Text.Json.Serialization;

        sealed class CompletionSettings
        {
            public string Model { get; set; } = "gpt-4.1-mini";
            public object[] Messages { get; set; } = [];
            public float? Temperature { get; set; }
        }

        class C
        {
            private static readonly JsonSerializerOptions SnakeCase = new()
            {
                PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            };

            Task<HttpResponseMessage> Send(HttpClient http, CancellationToken ct)
            {
                var settings = new CompletionSettings { Temperature = 0.4f };
                return http.PostAsJsonAsync("v1/chat/completions", settings, SnakeCase, ct);
            }
        }
        """);

    [Fact]
    public Task Field_policy_is_applied_to_rejected_keys_too() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;
        using System.Text.Json;

        class C
        {
            private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

            Task<HttpResponseMessage> Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new { Model = "m", Messages = new[] { "hi" }, [|ServiceTier = "flex"|] }, Snake);
        }
        """, RuleIdentifiers.ServiceTier);

    [Fact]
    public Task Unknown_naming_policy_never_concludes_a_key_is_missing() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;
        using System.Text.Json;

        class C(JsonSerializerOptions injected)
        {
            Task<HttpResponseMessage> Send(HttpClient http) => http.PostAsJsonAsync("v1/messages", new { Model = "claude-sonnet-4", MaxTokens = 100, Messages = new[] { "hi" } }, injected);
        }
        """);

    [Fact]
    public Task Anthropic_model_enum_is_a_string_on_the_wire() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using Anthropic.Models.Messages;

        class C
        {
            MessageCreateParams Build(string problem) => new MessageCreateParams
            {
                Model = Model.ClaudeSonnet4_6,
                MaxTokens = 16_000,
                Messages = [new UserMessageParam(problem)],
            };
        }
        """);

    [Fact]
    public Task One_word_endpoints_need_an_llm_prefix() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http, string queue, IEnumerable<string> bodies, CancellationToken ct)
            {
                await http.PostAsJsonAsync($"https://queues.example/api/{queue}/messages", new { messages = bodies.Select(b => new { body = b, delay_seconds = 0 }), priority = "high" }, ct);
                await http.PostAsJsonAsync("https://graph.microsoft.com/v1.0/me/messages", new { subject = "hi", n = 3 }, ct);
                await http.PostAsJsonAsync("https://surveys.example/api/surveys/5/responses", new { answer = "yes", seed = 1 }, ct);
            }
        }
        """);

    [Fact]
    public Task One_word_endpoints_after_a_version_or_base_url_still_count() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C(string baseUrl)
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-sonnet-4", max_tokens = 10, messages = new[] { "hi" }, {|LLM2003:top_k = 5|} });
                await http.PostAsJsonAsync($"{baseUrl}/messages", new { model = "claude-sonnet-4", max_tokens = 10, messages = new[] { "hi" }, {|LLM2003:top_k = 5|} });
                await http.PostAsJsonAsync("openai/deployments/gpt/responses", new { input = "hi", {|LLM2001:service_tier = "flex"|} });
            }
        }
        """);
}
