using LlmClient.Analyzers.CodeFixes.Transport;
using LlmClient.Analyzers.Tests.Verifiers;
using LlmClient.Analyzers.Transport;
using Xunit;

namespace LlmClient.Analyzers.Tests.Transport;

public class StreamErrorEventsTests
{
    private const string Id = RuleIdentifiers.StreamErrorEvents;

    [Fact]
    public Task StreamReader_loops_that_stop_on_DONE_are_reported() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        using System.Text.Json;

        class Chunk { public string? Text { get; set; } }

        class C
        {
            private const string Done = "[DONE]";

            async IAsyncEnumerable<string> Stream(HttpClient http, HttpRequestMessage request)
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (true)
                {
                    var line = await reader.ReadLineAsync();
                    if (line is null) break;
                    if (!line.StartsWith("data: ")) continue;
                    var data = line.Substring(6);
                    if ([|data == "[DONE]"|]) yield break;
                    using var doc = JsonDocument.Parse(data);
                    yield return doc.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString() ?? "";
                }
            }

            async Task<string> Collect(Stream stream)
            {
                var text = "";
                using var reader = new StreamReader(stream);
                string? line;
                while ((line = await reader.ReadLineAsync()) != null)
                {
                    if ([|line == "data: [DONE]"|]) break;
                    if (!line.StartsWith("data:")) continue;
                    var json = line["data:".Length..].Trim();
                    text += JsonSerializer.Deserialize<Chunk>(json)!.Text;
                }

                return text;
            }

            void Sync(StreamReader reader)
            {
                while (!reader.EndOfStream)
                {
                    var line = reader.ReadLine()!;
                    if (!line.StartsWith("data: ")) continue;
                    var payload = line[6..];
                    if ([|payload.StartsWith(Done)|]) return;
                    Console.Write(JsonSerializer.Deserialize<Chunk>(payload)?.Text);
                }
            }

            async Task Pattern(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    var data = line.StartsWith("data: ") ? line[6..] : null;
                    if ([|data is "[DONE]"|]) break;
                    if (data is not null) Console.Write(data.Length);
                }
            }
        }
        """, Id);

    [Fact]
    public Task SseParser_and_helpers_are_reported() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        using System.Net.ServerSentEvents;
        using System.Text.Json.Nodes;

        class C
        {
            async Task Parser(Stream stream)
            {
                await foreach (SseItem<string> item in SseParser.Create(stream).EnumerateAsync())
                {
                    if ([|item.Data.Equals("[DONE]", StringComparison.Ordinal)|]) break;
                    var node = JsonNode.Parse(item.Data);
                    Console.Write(node?["choices"]?[0]?["delta"]?["content"]);
                }
            }

            static bool IsDone(string line) => line.Trim() == "data: [DONE]";

            async Task Helper(HttpClient http)
            {
                using var reader = new StreamReader(await http.GetStreamAsync("v1/chat/completions"));
                while (await reader.ReadLineAsync() is { } line)
                {
                    if ([|IsDone(line)|]) break;
                    Console.WriteLine(line);
                }
            }

            async Task LocalFunction(Stream stream)
            {
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    if ([|Finished(line)|]) break;
                    Console.WriteLine(line.Length);
                }

                static bool Finished(string l) => l.EndsWith("[DONE]");
            }

            async Task Switch(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    switch (line)
                    {
                        [|case "data: [DONE]":|]
                            return;
                        default:
                            Console.WriteLine(line);
                            break;
                    }
                }
            }
        }
        """, Id);

    [Fact]
    public Task Loops_that_check_for_errors_are_not_reported() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        using System.Net.ServerSentEvents;
        using System.Text.Json;

        class Chunk { public ChunkError? Error { get; set; } public string? Text { get; set; } }
        class ChunkError { public string? Message { get; set; } }

        class C
        {
            async Task TryGetProperty(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if (data == "[DONE]") break;
                    using var doc = JsonDocument.Parse(data);
                    if (doc.RootElement.TryGetProperty("error", out var error)) throw new HttpRequestException(error.ToString());
                }
            }

            async Task Dto(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line == "data: [DONE]") break;
                    if (!line.StartsWith("data: ")) continue;
                    var chunk = JsonSerializer.Deserialize<Chunk>(line[6..])!;
                    if (chunk.Error is { } e) throw new InvalidOperationException(e.Message);
                    Console.Write(chunk.Text);
                }
            }

            async Task Helper(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if (data == "[DONE]") break;
                    Handle(data);
                }
            }

            static void Handle(string data)
            {
                using var doc = JsonDocument.Parse(data);
                if (doc.RootElement.TryGetProperty("error", out _)) throw new InvalidOperationException(data);
            }

            async Task EventType(Stream stream)
            {
                await foreach (var item in SseParser.Create(stream).EnumerateAsync())
                {
                    if (item.EventType == "error") throw new InvalidOperationException(item.Data);
                    if (item.Data == "[DONE]") break;
                }
            }

            async IAsyncEnumerable<string> RawEvents(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if (data == "[DONE]") yield break;
                    yield return data;
                }
            }

            async Task Callback(StreamReader reader, Action<string> onEvent)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line == "data: [DONE]") break;
                    onEvent(line);
                }
            }
        }
        """);

    [Fact]
    public Task Loops_are_reported_once_wherever_they_are_declared() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        var outer = new Outer();
        using var top = new StreamReader(Stream.Null);
        while (top.ReadLine() is { } line)
        {
            if ([|line == "data: [DONE]"|]) break;
            Console.Write(line.Length);
        }

        partial class Outer
        {
            class Inner
            {
                void Nested(StreamReader reader)
                {
                    while (reader.ReadLine() is { } line)
                    {
                        if ([|line == "data: [DONE]"|]) break;
                        Console.Write(line.Length);
                    }
                }
            }

            readonly Action<StreamReader> _field = reader =>
            {
                while (reader.ReadLine() is { } line)
                {
                    if ([|line == "data: [DONE]"|]) break;
                    Console.Write(line.Length);
                }
            };

            int Property
            {
                get
                {
                    using var reader = new StreamReader(Stream.Null);
                    while (reader.ReadLine() is { } line)
                    {
                        if ([|line == "data: [DONE]"|]) break;
                        Console.Write(line.Length);
                    }

                    return 0;
                }
            }
        }

        partial class Outer
        {
            void OtherPart(StreamReader reader)
            {
                void Local()
                {
                    while (reader.ReadLine() is { } line)
                    {
                        if ([|line == "data: [DONE]"|]) break;
                        Console.Write(line.Length);
                    }
                }

                Local();
            }
        }

        struct Value
        {
            void InStruct(StreamReader reader)
            {
                while (reader.ReadLine() is { } line)
                {
                    if ([|line == "data: [DONE]"|]) break;
                    Console.Write(line.Length);
                }
            }
        }
        """, Id);

    [Fact]
    public Task Line_readers_that_are_not_event_streams_are_not_reported() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        class C
        {
            List<string[]> Csv(string path)
            {
                var rows = new List<string[]>();
                using var reader = new StreamReader(path);
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    if (line == "END") break;
                    rows.Add(line.Split(','));
                }

                return rows;
            }

            int Log(string path)
            {
                var count = 0;
                foreach (var line in File.ReadLines(path))
                {
                    if (line == "[DONE]") break;
                    count++;
                }

                return count;
            }

            async Task Progress(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    Console.WriteLine("[DONE] " + line);
                }
            }
        }
        """);

    [Fact]
    public Task Fix_checks_the_parsed_document() => Verify<TransportAnalyzer>.CodeFixAsync<ThrowOnErrorEventFixer>("""
        using System.Text.Json;

        class C
        {
            async Task Stream(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if ([|data == "[DONE]"|]) break;
                    using var doc = JsonDocument.Parse(data);
                    Console.Write(doc.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
                }
            }
        }
        """, """
        using System.Text.Json;

        class C
        {
            async Task Stream(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if (data == "[DONE]") break;
                    using var doc = JsonDocument.Parse(data);
                    if (doc.RootElement.TryGetProperty("error", out var streamError)) throw new HttpRequestException(streamError.ValueKind == JsonValueKind.Object && streamError.TryGetProperty("message", out var errorMessage) ? errorMessage.GetString() : streamError.ToString());
                    Console.Write(doc.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
                }
            }
        }
        """, Id);

    [Fact]
    public Task Fix_parses_before_deserializing_and_after_the_check() => Verify<TransportAnalyzer>.CodeFixAsync<ThrowOnErrorEventFixer>("""
        using System.Net.ServerSentEvents;
        using System.Text.Json;

        class Chunk { public string? Text { get; set; } }

        class C
        {
            async Task Lines(StreamReader reader)
            {
                var streamError = 0;
                while (await reader.ReadLineAsync() is { } line)
                {
                    if ([|line == "data: [DONE]"|]) break;
                    if (!line.StartsWith("data: ")) continue;
                    var json = line[6..];
                    var chunk = JsonSerializer.Deserialize<Chunk>(json);
                    Console.Write(chunk?.Text);
                }
            }

            async Task Items(Stream stream, Action<int> progress)
            {
                await foreach (var item in SseParser.Create(stream).EnumerateAsync())
                {
                    if ([|item.Data == "[DONE]"|]) return;
                    progress(item.Data.Length);
                }
            }

            async Task Element(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if ([|data == "[DONE]"|]) break;
                    JsonElement root = JsonSerializer.Deserialize<JsonElement>(data);
                    Console.Write(root.GetProperty("choices").GetArrayLength());
                }
            }
        }
        """, """
        using System.Net.ServerSentEvents;
        using System.Text.Json;

        class Chunk { public string? Text { get; set; } }

        class C
        {
            async Task Lines(StreamReader reader)
            {
                var streamError = 0;
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line == "data: [DONE]") break;
                    if (!line.StartsWith("data: ")) continue;
                    var json = line[6..];
                    using var errorDocument = JsonDocument.Parse(json);
                    if (errorDocument.RootElement.TryGetProperty("error", out var streamError2)) throw new HttpRequestException(streamError2.ValueKind == JsonValueKind.Object && streamError2.TryGetProperty("message", out var errorMessage) ? errorMessage.GetString() : streamError2.ToString());
                    var chunk = JsonSerializer.Deserialize<Chunk>(json);
                    Console.Write(chunk?.Text);
                }
            }

            async Task Items(Stream stream, Action<int> progress)
            {
                await foreach (var item in SseParser.Create(stream).EnumerateAsync())
                {
                    if (item.Data == "[DONE]") return;
                    using var errorDocument = JsonDocument.Parse(item.Data);
                    if (errorDocument.RootElement.TryGetProperty("error", out var streamError)) throw new HttpRequestException(streamError.ValueKind == JsonValueKind.Object && streamError.TryGetProperty("message", out var errorMessage) ? errorMessage.GetString() : streamError.ToString());
                    progress(item.Data.Length);
                }
            }

            async Task Element(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if (data == "[DONE]") break;
                    JsonElement root = JsonSerializer.Deserialize<JsonElement>(data);
                    if (root.TryGetProperty("error", out var streamError)) throw new HttpRequestException(streamError.ValueKind == JsonValueKind.Object && streamError.TryGetProperty("message", out var errorMessage) ? errorMessage.GetString() : streamError.ToString());
                    Console.Write(root.GetProperty("choices").GetArrayLength());
                }
            }
        }
        """, Id);

    [Fact]
    public Task Fix_qualifies_names_without_usings_and_is_not_offered_without_a_place() => Verify<TransportAnalyzer>.CodeFixAsync<ThrowOnErrorEventFixer>("""
        class C
        {
            async Task Stream(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if ([|data == "[DONE]"|]) break;
                    Console.Write(data.Length);
                }
            }

            async Task Condition(StreamReader reader)
            {
                string? line;
                while ((line = await reader.ReadLineAsync()) != null && [|line != "data: [DONE]"|])
                {
                    Console.Write(line.Length);
                }
            }
        }
        """, """
        class C
        {
            async Task Stream(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    var data = line[6..];
                    if (data == "[DONE]") break;
                    using var errorDocument = global::System.Text.Json.JsonDocument.Parse(data);
                    if (errorDocument.RootElement.TryGetProperty("error", out var streamError)) throw new HttpRequestException(streamError.ValueKind == global::System.Text.Json.JsonValueKind.Object && streamError.TryGetProperty("message", out var errorMessage) ? errorMessage.GetString() : streamError.ToString());
                    Console.Write(data.Length);
                }
            }

            async Task Condition(StreamReader reader)
            {
                string? line;
                while ((line = await reader.ReadLineAsync()) != null && [|line != "data: [DONE]"|])
                {
                    Console.Write(line.Length);
                }
            }
        }
        """, Id);

    [Fact]
    public Task Half_typed_loops_do_not_crash() => Verify<TransportAnalyzer>.AnalyzerAsync("""
        class C
        {
            async Task A(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    if ([|line[6..] == "[DONE]"|]) break;
                    {|CS0103:Parse|}(line);
                }
            }

            async Task B(StreamReader reader)
            {
                while (await reader.{|CS1061:ReadLineAsyn|}() is { } line)
                {
                    if (line == "data: [DONE]") break;
                }
            }

            void D(StreamReader reader)
            {
                while ({|CS1525:)|}
                {
                    var line = reader.ReadLine();
                    if ([|line == "data: [DONE]"|]) break;
                }
            }
        }
        """, Id);
}
