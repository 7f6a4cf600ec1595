using LlmClient.Analyzers.CodeFixes.Requests;
using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

public class ServiceTierTests
{
    private const string Id = RuleIdentifiers.ServiceTier;

    [Fact]
    public Task PostAsJsonAsync_to_chat_completions_is_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new
                {
                    model = "gpt-5.5",
                    messages = new[] { new { role = "user", content = "hi" } },
                    [|service_tier = "flex"|],
                });
            }
        }
        """, Id);

    [Fact]
    public Task JsonContent_Create_sent_by_PostAsync_is_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http)
            {
                var content = JsonContent.Create(new { model = "gpt-5.5", input = "hi", [|service_tier = "priority"|] });
                await http.PostAsync("/v1/responses", content);
            }
        }
        """, Id);

    [Fact]
    public Task JsonSerializer_Serialize_into_StringContent_is_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Text;
        using System.Text.Json;

        class Client
        {
            async Task Send(HttpClient http)
            {
                var body = new { model = "claude-sonnet-4", max_tokens = 512, messages = new[] { new { role = "user", content = "hi" } }, [|service_tier = "auto"|] };
                var json = JsonSerializer.Serialize(body);
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.example/v1/messages")
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                await http.SendAsync(request);
            }
        }
        """, Id);

    [Fact]
    public Task Llm_shaped_payload_without_known_url_is_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Text.Json;

        class Client
        {
            string Build(string model) => JsonSerializer.Serialize(new { model, messages = Array.Empty<object>(), [|service_tier = "flex"|] });
        }
        """, Id);

    [Fact]
    public Task Interpolated_url_and_Uri_are_followed() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client(string baseUrl)
        {
            async Task Send(HttpClient http, object payload)
            {
                await http.PostAsJsonAsync($"{baseUrl}/v1/chat/completions", new { model = "m", [|service_tier = "flex"|] });
                await http.PostAsJsonAsync(new Uri(new Uri(baseUrl), "v1/responses"), new { model = "m", [|service_tier = "flex"|] });
            }
        }
        """, Id);

    [Fact]
    public Task Snake_case_naming_policy_maps_ServiceTier() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;
        using System.Text.Json;

        class Client
        {
            static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

            async Task Send(HttpClient http, string model)
            {
                var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
                await http.PostAsJsonAsync("v1/chat/completions", new { Model = model, Messages = new[] { "hi" }, [|ServiceTier = "flex"|] }, options);
            }
        }
        """, Id);

    [Fact]
    public Task Projected_member_is_named_by_the_policy() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Text.Json;

        record Settings(string Model, string ServiceTier);

        class Client
        {
            string Build(Settings s, object[] messages)
                => JsonSerializer.Serialize(new { s.Model, Messages = messages, [|s.ServiceTier|] }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        }
        """, Id);

    [Fact]
    public Task Same_payload_sent_twice_is_reported_once() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http)
            {
                var body = new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] };
                await http.PostAsJsonAsync("v1/chat/completions", body);
                await http.PostAsJsonAsync("v1/chat/completions", body);
            }
        }
        """, Id);

    // ---- Look-alikes that must stay silent ----

    [Fact]
    public Task Non_llm_json_api_with_service_tier_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Billing
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("https://billing.example/api/subscriptions", new { customer = "c1", service_tier = "gold", n = 3, seed = 4, stop = "x" });
            }
        }
        """);

    [Fact]
    public Task Payload_without_llm_shape_and_unknown_url_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Text.Json;

        class Audit
        {
            string Log(string user) => JsonSerializer.Serialize(new { user, service_tier = "gold" });
        }
        """);

    [Fact]
    public Task Null_service_tier_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, service_tier = (string?)null });
            }
        }
        """);

    [Fact]
    public Task Camel_case_default_keeps_ServiceTier_off_the_wire_name() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            // PostAsJsonAsync uses web defaults: ServiceTier is sent as "serviceTier", which no gateway reads.
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("v1/chat/completions", new { Model = "m", Messages = new[] { "hi" }, ServiceTier = "flex" });
        }
        """);

    [Fact]
    public Task Reading_a_response_field_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;
        using System.Text.Json;

        class Client
        {
            async Task<string?> Tier(HttpClient http)
            {
                var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" } });
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return doc.RootElement.GetProperty("service_tier").GetString();
            }
        }
        """);

    [Fact]
    public Task Openai_profile_turns_the_rule_off() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, service_tier = "flex" });
        }
        """, editorConfig: "llm_client_analyzers.profile = openai");

    [Fact]
    public Task Severity_none_in_editorconfig_silences() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, service_tier = "flex" });
        }
        """, editorConfig: "dotnet_diagnostic.LLM2001.severity = none");

    [Fact]
    public Task Allowed_parameters_option_silences() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http) => await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, service_tier = "flex" });
        }
        """, editorConfig: "llm_client_analyzers.allowed_parameters = service_tier, seed");

    // ---- Fix ----

    [Fact]
    public Task Fix_removes_the_member() => Verify<RequestAnalyzer>.CodeFixAsync<RemoveServiceTierFixer>("""
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new
                {
                    model = "gpt-5.5",
                    [|service_tier = "flex"|],
                    messages = new[] { "hi" },
                });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", [|service_tier = "flex"|], messages = new[] { "hi" } });
            }
        }
        """, """
        using System.Net.Http.Json;

        class Client
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new
                {
                    model = "gpt-5.5",
                    messages = new[] { "hi" },
                });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" } });
            }
        }
        """, Id);
}
