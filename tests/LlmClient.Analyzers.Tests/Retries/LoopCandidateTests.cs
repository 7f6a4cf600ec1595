using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>
/// Which loops RetryAnalyzer binds: a loop needs a call in its body and a failure signal inside (a catch, or a name such as
/// <c>IsSuccessStatusCode</c>). In a compilation that uses an SDK the signal is read from the file's text (LoopText), so
/// these tests use an SDK: the text must find every signal the syntax has, and what it finds beyond (comments, strings)
/// must not become a report.
/// </summary>
public class LoopCandidateTests
{
    private const string Id = RuleIdentifiers.NonRetryableStatus;

    [Fact]
    public Task Signal_spelled_with_an_escape_is_found() => RetryVerify.AnalyzerAsync("""
        using OpenAI.Chat;

        class Client
        {
            async Task<HttpResponseMessage> Send(HttpClient http, HttpContent body)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var response = await http.PostAsync("v1/chat/completions", body);
                    if ([|!response.Is\u0053uccess\u0053tatusCode|])
                    {
                        await Task.Delay(1000);
                        continue;
                    }

                    return response;
                }

                throw new InvalidOperationException("out of attempts");
            }
        }
        """, Id);

    [Fact]
    public Task Signal_in_a_nested_loop_is_found() => RetryVerify.AnalyzerAsync("""
        using OpenAI.Chat;

        class Client
        {
            async Task<List<HttpResponseMessage>> SendAll(HttpClient http, IEnumerable<HttpContent> bodies)
            {
                var results = new List<HttpResponseMessage>();
                foreach (var body in bodies)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        var response = await http.PostAsync("v1/chat/completions", body);
                        if ([|!response.IsSuccessStatusCode|])
                        {
                            await Task.Delay(1000);
                            continue;
                        }

                        results.Add(response);
                        break;
                    }
                }

                return results;
            }
        }
        """, Id);

    [Fact]
    public Task Signal_only_in_a_comment_or_string_is_not_a_retry() => RetryVerify.AnalyzerAsync("""
        using OpenAI.Chat;

        class Client
        {
            async Task Poll(HttpClient http, CancellationToken cancellationToken)
            {
                // Polls until cancelled; an Error here is logged by the server, not retried.
                while (!cancellationToken.IsCancellationRequested)
                {
                    var text = await http.GetStringAsync("v1/models", cancellationToken);
                    Console.WriteLine("Status: " + text);
                    await Task.Delay(1000, cancellationToken);
                }
            }
        }
        """, Id);

    [Fact]
    public Task Loop_without_a_call_in_its_body_is_not_a_retry() => RetryVerify.AnalyzerAsync("""
        using OpenAI.Chat;

        class Client
        {
            int CountErrors(int[] statuses)
            {
                var errors = 0;
                for (var i = 0; i < statuses.Length; i++)
                {
                    if (statuses[i] >= 400) errors++;
                }

                return errors;
            }
        }
        """, Id);
}
