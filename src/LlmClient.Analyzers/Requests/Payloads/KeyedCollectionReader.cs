using System.Collections.Generic;
using System.Collections.Immutable;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests.Payloads;

/// <summary>
/// String-keyed collections: <c>Dictionary&lt;string, T&gt;</c>, <c>JsonObject</c>, Newtonsoft <c>JObject</c>
/// (also <c>new JObject(new JProperty(...))</c>), Microsoft.Extensions.AI's <c>AdditionalPropertiesDictionary</c>.
/// Keys come from index initializers, <c>{ "k", v }</c> entries, and, for a local, later <c>d["k"] = v</c> and
/// <c>d.Add("k", v)</c>. Keys are sent as written: no naming policy applies.
/// </summary>
internal static class KeyedCollectionReader
{
    public static WireObject Read(IObjectCreationOperation creation, ILocalSymbol? local, string prefix, ReaderContext context)
    {
        var entries = new List<WireProperty>();
        var isClosed = true;

        foreach (var argument in creation.Arguments)
        {
            // new JObject(new JProperty("k", v), ...): a params array of JProperty.
            if (argument.Value is IArrayCreationOperation { Initializer: { } parameters })
            {
                foreach (var element in parameters.ElementValues)
                {
                    isClosed &= AddJProperty(element, element.Syntax, prefix, context, entries);
                }
            }
            else if (argument.Value.WalkDownConversions() is IObjectCreationOperation single && IsJProperty(single, context))
            {
                isClosed &= AddJProperty(single, argument.Syntax, prefix, context, entries);
            }
            else if (argument.Value.Type is not null && argument.Value.Type.SpecialType != SpecialType.System_Int32 && !IsComparer(argument.Value.Type))
            {
                // Built from another collection: keys unknown.
                isClosed = false;
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                isClosed &= AddEntry(member, member.Syntax, prefix, context, entries);
            }
        }

        if (local is not null)
        {
            isClosed &= ReadMutations(local, prefix, context, entries);
        }

        return new WireObject(entries.ToImmutableArray(), creation.Syntax, PayloadShape.KeyedCollection, isClosed);
    }

    /// <summary>Adds one <c>["k"] = v</c> or <c>{ "k", v }</c> entry; false when its key is not a constant.</summary>
    internal static bool AddEntry(IOperation entry, SyntaxNode node, string prefix, ReaderContext context, List<WireProperty> into)
    {
        switch (entry)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                return Add(indexer.Arguments[0].Value, assignment.Value, node, prefix, context, into);

            case IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd", Arguments.Length: 2 } add:
                return Add(add.Arguments[0].Value, add.Arguments[1].Value, node, prefix, context, into);

            case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } addProperty when addProperty.Arguments[0].Value.WalkDownConversions() is IObjectCreationOperation property && IsJProperty(property, context):
                return AddJProperty(property, node, prefix, context, into);

            default:
                return false;
        }
    }

    private static bool ReadMutations(ILocalSymbol local, string prefix, ReaderContext context, List<WireProperty> into)
    {
        var isClosed = true;
        foreach (var read in context.Index.ReadsOf(local))
        {
            var use = read.WalkUpConversions();
            switch (use.Parent)
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer:
                    isClosed &= AddEntry(assignment, ReaderContext.StatementOrSelf(assignment), prefix, context, into);
                    break;

                case IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd" } add when add.Instance == use:
                    isClosed &= AddEntry(add, ReaderContext.StatementOrSelf(add), prefix, context, into);
                    break;

                case IInvocationOperation { TargetMethod.Name: "Remove", Arguments.Length: >= 1 } remove when remove.Instance == use:
                    if (remove.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string removed })
                    {
                        into.RemoveAll(p => p.Name == removed);
                    }
                    else
                    {
                        isClosed = false;
                    }

                    break;

                case IInvocationOperation invocation when invocation.Instance == use:
                    isClosed &= ReaderContext.IsHarmlessUse(invocation.TargetMethod);
                    break;

                case IArgumentOperation { Parent: IInvocationOperation call }:
                    isClosed &= ReaderContext.IsHarmlessUse(call.TargetMethod);
                    break;

                case IArgumentOperation { Parent: IObjectCreationOperation }:
                case IPropertyReferenceOperation:
                    break;

                default:
                    isClosed = false;
                    break;
            }
        }

        return isClosed;
    }

    private static bool AddJProperty(IOperation element, SyntaxNode node, string prefix, ReaderContext context, List<WireProperty> into)
        => element.WalkDownConversions() is IObjectCreationOperation { Arguments.Length: >= 2 } property && IsJProperty(property, context)
           && Add(property.Arguments[0].Value, property.Arguments[1].Value, node, prefix, context, into);

    private static bool Add(IOperation key, IOperation value, SyntaxNode node, string prefix, ReaderContext context, List<WireProperty> into)
    {
        if (key.ConstantValue is not { HasValue: true, Value: string name })
        {
            return false;
        }

        var path = prefix + name;
        into.RemoveAll(p => p.Name == name);
        var wireValue = PayloadReader.ReadValue(value, NamingPolicy.AsDeclared, path, context);
        into.Add(new WireProperty(name, path, wireValue, node, PayloadShape.KeyedCollection, valueLocation: value.WalkDownConversions().Syntax.GetLocation()));
        return true;
    }

    private static bool IsJProperty(IObjectCreationOperation creation, ReaderContext context)
        => SymbolEqualityComparer.Default.Equals(creation.Type, context.Types.JProperty);

    private static bool IsComparer(ITypeSymbol type) => type.Name.Contains("Comparer");
}
