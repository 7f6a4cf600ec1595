using System;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// Where a string value ends up: a credential sink (<c>ApiKeyCredential</c>, an <c>apiKey</c> parameter, a bearer
/// <c>AuthenticationHeaderValue</c>, an <c>Authorization</c>/<c>api-key</c> header, <c>ApiKey =</c>), or storage
/// whose name says key. Follows conversions, <c>??</c> fallbacks, conditionals, <c>"Bearer " + ...</c>, and a local
/// to the places it is read.
/// </summary>
internal static class CredentialSites
{
    private const int MaxDepth = 8;

    public static CredentialUse Find(IOperation value, ISymbol? owner, TransportTypes types)
        => Find(value, owner, types, followLocals: true);

    private static CredentialUse Find(IOperation value, ISymbol? owner, TransportTypes types, bool followLocals)
    {
        var current = value;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                case ICoalesceOperation coalesce when coalesce.WhenNull == current:
                case IConditionalOperation conditional when conditional.WhenTrue == current || conditional.WhenFalse == current:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat when concat.RightOperand == current && IsBearerPrefix(concat.LeftOperand):
                    current = parent;
                    continue;

                case IArgumentOperation argument:
                    return FromArgument(argument, types);

                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return FromTarget(assignment.Target);

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    {
                        var use = CredentialNames.Classify(declarator.Symbol.Name);
                        return use == CredentialUse.None && followLocals ? FromReads(declarator.Symbol, current, owner, types) : use;
                    }

                case IFieldInitializerOperation field:
                    return Strongest(field.InitializedFields, f => CredentialNames.Classify(f.Name));

                case IPropertyInitializerOperation property:
                    return Strongest(property.InitializedProperties, p => CredentialNames.Classify(p.Name));

                case IParameterInitializerOperation parameter:
                    return CredentialNames.Classify(parameter.Parameter.Name);

                case IReturnOperation:
                    return owner switch
                    {
                        IMethodSymbol { AssociatedSymbol: { } property } => CredentialNames.Classify(property.Name),
                        IMethodSymbol method => CredentialNames.Classify(method.Name.StartsWith("Get", StringComparison.Ordinal) ? method.Name.Substring(3) : method.Name),
                        IPropertySymbol property => CredentialNames.Classify(property.Name),
                        _ => CredentialUse.None,
                    };

                default:
                    return CredentialUse.None;
            }
        }

        return CredentialUse.None;
    }

    private static CredentialUse FromArgument(IArgumentOperation argument, TransportTypes types)
    {
        if (argument.Parameter is not { } parameter || parameter.ContainingSymbol is not IMethodSymbol { ContainingType: { } type } method)
        {
            return CredentialUse.None;
        }

        if (method.MethodKind == MethodKind.Constructor)
        {
            // ApiKeyCredential(string key), AzureKeyCredential(string key).
            if (SymbolEqualityComparer.Default.Equals(type, types.ApiKeyCredential) || type.Name.EndsWith("KeyCredential", StringComparison.Ordinal))
            {
                return CredentialUse.Credential;
            }

            // new AuthenticationHeaderValue("Bearer", key)
            if (SymbolEqualityComparer.Default.Equals(type, types.AuthenticationHeaderValue) && parameter.Name == "parameter")
            {
                return IsBearerScheme(Sibling(argument, "scheme")) ? CredentialUse.Credential : CredentialUse.None;
            }
        }

        // headers.Add("x-api-key", key), dictionary.Add("OpenAI:ApiKey", key), Environment.SetEnvironmentVariable("OPENAI_API_KEY", key)
        if (parameter.Name is "value" or "values")
        {
            foreach (var nameParameter in new[] { "name", "key", "variable" })
            {
                if (Sibling(argument, nameParameter)?.ConstantValue is { HasValue: true, Value: string name })
                {
                    var use = CredentialNames.Classify(name);
                    if (use != CredentialUse.None)
                    {
                        return use;
                    }
                }
            }

            return CredentialUse.None;
        }

        // new OpenAIClient(apiKey), new ChatClient(model, apiKey), a user's Connect(string accessToken).
        return CredentialNames.Classify(parameter.Name) == CredentialUse.Credential ? CredentialUse.Credential : CredentialUse.None;
    }

    private static CredentialUse FromTarget(IOperation target)
    {
        switch (target)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                foreach (var argument in indexer.Arguments)
                {
                    if (argument.Value.ConstantValue is { HasValue: true, Value: string name })
                    {
                        return CredentialNames.Classify(name);
                    }
                }

                return CredentialUse.None;
            case IPropertyReferenceOperation property:
                return CredentialNames.Classify(property.Property.Name);
            case IFieldReferenceOperation field:
                return CredentialNames.Classify(field.Field.Name);
            case ILocalReferenceOperation local:
                return CredentialNames.Classify(local.Local.Name);
            case IParameterReferenceOperation parameter:
                return CredentialNames.Classify(parameter.Parameter.Name);
            default:
                return CredentialUse.None;
        }
    }

    /// <summary>A local with an ordinary name that is then passed to a credential sink: <c>var k = "sk-..."; new OpenAIClient(k)</c>.</summary>
    private static CredentialUse FromReads(ILocalSymbol local, IOperation from, ISymbol? owner, TransportTypes types)
    {
        var strongest = CredentialUse.None;
        foreach (var operation in from.Root().Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                var use = Find(reference, owner, types, followLocals: false);
                strongest = use > strongest ? use : strongest;
            }
        }

        return strongest;
    }

    private static IOperation? Sibling(IArgumentOperation argument, string parameterName)
    {
        var arguments = argument.Parent switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };

        if (arguments.IsDefault)
        {
            return null;
        }

        foreach (var other in arguments)
        {
            if (other.Parameter?.Name == parameterName)
            {
                return other.Value;
            }
        }

        return null;
    }

    private static bool IsBearerScheme(IOperation? scheme)
        => scheme?.ConstantValue is { HasValue: true, Value: string text } && string.Equals(text.Trim(), GatewayFacts.BearerScheme, StringComparison.OrdinalIgnoreCase);

    private static bool IsBearerPrefix(IOperation left)
        => left.ConstantValue is { HasValue: true, Value: string text } && string.Equals(text.Trim(), GatewayFacts.BearerScheme, StringComparison.OrdinalIgnoreCase);

    private static CredentialUse Strongest<T>(System.Collections.Immutable.ImmutableArray<T> symbols, Func<T, CredentialUse> classify)
    {
        var strongest = CredentialUse.None;
        foreach (var symbol in symbols)
        {
            var use = classify(symbol);
            strongest = use > strongest ? use : strongest;
        }

        return strongest;
    }
}
