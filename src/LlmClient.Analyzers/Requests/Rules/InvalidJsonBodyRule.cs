using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests.Rules;

/// <summary>LLM2007: a JSON literal body that does not parse or is not an object (seed 003, invalid_json / invalid_body).</summary>
internal sealed class InvalidJsonBodyRule : IRequestRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.InvalidJsonBody;

    public void Analyze(in RequestRuleContext context)
    {
        var request = context.Request;
        if (request.BodyError is not { } error || request.BodyErrorLocation is not { } location || !GatewayFacts.IsGenerationEndpoint(request.Endpoint))
        {
            return;
        }

        context.Report(Descriptor, location, error, error.StartsWith("it is not valid", System.StringComparison.Ordinal) ? "invalid_json" : "invalid_body");
    }
}
