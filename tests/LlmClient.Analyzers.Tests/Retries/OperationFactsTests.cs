using LlmClient.Analyzers.Retries.Analysis;
using LlmClient.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>
/// The flow nodes of an operation inside a walked region are taken from the region's list instead of a walk of their own:
/// they must be exactly what the walk of the operation gives, lambdas, local functions and nested loops included.
/// </summary>
public class OperationFactsTests
{
    private const string Source = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class C
        {
            public async Task<string> Run(HttpClient http, bool flag)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var done = false;
                    try
                    {
                        Func<Task> local = async () => { var inner = true; await http.GetAsync("a"); inner = false; };
                        using var response = await http.GetAsync("b");
                        done = response.IsSuccessStatusCode;
                        if (done && flag)
                        {
                            bool Check(bool value) { var seen = value; return Check(!seen); }
                            Check(done);
                            return await response.Content.ReadAsStringAsync();
                        }

                        while (!done)
                        {
                            done = attempt > 1;
                            await Task.Delay(10);
                        }
                    }
                    catch (HttpRequestException) when (flag)
                    {
                        await Task.Delay(100 * attempt);
                    }
                }

                return string.Empty;
            }
        }
        """;

    [Fact]
    public void Flow_nodes_taken_from_a_walked_region_are_those_of_a_walk()
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var compilation = CSharpCompilation.Create("M", [tree], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var model = compilation.GetSemanticModel(tree);
        var loopSyntax = tree.GetRoot().DescendantNodes().OfType<ForStatementSyntax>().Single();
        var loop = (ILoopOperation)model.GetOperation(loopSyntax)!;

        var checkedOperations = 0;
        foreach (var operation in loop.Body.DescendantsAndSelf())
        {
            var walked = new OperationFacts().FlowNodes(operation);
            var derivedFacts = new OperationFacts();
            derivedFacts.FlowNodes(loop.Body);
            var derived = derivedFacts.FlowNodes(operation);
            Assert.Equal(walked, derived);
            checkedOperations++;
        }

        Assert.True(checkedOperations > 50);
        Assert.Contains(new OperationFacts().FlowNodes(loop.Body), node => node is IVariableDeclaratorOperation { Symbol.Name: "done" });
        Assert.DoesNotContain(new OperationFacts().FlowNodes(loop.Body), node => node is IVariableDeclaratorOperation { Symbol.Name: "inner" or "seen" });
    }
}
