using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace LlmClient.Analyzers.Tests.Meta;

/// <summary>The analyzers register nothing in a compilation that references nothing they read.</summary>
public class RegistrationTests
{
    [Fact]
    public async Task Nothing_is_registered_without_HttpClient_or_an_LLM_SDK()
    {
        // Only CoreLib: no System.Net.Http, no SDK, no Polly.
        var compilation = CSharpCompilation.Create(
            "Plain",
            [CSharpSyntaxTree.ParseText("class C { void M() { for (var i = 0; i < 3; i++) { System.Console.WriteLine(\"sk-proj-abcdefghijklmnopqrstuvwxyz0123456789\"); } } }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var withAnalyzers = compilation.WithAnalyzers(
            PackageCatalog.Analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());

        foreach (var analyzer in PackageCatalog.Analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            Assert.Equal(1, telemetry.CompilationStartActionsCount);
            Assert.Equal(0, telemetry.CodeBlockActionsCount + telemetry.CodeBlockStartActionsCount + telemetry.SyntaxNodeActionsCount
                + telemetry.SymbolStartActionsCount + telemetry.SymbolActionsCount + telemetry.OperationActionsCount + telemetry.SyntaxTreeActionsCount);
        }
    }
}
