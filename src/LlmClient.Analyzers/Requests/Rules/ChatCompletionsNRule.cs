using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests.Rules;

/// <summary>LLM2002: Chat Completions <c>n</c> other than 1 is rejected (seed 003, unsupported_value).</summary>
internal sealed class ChatCompletionsNRule : IRequestRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.ChatCompletionsN;

    public void Analyze(in RequestRuleContext context)
    {
        var request = context.Request;
        if (context.IsAllowed(GatewayFacts.N)
            || request.EffectiveEndpoint is not (EndpointKind.ChatCompletions or EndpointKind.ProviderNeutral)
            || request.Body.Find(GatewayFacts.N) is not { } property)
        {
            return;
        }

        var value = property.Value;
        var isOne = value.TryGetNumber(out var number) && number == 1;

        // A run-time value that may be null may also be omitted; only a value that is surely sent is reported.
        if (isOne || !value.IsCertainlyPresent)
        {
            return;
        }

        context.Report(Descriptor, property, value.Display());
    }
}
