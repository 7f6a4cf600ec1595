using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace LlmClient.Analyzers.Tests.Infrastructure;

/// <summary>
/// The per-file name flags the retry and transport gates read. They are kept per tree, for every compilation the tree is
/// part of (the editor makes a new compilation on every edit, of mostly the same trees), so a tree's answer must be its
/// own text's, and a changed file, which is a new tree, must be read again.
/// </summary>
public class SourceNamesTests
{
    [Fact]
    public void A_trees_flags_are_its_texts_and_stay_so()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { async System.Threading.Tasks.Task M(System.Net.Http.HttpClient c) => await c.SendAsync(null!); }");
        var expected = SourceNames.Scan(tree, CancellationToken.None);

        Assert.NotEqual(0, expected & SourceNames.RetryTrigger);
        Assert.Equal(expected, SourceNames.Of(tree, CancellationToken.None));
        Assert.Equal(expected, SourceNames.Of(tree, CancellationToken.None));
    }

    [Fact]
    public void An_edited_file_is_read_again()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { void M() { } }");
        Assert.Equal(0, SourceNames.Of(tree, CancellationToken.None) & SourceNames.SdkNamespace);

        var edited = tree.WithChangedText(tree.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(0, 0), "using OpenAI.Chat;\n")));

        Assert.NotEqual(0, SourceNames.Of(edited, CancellationToken.None) & SourceNames.SdkNamespace);
        Assert.Equal(0, SourceNames.Of(tree, CancellationToken.None) & SourceNames.SdkNamespace);
    }
}
