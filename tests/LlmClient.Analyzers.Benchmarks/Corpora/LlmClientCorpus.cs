using System.Globalization;

namespace LlmClient.Analyzers.Benchmarks.Corpora;

/// <summary>
/// Corpus (b): LLM client code dense with requests and retries: HttpClient PostAsJsonAsync with anonymous payloads,
/// JsonContent.Create, StringContent with JSON raw literals (plain and interpolated), dictionaries, JsonObject,
/// JObject, DTOs, retry loops with try/catch and Task.Delay, Polly v7 policies and v8 pipelines, OpenAI SDK
/// ChatCompletionOptions and Microsoft.Extensions.AI ChatOptions. About half of the sites carry a mistake the
/// analyzers report (service_tier, n, seed, stop, penalties, bad start_within, no token cap, broken JSON, unknown
/// paths, unbounded or non-transient retries); the rest is correct code and look-alikes (non-LLM JSON APIs).
/// </summary>
public sealed class LlmClientCorpus : CorpusBuilder
{
    private static readonly string[] Models = ["gpt-5.5", "gpt-4.1-mini", "claude-sonnet-4", "claude-haiku-4-5", "gemini-2.5-pro", "llama-3.3-70b"];

    private static readonly string[] Services = ["Support", "Search", "Summary", "Triage", "Translate", "Review", "Draft", "Insight"];

    /// <summary>Extra members of an anonymous chat payload: empty or correct about half the time.</summary>
    private static readonly string[] AnonymousExtras =
    [
        "", "", "", "", "n = 1,", "user = \"bench\",", "top_p = 0.9,",
        "service_tier = \"flex\",", "n = 3,", "seed = 42,", "stop = new[] { \"END\" },", "frequency_penalty = 0.5,",
        "presence_penalty = 0.3,", "start_within = \"00h-00m-30s\",", "start_within = \"30s\",", "logprobs = true,",
    ];

    /// <summary>Extra lines of a JSON body: empty, correct, a mistake, or broken JSON.</summary>
    private static readonly string[] JsonExtras =
    [
        "", "", "", "\"temperature\": 0.2,", "\"user\": \"bench\",",
        "\"service_tier\": \"flex\",", "\"n\": 2,", "\"seed\": 7,", "\"stop\": [\"END\"],", "\"start_within\": \"00h-01m-00s\",",
        "\"start_within\": \"soon\",", "\"temperature\": 0.2,,",
    ];

    private static readonly string[] OpenAiExtras =
    [
        "", "", "", "TopP = 0.9f,", "EndUserId = \"bench\",",
        "Seed = 42,", "FrequencyPenalty = 0.4f,", "PresencePenalty = 0.1f,", "StopSequences = { \"END\" },", "ServiceTier = ChatServiceTier.Flex,",
    ];

    private static readonly string[] ExtensionsAiExtras =
    [
        "", "", "", "TopP = 0.9f,", "ResponseFormat = ChatResponseFormat.Json,",
        "Seed = 7,", "TopK = 40,", "FrequencyPenalty = 0.3f,", "StopSequences = [\"END\"],",
        "AdditionalProperties = new() { [\"service_tier\"] = \"flex\" },", "AdditionalProperties = new() { [\"start_within\"] = \"00h-00m-30s\" },",
    ];

    private static readonly string[] RetryPredicates =
    [
        "r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500",
        "r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout",
        "!r.IsSuccessStatusCode",
        "r.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests",
    ];

    private static readonly string[] Paths = ["v1/chat/completions", "v1/responses", "v1/embeddings", "v1/chat/completion", "v1/models", "v1/messages"];

    private static readonly Func<Context, string>[] Shared =
    [
        AnonymousChat, AnonymousChat, JsonContentResponses, RawJsonRequest, InterpolatedJson, DictionaryPayload, JsonObjectPayload,
        JObjectPayload, NewtonsoftSerialized, ClaudeSerialized, TypedRequest, BoundedRetry, BoundedRetry, UnboundedRetry, StatusRetry,
        PollyV7, PollyV7Forever, PollyV8, StreamChat, NonLlmApi, OtherEndpoint, ReadContent, BuildPrompt,
    ];

    private static readonly Func<Context, string>[] OpenAi = [OpenAiOptions, OpenAiOptions, OpenAiLaterStatements, OpenAiStreaming, OpenAiRetry, OpenAiClientFactory, ResponsesOptions];

    private static readonly Func<Context, string>[] ExtensionsAi = [ExtensionsAiOptions, ExtensionsAiOptions, ExtensionsAiStreaming, ExtensionsAiRetry];

    public override string Name => "b: LLM client code";

    public override string Description => "LLM client code dense with requests and retries, correct and mistaken";

    /// <summary>What a member template is given.</summary>
    private sealed record Context(int File, int Member, Random Random)
    {
        public string Model => CorpusBuilder.Pick(Random, Models);

        public int Tokens => 64 * (1 + Random.Next(32));

        public string Pick(IReadOnlyList<string> items) => CorpusBuilder.Pick(Random, items);

        public bool Chance(int percent) => Random.Next(100) < percent;
    }

    protected override CorpusFile WriteFile(int index, Random random)
    {
        var openAi = index % 2 == 0;
        var service = Pick(random, Services);
        var text = new SourceWriter();
        text.Append($$"""
            #pragma warning disable OPENAI001 // Experimental OpenAI APIs (Seed).
            using System.Net;
            using System.Net.Http.Headers;
            using System.Net.Http.Json;
            using System.Text;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using System.Text.Json.Serialization;
            {{(openAi ? "using System.ClientModel;\nusing OpenAI;\nusing OpenAI.Chat;" : "using Microsoft.Extensions.AI;")}}
            using Newtonsoft.Json.Linq;
            using Polly;
            using Polly.Retry;

            namespace Contoso.Assistants.{{service}}.M{{index}};


            """);
        text.Block($$"""
            public sealed record ConversationTurn(string Role, string Content);

            public sealed record ChatRequest{{index}}(
                [property: JsonPropertyName("model")] string Model,
                [property: JsonPropertyName("messages")] IReadOnlyList<ConversationTurn> Messages,
                [property: JsonPropertyName("max_completion_tokens")] int MaxCompletionTokens,
                [property: JsonPropertyName("service_tier"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ServiceTier = null);
            """);

        var member = 0;
        var sdk = openAi ? OpenAi : ExtensionsAi;
        for (var client = 0; text.Lines < LinesPerFile; client++)
        {
            var body = new SourceWriter();
            body.Append($$"""
                public sealed class {{service}}Client{{index}}_{{client}}
                {
                    private readonly HttpClient _http;
                    private readonly Action<string> _log;

                    public {{service}}Client{{index}}_{{client}}(HttpClient http, Action<string> log)
                    {
                        _http = http;
                        _http.BaseAddress ??= new Uri("https://gateway.example/");
                        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("GATEWAY_API_KEY") ?? string.Empty);
                        _log = log;
                    }


                """);
            var count = 5 + random.Next(5);
            for (var i = 0; i < count; i++)
            {
                var template = random.Next(3) == 0 ? Pick(random, sdk) : Pick(random, Shared);
                body.Block(template(new Context(index, member++, random)).TrimEnd('\n'));
            }

            body.Append("}\n");
            text.Block(body.ToString());
        }

        return new CorpusFile($"Assistants/{service}/Client{index.ToString(CultureInfo.InvariantCulture)}.cs", text.ToString());
    }

    private static string AnonymousChat(Context c) => $$"""
            public async Task<string> Ask{{c.Member}}Async(string question, CancellationToken cancellationToken)
            {
                using var response = await _http.PostAsJsonAsync("v1/chat/completions", new
                {
                    model = "{{c.Model}}",
                    messages = new[]
                    {
                        new { role = "system", content = "You answer questions about order {{c.Member}}." },
                        new { role = "user", content = question },
                    },
                    temperature = 0.{{c.Random.Next(0, 9)}},
                    max_completion_tokens = {{c.Tokens}},
                    {{c.Pick(AnonymousExtras)}}
                }, cancellationToken);
                response.EnsureSuccessStatusCode();
                return ReadChoice(await response.Content.ReadAsStringAsync(cancellationToken));

                static string ReadChoice(string json)
                {
                    using var document = JsonDocument.Parse(json);
                    return document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
                }
            }
        """;

    private static string JsonContentResponses(Context c) => $$"""
            public async Task<string> Respond{{c.Member}}Async(string input, CancellationToken cancellationToken)
            {
                var content = JsonContent.Create(new { model = "{{c.Model}}", input, max_output_tokens = {{c.Tokens}}, {{c.Pick(AnonymousExtras)}} });
                using var response = await _http.PostAsync("v1/responses", content, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    _log($"responses failed with {(int)response.StatusCode}");
                }

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        """;

    private static string RawJsonRequest(Context c) => $$""""
            public async Task<string> Summarize{{c.Member}}Async(CancellationToken cancellationToken)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
                {
                    Content = new StringContent("""
                        {
                          "model": "{{c.Model}}",
                          "messages": [{ "role": "user", "content": "Summarize the release notes of build {{c.Member}}." }],
                          {{c.Pick(JsonExtras)}}
                          "max_completion_tokens": {{c.Tokens}}
                        }
                        """, Encoding.UTF8, "application/json"),
                };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await _http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        """";

    private static string InterpolatedJson(Context c) => $$$""""
            public async Task<string> Classify{{{c.Member}}}Async(string text, CancellationToken cancellationToken)
            {
                var escaped = JsonEncodedText.Encode(text).ToString();
                using var content = new StringContent($$"""
                    {
                      "model": "{{{c.Model}}}",
                      "input": "Classify this ticket: {{escaped}}",
                      {{{c.Pick(JsonExtras)}}}
                      "max_output_tokens": {{{c.Tokens}}}
                    }
                    """, Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync("v1/responses", content, cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        """";

    private static string DictionaryPayload(Context c)
    {
        var extra = c.Pick(["", "", "service_tier", "n", "seed", "start_within", "user"]);
        var late = extra.Length == 0 ? string.Empty : $$"""

                    if (prompt.Length > {{c.Random.Next(10, 400)}})
                    {
                        body["{{extra}}"] = {{extra switch { "n" => "2", "seed" => "11", "start_within" => "\"00h-02m-00s\"", _ => "\"flex\"" }}};
                    }

            """;
        return $$"""
                public Task<HttpResponseMessage> Send{{c.Member}}Async(string prompt, CancellationToken cancellationToken)
                {
                    var body = new Dictionary<string, object?>
                    {
                        ["model"] = "{{c.Model}}",
                        ["messages"] = new[] { new ConversationTurn("user", prompt) },
                        ["max_completion_tokens"] = {{c.Tokens}},
                    };
            {{late}}
                    return _http.PostAsJsonAsync("v1/chat/completions", body, cancellationToken);
                }
            """;
    }

    private static string JsonObjectPayload(Context c) => $$"""
            public async Task<string> Node{{c.Member}}Async(string prompt, CancellationToken cancellationToken)
            {
                var node = new JsonObject
                {
                    ["model"] = "{{c.Model}}",
                    ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
                    ["max_completion_tokens"] = {{c.Tokens}},
                };
                {{(c.Chance(40) ? "node[\"seed\"] = 5;" : "node[\"temperature\"] = 0.3;")}}
                using var response = await _http.PostAsync("v1/chat/completions", new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        """;

    private static string JObjectPayload(Context c) => $$"""
            public async Task<string> RespondNewtonsoft{{c.Member}}Async(string input, CancellationToken cancellationToken)
            {
                var payload = new JObject
                {
                    ["model"] = "{{c.Model}}",
                    ["input"] = input,
                    ["max_output_tokens"] = {{c.Tokens}},
                };
                {{(c.Chance(40) ? "payload[\"service_tier\"] = \"flex\";" : "payload[\"user\"] = \"bench\";")}}
                using var content = new StringContent(payload.ToString(), Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync("v1/responses", content, cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        """;

    private static string NewtonsoftSerialized(Context c) => $$"""
            public async Task<string> Translate{{c.Member}}Async(string text, string language, CancellationToken cancellationToken)
            {
                var json = Newtonsoft.Json.JsonConvert.SerializeObject(new
                {
                    model = "{{c.Model}}",
                    messages = new[] { new { role = "user", content = $"Translate to {language}: {text}" } },
                    max_completion_tokens = {{c.Tokens}},
                    {{c.Pick(AnonymousExtras)}}
                });
                using var response = await _http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        """;

    private static string ClaudeSerialized(Context c) => $$"""
            public async Task<string> AskClaude{{c.Member}}Async(string question, CancellationToken cancellationToken)
            {
                var json = JsonSerializer.Serialize(new
                {
                    model = "{{c.Pick(["claude-sonnet-4", "claude-haiku-4-5", "claude-opus-4-1"])}}",
                    {{(c.Chance(60) ? $"max_tokens = {c.Tokens}," : string.Empty)}}
                    messages = new[] { new { role = "user", content = question } },
                });
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
                {
                    Content = new StringContent(json, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("anthropic-version", "2023-06-01");
                using var response = await _http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        """;

    private static string TypedRequest(Context c) => $$"""
            public Task<HttpResponseMessage> SendTyped{{c.Member}}Async(IReadOnlyList<ConversationTurn> turns, CancellationToken cancellationToken)
                => _http.PostAsJsonAsync("v1/chat/completions", new ChatRequest{{c.File}}("{{c.Model}}", turns, {{c.Tokens}}{{(c.Chance(30) ? ", \"flex\"" : string.Empty)}}), cancellationToken);
        """;

    private static string BoundedRetry(Context c) => $$"""
            public async Task<string> AskWithRetry{{c.Member}}Async(string question, CancellationToken cancellationToken)
            {
                const int maxAttempts = {{c.Random.Next(3, 6)}};
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var response = await _http.PostAsJsonAsync("v1/chat/completions", new
                        {
                            model = "{{c.Model}}",
                            messages = new[] { new { role = "user", content = question } },
                            max_completion_tokens = {{c.Tokens}},
                            {{c.Pick(AnonymousExtras)}}
                        }, cancellationToken);
                        if (response.IsSuccessStatusCode)
                        {
                            return await response.Content.ReadAsStringAsync(cancellationToken);
                        }

                        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway) || attempt >= maxAttempts)
                        {
                            throw new HttpRequestException($"Gateway returned {(int)response.StatusCode}.", null, response.StatusCode);
                        }

                        var delay = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds((Math.Pow(2, attempt) * 250) + Random.Shared.Next(0, 250));
                        await Task.Delay(delay, cancellationToken);
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is null && attempt < maxAttempts)
                    {
                        _log($"attempt {attempt} failed: {ex.Message}");
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                    }
                }
            }
        """;

    private static string UnboundedRetry(Context c) => $$"""
            public async Task<string> AskUntilItWorks{{c.Member}}Async(string prompt, CancellationToken cancellationToken)
            {
                while (true)
                {
                    try
                    {
                        var response = await _http.PostAsJsonAsync("v1/responses", new { model = "{{c.Model}}", input = prompt, {{c.Pick(AnonymousExtras)}} }, cancellationToken);
                        response.EnsureSuccessStatusCode();
                        return await response.Content.ReadAsStringAsync(cancellationToken);
                    }
                    catch (HttpRequestException ex)
                    {
                        _log("retrying: " + ex.Message);
                        await Task.Delay({{c.Pick(["1000", "500", "TimeSpan.FromSeconds(2)"])}}, cancellationToken);
                    }
                }
            }
        """;

    private static string StatusRetry(Context c) => $$"""
            public async Task<HttpResponseMessage> SendWithRetries{{c.Member}}Async(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
            {
                HttpResponseMessage? last = null;
                for (var attempt = 0; attempt < {{c.Random.Next(2, 12)}}; attempt++)
                {
                    last?.Dispose();
                    last = await _http.SendAsync(createRequest(), cancellationToken);
                    if (last.StatusCode is {{c.Pick(["HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests", "HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable", "HttpStatusCode.BadRequest or HttpStatusCode.InternalServerError"])}})
                    {
                        await Task.Delay(TimeSpan.FromSeconds({{c.Random.Next(1, 5)}}), cancellationToken);
                        continue;
                    }

                    return last;
                }

                return last!;
            }
        """;

    private static string PollyV7(Context c) => $$"""
            private static readonly AsyncRetryPolicy<HttpResponseMessage> Retry{{c.Member}} = Policy<HttpResponseMessage>
                .Handle<HttpRequestException>()
                .OrResult(r => {{c.Pick(RetryPredicates)}})
                .WaitAndRetryAsync({{c.Random.Next(2, 8)}}, attempt => {{c.Pick(["TimeSpan.FromSeconds(Math.Pow(2, attempt)) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500))", "TimeSpan.FromSeconds(1)", "TimeSpan.FromMilliseconds(200 * attempt)"])}});

            public Task<HttpResponseMessage> PostWithPolicy{{c.Member}}Async(string prompt, CancellationToken cancellationToken)
                => Retry{{c.Member}}.ExecuteAsync(ct => _http.PostAsJsonAsync("v1/chat/completions", new { model = "{{c.Model}}", messages = new[] { new { role = "user", content = prompt } }, {{c.Pick(AnonymousExtras)}} }, ct), cancellationToken);
        """;

    private static string PollyV7Forever(Context c) => $$"""
            private static readonly AsyncRetryPolicy<HttpResponseMessage> Forever{{c.Member}} = Policy
                .HandleResult<HttpResponseMessage>(r => !r.IsSuccessStatusCode)
                .Or<HttpRequestException>()
                .RetryForeverAsync();

            public async Task<string> RespondForever{{c.Member}}Async(string input, CancellationToken cancellationToken)
            {
                using var response = await Forever{{c.Member}}.ExecuteAsync(ct => _http.PostAsJsonAsync("v1/responses", new { model = "{{c.Model}}", input }, ct), cancellationToken);
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        """;

    private static string PollyV8(Context c) => $$"""
            private static readonly ResiliencePipeline<HttpResponseMessage> Pipeline{{c.Member}} = new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = {{c.Pick(["3", "4", "5", "10", "int.MaxValue"])}},
                    BackoffType = DelayBackoffType.{{c.Pick(["Exponential", "Exponential", "Constant", "Linear"])}},
                    UseJitter = {{(c.Chance(60) ? "true" : "false")}},
                    Delay = TimeSpan.FromMilliseconds({{c.Random.Next(100, 2000)}}),
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .HandleResult(r => {{c.Pick(RetryPredicates)}}),
                })
                .AddTimeout(TimeSpan.FromSeconds({{c.Random.Next(10, 120)}}))
                .Build();

            public async Task<string> RespondWithPipeline{{c.Member}}Async(string input, CancellationToken cancellationToken)
            {
                using var response = await Pipeline{{c.Member}}.ExecuteAsync(
                    async token => await _http.PostAsync("v1/responses", JsonContent.Create(new { model = "{{c.Model}}", input, max_output_tokens = {{c.Tokens}} }), token),
                    cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
        """;

    private static string StreamChat(Context c) => $$"""
            public async IAsyncEnumerable<string> StreamChat{{c.Member}}Async(string prompt, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
                {
                    Content = JsonContent.Create(new { model = "{{c.Model}}", stream = true, messages = new[] { new { role = "user", content = prompt } }, {{c.Pick(AnonymousExtras)}} }),
                };
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal) || line == "data: [DONE]")
                    {
                        continue;
                    }

                    using var chunk = JsonDocument.Parse(line.AsMemory(6));
                    if (chunk.RootElement.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var content))
                    {
                        yield return content.GetString() ?? string.Empty;
                    }
                }
            }
        """;

    private static string NonLlmApi(Context c) => $$"""
            public async Task NotifyBilling{{c.Member}}Async(int orderId, CancellationToken cancellationToken)
            {
                using var response = await _http.PostAsJsonAsync("https://billing.example/api/invoices", new { orderId, n = 3, seed = {{c.Random.Next(1, 99)}}, stop = "end-of-month" }, cancellationToken);
                response.EnsureSuccessStatusCode();
                var json = JsonSerializer.Serialize(new { orderId, service_tier = "gold" });
                _log(json);
            }
        """;

    private static string OtherEndpoint(Context c) => $$"""
            public Task<HttpResponseMessage> Embed{{c.Member}}Async(string text, CancellationToken cancellationToken)
                => _http.PostAsJsonAsync("{{c.Pick(Paths)}}", new { model = "text-embedding-3-small", input = text }, cancellationToken);
        """;

    private static string ReadContent(Context c) => $$"""
            private static string ReadContent{{c.Member}}(string json)
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                if (root.TryGetProperty("error", out var error))
                {
                    throw new InvalidOperationException(error.GetProperty("message").GetString());
                }

                var builder = new StringBuilder();
                foreach (var choice in root.GetProperty("choices").EnumerateArray())
                {
                    builder.Append(choice.GetProperty("message").GetProperty("content").GetString());
                }

                return builder.ToString();
            }
        """;

    private static string BuildPrompt(Context c) => $$"""
            private static IReadOnlyList<ConversationTurn> BuildPrompt{{c.Member}}(IEnumerable<string> history, string question, int budget = {{c.Tokens * 4}})
            {
                var turns = new List<ConversationTurn> { new("system", "You are a careful assistant. Answer in {{c.Pick(["English", "French", "German"])}}.") };
                var used = 0;
                foreach (var entry in history.Reverse())
                {
                    used += entry.Length / 4;
                    if (used > budget)
                    {
                        break;
                    }

                    turns.Insert(1, new ConversationTurn(turns.Count % 2 == 0 ? "assistant" : "user", entry.Trim()));
                }

                turns.Add(new ConversationTurn("user", question));
                return turns;
            }
        """;

    private static string OpenAiOptions(Context c) => $$"""
            public async Task<string> Complete{{c.Member}}Async(ChatClient chat, string question, CancellationToken cancellationToken)
            {
                var options = new ChatCompletionOptions
                {
                    Temperature = 0.{{c.Random.Next(0, 9)}}f,
                    MaxOutputTokenCount = {{c.Tokens}},
                    {{c.Pick(OpenAiExtras)}}
                };
                ChatCompletion completion = await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage(question)], options, cancellationToken);
                return completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;
            }
        """;

    private static string OpenAiLaterStatements(Context c) => $$"""
            public static ChatCompletionOptions Options{{c.Member}}(bool deterministic)
            {
                var options = new ChatCompletionOptions { MaxOutputTokenCount = {{c.Tokens}} };
                if (deterministic)
                {
                    {{c.Pick(["options.Temperature = 0f;", "options.Seed = 1;", "options.StopSequences.Add(\"END\");", "options.TopP = 0.1f;"])}}
                }

                return options;
            }
        """;

    private static string OpenAiStreaming(Context c) => $$"""
            public async Task<string> Stream{{c.Member}}Async(ChatClient chat, string question, CancellationToken cancellationToken)
            {
                var builder = new StringBuilder();
                await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = {{c.Tokens}} }, cancellationToken))
                {
                    foreach (var part in update.ContentUpdate)
                    {
                        builder.Append(part.Text);
                    }
                }

                return builder.ToString();
            }
        """;

    private static string OpenAiRetry(Context c) => $$"""
            public async Task<string> CompleteWithRetry{{c.Member}}Async(ChatClient chat, string question, CancellationToken cancellationToken)
            {
                for (var attempt = 0; attempt < {{c.Random.Next(2, 7)}}; attempt++)
                {
                    try
                    {
                        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = {{c.Tokens}}, {{c.Pick(OpenAiExtras)}} }, cancellationToken);
                        return completion.Content[0].Text;
                    }
                    catch (ClientResultException ex) when (ex.Status is 429 or >= 500)
                    {
                        _log($"attempt {attempt}: {ex.Status}");
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), cancellationToken);
                    }
                }

                throw new TimeoutException("The model did not answer.");
            }
        """;

    private static string OpenAiClientFactory(Context c) => $$"""
            public static ChatClient CreateChatClient{{c.Member}}(string model)
            {
                var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set OPENAI_API_KEY.");
                var options = new OpenAIClientOptions { Endpoint = new Uri("https://gateway.example/v1"), NetworkTimeout = TimeSpan.FromSeconds({{c.Random.Next(30, 600)}}) };
                return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(model);
            }
        """;

    private static string ResponsesOptions(Context c) => $$"""
            public static OpenAI.Responses.CreateResponseOptions ResponseOptions{{c.Member}}()
                => new OpenAI.Responses.CreateResponseOptions { Model = "{{c.Model}}", MaxOutputTokenCount = {{c.Tokens}}{{(c.Chance(30) ? ", ServiceTier = OpenAI.Responses.ResponseServiceTier.Flex" : string.Empty)}} };
        """;

    private static string ExtensionsAiOptions(Context c) => $$"""
            public async Task<string> Chat{{c.Member}}Async(IChatClient client, string question, CancellationToken cancellationToken)
            {
                var options = new ChatOptions
                {
                    ModelId = "{{c.Model}}",
                    Temperature = 0.{{c.Random.Next(0, 9)}}f,
                    MaxOutputTokens = {{c.Tokens}},
                    {{c.Pick(ExtensionsAiExtras)}}
                };
                var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, question)], options, cancellationToken);
                return response.Text;
            }
        """;

    private static string ExtensionsAiStreaming(Context c) => $$"""
            public async Task<string> StreamNeutral{{c.Member}}Async(IChatClient client, string question, CancellationToken cancellationToken)
            {
                var builder = new StringBuilder();
                await foreach (var update in client.GetStreamingResponseAsync(question, new ChatOptions { ModelId = "{{c.Model}}", MaxOutputTokens = {{c.Tokens}} }, cancellationToken))
                {
                    builder.Append(update.Text);
                }

                return builder.ToString();
            }
        """;

    private static string ExtensionsAiRetry(Context c) => $$"""
            public async Task<string> ChatWithRetry{{c.Member}}Async(IChatClient client, string question, CancellationToken cancellationToken)
            {
                var delay = TimeSpan.FromMilliseconds({{c.Random.Next(100, 1000)}});
                for (var attempt = 1; attempt <= {{c.Random.Next(2, 6)}}; attempt++)
                {
                    try
                    {
                        var response = await client.GetResponseAsync(question, new ChatOptions { ModelId = "{{c.Model}}", MaxOutputTokens = {{c.Tokens}}, {{c.Pick(ExtensionsAiExtras)}} }, cancellationToken);
                        return response.Text;
                    }
                    catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                    {
                        _log($"attempt {attempt}: {ex.StatusCode}");
                        await Task.Delay(delay, cancellationToken);
                        delay *= 2;
                    }
                }

                throw new TimeoutException("The model did not answer.");
            }
        """;
}
