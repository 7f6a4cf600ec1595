using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Requests.Rules;

/// <summary>LLM2006: the model is missing, empty, null or not a string (seed 003, missing_model).</summary>
internal sealed class ModelRule : IRequestRule
{
    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.Model;

    public void Analyze(in RequestRuleContext context)
    {
        var request = context.Request;
        if (!request.HasKnownEndpoint && !request.HasLlmShape)
        {
            return;
        }

        var model = request.Body.Find(GatewayFacts.Model);
        if (model is null)
        {
            // An SDK carries the model elsewhere (the client); a raw body must carry it.
            if (!request.IsSdk && request.Body.DefinitelyLacks(GatewayFacts.Model) && GatewayFacts.IsGenerationEndpoint(request.Endpoint) && !GatewayFacts.UrlCarriesModel(request.Url))
            {
                context.ReportOnBody(Descriptor, System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty, "The request sends no 'model'");
            }

            return;
        }

        var problem = model.Value switch
        {
            { Kind: WireValueKind.Null } when !request.IsSdk => "'model' is null",
            { Kind: WireValueKind.Constant, Constant: string text } when text.Trim().Length == 0 => "'model' is empty",
            { Kind: WireValueKind.Constant, Constant: not string } => "'model' is not a string",
            { Kind: WireValueKind.Object or WireValueKind.Array } => "'model' is not a string",
            { Kind: WireValueKind.Unknown, Type: { } type } when IsNonString(type) => "'model' is not a string",
            _ => null,
        };

        if (problem is not null)
        {
            context.Report(Descriptor, model, problem);
        }
    }

    /// <summary>
    /// Numbers, bools, chars and enums serialize as something other than a string. Other structs may convert to one
    /// (the Anthropic SDK's <c>ApiEnum&lt;string, Model&gt;</c> is written as the model's id), so they are not judged.
    /// </summary>
    private static bool IsNonString(ITypeSymbol type)
        => type.TypeKind == TypeKind.Enum
           || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char
               or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
               or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
               or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;
}
