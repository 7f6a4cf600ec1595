using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

public class InvalidJsonBodyTests
{
    private const string Id = RuleIdentifiers.InvalidJsonBody;

    [Fact]
    public Task Syntax_errors_and_non_object_bodies() => Verify<RequestAnalyzer>.AnalyzerAsync(""""
        class C
        {
            async Task Send(HttpClient http)
            {
                await http.PostAsync("v1/chat/completions", new StringContent("""{"model": "gpt-5.5", "messages": []{|LLM2007:,|}}"""));
                await http.PostAsync("v1/chat/completions", new StringContent("""{{|LLM2007:m|}odel: "gpt-5.5"}"""));
                await http.PostAsync("v1/responses", new StringContent("""{|LLM2007:[{"model": "gpt-5.5", "input": "hi"}]|}"""));
                await http.PostAsync("v1/responses", new StringContent("{\"model\": \"gpt-5.5\", \"input\": {|LLM2007:'|}hi'}"));
            }
        }
        """");

    [Fact]
    public Task Valid_json_templates_and_other_apis_are_fine() => Verify<RequestAnalyzer>.AnalyzerAsync(""""
        class C
        {
            async Task Send(HttpClient http, string fields)
            {
                await http.PostAsync("v1/chat/completions", new StringContent("""{"model": "gpt-5.5", "messages": []}"""));
                // A hole may hold any fragment: only literal text is judged.
                await http.PostAsync("v1/chat/completions", new StringContent($$"""{"model": "gpt-5.5", {{fields}}}"""));
                await http.PostAsync("https://legacy.example/api/import", new StringContent("[1, 2, 3]"));
                await http.PostAsync("v1/responses", new StringContent("not json", System.Text.Encoding.UTF8, "text/plain"));
            }
        }
        """");
}
