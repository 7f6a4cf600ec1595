using System.Collections.Immutable;
using LlmClient.Analyzers.Transport.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// The one analyzer of the transport model: how code talks to an LLM gateway (keys, stream readers, client
/// timeouts). Each rule is a small class in <c>Transport/Rules</c>; the shared understanding of the code (credential
/// sites, stream loops, clients and their calls) lives beside this class.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TransportAnalyzer : DiagnosticAnalyzer
{
    private static readonly HardCodedKeyRule HardCodedKey = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        HardCodedKey.Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = TransportTypes.Create(start.Compilation);
            if (types is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(node => HardCodedKey.Analyze(node, types), SyntaxKind.StringLiteralExpression);
        });
    }
}
