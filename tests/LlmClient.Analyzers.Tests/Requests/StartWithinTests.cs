using LlmClient.Analyzers.CodeFixes.Requests;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

public class StartWithinTests
{
    private const string Id = RuleIdentifiers.StartWithin;

    [Theory]
    [InlineData("default", null, null)]
    [InlineData("priority", null, null)]
    [InlineData("auto", "gpt-5.5", null)]
    [InlineData("00h-00m-30s", "gpt-5.5", null)]
    [InlineData("00h-10m-00s", null, null)]
    [InlineData("00h-00m-05s", null, null)]
    [InlineData("00h-00m-04s", null, "00h-00m-05s")]
    [InlineData("00h-10m-01s", null, "00h-10m-00s")]
    [InlineData("01h-00m-00s", null, "00h-10m-00s")]
    [InlineData("30s", null, "00h-00m-30s")]
    [InlineData("0h-1m-30s", null, "00h-01m-30s")]
    [InlineData("Default", null, "default")]
    [InlineData("flex", null, "default")]
    [InlineData("00h-00m-30s", "claude-sonnet-4", "default")]
    [InlineData("auto", "gemini-2.5-pro", "default")]
    [InlineData("auto", "claude-sonnet-4", null)]
    public void Grammar(string value, string? model, string? nearest)
    {
        var problem = GatewayFacts.CheckStartWithin(value, model, out var suggestion);
        if (nearest is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Equal(nearest, suggestion);
        }
    }

    [Fact]
    public Task Invalid_values_are_reported() => Verify<RequestAnalyzer>.AnalyzerAsync(""""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" }, [|start_within = "30s"|] });
                await http.PostAsJsonAsync("v1/messages", new { model = "claude-sonnet-4", max_tokens = 10, messages = new[] { "hi" }, [|start_within = "00h-01m-00s"|] });
                await http.PostAsJsonAsync("v1/responses", new { model = "gemini-2.5-pro", input = "hi", [|start_within = "auto"|] });
                await http.PostAsJsonAsync("v1/responses", new { model = "gpt-5.5", input = "hi", [|start_within = 30|] });
                await http.PostAsync("v1/responses", new StringContent("""{"model": "gpt-5.5", "input": "hi", [|"start_within": "00h-20m-00s"|]}"""));
            }
        }
        """", Id);

    [Fact]
    public Task Valid_values_and_the_default_profile_without_it_are_fine() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http, string window)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" }, start_within = "00h-00m-30s" });
                await http.PostAsJsonAsync("v1/messages", new { model = "claude-sonnet-4", max_tokens = 10, messages = new[] { "hi" }, start_within = "priority" });
                await http.PostAsJsonAsync("v1/responses", new { model = "gpt-5.5", input = "hi", start_within = window });
                await http.PostAsJsonAsync("v1/responses", new { model = "gpt-5.5", input = "hi" });
                await http.PostAsJsonAsync("https://scheduler.example/api/jobs", new { start_within = "whenever" });
            }
        }
        """);

    [Fact]
    public Task Flexinference_profile_requires_it() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/responses", new { [|model = "gpt-5.5"|], input = "hi" });
                await http.PostAsJsonAsync("v1/responses", new { model = "gpt-5.5", input = "hi", start_within = "default" });
            }
        }
        """, Id, editorConfig: "llm_client_analyzers.profile = flexinference");

    [Fact]
    public Task Fix_uses_the_nearest_valid_value() => Verify<RequestAnalyzer>.CodeFixAsync<StartWithinFixer>(""""
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" }, [|start_within = "30s"|] });
                await http.PostAsJsonAsync("v1/messages", new Dictionary<string, object> { ["model"] = "claude-sonnet-4", ["max_tokens"] = 10, ["messages"] = new[] { "hi" }, [|["start_within"] = "00h-01m-00s"|] });
                await http.PostAsync("v1/responses", new StringContent("{\"model\": \"gpt-5.5\", \"input\": \"hi\", [|\"start_within\": \"00h-20m-00s\"|]}"));
            }
        }
        """", """"
        using System.Net.Http.Json;

        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" }, start_within = "00h-00m-30s" });
                await http.PostAsJsonAsync("v1/messages", new Dictionary<string, object> { ["model"] = "claude-sonnet-4", ["max_tokens"] = 10, ["messages"] = new[] { "hi" }, ["start_within"] = "default" });
                await http.PostAsync("v1/responses", new StringContent("{\"model\": \"gpt-5.5\", \"input\": \"hi\", \"start_within\": \"00h-10m-00s\"}"));
            }
        }
        """", Id, StartWithinFixer.ReplaceKey);

    [Fact]
    public Task Fix_adds_it_under_the_flexinference_profile() => Verify<RequestAnalyzer>.CodeFixAsync<StartWithinFixer>("""
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/responses", new { [|model = "gpt-5.5"|], input = "hi" });
        }
        """, """
        using System.Net.Http.Json;

        class C
        {
            Task Send(HttpClient http) => http.PostAsJsonAsync("v1/responses", new { model = "gpt-5.5", input = "hi", start_within = "default" });
        }
        """, Id, StartWithinFixer.AddKey, editorConfig: "llm_client_analyzers.profile = flexinference");
}
