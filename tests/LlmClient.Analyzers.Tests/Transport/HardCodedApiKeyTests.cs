using System.Collections.Immutable;
using LlmClient.Analyzers.CodeFixes.Transport;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Tests.Verifiers;
using LlmClient.Analyzers.Transport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace LlmClient.Analyzers.Tests.Transport;

public class HardCodedApiKeyTests
{
    private const string Id = RuleIdentifiers.HardCodedApiKey;

    // Random strings in the shape of each provider's keys; none of them is a real key.
    private const string OpenAiKey = "sk-Ta3OP0iBg8cjAJkHXZtWeDPp4aAwrfmzesCwvCIsGoc4te3T";
    private const string ProjectKey = "sk-proj-ARmGtiLXQJR8X3j4K6JRm9lrInTDhGwJ4BT7kdlq-vK3QFrrr9nDtEtIhrYN";
    private const string AnthropicKey = "sk-ant-api03-Ofyh-pFup3Blidp823idJqzg9aESGEqfhInVpTELrNmc0upt0RB4ierG3-SF";
    private const string OpenRouterKey = "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";
    private const string FlexKey = "flex_live_d9c17605cd79c88d15613710d84015";
    private const string GenericToken = "8qCyUSgKTVtTYiDOVcGq8pjXLfx8kEQYdS7ieUeH";
    private const string HexToken = "c063bc2a55a8765000083c55b0278a9e";

    [Theory]
    [InlineData(OpenAiKey, "OPENAI_API_KEY")]
    [InlineData(ProjectKey, "OPENAI_API_KEY")]
    [InlineData(AnthropicKey, "ANTHROPIC_API_KEY")]
    [InlineData(OpenRouterKey, "OPENROUTER_API_KEY")]
    [InlineData(FlexKey, "FLEXINFERENCE_API_KEY")]
    [InlineData(GenericToken, "LLM_API_KEY")]
    [InlineData(HexToken, "LLM_API_KEY")]
    [InlineData("Bearer " + ProjectKey, "OPENAI_API_KEY")]
    public void Key_shapes(string text, string variable)
        => Assert.Equal(variable, GatewayFacts.ClassifyKey(text, allowGeneric: true)?.EnvironmentVariable);

    [Theory]
    [InlineData("YOUR_API_KEY")]
    [InlineData("sk-...")]
    [InlineData("sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("<your OpenAI key goes here>")]
    [InlineData("sk-your-key-here-0000000000000000")]
    [InlineData("sk-test-4f8a9b2c7d1e3f5a6b8c9d0e1f2a3b4c")]
    [InlineData("sk-abc123")]
    [InlineData("sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1")]
    [InlineData("sk-1234567890abcdefghijklmnopqrstuv")]
    [InlineData("sk-button sk-button--primary sk-large")]
    [InlineData("sk-button-primary-large-rounded-blue")]
    [InlineData("sk-1234")]
    [InlineData("flex_live_d9c17605cd79c88d15613710d840")] // checksum missing
    [InlineData("flex_live_zzc17605cd79c88d15613710d84015")] // not hex
    [InlineData("https://gateway.example/v1/chat/completions")]
    [InlineData("The quick brown fox jumps over the lazy dog")]
    public void Not_keys(string text)
        => Assert.Null(GatewayFacts.ClassifyKey(text, allowGeneric: true));

    [Fact]
    public Task Sdk_credentials_are_reported() => Verify<TransportAnalyzer>.AnalyzerAsync($$"""
        using System.ClientModel;
        using Anthropic;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            void M()
            {
                var a = new OpenAIClient(new ApiKeyCredential([|"{{ProjectKey}}"|]));
                var b = new OpenAIClient([|"{{OpenAiKey}}"|]);
                var c = new ChatClient("gpt-5.5", [|"{{OpenRouterKey}}"|]);
                var d = new ChatClient(model: "gpt-5.5", apiKey: [|"{{FlexKey}}"|]);
                var e = new AnthropicClient { ApiKey = [|"{{AnthropicKey}}"|] };
                var f = new ApiKeyCredential([|"{{GenericToken}}"|]);
            }
        }
        """, Id);

    [Fact]
    public Task Http_headers_are_reported() => Verify<TransportAnalyzer>.AnalyzerAsync($$"""
        using System.Net.Http.Headers;

        class C
        {
            void M(HttpClient http, HttpRequestMessage request)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", [|"{{ProjectKey}}"|]);
                http.DefaultRequestHeaders.Add("x-api-key", [|"{{AnthropicKey}}"|]);
                http.DefaultRequestHeaders.TryAddWithoutValidation("api-key", [|"{{HexToken}}"|]);
                request.Headers.Add("Authorization", [|"Bearer {{FlexKey}}"|]);
                request.Headers.Add("Authorization", "Bearer " + [|"{{GenericToken}}"|]);
            }
        }
        """, Id);

    [Fact]
    public Task Storage_named_like_a_key_is_reported() => Verify<TransportAnalyzer>.AnalyzerAsync($$"""
        class Settings
        {
            public const string ApiKey = [|"{{ProjectKey}}"|];
            private static readonly string OPENAI_API_KEY = [|"{{OpenAiKey}}"|];
            public string AnthropicKey { get; set; } = [|"{{AnthropicKey}}"|];
            private string _secret = [|"{{GenericToken}}"|];
            public string Key => [|"{{FlexKey}}"|];

            void M(Dictionary<string, string?> config)
            {
                var apiKey = [|"{{OpenRouterKey}}"|];
                string accessToken;
                accessToken = [|"{{HexToken}}"|];
                config["OpenAI:ApiKey"] = [|"{{OpenAiKey}}"|];
                Environment.SetEnvironmentVariable("OPENAI_API_KEY", [|"{{ProjectKey}}"|]);
                _ = (apiKey, accessToken);
            }
        }
        """, Id);

    [Fact]
    public Task A_local_passed_to_a_credential_is_reported() => Verify<TransportAnalyzer>.AnalyzerAsync($$"""
        using System.ClientModel;

        class C
        {
            ApiKeyCredential M(bool production)
            {
                var k = [|"{{ProjectKey}}"|];
                var fallback = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? [|"{{OpenAiKey}}"|];
                return production ? new ApiKeyCredential(fallback) : new ApiKeyCredential(k);
            }
        }
        """, Id);

    [Fact]
    public Task Placeholders_configuration_and_look_alikes_are_not_reported() => Verify<TransportAnalyzer>.AnalyzerAsync($$"""
        using System.ClientModel;
        using Anthropic;
        using OpenAI;

        class C
        {
            private const string ApiKey = "YOUR_API_KEY";
            private const string OtherKey = "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
            private const string CssClass = "sk-button sk-button--primary";
            private const string Sku = "sk-1234";
            private const string CacheKey = "{{GenericToken}}";
            private const string IdempotencyKey = "{{HexToken}}";
            private const string Checksum = "{{HexToken}}";

            void M(Dictionary<string, string> config, HttpClient http)
            {
                var a = new OpenAIClient(new ApiKeyCredential("sk-..."));
                var b = new OpenAIClient("<your key>");
                var c = new OpenAIClient(new ApiKeyCredential("sk-test"));
                var d = new OpenAIClient(new ApiKeyCredential("sk-test-4f8a9b2c7d1e3f5a6b8c9d0e1f2a3b4c"));
                var e = new AnthropicClient { ApiKey = config["Anthropic:ApiKey"] };
                var f = new OpenAIClient(new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!));
                http.DefaultRequestHeaders.Add("X-Request-Id", "{{GenericToken}}");
                http.DefaultRequestHeaders.Add("Idempotency-Key", "{{HexToken}}");
                Console.WriteLine("Keys look like {{ProjectKey}}");
                var html = "<button class=\"sk-button-primary-large-rounded-blue\">";
                var partitionKey = "{{GenericToken}}";
                _ = (a, b, c, d, e, f, html, partitionKey);
            }
        }
        """);

    [Fact]
    public Task Generated_code_is_skipped() => Verify<TransportAnalyzer>.AnalyzerAsync($$"""
        // <auto-generated/>
        using System.ClientModel;

        class TestData
        {
            public const string ApiKey = "{{ProjectKey}}";
            public static ApiKeyCredential Credential => new("{{OpenAiKey}}");
        }
        """);

    [Fact]
    public async Task The_message_names_the_kind_and_prefix_but_never_the_key()
    {
        var source = $$"""
            using System.ClientModel;
            class C { ApiKeyCredential M() => new ApiKeyCredential("{{ProjectKey}}"); }
            """;
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("M", [tree], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var diagnostics = await compilation.WithAnalyzers([new TransportAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("OpenAI project API key (sk-proj-\u2026)", message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", message, StringComparison.Ordinal);
        Assert.DoesNotContain(ProjectKey.Substring(8, 10), message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Fix_reads_the_environment_variable() => Verify<TransportAnalyzer>.CodeFixAsync<UseEnvironmentVariableFixer>($$"""
        using System.ClientModel;
        using System.Net.Http.Headers;
        using Anthropic;
        using OpenAI;

        class C
        {
            void M(HttpClient http)
            {
                var openAi = new OpenAIClient(new ApiKeyCredential([|"{{ProjectKey}}"|]));
                var anthropic = new AnthropicClient { ApiKey = [|"{{AnthropicKey}}"|] };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", [|"{{FlexKey}}"|]);
                http.DefaultRequestHeaders.Add("Authorization", [|"Bearer {{OpenRouterKey}}"|]);
                http.DefaultRequestHeaders.Add("api-key", [|"{{HexToken}}"|]);
            }
        }
        """, """
        using System.ClientModel;
        using System.Net.Http.Headers;
        using Anthropic;
        using OpenAI;

        class C
        {
            void M(HttpClient http)
            {
                var openAi = new OpenAIClient(new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable.")));
                var anthropic = new AnthropicClient { ApiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new InvalidOperationException("Set the ANTHROPIC_API_KEY environment variable.") };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("FLEXINFERENCE_API_KEY") ?? throw new InvalidOperationException("Set the FLEXINFERENCE_API_KEY environment variable."));
                http.DefaultRequestHeaders.Add("Authorization", "Bearer " + (Environment.GetEnvironmentVariable("OPENROUTER_API_KEY") ?? throw new InvalidOperationException("Set the OPENROUTER_API_KEY environment variable.")));
                http.DefaultRequestHeaders.Add("api-key", Environment.GetEnvironmentVariable("LLM_API_KEY") ?? throw new InvalidOperationException("Set the LLM_API_KEY environment variable."));
            }
        }
        """, Id);

    [Fact]
    public Task Fix_turns_constants_into_readonly_fields_and_locals() => Verify<TransportAnalyzer>.CodeFixAsync<UseEnvironmentVariableFixer>($$"""
        using System.ClientModel;

        class C
        {
            public const string ApiKey = [|"{{ProjectKey}}"|];
            private static readonly string FallbackKey = [|"{{OpenAiKey}}"|];

            ApiKeyCredential M()
            {
                const string anthropicKey = [|"{{AnthropicKey}}"|];
                return new ApiKeyCredential(ApiKey + FallbackKey + anthropicKey);
            }
        }
        """, """
        using System.ClientModel;

        class C
        {
            public static readonly string ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable.");
            private static readonly string FallbackKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable.");

            ApiKeyCredential M()
            {
                string anthropicKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new InvalidOperationException("Set the ANTHROPIC_API_KEY environment variable.");
                return new ApiKeyCredential(ApiKey + FallbackKey + anthropicKey);
            }
        }
        """, Id);

    [Fact]
    public Task Fix_all_handles_several_keys_in_one_declaration() => Verify<TransportAnalyzer>.CodeFixAsync<UseEnvironmentVariableFixer>($$"""
        class Keys
        {
            private const string OpenAiKey = [|"{{ProjectKey}}"|], AnthropicKey = [|"{{AnthropicKey}}"|];

            string Both(bool claude) => claude ? AnthropicKey : OpenAiKey;

            string GetApiKey(bool claude) => claude ? [|"{{AnthropicKey}}"|] : Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? [|"{{OpenAiKey}}"|];
        }
        """, """
        class Keys
        {
            private static readonly string OpenAiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable."), AnthropicKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new InvalidOperationException("Set the ANTHROPIC_API_KEY environment variable.");

            string Both(bool claude) => claude ? AnthropicKey : OpenAiKey;

            string GetApiKey(bool claude) => claude ? (Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new InvalidOperationException("Set the ANTHROPIC_API_KEY environment variable.")) : Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? (Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable."));
        }
        """, Id);

    [Fact]
    public Task Function_pointers_and_delegates_do_not_crash() => Verify<TransportAnalyzer>.AnalyzerAsync($$"""
        unsafe class C
        {
            void M(delegate*<string, void> call, Action<string> apiKey)
            {
                call("{{ProjectKey}}");
                apiKey("{{OpenAiKey}}");
            }
        }
        """);

    [Fact]
    public Task No_fix_where_a_constant_is_required() => Verify<TransportAnalyzer>.CodeFixAsync<UseEnvironmentVariableFixer>($$"""
        using System.ComponentModel;

        class C
        {
            public const string ApiKey = [|"{{ProjectKey}}"|];

            [Description(ApiKey)]
            void M(string apiKey = [|"{{OpenAiKey}}"|])
            {
                switch (apiKey)
                {
                    case ApiKey:
                        break;
                }
            }
        }
        """, $$"""
        using System.ComponentModel;

        class C
        {
            public const string ApiKey = [|"{{ProjectKey}}"|];

            [Description(ApiKey)]
            void M(string apiKey = [|"{{OpenAiKey}}"|])
            {
                switch (apiKey)
                {
                    case ApiKey:
                        break;
                }
            }
        }
        """, Id);

    [Fact]
    public Task Half_typed_code_does_not_crash() => Verify<TransportAnalyzer>.AnalyzerAsync($$"""
        using System.ClientModel;

        class C
        {
            void A() { var credential = new ApiKeyCredential([|"{{ProjectKey}}"|]{|CS1026:;|} }
            void B() { var other = new {|CS0246:Missing|}("{{OpenAiKey}}"); }
            void D() { string apiKey = {|CS0029:"{{GenericToken}}".Length|}; }
            void E() { Use({|CS0103:undefined|}, "{{AnthropicKey}}"); }
            void F()
            {
                var apiKey = [|"{{FlexKey}}"|]{|CS1002:|}
            }

            void Use(object a, string b) { }
        }
        """, Id);
}
