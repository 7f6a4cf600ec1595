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

    [Fact]
    public async Task A_relevant_reference_is_recognized_by_its_metadata_when_its_file_is_renamed()
    {
        // CoreLib and System.Net.Http under another file name: the gate reads the assembly's name from the metadata.
        var httpAssembly = typeof(HttpClient).Assembly.Location;
        var renamed = Path.Combine(Path.GetTempPath(), $"renamed-{Guid.NewGuid():N}.dll");
        File.Copy(httpAssembly, renamed);
        try
        {
            MetadataReference[] references = [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(renamed)];
            var compilation = CSharpCompilation.Create(
                "Renamed",
                [CSharpSyntaxTree.ParseText("class C { void M() { } }")],
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var withAnalyzers = compilation.WithAnalyzers(
                PackageCatalog.Analyzers,
                new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            var registered = 0;
            foreach (var analyzer in PackageCatalog.Analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
                registered += telemetry.CodeBlockStartActionsCount + telemetry.SymbolStartActionsCount + telemetry.SyntaxNodeActionsCount;
            }

            Assert.True(registered > 0, "No analyzer registered anything: the renamed System.Net.Http was not recognized.");
        }
        finally
        {
            File.Delete(renamed);
        }
    }
}
