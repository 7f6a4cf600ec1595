using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests.Payloads;

/// <summary>
/// SDK options objects (OpenAI <c>ChatCompletionOptions</c> / <c>CreateResponseOptions</c>, Microsoft.Extensions.AI
/// <c>ChatOptions</c>, Anthropic <c>MessageCreateParams</c>): typed properties set in the initializer or later on a local,
/// get-only collections filled (<c>StopSequences.Add</c>, <c>LogitBiases[k] = v</c>), OpenAI's
/// <c>Patch.Set("$.key"u8, v)</c>, and Microsoft.Extensions.AI's <c>AdditionalProperties</c> entries, which the
/// provider sends as top-level keys.
/// </summary>
internal static class SdkOptionsReader
{
    public static WireObject Read(IObjectCreationOperation creation, SdkOptionsType sdk, ReaderContext context)
    {
        var properties = new List<WireProperty>();
        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                switch (member)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } assignment:
                        SetProperty(name, assignment.Value, assignment.Syntax, sdk, context, properties);
                        break;
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: var name }, Initializer: { } collection } nested:
                        if (name == sdk.AdditionalPropertiesMember)
                        {
                            foreach (var entry in collection.Initializers)
                            {
                                KeyedCollectionReader.AddEntry(entry, entry.Syntax, string.Empty, context, properties);
                            }
                        }
                        else if (sdk.WireKeys.TryGetValue(name, out var key) && collection.Initializers.Length > 0)
                        {
                            Add(key, WireValue.FromArray(ImmutableArray<WireValue>.Empty, null), nested.Syntax, null, properties);
                        }

                        break;
                }
            }
        }

        var local = (creation.WalkUpConversions().Parent as IVariableInitializerOperation)?.Parent is IVariableDeclaratorOperation declarator ? declarator.Symbol : null;
        if (local is not null)
        {
            ReadMutations(local, sdk, context, properties);
        }

        return new WireObject(properties.ToImmutableArray(), creation.Syntax, PayloadShape.SdkOptions, isClosed: false);
    }

    private static void SetProperty(string member, IOperation value, Microsoft.CodeAnalysis.SyntaxNode node, SdkOptionsType sdk, ReaderContext context, List<WireProperty> into)
    {
        if (member == sdk.AdditionalPropertiesMember)
        {
            if (value.WalkDownConversions() is IObjectCreationOperation dictionary && context.Types.IsStringKeyedCollection(dictionary.Type))
            {
                into.AddRange(KeyedCollectionReader.Read(dictionary, null, string.Empty, context).Properties);
            }

            return;
        }

        if (sdk.WireKeys.TryGetValue(member, out var key))
        {
            Add(key, PayloadReader.ReadValue(value, NamingPolicy.AsDeclared, key, context), node, value.Syntax.GetLocation(), into);
        }
    }

    private static void ReadMutations(ILocalSymbol local, SdkOptionsType sdk, ReaderContext context, List<WireProperty> into)
    {
        foreach (var read in context.Index.ReadsOf(local))
        {
            if (read.WalkUpConversions().Parent is not IPropertyReferenceOperation { Property.Name: var member } property)
            {
                continue;
            }

            switch (property.Parent)
            {
                // options.Seed = 42;
                case ISimpleAssignmentOperation assignment when assignment.Target == property:
                    SetProperty(member, assignment.Value, ReaderContext.StatementOrSelf(assignment), sdk, context, into);
                    break;

                // options.Patch.Set("$.n"u8, 2);
                case IInvocationOperation { TargetMethod.Name: "Set", Arguments.Length: 2 } set when member == "Patch" && set.Instance == property:
                    if (JsonPathKey(set.Arguments[0].Value) is { } patched)
                    {
                        var value = set.Arguments[1].Value;
                        Add(patched, PayloadReader.ReadValue(value, NamingPolicy.AsDeclared, patched, context), ReaderContext.StatementOrSelf(set), value.Syntax.GetLocation(), into);
                    }

                    break;

                // options.AdditionalProperties["n"] = 2;  options.AdditionalProperties.Add("n", 2);
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when member == sdk.AdditionalPropertiesMember && indexer.Parent is ISimpleAssignmentOperation assignment && assignment.Target == indexer:
                    KeyedCollectionReader.AddEntry(assignment, ReaderContext.StatementOrSelf(assignment), string.Empty, context, into);
                    break;
                case IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd", Arguments.Length: 2 } add when member == sdk.AdditionalPropertiesMember:
                    KeyedCollectionReader.AddEntry(add, ReaderContext.StatementOrSelf(add), string.Empty, context, into);
                    break;

                // options.StopSequences.Add("x");  options.LogitBiases[1] = 2;
                case IInvocationOperation { TargetMethod.Name: "Add" } addItem when sdk.WireKeys.TryGetValue(member, out var collectionKey):
                    Add(collectionKey, WireValue.FromArray(ImmutableArray<WireValue>.Empty, property.Type), ReaderContext.StatementOrSelf(addItem), null, into);
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true } item when sdk.WireKeys.TryGetValue(member, out var mapKey) && item.Parent is ISimpleAssignmentOperation itemSet && itemSet.Target == item:
                    Add(mapKey, WireValue.FromArray(ImmutableArray<WireValue>.Empty, property.Type), ReaderContext.StatementOrSelf(itemSet), null, into);
                    break;
            }
        }
    }

    /// <summary>The key of a JSON path <c>$.key</c> or <c>$.a.b</c> written as a UTF-8 or ordinary string.</summary>
    private static string? JsonPathKey(IOperation path)
    {
        var text = path.WalkDownConversions() switch
        {
            IUtf8StringOperation utf8 => utf8.Value,
            { ConstantValue: { HasValue: true, Value: string s } } => s,
            _ => null,
        };

        return text is not null && text.StartsWith("$.", StringComparison.Ordinal) && text.Length > 2 ? text.Substring(2) : null;
    }

    private static void Add(string key, WireValue value, Microsoft.CodeAnalysis.SyntaxNode node, Microsoft.CodeAnalysis.Location? valueLocation, List<WireProperty> into)
    {
        into.RemoveAll(p => p.Name == key);
        into.Add(new WireProperty(key, key, value, node, PayloadShape.SdkOptions, valueLocation: valueLocation));
    }
}
