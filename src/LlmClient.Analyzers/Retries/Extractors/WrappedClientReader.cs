using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// LLM1007: is the SDK client a retry calls one that retries by itself? Follows the call's receiver (a local, a field
/// or property of the same type, through <c>GetChatClient(...)</c> and service properties like <c>Messages</c>) to
/// where the client is created in the same file, and reads its retry setting: OpenAI/System.ClientModel clients keep
/// their default <c>ClientRetryPolicy</c> (3 retries) unless their options set <c>RetryPolicy</c>; the Anthropic client
/// retries twice unless <c>MaxRetries</c> is set. A client passed in, or built where it cannot be read, is unknown.
/// </summary>
internal static class WrappedClientReader
{
    private const int MaxDepth = 4;

    public static WrappedClient? Read(CallInfo call, ExtractionContext context)
    {
        if (call.Family == CallFamily.Http || call.Invocation.Instance is not { } instance)
        {
            return null;
        }

        var creations = new List<IObjectCreationOperation>();
        if (!Creations(instance, context, creations, 0) || creations.Count == 0)
        {
            return null;
        }

        WrappedClient? result = null;
        foreach (var creation in creations)
        {
            var client = Default(creation, context);
            if (client is null)
            {
                return null;
            }

            result ??= client;
        }

        return result is null ? null : new WrappedClient(result.Sdk, result.Retries, call.Invocation.Syntax.GetLocation(), result.FixData, result.FixLocations);
    }

    /// <summary>Collects the client creations the receiver may hold; false when some value cannot be read.</summary>
    private static bool Creations(IOperation operation, ExtractionContext context, List<IObjectCreationOperation> found, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        operation = operation.WalkDownConversions();
        switch (operation)
        {
            case IObjectCreationOperation creation when context.Types.IsSdkType(creation.Type):
                found.Add(creation);
                return true;

            // client.GetChatClient("m"), openAi.GetResponsesClient(): a sub-client shares its parent's pipeline.
            case IInvocationOperation { Instance: { } parent } invocation when context.Types.IsSdkType(invocation.Type) && context.Types.IsSdkType(parent.Type):
                return Creations(parent, context, found, depth + 1);

            // anthropic.Messages, anthropic.Beta.Messages: a service of the client.
            case IPropertyReferenceOperation { Instance: { } parent, Property.IsStatic: false } property
                when context.Types.IsSdkType(parent.Type) && property.Property.DeclaringSyntaxReferences.IsEmpty:
                return Creations(parent, context, found, depth + 1);

            case ILocalReferenceOperation local:
            {
                var values = context.IndexFor(operation).ValuesOf(local.Local);
                return !values.IsEmpty && values.All(v => Creations(v, context, found, depth + 1));
            }

            case IFieldReferenceOperation { Field: var field }:
                return MemberValues(field, operation, context, found, depth);

            case IPropertyReferenceOperation { Property: var property } when !property.DeclaringSyntaxReferences.IsEmpty:
                return MemberValues(property, operation, context, found, depth);

            default:
                return false;
        }
    }

    /// <summary>A field or auto-property of the same type: its initializer and every assignment to it in the same file.</summary>
    private static bool MemberValues(ISymbol member, IOperation reference, ExtractionContext context, List<IObjectCreationOperation> found, int depth)
    {
        if (member.DeclaringSyntaxReferences.Length != 1 || member.DeclaringSyntaxReferences[0].SyntaxTree != reference.Syntax.SyntaxTree
            || member.ContainingType.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var model = context.Model;
        var values = new List<IOperation>();
        var declaration = member.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken);
        var initializer = declaration switch
        {
            VariableDeclaratorSyntax v => v.Initializer?.Value,
            PropertyDeclarationSyntax p => p.Initializer?.Value,
            _ => null,
        };

        if (initializer is not null && model.GetOperation(initializer, context.CancellationToken) is { } value)
        {
            values.Add(value);
        }

        var type = member.ContainingType.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken);
        foreach (var assignment in type.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            var name = assignment.Left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                _ => null,
            };

            if (name == member.Name
                && model.GetOperation(assignment, context.CancellationToken) is ISimpleAssignmentOperation { Target: var target } simple
                && SymbolEqualityComparer.Default.Equals(SymbolOf(target), member))
            {
                values.Add(simple.Value);
            }
        }

        return values.Count > 0 && values.All(v => Creations(v, context, found, depth + 1));
    }

    private static ISymbol? SymbolOf(IOperation operation) => operation switch
    {
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };

    /// <summary>The creation keeps the SDK's default retries (with how to turn them off), or null when it does not or is unknown.</summary>
    private static WrappedClient? Default(IObjectCreationOperation creation, ExtractionContext context)
    {
        var types = context.Types;
        var none = ImmutableDictionary<string, string?>.Empty;
        if (SymbolEqualityComparer.Default.Equals(creation.Type, types.AnthropicClient))
        {
            if (Sets(creation, "MaxRetries") || creation.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue))
            {
                // new AnthropicClient(options): read the options when they are created right there.
                if (creation.Arguments.Length == 1 && creation.Arguments[0].Value.WalkDownConversions() is IObjectCreationOperation options
                    && SymbolEqualityComparer.Default.Equals(options.Type, types.AnthropicClientOptions) && !Sets(options, "MaxRetries") && !Sets(creation, "MaxRetries"))
                {
                    return new WrappedClient("Anthropic", 2, null, Fix("MaxRetries", "0"), ImmutableArray.Create(options.Syntax.GetLocation()));
                }

                return null;
            }

            return new WrappedClient("Anthropic", 2, null, Fix("MaxRetries", "0"), ImmutableArray.Create(creation.Syntax.GetLocation()));
        }

        if (creation.Type is not INamedTypeSymbol created || !IsOpenAiOrClientModelClient(created, types) || creation.Constructor is not { } constructor)
        {
            return null;
        }

        var optionsArgument = creation.Arguments.FirstOrDefault(a => IsPipelineOptions(a.Parameter?.Type));
        if (optionsArgument is null || optionsArgument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            // No options: the default ClientRetryPolicy. The fix passes options when an overload takes them.
            var data = none;
            var locations = ImmutableArray<Location>.Empty;
            if (optionsArgument is null && OptionsOverload(constructor) is { } optionsType && creation.Syntax is ObjectCreationExpressionSyntax { ArgumentList: not null })
            {
                data = Fix("RetryPolicy", "new global::System.ClientModel.Primitives.ClientRetryPolicy(0)").SetItem(RetryFixProperties.Fix, "Argument")
                    .Add("OptionsType", "global::" + optionsType.ToDisplayString());
                locations = ImmutableArray.Create(creation.Syntax.GetLocation());
            }

            return new WrappedClient("OpenAI", 3, null, data, locations);
        }

        var value = optionsArgument.Value.WalkDownConversions();
        if (value is ILocalReferenceOperation local)
        {
            var values = context.IndexFor(value).ValuesOf(local.Local);
            var root = value.Root();
            var setLater = root.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>()
                .Any(a => a.Target is IPropertyReferenceOperation { Property.Name: "RetryPolicy", Instance: ILocalReferenceOperation target }
                    && SymbolEqualityComparer.Default.Equals(target.Local, local.Local));
            if (setLater || values.Length != 1)
            {
                return null;
            }

            value = values[0].WalkDownConversions();
        }

        if (value is not IObjectCreationOperation optionsCreation || !IsPipelineOptions(optionsCreation.Type) || Sets(optionsCreation, "RetryPolicy"))
        {
            return null;
        }

        return new WrappedClient("OpenAI", 3, null, Fix("RetryPolicy", "new global::System.ClientModel.Primitives.ClientRetryPolicy(0)"), ImmutableArray.Create(optionsCreation.Syntax.GetLocation()));
    }

    private static ImmutableDictionary<string, string?> Fix(string member, string value)
        => ImmutableDictionary<string, string?>.Empty.Add(RetryFixProperties.Fix, "Initializer").Add("Member", member).Add("MemberValue", value);

    private static bool Sets(IObjectCreationOperation creation, string property)
        => creation.Initializer?.Initializers.Any(i => i is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } && target.Property.Name == property) == true;

    private static bool IsOpenAiOrClientModelClient(INamedTypeSymbol type, RetryTypes types)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return (ns == "OpenAI" || ns.StartsWith("OpenAI.", System.StringComparison.Ordinal)) && type.Name.EndsWith("Client", System.StringComparison.Ordinal)
            && type.GetMembers().OfType<IPropertySymbol>().Any(p => p.Name == "Pipeline");
    }

    private static bool IsPipelineOptions(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == "ClientPipelineOptions" && current.ContainingNamespace?.ToDisplayString() == "System.ClientModel.Primitives")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The options type of a constructor overload that takes the same parameters plus options at the end.</summary>
    private static ITypeSymbol? OptionsOverload(IMethodSymbol constructor)
    {
        foreach (var candidate in constructor.ContainingType.InstanceConstructors)
        {
            if (candidate.DeclaredAccessibility != Accessibility.Public || candidate.Parameters.Length != constructor.Parameters.Length + 1
                || !IsPipelineOptions(candidate.Parameters[candidate.Parameters.Length - 1].Type))
            {
                continue;
            }

            var same = true;
            for (var i = 0; i < constructor.Parameters.Length && same; i++)
            {
                same = SymbolEqualityComparer.Default.Equals(candidate.Parameters[i].Type, constructor.Parameters[i].Type);
            }

            if (same)
            {
                return candidate.Parameters[candidate.Parameters.Length - 1].Type;
            }
        }

        return null;
    }
}
