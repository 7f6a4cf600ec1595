using LlmClient.Analyzers.CodeFixes.Transport;
using LlmClient.Analyzers.Tests.Verifiers;
using LlmClient.Analyzers.Transport;
using Xunit;

namespace LlmClient.Analyzers.Tests.Transport;

public class IdleTimeoutTests
{
    private const string Id = RuleIdentifiers.IdleTimeout;

    [Fact]
    public Task Long_timeouts_on_unstreamed_http_clients_are_reported() => Verify<TransportAnalyzer>.AnalyzerAsync(""""
        using System.Net.Http.Json;
        using System.Text;

        class ChatService
        {
            private readonly HttpClient _http;

            public ChatService()
            {
                _http = new HttpClient { BaseAddress = new Uri("https://gateway.example/") };
                [|_http.Timeout = TimeSpan.FromMinutes(10)|];
            }

            public Task<HttpResponseMessage> Ask(string question)
                => _http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-5.5", messages = new[] { new { role = "user", content = question } } });
        }

        class Responses
        {
            async Task<string> Ask()
            {
                var http = new HttpClient { [|Timeout = Timeout.InfiniteTimeSpan|] };
                using var response = await http.PostAsync("https://gateway.example/v1/responses", new StringContent("""{"model": "gpt-5.5", "input": "hi"}""", Encoding.UTF8, "application/json"));
                return await response.Content.ReadAsStringAsync();
            }
        }

        class Messages
        {
            private static readonly HttpClient Http = new() { [|Timeout = new TimeSpan(0, 15, 0)|] };

            async Task Ask()
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.example/v1/messages")
                {
                    Content = JsonContent.Create(new { model = "claude-sonnet-4", max_tokens = 1024, messages = new[] { new { role = "user", content = "hi" } }, stream = false }),
                };
                using var response = await Http.SendAsync(request);
            }
        }
        """", Id);

    [Fact]
    public Task Long_sdk_timeouts_without_streaming_calls_are_reported() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        using System.ClientModel;
        using Anthropic;
        using Anthropic.Models.Messages;
        using OpenAI;
        using OpenAI.Chat;

        class OpenAiService
        {
            private readonly ChatClient _chat;

            public OpenAiService(string key)
            {
                var options = new OpenAIClientOptions { [|NetworkTimeout = TimeSpan.FromMinutes(15)|] };
                _chat = new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient("gpt-5.5");
            }

            public async Task<string> Ask(string question) => (await _chat.CompleteChatAsync(new UserChatMessage(question))).Value.Content[0].Text;
        }

        class ClaudeService
        {
            private readonly AnthropicClient _client = new() { [|Timeout = TimeSpan.FromMinutes(20)|] };

            public Task<Message> Ask(MessageCreateParams parameters) => _client.Messages.Create(parameters);
        }
        """, Id);

    [Fact]
    public Task Start_within_longer_than_the_client_timeout_is_reported() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class FlexDefault
        {
            async Task Ask()
            {
                using var http = new HttpClient();
                await http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new
                {
                    model = "gpt-5.5",
                    messages = new[] { new { role = "user", content = "hi" } },
                    [|start_within = "00h-05m-00s"|],
                });
            }
        }

        class FlexTargetTyped
        {
            private readonly HttpClient _http = new();

            Task Ask() => _http.PostAsJsonAsync("https://gateway.example/v1/responses", new { model = "gpt-5.5", input = "hi", [|start_within = "00h-10m-00s"|] });
        }

        class FlexExplicit
        {
            private readonly HttpClient _http = new() { [|Timeout = TimeSpan.FromSeconds(60)|] };

            Task Ask() => _http.PostAsJsonAsync("https://gateway.example/v1/responses", new { model = "gpt-5.5", input = "hi", start_within = "00h-02m-00s" });
        }
        """, Id);

    [Fact]
    public Task Timeouts_are_reported_once_in_nested_types_and_top_level_statements() => Verify<TransportAnalyzer>.AnalyzerAsync(""""
        using System.Text;

        var top = new HttpClient { [|Timeout = TimeSpan.FromMinutes(10)|] };
        await top.PostAsync("https://gateway.example/v1/responses", new StringContent("""{"model": "gpt-5.5", "input": "hi"}""", Encoding.UTF8, "application/json"));

        class Outer
        {
            private readonly HttpClient _http = new() { [|Timeout = TimeSpan.FromMinutes(10)|] };

            Task<HttpResponseMessage> Ask() => _http.PostAsync("https://gateway.example/v1/responses", new StringContent("""{"model": "gpt-5.5", "input": "hi"}""", Encoding.UTF8, "application/json"));

            class Inner
            {
                async Task Ask()
                {
                    var http = new HttpClient { [|Timeout = Timeout.InfiniteTimeSpan|] };
                    using var response = await http.PostAsync("https://gateway.example/v1/responses", new StringContent("""{"model": "gpt-5.5", "input": "hi"}""", Encoding.UTF8, "application/json"));
                }
            }
        }
        """", Id);

    [Fact]
    public Task Look_alikes_are_not_reported() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using System.Net.Http.Json;
        using OpenAI;
        using OpenAI.Chat;

        class Downloader
        {
            private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };

            Task<Stream> Download(string name) => _http.GetStreamAsync("https://files.example/archives/" + name);

            Task<HttpResponseMessage> Upload(Stream file) => _http.PostAsync("https://files.example/upload", new StreamContent(file));
        }

        class StreamingChat
        {
            private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };

            Task<HttpResponseMessage> Ask() => _http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" }, stream = true });
        }

        class HeadersRead
        {
            private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

            async Task Ask()
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.example/v1/chat/completions") { Content = JsonContent.Create(new { model = "gpt-5.5", messages = new[] { "hi" } }) };
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line)
                {
                    Console.WriteLine(line);
                }
            }
        }

        class ShortTimeout
        {
            private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };

            Task Ask() => _http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" }, start_within = "00h-00m-30s" });
        }

        class InjectedClient(HttpClient http)
        {
            Task Ask() => http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" }, start_within = "00h-05m-00s" });
        }

        class UnknownBody
        {
            private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };

            Task Ask(object body) => _http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", body);
        }

        class StreamingSdk
        {
            private readonly ChatClient _chat = new OpenAIClient(new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!), new OpenAIClientOptions { NetworkTimeout = TimeSpan.FromMinutes(10) }).GetChatClient("gpt-5.5");

            async Task Ask()
            {
                await foreach (var update in _chat.CompleteChatStreamingAsync(new UserChatMessage("hi")))
                {
                    Console.Write(update.ContentUpdate.Count);
                }
            }
        }

        class OptionsFactory
        {
            public static OpenAIClientOptions Create() => new() { NetworkTimeout = TimeSpan.FromMinutes(30) };
        }
        """);

    [Fact]
    public Task Fix_turns_streaming_on_where_the_response_is_already_read_as_a_stream() => Verify<TransportAnalyzer>.CodeFixAsync<EnableStreamingFixer>("""
        using System.Net.Http.Json;
        using System.Text.Json;

        class C
        {
            private readonly HttpClient _http = new() { [|Timeout = TimeSpan.FromMinutes(10)|] };

            async Task Ask()
            {
                var body = new { model = "gpt-5.5", messages = new[] { "hi" }, stream = false };
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.example/v1/chat/completions") { Content = JsonContent.Create(body) };
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if (data == "[DONE]") break;
                    using var doc = JsonDocument.Parse(data);
                    if (doc.RootElement.TryGetProperty("error", out var error)) throw new HttpRequestException(error.ToString());
                }
            }
        }
        """, """
        using System.Net.Http.Json;
        using System.Text.Json;

        class C
        {
            private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };

            async Task Ask()
            {
                var body = new { model = "gpt-5.5", messages = new[] { "hi" }, stream = true };
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.example/v1/chat/completions") { Content = JsonContent.Create(body) };
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if (data == "[DONE]") break;
                    using var doc = JsonDocument.Parse(data);
                    if (doc.RootElement.TryGetProperty("error", out var error)) throw new HttpRequestException(error.ToString());
                }
            }
        }
        """, Id);

    [Fact]
    public Task Fix_turns_streaming_on_where_the_method_reads_data_fields_through_a_constant() => Verify<TransportAnalyzer>.CodeFixAsync<EnableStreamingFixer>("""
        using System.Net.Http.Json;

        class C
        {
            private const string DataField = "data: ";
            private readonly HttpClient _http = new() { [|Timeout = TimeSpan.FromMinutes(10)|] };

            async Task<int> Ask()
            {
                var body = new { model = "gpt-5.5", messages = new[] { "hi" }, stream = false };
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.example/v1/chat/completions") { Content = JsonContent.Create(body) };
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var count = 0;
                foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
                {
                    if (line.StartsWith(DataField)) count++;
                }

                return count;
            }
        }
        """, """
        using System.Net.Http.Json;

        class C
        {
            private const string DataField = "data: ";
            private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };

            async Task<int> Ask()
            {
                var body = new { model = "gpt-5.5", messages = new[] { "hi" }, stream = true };
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://gateway.example/v1/chat/completions") { Content = JsonContent.Create(body) };
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var count = 0;
                foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
                {
                    if (line.StartsWith(DataField)) count++;
                }

                return count;
            }
        }
        """, Id);

    [Fact]
    public Task No_fix_where_streaming_would_change_how_the_response_is_read() => Verify<TransportAnalyzer>.CodeFixAsync<EnableStreamingFixer>("""
        using System.Net.Http.Json;

        class C
        {
            private readonly HttpClient _http = new() { [|Timeout = TimeSpan.FromMinutes(10)|] };

            async Task<string> Ask()
            {
                using var response = await _http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" }, stream = false });
                return await response.Content.ReadAsStringAsync();
            }
        }
        """, """
        using System.Net.Http.Json;

        class C
        {
            private readonly HttpClient _http = new() { [|Timeout = TimeSpan.FromMinutes(10)|] };

            async Task<string> Ask()
            {
                using var response = await _http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" }, stream = false });
                return await response.Content.ReadAsStringAsync();
            }
        }
        """, Id);

    // The collector finds a type's assignments, calls and creations from where the file's text writes their names; a
    // verbatim name (@Timeout), a nested type and a file with a \u escape (read by walking every node) are read as before.
    [Fact]
    public Task Names_are_found_however_they_are_written() => Verify<TransportAnalyzer>.AnalyzerAsync(""""
        using System.Net.Http.Json;

        class Verbatim
        {
            private readonly HttpClient _http = new();

            Verbatim() { [|_http.@Timeout = TimeSpan.FromMinutes(10)|]; }

            Task Ask() => _http.@PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" } });
        }

        class Outer
        {
            private readonly HttpClient _quick = new();

            Task Ask() => _quick.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" } });

            class Inner
            {
                private readonly HttpClient _slow = new System.Net.Http.HttpClient { [|Timeout = TimeSpan.FromMinutes(10)|] };

                Task Ask() => _slow.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" } });
            }
        }
        """", Id);

    [Fact]
    public Task Names_spelled_with_escapes_are_found() => Verify<TransportAnalyzer>.AnalyzerAsync(""""
        using System.Net.Http.Json;

        class Escaped
        {
            private readonly HttpClient _http = new();

            Escaped() { [|_http.\u0054imeout = TimeSpan.FromMinutes(10)|]; }

            Task Ask() => _http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" } });
        }
        """", Id);

    [Fact]
    public Task Half_typed_code_does_not_crash() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            private readonly HttpClient _http = new() { Timeout = TimeSpan.{|CS0117:FromMinutez|}(10) };
            private readonly HttpClient _other = new() { [|Timeout = TimeSpan.FromMinutes(10)|] };

            Task A() => _http.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" } });

            Task B() => _other.PostAsJsonAsync("https://gateway.example/v1/chat/completions", new { model = "gpt-5.5", messages = new[] { "hi" } });

            void D() { _other.Timeout = {|CS0029:"ten minutes"|}; }

            void E() { {|CS0103:missing|}.Timeout = TimeSpan.FromMinutes(10); }
        }
        """, Id);
}
