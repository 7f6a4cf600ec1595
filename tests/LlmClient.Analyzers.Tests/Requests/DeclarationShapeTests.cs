using LlmClient.Analyzers.Requests;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Requests;

/// <summary>
/// A request is found wherever C# lets it be written: in every kind of member, initializer and declaration the driver
/// analyzes as a code block, including a field declaration that declares several fields (one node, several code blocks).
/// </summary>
public class DeclarationShapeTests
{
    [Fact]
    public Task Fields_declared_together_are_each_analyzed() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using Microsoft.Extensions.AI;

        class C
        {
            private static readonly ChatOptions First = new() { ModelId = "m", {|LLM2003:Seed = 1|} }, Second = new() { ModelId = "m", {|LLM2003:TopK = 2|} };

            private static readonly ChatOptions Plain = new() { ModelId = "m" }, Third = new() { ModelId = "m", {|LLM2003:Seed = 3|} };

            private readonly Func<ChatOptions> _a = () => new() { ModelId = "m", {|LLM2003:Seed = 4|} }, _b = () => new() { ModelId = "m" };

            public event Func<ChatOptions>? E1 = () => new() { ModelId = "m", {|LLM2003:Seed = 5|} }, E2 = null;
        }
        """);

    [Fact]
    public Task Every_kind_of_member_is_analyzed() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using Microsoft.Extensions.AI;

        class Base(ChatOptions options)
        {
            public ChatOptions Options { get; } = options;
        }

        class Derived : Base
        {
            static readonly ChatOptions Shared;

            static Derived() { Shared = new() { ModelId = "m", {|LLM2003:Seed = 1|} }; }

            public Derived() : base(new ChatOptions { ModelId = "m", {|LLM2003:Seed = 2|} }) { }

            ~Derived() { _ = new ChatOptions { ModelId = "m", {|LLM2003:Seed = 3|} }; }

            public ChatOptions this[int i] => new() { ModelId = "m", {|LLM2003:Seed = 4|} };

            public ChatOptions Property
            {
                get => new() { ModelId = "m", {|LLM2003:Seed = 5|} };
                set { _ = new ChatOptions { ModelId = "m", {|LLM2003:TopK = 6|} }; }
            }

            public event EventHandler Changed
            {
                add { _ = new ChatOptions { ModelId = "m", {|LLM2003:Seed = 7|} }; }
                remove { }
            }

            public static Derived operator +(Derived d, int i) { _ = new ChatOptions { ModelId = "m", {|LLM2003:Seed = 8|} }; return d; }

            public static implicit operator ChatOptions(Derived d) => new() { ModelId = "m", {|LLM2003:Seed = 9|} };

            void Method()
            {
                ChatOptions Local() => new() { ModelId = "m", {|LLM2003:Seed = 10|} };
                _ = Local();
            }
        }

        class Primary(int seed) : Base(new ChatOptions { ModelId = "m", {|LLM2003:Seed = 11|} })
        {
            public int Seed { get; } = seed;
        }

        record Options(ChatOptions Value)
        {
            public ChatOptions Copy { get; init; } = new() { ModelId = "m", {|LLM2003:Seed = 12|} };
        }
        """);

    [Fact]
    public Task Top_level_statements_are_analyzed() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using Microsoft.Extensions.AI;

        var options = new ChatOptions { ModelId = "m", {|LLM2003:Seed = 1|} };
        Console.WriteLine(options);
        """);

    [Fact]
    public Task Nested_partial_struct_and_interface_members_are_each_reported_once()
    {
        // The analyzer collects per type (a nested type is a type of its own) and binds at the type's end; a partial type's
        // parts in two files are one type.
        var test = new AnalyzerTest();
        test.Sources.Add("""
            using Microsoft.Extensions.AI;

            partial class Outer
            {
                ChatOptions A() => new() { ModelId = "m", {|LLM2003:Seed = 1|} };

                class Inner
                {
                    ChatOptions B() => new() { ModelId = "m", {|LLM2003:Seed = 2|} };

                    struct Deepest
                    {
                        public ChatOptions C() => new() { ModelId = "m", {|LLM2003:Seed = 3|} };
                    }
                }
            }

            interface IOptionsSource
            {
                ChatOptions D() => new() { ModelId = "m", {|LLM2003:Seed = 4|} };
            }
            """);
        test.Sources.Add("""
            using Microsoft.Extensions.AI;

            partial class Outer
            {
                ChatOptions E() => new() { ModelId = "m", {|LLM2003:Seed = 5|} };
            }
            """);
        test.Analyzers.Add(new RequestAnalyzer());
        return test.RunAsync();
    }

    [Fact]
    public Task The_endpoint_rule_reads_the_payloads_of_its_own_member() => Verify<RequestAnalyzer>.AnalyzerAsync("""
        using System.Net.Http.Json;

        class C
        {
            // An LLM payload makes a one-word near miss credible, in the member that sends it.
            async Task Send(HttpClient http)
                => await http.PostAsJsonAsync({|LLM3001:"https://chat.example/api/v1/message"|}, new { model = "m", messages = new[] { "hi" } });

            // The same path read by another member of the same type, with no payload of its own, is a chat app's endpoint.
            async Task Read(HttpClient http) => await http.GetAsync("https://chat.example/api/v1/message");
        }
        """);
}
