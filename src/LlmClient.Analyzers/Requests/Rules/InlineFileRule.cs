using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests.Rules;

/// <summary>LLM3004: a file or stream inlined as base64 in an LLM payload (seed 003, request_too_large; seed 004, 75 MB audio).</summary>
internal sealed class InlineFileRule : IRequestRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.InlineBase64;

    public void Analyze(in RequestRuleContext context)
    {
        foreach (var obj in context.Request.Body.DescendantsAndSelf())
        {
            foreach (var property in obj.Properties)
            {
                if (property.Value.InlinesFile)
                {
                    context.Report(Descriptor, property.ValueLocation ?? property.Location, property.Name);
                }
            }
        }
    }
}
