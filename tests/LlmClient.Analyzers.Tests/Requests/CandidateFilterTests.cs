using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

/// <summary>
/// The syntax pre-filter only skips calls that binding would reject: every way of naming JsonContent.Create,
/// JsonSerializer.Serialize and JsonConvert.SerializeObject (qualified, aliased, global alias, using static) and
/// every HttpClient verb method still reaches the request model; look-alike factories do not need to.
/// </summary>
public class CandidateFilterTests
{
    private const string Id = RuleIdentifiers.ServiceTier;

    [Fact]
    public Task Static_calls_through_qualified_names_aliases_and_using_static() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Collections.Immutable;
        using System.Text;
        using JC = System.Net.Http.Json.JsonContent;
        using STJ = System.Text.Json.JsonSerializer;
        using NJ = Newtonsoft.Json.JsonConvert;
        using static System.Net.Http.Json.JsonContent;

        namespace N
        {
            using Inner = System.Net.Http.Json.JsonContent;

            class C
            {
                async Task Send(HttpClient http)
                {
                    await http.PostAsync("v1/chat/completions", JC.Create(new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] }));
                    await http.PostAsync("v1/chat/completions", Inner.Create(new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] }));
                    await http.PostAsync("v1/chat/completions", Create(new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] }));
                    await http.PostAsync("v1/chat/completions", System.Net.Http.Json.JsonContent.Create(new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] }));
                    await http.PostAsync("v1/chat/completions", global::System.Net.Http.Json.JsonContent.Create(new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] }));
                    await http.PostAsync("v1/chat/completions", new StringContent(STJ.Serialize(new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] }), Encoding.UTF8, "application/json"));
                    await http.PostAsync("v1/chat/completions", new StringContent(NJ.SerializeObject(new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] }), Encoding.UTF8, "application/json"));
                    _ = ImmutableArray.Create(1, 2, 3);
                    _ = string.Create(3, 'x', (span, c) => span.Fill(c));
                }
            }
        }
        """, Id);

    [Fact]
    public Task Global_alias_declared_in_another_file()
    {
        var test = new AnalyzerTest { DefaultDiagnosticId = Id };
        test.Sources.Add("""
            global using Payload = System.Net.Http.Json.JsonContent;
            """);
        test.Sources.Add("""
            class C
            {
                Task Send(HttpClient http)
                    => http.PostAsync("v1/chat/completions", Payload.Create(new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] }));
            }
            """);
        test.Analyzers.Add(new RequestAnalyzer());
        return test.RunAsync();
    }

    [Fact]
    public Task Top_level_statements() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using J = System.Net.Http.Json.JsonContent;

        var http = new HttpClient();
        await http.PostAsync("v1/chat/completions", J.Create(new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] }));
        """, Id);

    [Fact]
    public Task Http_verb_methods_with_unusual_names_are_still_read() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.GetFromJsonAsync<string>({|LLM3001:"v1/chat/completions"|});
                await foreach (var item in http.GetFromJsonAsAsyncEnumerable<string>({|LLM3001:"v1/chat/completions"|}))
                {
                }
            }
        }
        """);

    [Fact]
    public Task Target_typed_new_with_the_type_in_the_declaration_alias_or_return_type() => Verify<RequestAnalyzer>.AnalyzerAsync(""""
        #pragma warning disable OPENAI001
        using System.Text;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;
        using SC = System.Net.Http.StringContent;
        using Opts = OpenAI.Chat.ChatCompletionOptions;

        class C
        {
            private static readonly ChatOptions Shared = new() { ModelId = "m", {|LLM2003:Seed = 1|} };

            ChatOptions Property { get; } = new() { ModelId = "m", {|LLM2003:TopK = 40|} };

            ChatOptions Getter
            {
                get { return new() { ModelId = "m", {|LLM2003:Seed = 2|} }; }
            }

            static ChatCompletionOptions Build() { return new() { MaxOutputTokenCount = 5, {|LLM2003:Seed = 3|} }; }

            static Opts BuildAliased() => new() { MaxOutputTokenCount = 5, {|LLM2003:Seed = 4|} };

            static ChatCompletionOptions? BuildNullable() => new() { MaxOutputTokenCount = 5, {|LLM2003:Seed = 5|} };

            async Task Send(HttpClient http)
            {
                StringContent plain = new("""{"model": "m", "messages": [], {|LLM2001:"service_tier": "flex"|}}""", Encoding.UTF8, "application/json");
                await http.PostAsync("v1/chat/completions", plain);
                SC aliased = new("""{"model": "m", "messages": [], {|LLM2001:"service_tier": "flex"|}}""", Encoding.UTF8, "application/json");
                await http.PostAsync("v1/chat/completions", aliased);
                Func<ChatCompletionOptions> lambda = () => new() { MaxOutputTokenCount = 5, {|LLM2003:Seed = 6|} };
                Point point = new(1, 2);
            }

            async Task<ChatCompletionOptions> BuildAsync()
            {
                await Task.Yield();
                return new() { MaxOutputTokenCount = 5, {|LLM2003:Seed = 7|} };
            }
        }

        readonly record struct Point(int X, int Y);
        """");

    [Fact]
    public Task Members_marked_GeneratedCode_are_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.CodeDom.Compiler;
        using System.Net.Http.Json;

        [GeneratedCode("tool", "1.0")]
        class Generated
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, service_tier = "flex" });
        }

        class PartlyGenerated
        {
            [GeneratedCode("tool", "1.0")]
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, service_tier = "flex" });

            Task Mine(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { "hi" }, [|service_tier = "flex"|] });
        }
        """, Id);

    // The analyzers leave generated code to GeneratedCodeFilter (docs/performance.md): a diagnostic the request lands on a
    // member of a [GeneratedCode] DTO is dropped, as the driver dropped it; the same DTO written by hand is reported.
    [Fact]
    public Task Dto_member_in_a_GeneratedCode_type_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.CodeDom.Compiler;
        using System.Net.Http.Json;
        using Newtonsoft.Json;

        [GeneratedCode("tool", "1.0")]
        class ChatRequest
        {
            [JsonProperty("model")] public string Model { get; set; } = "gpt-5.5";
            [JsonProperty("messages")] public List<string> Messages { get; set; } = new();
            [JsonProperty("service_tier")] public string? ServiceTier { get; set; } = "flex";
        }

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new ChatRequest { Messages = { "hi" } });
        }
        """);

    [Fact]
    public Task Dto_member_marked_GeneratedCode_is_not_reported() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.CodeDom.Compiler;
        using System.Net.Http.Json;
        using Newtonsoft.Json;

        class ChatRequest
        {
            [JsonProperty("model")] public string Model { get; set; } = "gpt-5.5";
            [JsonProperty("messages")] public List<string> Messages { get; set; } = new();
            [GeneratedCode("tool", "1.0")]
            [JsonProperty("service_tier")] public string? ServiceTier { get; set; } = "flex";
        }

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new ChatRequest { Messages = { "hi" } });
        }
        """);

    [Fact]
    public Task Dto_member_written_by_hand_is_reported()
    {
        var test = new AnalyzerTest
        {
            DefaultDiagnosticId = Id,
            EditorMissesBecause = "the diagnostic is on the DTO's member, outside Send, which found it: the IDE shows it only with full solution analysis",
        };
        test.Analyzers.Add(new RequestAnalyzer());
        test.Sources.Add("""
        using System.Net.Http.Json;
        using Newtonsoft.Json;

        class ChatRequest
        {
            [JsonProperty("model")] public string Model { get; set; } = "gpt-5.5";
            [JsonProperty("messages")] public List<string> Messages { get; set; } = new();
            [JsonProperty("service_tier")] public string? ServiceTier { get; set; } = [|"flex"|];
        }

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/chat/completions", new ChatRequest { Messages = { "hi" } });
        }
        """);
        return test.RunAsync();
    }
}
