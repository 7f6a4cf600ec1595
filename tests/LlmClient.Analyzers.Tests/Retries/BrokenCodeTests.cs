using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>Half-typed code: the analyzer must not throw (the verifier fails on AD0001) and must not guess.</summary>
public class BrokenCodeTests
{
    [Fact]
    public Task Loop_with_missing_semicolon_and_unknown_names() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<string> Send(HttpClient http)
            {
                while (true)
                {
                    try
                    {
                        return await http.GetStringAsync("v1/models"){|CS1002:|}
                    }
                    catch ({|CS0246:HttpRequestExceptio|} ex) when (ex.StatusCode == {|CS0103:HttpStatusCode|}.Unauthorized)
                    {
                        await Task.Delay(1000);
                        {|CS0103:attempt|}++;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Polly_chain_with_unknown_method_and_missing_argument() => RetryVerify.AnalyzerAsync("""
        using Polly;

        class Policies
        {
            static readonly object A = Policy.Handle<HttpRequestException>().{|CS1061:OrWhatever|}(r => r).RetryForeverAsync();
            static readonly object B = Policy.Handle<HttpRequestException>().{|CS1501:WaitAndRetryForeverAsync|}();
            static readonly object C = Policy.HandleResult<HttpResponseMessage>(r => r.{|CS1061:Status|} == 401).RetryAsync(3);
        }
        """);

    [Fact]
    public Task Polly_v8_options_with_errors() => RetryVerify.AnalyzerAsync("""
        using Polly;
        using Polly.Retry;

        class Pipelines
        {
            static readonly RetryStrategyOptions<HttpResponseMessage> Options = new()
            {
                MaxRetryAttempts = {|CS0029:"many"|},
                ShouldHandle = args => args.Outcome switch { { Result.{|CS0117:Code|}: 401 } => PredicateResult.True(), _ => PredicateResult.False() },
            };
        }
        """);

    [Fact]
    public Task Recursion_and_goto_with_errors() => RetryVerify.AnalyzerAsync("""
        class Client
        {
            async Task<string> Send(HttpClient http, int attempt)
            {
                try
                {
                    return await http.GetStringAsync({|CS1503:attempt|});
                }
                catch (HttpRequestException)
                {
                    goto {|CS0159:retry|};
                    return await {|CS7036:Send|}(http{|CS1026:|}{|CS1002:|}
                }
            }
        }
        """);
}
