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
}
