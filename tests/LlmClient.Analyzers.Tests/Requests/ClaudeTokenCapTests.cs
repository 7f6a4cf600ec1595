using LlmClient.Analyzers.CodeFixes.Requests;
using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

public class ClaudeTokenCapTests
{
    private const string Id = RuleIdentifiers.ClaudeTokenCap;

    [Fact]
    public Task Claude_without_cap_on_each_endpoint() => Verify<RequestAnalyzer>.AnalyzerAsync(""""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/messages", new { [|model = "claude-sonnet-4"|], messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/chat/completions", new { [|model = "claude-opus-4"|], messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/responses", new { [|model = "anthropic/claude-haiku-4"|], input = "hi" });
                await http.PostAsync("v1/messages", new StringContent("""{[|"model": "claude-sonnet-4"|], "messages": []}"""));
            }
        }
        """", Id);

    [Fact]
    public Task Capped_or_other_models_are_fine() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http, string model, Dictionary<string, object> extra)
            {
                await http.PostAsJsonAsync("v1/messages", new { model = "claude-sonnet-4", max_tokens = 512, messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "claude-sonnet-4", max_tokens = 512, messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/chat/completions", new { model, messages = new[] { "hi" } });
                // A dictionary handed to other code may get its cap there.
                var body = new Dictionary<string, object> { ["model"] = "claude-sonnet-4", ["messages"] = new[] { "hi" } };
                Fill(body);
                await http.PostAsJsonAsync("v1/messages", body);
            }

            static void Fill(Dictionary<string, object> body) => body["max_tokens"] = 100;
        }
        """);

    [Fact]
    public Task Fix_adds_the_endpoint_cap() => Verify<RequestAnalyzer>.CodeFixAsync<AddTokenCapFixer>(""""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/messages", new { [|model = "claude-sonnet-4"|], messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/chat/completions", new Dictionary<string, object> { [|["model"] = "claude-opus-4"|], ["messages"] = new[] { "hi" } });
                await http.PostAsync("v1/responses", new StringContent("""
                    {
                      [|"model": "claude-haiku-4"|],
                      "input": "hi"
                    }
                    """));
            }
        }
        """", """"
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/messages", new { model = "claude-sonnet-4", messages = new[] { "hi" }, max_tokens = 1024 });
                await http.PostAsJsonAsync("v1/chat/completions", new Dictionary<string, object> { ["model"] = "claude-opus-4", ["messages"] = new[] { "hi" }, ["max_completion_tokens"] = 1024 });
                await http.PostAsync("v1/responses", new StringContent("""
                    {
                      "max_output_tokens": 1024,
                      "model": "claude-haiku-4",
                      "input": "hi"
                    }
                    """));
            }
        }
        """", Id);

    [Fact]
    public Task Fix_keeps_a_trailing_comma() => Verify<RequestAnalyzer>.CodeFixAsync<AddTokenCapFixer>("""
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/messages", new Dictionary<string, object>
            {
                [|["model"] = "claude-sonnet-4"|],
                ["messages"] = new[] { "hi" },
            });
        }
        """, """
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/messages", new Dictionary<string, object>
            {
                ["model"] = "claude-sonnet-4",
                ["messages"] = new[] { "hi" },
                ["max_tokens"] = 1024,
            });
        }
        """, Id);
}
