using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace LlmClient.Analyzers.Tests.Infrastructure;

/// <summary>
/// The per-file name filter of RetryAnalyzer and TransportAnalyzer: it may only ever say "mentions" too often, never
/// too rarely, or a retry or a timeout in that file would go unanalyzed.
/// </summary>
public class IdentifierScannerTests
{
    private static readonly IdentifierScanner Scanner = new IdentifierScanner()
        .Add("SendAsync", 1)
        .Add("OpenAI", 2)
        .AddSuffix("RetryPolicy", 4);

    private static int Scan(string text, int wanted = 7) => Scanner.Scan(SourceText.From(text), wanted, CancellationToken.None);

    [Theory]
    [InlineData("await client.SendAsync(request);", 1)]
    [InlineData("await client.@SendAsync(request);", 1)]
    [InlineData("using OpenAI.Chat; x.SendAsync();", 3)]
    [InlineData("using Azure.AI.OpenAI;", 2)]
    [InlineData("var p = new MyRetryPolicy(3);", 4)]
    [InlineData("var p = new RetryPolicy();", 4)]
    [InlineData("// SendAsync in a comment counts", 1)]
    public void Finds_whole_identifiers(string text, int expected) => Assert.Equal(expected, Scan(text));

    [Theory]
    [InlineData("await client.SendAsyncCore(request);")]
    [InlineData("await client.MySendAsync(request);")]
    [InlineData("var OpenAIClient = 1; var RetryPolicyName = 2;")]
    [InlineData("")]
    public void Ignores_other_identifiers(string text) => Assert.Equal(0, Scan(text));

    [Fact]
    public void A_unicode_escape_may_spell_any_name() => Assert.Equal(7, Scan("await client.Send\\u0041sync(request);"));

    [Fact]
    public void Formatting_characters_inside_an_identifier_are_ignored() => Assert.Equal(1, Scan("await client.Send\u200BAsync(request);"));

    [Theory]
    [InlineData("// Résumé — see “SendAsync” 🙂\nvar x = 1;", 1)]
    [InlineData("var s = \"— … 🙂\";", 0)]
    public void Passes_over_other_characters(string text, int expected) => Assert.Equal(expected, Scan(text));

    [Fact]
    public void Stops_at_the_wanted_flags() => Assert.Equal(1, Scan("x.SendAsync(); using OpenAI;", wanted: 1));
}
