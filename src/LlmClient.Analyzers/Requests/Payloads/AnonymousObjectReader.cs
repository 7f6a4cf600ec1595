using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests.Payloads;

/// <summary><c>new { model = "m", x.N }</c>: members named by the serializer's naming policy.</summary>
internal static class AnonymousObjectReader
{
    public static WireObject Read(IAnonymousObjectCreationOperation creation, NamingPolicy policy, string prefix, ReaderContext context, bool isClosed)
    {
        var properties = ImmutableArray.CreateBuilder<WireProperty>(creation.Initializers.Length);
        foreach (var initializer in creation.Initializers)
        {
            if (initializer is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
            {
                continue;
            }

            var name = policy.Apply(target.Property.Name);
            var path = prefix + name;
            var node = assignment.Syntax.FirstAncestorOrSelf<AnonymousObjectMemberDeclaratorSyntax>() ?? assignment.Syntax;
            var value = PayloadReader.ReadValue(assignment.Value, policy, path, context);
            var valueSyntax = node is AnonymousObjectMemberDeclaratorSyntax member ? member.Expression : assignment.Value.Syntax;
            properties.Add(new WireProperty(name, path, value, node, PayloadShape.AnonymousObject, valueNode: valueSyntax));
        }

        // Sized for every initializer: when each one was a property, the array is handed over without a copy.
        return new WireObject(properties.Count == properties.Capacity ? properties.MoveToImmutable() : properties.ToImmutable(), creation.Syntax, PayloadShape.AnonymousObject, isClosed && policy != NamingPolicy.Unknown);
    }
}
