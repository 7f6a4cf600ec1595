using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

public class ModelTests
{
    private const string Id = RuleIdentifiers.Model;

    [Fact]
    public Task Missing_empty_null_and_non_string_models() => Verify<RequestAnalyzer>.AnalyzerAsync(""""
        #pragma warning disable OPENAI001
        using System.Net.Http.Json;
        using Microsoft.Extensions.AI;
        using OpenAI.Responses;

        class C
        {
            async Task Send(HttpClient http, int version)
            {
                await http.PostAsJsonAsync("v1/chat/completions", [|new { messages = new[] { "hi" } }|]);
                await http.PostAsJsonAsync("v1/chat/completions", new { [|model = ""|], messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/responses", new { [|model = (string?)null|], input = "hi" });
                await http.PostAsJsonAsync("v1/responses", new { [|model = version|], input = "hi" });
                await http.PostAsync("v1/responses", new StringContent("""{[|"model": 5|], "input": "hi"}"""));
                var options = new ChatOptions { [|ModelId = "  "|] };
                var responses = new CreateResponseOptions { [|Model = ""|] };
            }
        }
        """", Id);

    [Fact]
    public Task Models_that_are_fine() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        #pragma warning disable OPENAI001
        using System.Net.Http.Json;
        using OpenAI.Chat;

        class C
        {
            async Task Send(HttpClient http, string model, object unknown)
            {
                await http.PostAsJsonAsync("v1/chat/completions", new { model, messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" } });
                await http.PostAsJsonAsync("v1/chat/completions", unknown);
                // The SDK carries the model on the client, not the options.
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 10 };
                // Non-LLM endpoints and embeddings are not this rule's business.
                await http.PostAsJsonAsync("https://crm.example/api/contacts", new { name = "x" });
                await http.PostAsJsonAsync("v1/embeddings", new { input = "x" });
                // Azure OpenAI names the model (deployment) in the path.
                await http.PostAsJsonAsync("openai/deployments/gpt-5/chat/completions?api-version=2024-10-21", new { messages = new[] { "hi" } });
            }
        }
        """);
}
