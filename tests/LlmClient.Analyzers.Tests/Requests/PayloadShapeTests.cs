using LlmClient.Analyzers.CodeFixes.Requests;
using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

/// <summary>LLM2001 (and its removal fix) over every payload shape family the request model reads.</summary>
public class PayloadShapeTests
{
    private const string Id = RuleIdentifiers.ServiceTier;

    private static Task Fix(string source, string fixedSource) => Verify<RequestAnalyzer>.CodeFixAsync<RemoveServiceTierFixer>(source, fixedSource, Id);

    // ---- Dictionaries ----

    [Fact]
    public Task Dictionary_index_initializer() => Fix("""
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new Dictionary<string, object>
            {
                ["model"] = "gpt-5.5",
                [|["service_tier"] = "flex"|],
                ["messages"] = new[] { "hi" },
            });
        }
        """, """
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new Dictionary<string, object>
            {
                ["model"] = "gpt-5.5",
                ["messages"] = new[] { "hi" },
            });
        }
        """);

    [Fact]
    public Task Dictionary_collection_initializer_and_later_statements() => Fix("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                var body = new Dictionary<string, object?> { { "model", "gpt-5.5" }, [|{ "service_tier", "flex" }|] };
                body["messages"] = new[] { "hi" };
                var other = new Dictionary<string, object?> { ["model"] = "gpt-5.5", ["input"] = "hi" };
                [|other["service_tier"] = "priority";|]
                var third = new Dictionary<string, object?> { ["model"] = "gpt-5.5", ["input"] = "hi" };
                [|third.Add("service_tier", "auto");|]
                await http.PostAsJsonAsync("v1/chat/completions", body);
                await http.PostAsJsonAsync("v1/responses", other);
                await http.PostAsJsonAsync("v1/responses", third);
            }
        }
        """, """
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                var body = new Dictionary<string, object?> { { "model", "gpt-5.5" } };
                body["messages"] = new[] { "hi" };
                var other = new Dictionary<string, object?> { ["model"] = "gpt-5.5", ["input"] = "hi" };
                var third = new Dictionary<string, object?> { ["model"] = "gpt-5.5", ["input"] = "hi" };
                await http.PostAsJsonAsync("v1/chat/completions", body);
                await http.PostAsJsonAsync("v1/responses", other);
                await http.PostAsJsonAsync("v1/responses", third);
            }
        }
        """);

    [Fact]
    public Task Last_write_wins_so_a_later_null_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                var body = new Dictionary<string, object?> { ["model"] = "m", ["messages"] = new[] { "hi" }, ["service_tier"] = "flex" };
                body["service_tier"] = null;
                await http.PostAsJsonAsync("v1/chat/completions", body);
            }
        }
        """);

    [Fact]
    public Task Dictionary_key_later_removed_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                var body = new Dictionary<string, object> { ["model"] = "m", ["messages"] = new[] { "hi" }, ["service_tier"] = "flex" };
                body.Remove("service_tier");
                await http.PostAsJsonAsync("v1/chat/completions", body);
            }
        }
        """);

    // ---- JsonObject and JObject ----

    [Fact]
    public Task JsonObject_initializer_and_indexer() => Fix("""
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;

        class C
        {
            async Task Send(HttpClient http)
            {
                var body = new JsonObject { ["model"] = "gpt-5.5", ["input"] = "hi", [|["service_tier"] = "flex"|] };
                var later = new JsonObject { ["model"] = "gpt-5.5", ["input"] = "hi" };
                [|later["service_tier"] = "auto";|]
                await http.PostAsJsonAsync("v1/responses", later);
                await http.PostAsync("v1/responses", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            }
        }
        """, """
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;

        class C
        {
            async Task Send(HttpClient http)
            {
                var body = new JsonObject { ["model"] = "gpt-5.5", ["input"] = "hi" };
                var later = new JsonObject { ["model"] = "gpt-5.5", ["input"] = "hi" };
                await http.PostAsJsonAsync("v1/responses", later);
                await http.PostAsync("v1/responses", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            }
        }
        """);

    [Fact]
    public Task JObject_properties_and_initializer() => Fix("""
        using Newtonsoft.Json.Linq;

        class C
        {
            async Task Send(HttpClient http)
            {
                var body = new JObject(new JProperty("model", "gpt-5.5"), new JProperty("messages", new JArray("hi")), [|new JProperty("service_tier", "flex")|]);
                var other = new JObject { ["model"] = "gpt-5.5", ["input"] = "hi", [|["service_tier"] = "flex"|] };
                await http.PostAsync("v1/chat/completions", new StringContent(body.ToString()));
                await http.PostAsync("v1/responses", new StringContent(other.ToString()));
            }
        }
        """, """
        using Newtonsoft.Json.Linq;

        class C
        {
            async Task Send(HttpClient http)
            {
                var body = new JObject(new JProperty("model", "gpt-5.5"), new JProperty("messages", new JArray("hi")));
                var other = new JObject { ["model"] = "gpt-5.5", ["input"] = "hi" };
                await http.PostAsync("v1/chat/completions", new StringContent(body.ToString()));
                await http.PostAsync("v1/responses", new StringContent(other.ToString()));
            }
        }
        """);

    // ---- JSON text ----

    [Fact]
    public Task Json_in_regular_verbatim_and_raw_literals() => Fix(""""
        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsync("v1/chat/completions", new StringContent("{\"model\":\"gpt-5.5\",[|\"service_tier\":\"flex\"|],\"messages\":[]}"));
                await http.PostAsync("v1/chat/completions", new StringContent(@"{""model"": ""gpt-5.5"", ""messages"": [], [|""service_tier"": ""flex""|]}"));
                var json = """
                    {
                      "model": "gpt-5.5",
                      "messages": [{ "role": "user", "content": "hi" }],
                      [|"service_tier": "flex"|]
                    }
                    """;
                await http.PostAsync("v1/chat/completions", new StringContent(json));
            }
        }
        """", """"
        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsync("v1/chat/completions", new StringContent("{\"model\":\"gpt-5.5\",\"messages\":[]}"));
                await http.PostAsync("v1/chat/completions", new StringContent(@"{""model"": ""gpt-5.5"", ""messages"": []}"));
                var json = """
                    {
                      "model": "gpt-5.5",
                      "messages": [{ "role": "user", "content": "hi" }]
                    }
                    """;
                await http.PostAsync("v1/chat/completions", new StringContent(json));
            }
        }
        """");

    [Fact]
    public Task Json_in_interpolated_raw_literal() => Fix(""""
        class C
        {
            async Task Send(HttpClient http, string model, string question)
            {
                var json = $$"""{"model": "{{model}}", [|"service_tier": "flex"|], "input": "{{question}}"}""";
                await http.PostAsync("v1/responses", new StringContent(json));
            }
        }
        """", """"
        class C
        {
            async Task Send(HttpClient http, string model, string question)
            {
                var json = $$"""{"model": "{{model}}", "input": "{{question}}"}""";
                await http.PostAsync("v1/responses", new StringContent(json));
            }
        }
        """");

    // ---- DTOs ----

    [Fact]
    public Task Dto_with_json_attributes_and_mutation() => Fix("""
        using System.Net.Http.Json;
        using System.Text.Json.Serialization;

        class ChatRequest
        {
            [JsonPropertyName("model")] public string Model { get; set; } = "";
            [JsonPropertyName("messages")] public string[] Messages { get; set; } = [];
            [JsonPropertyName("service_tier")] public string? Tier { get; set; }
        }

        class C
        {
            async Task Send(HttpClient http)
            {
                var request = new ChatRequest { Model = "gpt-5.5", Messages = ["hi"], [|Tier = "flex"|] };
                var later = new ChatRequest { Model = "gpt-5.5", Messages = ["hi"] };
                [|later.Tier = "priority";|]
                await http.PostAsJsonAsync("v1/chat/completions", request);
                await http.PostAsJsonAsync("v1/chat/completions", later);
            }
        }
        """, """
        using System.Net.Http.Json;
        using System.Text.Json.Serialization;

        class ChatRequest
        {
            [JsonPropertyName("model")] public string Model { get; set; } = "";
            [JsonPropertyName("messages")] public string[] Messages { get; set; } = [];
            [JsonPropertyName("service_tier")] public string? Tier { get; set; }
        }

        class C
        {
            async Task Send(HttpClient http)
            {
                var request = new ChatRequest { Model = "gpt-5.5", Messages = ["hi"] };
                var later = new ChatRequest { Model = "gpt-5.5", Messages = ["hi"] };
                await http.PostAsJsonAsync("v1/chat/completions", request);
                await http.PostAsJsonAsync("v1/chat/completions", later);
            }
        }
        """);

    [Fact]
    public Task Dto_unset_nullable_member_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;
        using Newtonsoft.Json;

        class ChatRequest
        {
            [JsonProperty("model")] public string Model { get; set; } = "gpt-5.5";
            [JsonProperty("messages")] public List<string> Messages { get; set; } = new();
            [JsonProperty("service_tier")] public string? ServiceTier { get; set; }
        }

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new ChatRequest { Messages = { "hi" } });
        }
        """);

    [Fact]
    public Task Record_constructor_argument_is_read() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Text.Json;

        record ChatRequest(string model, string[] messages, string? service_tier);

        class C
        {
            string Build() => JsonSerializer.Serialize(new ChatRequest("gpt-5.5", ["hi"], [|"flex"|]));
        }
        """, Id);

    // ---- SDK options ----

    [Fact]
    public Task OpenAI_ChatCompletionOptions_initializer_and_statement() => Fix("""
        #pragma warning disable OPENAI001
        using OpenAI.Chat;

        class C
        {
            ChatCompletionOptions Build()
            {
                var options = new ChatCompletionOptions { Temperature = 0.2f, [|ServiceTier = ChatServiceTier.Flex|] };
                var later = new ChatCompletionOptions();
                [|later.ServiceTier = "priority";|]
                return later.Temperature is null ? options : later;
            }
        }
        """, """
        #pragma warning disable OPENAI001
        using OpenAI.Chat;

        class C
        {
            ChatCompletionOptions Build()
            {
                var options = new ChatCompletionOptions { Temperature = 0.2f };
                var later = new ChatCompletionOptions();
                return later.Temperature is null ? options : later;
            }
        }
        """);

    [Fact]
    public Task OpenAI_Patch_and_responses_options() => Fix("""
        #pragma warning disable OPENAI001, SCME0001
        using OpenAI.Chat;
        using OpenAI.Responses;

        class C
        {
            void Build()
            {
                var chat = new ChatCompletionOptions();
                [|chat.Patch.Set("$.service_tier"u8, "flex");|]
                var responses = new CreateResponseOptions { Model = "gpt-5.5", [|ServiceTier = ResponseServiceTier.Flex|] };
            }
        }
        """, """
        #pragma warning disable OPENAI001, SCME0001
        using OpenAI.Chat;
        using OpenAI.Responses;

        class C
        {
            void Build()
            {
                var chat = new ChatCompletionOptions();
                var responses = new CreateResponseOptions { Model = "gpt-5.5" };
            }
        }
        """);

    [Fact]
    public Task ExtensionsAI_additional_properties() => Fix("""
        using Microsoft.Extensions.AI;

        class C
        {
            ChatOptions Build()
            {
                var options = new ChatOptions { ModelId = "gpt-5.5", AdditionalProperties = new() { [|["service_tier"] = "flex"|] } };
                var later = new ChatOptions { AdditionalProperties = new() };
                [|later.AdditionalProperties["service_tier"] = "auto";|]
                return options.ModelId is null ? later : options;
            }
        }
        """, """
        using Microsoft.Extensions.AI;

        class C
        {
            ChatOptions Build()
            {
                var options = new ChatOptions { ModelId = "gpt-5.5", AdditionalProperties = new() { } };
                var later = new ChatOptions { AdditionalProperties = new() };
                return options.ModelId is null ? later : options;
            }
        }
        """);

    [Fact]
    public Task Anthropic_message_params() => Fix("""
        using Anthropic.Models.Messages;

        class C
        {
            MessageCreateParams Build() => new MessageCreateParams
            {
                Model = "claude-sonnet-4-5",
                MaxTokens = 1024,
                Messages = [new UserMessageParam("hi")],
                [|ServiceTier = ServiceTier.Auto|],
            };
        }
        """, """
        using Anthropic.Models.Messages;

        class C
        {
            MessageCreateParams Build() => new MessageCreateParams
            {
                Model = "claude-sonnet-4-5",
                MaxTokens = 1024,
                Messages = [new UserMessageParam("hi")],
            };
        }
        """);

    [Fact]
    public Task Sdk_null_service_tier_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        #pragma warning disable OPENAI001
        using OpenAI.Chat;

        class C
        {
            ChatCompletionOptions Build() => new ChatCompletionOptions { ServiceTier = null, MaxOutputTokenCount = 10 };
        }
        """);
}
