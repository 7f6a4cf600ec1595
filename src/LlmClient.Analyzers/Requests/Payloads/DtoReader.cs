using System.Collections.Generic;
using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests.Payloads;

/// <summary>
/// Instances of classes, records and structs declared in the project. A property's wire name comes from
/// <c>[JsonPropertyName]</c>, Newtonsoft <c>[JsonProperty]</c> or <c>[DataMember(Name=)]</c>, else from the naming
/// policy. Only members given a value reach the model: object initializers, record constructor arguments, property
/// initializers in the declaration, and later <c>dto.X = v</c> on a local.
/// </summary>
internal static class DtoReader
{
    public static bool IsDto(ITypeSymbol? type)
        => type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAnonymousType: false } named
           && named.SpecialType == SpecialType.None
           && !named.DeclaringSyntaxReferences.IsEmpty;

    public static WireObject Read(IObjectCreationOperation creation, NamingPolicy policy, ILocalSymbol? local, string prefix, ReaderContext context)
    {
        var type = (INamedTypeSymbol)creation.Type!;
        var set = new Dictionary<string, WireProperty>();
        var isClosed = true;

        // Record primary constructors: an argument sets the property of the parameter's name.
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { } parameter && FindProperty(type, parameter.Name) is { } property && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                Set(property, argument.Value, argument.Syntax, policy, prefix, context, set);
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                switch (member)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment:
                        Set(property, assignment.Value, assignment.Syntax, policy, prefix, context, set);
                        break;
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field: var field } } assignment:
                        Set(field, assignment.Value, assignment.Syntax, policy, prefix, context, set);
                        break;
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property: var property } } nested:
                        if (WireName(property, policy) is { } name)
                        {
                            set[name] = new WireProperty(name, prefix + name, WireValue.FromUnknown(property.Type), nested.Syntax, PayloadShape.Dto);
                        }

                        break;
                }
            }
        }

        if (local is not null)
        {
            isClosed = ReadMutations(local, policy, prefix, context, set);
        }

        var implicitKeys = ImmutableHashSet.CreateBuilder<string>();
        foreach (var member in AllMembers(type))
        {
            if (WireName(member, policy) is not { } name || set.ContainsKey(name))
            {
                continue;
            }

            if (DeclaredInitializer(member) is { } declared)
            {
                set[name] = new WireProperty(name, prefix + name, ConstantOf(declared, TypeOf(member)), declared, PayloadShape.Dto, valueLocation: declared.GetLocation());
            }
            else if (TypeOf(member) is { IsValueType: true } valueType && valueType.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T)
            {
                implicitKeys.Add(name);
            }
        }

        return new WireObject(set.Values.ToImmutableArray(), creation.Syntax, PayloadShape.Dto, isClosed && policy != NamingPolicy.Unknown, implicitKeys.ToImmutable());
    }

    private static bool ReadMutations(ILocalSymbol local, NamingPolicy policy, string prefix, ReaderContext context, Dictionary<string, WireProperty> set)
    {
        var isClosed = true;
        foreach (var read in context.Index.ReadsOf(local))
        {
            var use = read.WalkUpConversions();
            switch (use.Parent)
            {
                case IMemberReferenceOperation member when member.Parent is ISimpleAssignmentOperation assignment && assignment.Target == member:
                    Set(member.Member, assignment.Value, ReaderContext.StatementOrSelf(assignment), policy, prefix, context, set);
                    break;
                case IMemberReferenceOperation:
                    break;
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    isClosed &= ReaderContext.IsHarmlessUse(call.TargetMethod);
                    break;
                case IArgumentOperation { Parent: IObjectCreationOperation }:
                    break;
                default:
                    isClosed = false;
                    break;
            }
        }

        return isClosed;
    }

    private static void Set(ISymbol member, IOperation value, SyntaxNode node, NamingPolicy policy, string prefix, ReaderContext context, Dictionary<string, WireProperty> set)
    {
        if (WireName(member, policy) is not { } name)
        {
            return;
        }

        var path = prefix + name;
        var valueSyntax = value.Syntax;
        set[name] = new WireProperty(name, path, PayloadReader.ReadValue(value, policy, path, context), node, PayloadShape.Dto, valueLocation: valueSyntax.GetLocation());
    }

    /// <summary>The member's wire name, or null when the serializer ignores it.</summary>
    internal static string? WireName(ISymbol member, NamingPolicy policy)
    {
        if (member is not (IPropertySymbol { IsStatic: false, IsIndexer: false } or IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false }) || member.DeclaredAccessibility != Accessibility.Public)
        {
            return null;
        }

        foreach (var attribute in member.GetAttributes())
        {
            switch (attribute.AttributeClass?.Name)
            {
                case "JsonIgnoreAttribute":
                    return null;
                case "JsonPropertyNameAttribute" when attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string stj:
                    return stj;
                case "JsonPropertyAttribute":
                    if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string newtonsoft)
                    {
                        return newtonsoft;
                    }

                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "PropertyName" && named.Value.Value is string propertyName)
                        {
                            return propertyName;
                        }
                    }

                    break;
                case "DataMemberAttribute":
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "Name" && named.Value.Value is string dataMember)
                        {
                            return dataMember;
                        }
                    }

                    break;
            }
        }

        return policy.Apply(member.Name);
    }

    private static IEnumerable<ISymbol> AllMembers(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol or IFieldSymbol)
                {
                    yield return member;
                }
            }
        }
    }

    private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
    {
        foreach (var member in AllMembers(type))
        {
            if (member is IPropertySymbol property && string.Equals(property.Name, name, System.StringComparison.Ordinal))
            {
                return property;
            }
        }

        return null;
    }

    private static ITypeSymbol? TypeOf(ISymbol member) => member switch
    {
        IPropertySymbol property => property.Type,
        IFieldSymbol field => field.Type,
        _ => null,
    };

    /// <summary>The initializer written in the member's declaration (<c>public int N { get; set; } = 2;</c>).</summary>
    private static ExpressionSyntax? DeclaredInitializer(ISymbol member)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax())
            {
                case PropertyDeclarationSyntax { Initializer.Value: var value }:
                    return value;
                case VariableDeclaratorSyntax { Initializer.Value: var value }:
                    return value;
            }
        }

        return null;
    }

    /// <summary>A declaration initializer read from syntax alone (its tree is not bound here).</summary>
    private static WireValue ConstantOf(ExpressionSyntax syntax, ITypeSymbol? type)
    {
        return syntax switch
        {
            LiteralExpressionSyntax literal when literal.Token.Value is null => WireValue.Null,
            LiteralExpressionSyntax literal => WireValue.FromConstant(literal.Token.Value!, type),
            _ => WireValue.FromUnknown(type),
        };
    }
}
