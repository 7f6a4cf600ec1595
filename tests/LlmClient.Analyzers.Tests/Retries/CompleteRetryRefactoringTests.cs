using System.Collections.Immutable;
using LlmClient.Analyzers.CodeFixes.Retries;
using LlmClient.Analyzers.Tests.Meta;
using LlmClient.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>
/// The complete-retry refactoring: a hand-written HttpClient retry loop becomes one call of SendWithRetryAsync. Each
/// positive test checks the exact code, that it compiles with no new error, and that every analyzer of the package is
/// silent on it; each negative test is a loop the rewrite would change more than the retry of, so it is not offered.
/// </summary>
public class CompleteRetryRefactoringTests
{
    /// <summary>
    /// Offers the refactoring at <c>$$</c> in <paramref name="source"/> and applies it; <paramref name="expected"/> null
    /// means it must not be offered. In both, <see cref="HelperMarker"/> stands for <see cref="RewrittenHelper"/>.
    /// </summary>
    private static async Task RefactorAsync(string source, string? expected)
    {
        source = source.Replace(HelperMarker, RewrittenHelper, StringComparison.Ordinal);
        var caret = source.IndexOf("$$", StringComparison.Ordinal);
        Assert.True(caret >= 0, "The source needs a $$ caret.");
        source = source.Remove(caret, 2);
        var solution = TestWorkspace.Create([source], editorConfig: null);
        var document = TestWorkspace.TestDocuments(solution)[0];
        var actions = new List<CodeAction>();
        var context = new CodeRefactoringContext(document, new TextSpan(caret, 0), actions.Add, CancellationToken.None);
        await new CompleteRetryRefactoring().ComputeRefactoringsAsync(context);
        if (expected is null)
        {
            Assert.Empty(actions);
            return;
        }

        var action = Assert.Single(actions);
        Assert.Equal(CompleteRetryRefactoring.EquivalenceKey, action.EquivalenceKey);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var text = (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
        Assert.Equal(expected.Replace(HelperMarker, RewrittenHelper, StringComparison.Ordinal).ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));

        // The rewritten code compiles with no error and is silent under every analyzer of the package.
        var check = new AnalyzerTest();
        check.Sources.Add(text);
        check.Analyzers.AddRange(PackageCatalog.Analyzers);
        await check.RunAsync();
    }

    [Fact]
    public Task Not_offered_away_from_the_loop() => RefactorAsync("""
        using System.Net.Http.Json;

        static class RetryingAsk
        {
            public static async Task<string> AskAsync(HttpClient http, string model, string prompt, CancellationToken cancellationToken)
            {
                while (true)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("v1/chat/completions", new
                        {
                            model,
                            messages = new[] { new { role = "user", content = prompt } },
                        }, cancellationToken);
                        response.EnsureSuccessStatusCode();
                        return await $$response.Content.ReadAsStringAsync(cancellationToken);
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000, cancellationToken);
                    }
                }
            }
        }
        """, null);

    [Fact]
    public Task Catch_loop_around_ensure_success() => RefactorAsync("""
        using System.Net.Http.Json;

        static class RetryingAsk
        {
            public static async Task<string> AskAsync(HttpClient http, string model, string prompt, CancellationToken cancellationToken)
            {
                while (true)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("v1/chat/completions", new
                        {
                            model,
                            messages = new[] { new { role = "user", content = prompt } },
                        }, cancellationToken);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync(cancellationToken);
                    }
                    $$catch (HttpRequestException)
                    {
                        await Task.Delay(1000, cancellationToken);
                    }
                }
            }
        }
        """, CatchLoopAroundEnsureSuccessFixed);

    [Fact]
    public Task Unbounded_loop_from_LLM1002() => RefactorAsync("""
        using System.Net;
        using System.Net.Http.Json;
        using System.Text.Json;

        class ChatClient(HttpClient http)
        {
            public async Task<JsonElement> CompleteAsync(object payload, CancellationToken ct)
            {
                var attempt = 0;
                $$while (true)
                {
                    attempt++;
                    var response = await http.PostAsJsonAsync("v1/chat/completions", payload, ct).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
                    }

                    Console.WriteLine($"attempt {attempt} failed: {response.StatusCode}");
                    response.Dispose();
                    await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
                }
            }
        }
        """, UnboundedLoopFromLlm1002Fixed);

    [Fact]
    public Task Request_message_is_built_per_attempt_and_counters_go() => RefactorAsync("""
        using System.Net.Http.Json;

        class ResponsesClient(HttpClient http)
        {
            public async Task<string?> RespondAsync(string input, CancellationToken cancellationToken)
            {
                Exception? lastError = null;
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses")
                        {
                            Content = JsonContent.Create(new { model = "gpt-4.1-mini", input }),
                        };
                        using var response = await http.SendAsync(request, cancellationToken);
                        response.EnsureSuccessStatusCode();
                        var text = await response.Content.ReadAsStringAsync(cancellationToken);
                        return text;
                    }
                    catch (HttpRequestException e)
                    {
                        lastError = e;
                        await $$Task.Delay(500, cancellationToken);
                    }
                }

                return null;
            }
        }
        """, RequestMessageIsBuiltPerAttemptAndCountersGoFixed);

    [Fact]
    public Task Success_that_breaks_keeps_the_code_after_the_loop() => RefactorAsync("""
        using System.Net.Http.Json;

        class Summarizer(HttpClient http)
        {
            public async Task<int> SummarizeAsync(string text)
            {
                string body;
                $$while (true)
                {
                    try
                    {
                        var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4.1-mini", messages = new[] { new { role = "user", content = text } } });
                        response.EnsureSuccessStatusCode();
                        body = await response.Content.ReadAsStringAsync();
                        break;
                    }
                    catch (HttpRequestException ex)
                    {
                        Console.Error.WriteLine(ex.Message);
                        await Task.Delay(1000);
                    }
                }

                Console.WriteLine(body);
                return body.Length;
            }
        }
        """, SuccessThatBreaksKeepsTheCodeAfterTheLoopFixed);

    [Fact]
    public Task A_type_that_has_the_helper_reuses_it() => RefactorAsync("""
        using System.Net;
        using System.Net.Http.Json;

        class Gateway(HttpClient http)
        {
            public async Task<string> ChatAsync(object payload)
            {
                using var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", payload));
                return await response.Content.ReadAsStringAsync();
            }

            public async Task<string> EmbedAsync(object payload)
            {
                $$while (true)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("v1/embeddings", payload);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            // (the SendWithRetryAsync helper: RewrittenHelper)
        }
        """, TwoLoopsInOneTypeShareOneHelperFixed);

    [Fact]
    public Task Offered_on_a_retry_that_only_ignores_Retry_After() => RefactorAsync("""
        using System.Net;
        using System.Net.Http.Json;

        class Client(HttpClient http)
        {
            public async Task<string> AskAsync(object payload, CancellationToken cancellationToken)
            {
                var attempt = 0;
                $$while (true)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("v1/chat/completions", payload, cancellationToken);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync(cancellationToken);
                    }
                    catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                    {
                        if (++attempt > 3)
                        {
                            throw;
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, attempt))), cancellationToken);
                    }
                }
            }
        }
        """, """
        using System.Net;
        using System.Net.Http.Json;

        class Client(HttpClient http)
        {
            public async Task<string> AskAsync(object payload, CancellationToken cancellationToken)
            {
                using var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", payload, cancellationToken), cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            // (the SendWithRetryAsync helper: RewrittenHelper)
        }
        """);

    [Fact]
    public Task Offered_on_a_retry_that_swallows_the_last_failure() => RefactorAsync("""
        using System.Net;
        using System.Net.Http.Json;

        class Client(HttpClient http)
        {
            public async Task<string?> AskAsync(object payload)
            {
                $$for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("v1/chat/completions", payload);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
                    {
                        await Task.Delay(1000);
                    }
                }

                return null;
            }
        }
        """, """
        using System.Net;
        using System.Net.Http.Json;

        class Client(HttpClient http)
        {
            public async Task<string?> AskAsync(object payload)
            {
                using var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", payload));
                return await response.Content.ReadAsStringAsync();
            }

            // (the SendWithRetryAsync helper: RewrittenHelper)
        }
        """);

    [Fact]
    public Task Do_loop_with_a_counter_in_its_condition() => RefactorAsync("""
        class Client(HttpClient http)
        {
            public async Task<string> AskAsync(HttpContent content)
            {
                var attempt = 0;
                do
                {
                    var response = await http.PostAsync("v1/responses", content);
                    $$if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync();
                    await Task.Delay(250);
                }
                while (attempt++ < 3);

                return "";
            }
        }
        """, """
        using System.Net;

        class Client(HttpClient http)
        {
            public async Task<string> AskAsync(HttpContent content)
            {
                var response = await SendWithRetryAsync(() => http.PostAsync("v1/responses", content));
                return await response.Content.ReadAsStringAsync();
            }

            // (the SendWithRetryAsync helper: RewrittenHelper)
        }
        """);

    [Fact]
    public Task Not_offered_when_the_moved_names_would_clash() => RefactorAsync("""
        class Client(HttpClient http)
        {
            public async Task<int> AskTwiceAsync()
            {
                string first;
                $$while (true)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/chat/completions", new StringContent(""));
                        response.EnsureSuccessStatusCode();
                        first = await response.Content.ReadAsStringAsync();
                        break;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                string second;
                while (true)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/chat/completions", new StringContent(first));
                        response.EnsureSuccessStatusCode();
                        second = await response.Content.ReadAsStringAsync();
                        break;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                return first.Length + second.Length;
            }
        }
        """, null);

    [Fact]
    public Task Not_offered_when_the_code_after_the_loop_throws_its_own_exception() => RefactorAsync("""
        class Client(HttpClient http)
        {
            public async Task<string> AskAsync(HttpContent content)
            {
                var attempt = 0;
                $$do
                {
                    var response = await http.PostAsync("v1/responses", content);
                    if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync();
                    await Task.Delay(250);
                }
                while (attempt++ < 3);

                throw new InvalidOperationException("The gateway kept failing.");
            }
        }
        """, null);

    [Fact]
    public Task Not_offered_when_the_catch_throws_its_own_exception() => RefactorAsync("""
        class GatewayException(string message, Exception inner) : Exception(message, inner);

        class Client(HttpClient http)
        {
            public async Task<string> AskAsync(object payload)
            {
                var attempt = 0;
                $$while (true)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/chat/completions", new StringContent(""));
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException e)
                    {
                        if (attempt > 3)
                        {
                            throw new GatewayException("The gateway failed", e);
                        }

                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, null);

    [Fact]
    public Task Not_offered_when_the_success_path_reads_the_status() => RefactorAsync("""
        class Client(HttpClient http)
        {
            public async Task<string> AskAsync()
            {
                $$while (true)
                {
                    var response = await http.PostAsync("v1/chat/completions", new StringContent(""));
                    if (response.IsSuccessStatusCode)
                    {
                        Console.WriteLine(response.StatusCode);
                        return await response.Content.ReadAsStringAsync();
                    }

                    await Task.Delay(1000);
                }
            }
        }
        """, null);

    [Fact]
    public Task Not_offered_when_the_loop_writes_a_field() => RefactorAsync("""
        class Client(HttpClient http)
        {
            private int _failures;

            public async Task<string> AskAsync()
            {
                $$while (true)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/chat/completions", new StringContent(""));
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        _failures++;
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, null);

    [Fact]
    public Task Not_offered_when_one_request_message_is_sent_again() => RefactorAsync("""
        class Client(HttpClient http)
        {
            public async Task<string> AskAsync()
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent("") };
                $$while (true)
                {
                    try
                    {
                        using var response = await http.SendAsync(request);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, null);

    [Fact]
    public Task Not_offered_without_EnsureSuccessStatusCode_in_the_try() => RefactorAsync("""
        class Client(HttpClient http)
        {
            public async Task<HttpResponseMessage> AskAsync()
            {
                $$while (true)
                {
                    try
                    {
                        var response = await http.PostAsync("v1/chat/completions", new StringContent(""));
                        return response;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, null);

    [Fact]
    public Task Not_offered_in_a_struct_or_for_a_call_that_throws() => RefactorAsync("""
        struct Client
        {
            public HttpClient Http;

            public async Task<string> AskAsync()
            {
                $$while (true)
                {
                    try
                    {
                        using var response = await Http.PostAsync("v1/chat/completions", new StringContent(""));
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            public async Task<string> ModelsAsync()
            {
                while (true)
                {
                    try
                    {
                        return await Http.GetStringAsync("v1/models");
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """, null);

    [Fact]
    public Task Not_offered_when_the_type_has_another_member_of_the_helper_name() => RefactorAsync("""
        class Client(HttpClient http)
        {
            public async Task<string> AskAsync()
            {
                $$for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        using var response = await http.PostAsync("v1/chat/completions", new StringContent(""));
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync();
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(1000);
                    }
                }

                throw new InvalidOperationException();
            }

            private Task<HttpResponseMessage> SendWithRetryAsync(HttpRequestMessage request) => http.SendAsync(request);
        }
        """, null);

    private const string CatchLoopAroundEnsureSuccessFixed = """
        using System.Net;
        using System.Net.Http.Json;

        static class RetryingAsk
        {
            public static async Task<string> AskAsync(HttpClient http, string model, string prompt, CancellationToken cancellationToken)
            {
                using var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", new
                {
                    model,
                    messages = new[] { new { role = "user", content = prompt } },
                }, cancellationToken), cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            // (the SendWithRetryAsync helper: RewrittenHelper)
        }
        """;

    private const string UnboundedLoopFromLlm1002Fixed = """
        using System.Net;
        using System.Net.Http.Json;
        using System.Text.Json;

        class ChatClient(HttpClient http)
        {
            public async Task<JsonElement> CompleteAsync(object payload, CancellationToken ct)
            {
                var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", payload, ct), ct).ConfigureAwait(false);
                return await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
            }

            // (the SendWithRetryAsync helper: RewrittenHelper)
        }
        """;

    private const string RequestMessageIsBuiltPerAttemptAndCountersGoFixed = """
        using System.Net;
        using System.Net.Http.Json;

        class ResponsesClient(HttpClient http)
        {
            public async Task<string?> RespondAsync(string input, CancellationToken cancellationToken)
            {
                using var response = await SendWithRetryAsync(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses")
                    {
                        Content = JsonContent.Create(new { model = "gpt-4.1-mini", input }),
                    };
                    return await http.SendAsync(request, cancellationToken);
                }, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                return text;
            }

            // (the SendWithRetryAsync helper: RewrittenHelper)
        }
        """;

    private const string SuccessThatBreaksKeepsTheCodeAfterTheLoopFixed = """
        using System.Net;
        using System.Net.Http.Json;

        class Summarizer(HttpClient http)
        {
            public async Task<int> SummarizeAsync(string text)
            {
                string body;
                var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4.1-mini", messages = new[] { new { role = "user", content = text } } }));
                body = await response.Content.ReadAsStringAsync();
                Console.WriteLine(body);
                return body.Length;
            }

            // (the SendWithRetryAsync helper: RewrittenHelper)
        }
        """;

    private const string TwoLoopsInOneTypeShareOneHelperFixed = """
        using System.Net;
        using System.Net.Http.Json;

        class Gateway(HttpClient http)
        {
            public async Task<string> ChatAsync(object payload)
            {
                using var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/chat/completions", payload));
                return await response.Content.ReadAsStringAsync();
            }

            public async Task<string> EmbedAsync(object payload)
            {
                using var response = await SendWithRetryAsync(() => http.PostAsJsonAsync("v1/embeddings", payload));
                return await response.Content.ReadAsStringAsync();
            }

            // (the SendWithRetryAsync helper: RewrittenHelper)
        }
        """;

    /// <summary>The helper every rewrite adds (or reuses), in place of the marker line in the expected sources.</summary>
    private const string RewrittenHelper = """
            /// <summary>
            /// Sends the request <paramref name="send"/> makes, and again up to 3 times after a connection failure or a
            /// transient status (408, 429, or 5xx other than 501 and 505): after the wait the server asks for in Retry-After,
            /// else after an exponential backoff with jitter (up to 1 s, doubling, capped at 30 s). Any other status,
            /// the last failure, or a Retry-After longer than 60 s ends it with an
            /// <see cref="HttpRequestException"/> that carries the status and the response body.
            /// </summary>
            private static async Task<HttpResponseMessage> SendWithRetryAsync(
                Func<Task<HttpResponseMessage>> send,
                CancellationToken cancellationToken = default)
            {
                const int maxRetries = 3;
                for (var retry = 0; ; retry++)
                {
                    HttpResponseMessage response;
                    try
                    {
                        response = await send();
                    }
                    catch (HttpRequestException) when (retry < maxRetries)
                    {
                        // No response at all (the connection failed): back off and try again.
                        await Task.Delay(Backoff(retry), cancellationToken);
                        continue;
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    TimeSpan wait;
                    using (response)
                    {
                        var status = response.StatusCode;
                        var retryAfter = response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
                        if (retry == maxRetries || !IsTransient(status) || retryAfter > TimeSpan.FromSeconds(60))
                        {
                            var body = await response.Content.ReadAsStringAsync(cancellationToken);
                            throw new HttpRequestException($"{(int)status} {response.ReasonPhrase}: {body}", null, status);
                        }

                        wait = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : Backoff(retry);
                    }

                    await Task.Delay(wait, cancellationToken);
                }

                static bool IsTransient(HttpStatusCode status) => status switch
                {
                    HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
                    HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => false,
                    _ => (int)status >= 500,
                };

                // Exponential backoff with full jitter: a random wait up to 1 s, 2 s, 4 s..., capped at 30 s.
                static TimeSpan Backoff(int retry)
                    => TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(30_000, 1_000 * Math.Pow(2, retry)));
            }
        """;

    private const string HelperMarker = "    // (the SendWithRetryAsync helper: RewrittenHelper)";
}
