using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>How the code-block analyzers report: each ID at each location once per block, nothing in generated code.</summary>
internal static class BlockReporter
{
    /// <summary>One delegate for the block (made once, not per request or site), handed to the rules.</summary>
    public static Action<Diagnostic> For(CodeBlockAnalysisContext context)
    {
        var reported = new HashSet<(string, Location)>();
        return diagnostic =>
        {
            if (reported.Add((diagnostic.Id, diagnostic.Location))
                && !GeneratedCodeFilter.IsGenerated(diagnostic.Location, context.CodeBlock, context.SemanticModel.Compilation, context.Options, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        };
    }
}
