using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests;

/// <summary>
/// Follows serialized content (a JsonContent, a string of JSON, a StringContent) forward to the HTTP call that
/// sends it, and returns that call's request URI operation: <c>PostAsync(uri, content)</c>,
/// <c>new HttpRequestMessage(method, uri) { Content = content }</c>, through locals.
/// </summary>
internal static class SendTargetResolver
{
    private const int MaxDepth = 4;

    public static IOperation? FindRequestUri(IOperation content, RequestTypes types, LocalIndex index)
        => Find(content, types, index, 0);

    private static IOperation? Find(IOperation content, RequestTypes types, LocalIndex index, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var current = content.WalkUpConversions();
        while (true)
        {
            switch (current.Parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation invocation }:
                    if (IsHttpClientSend(invocation.TargetMethod, types))
                    {
                        return invocation.GetArgument("requestUri");
                    }

                    if (IsContentFactory(invocation.TargetMethod, types))
                    {
                        current = invocation.WalkUpConversions();
                        continue;
                    }

                    return null;

                case IArgumentOperation { Parent: IObjectCreationOperation creation } when IsHttpContent(creation.Type, types):
                    current = creation.WalkUpConversions();
                    continue;

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return FindThroughLocal(declarator.Symbol, types, index, depth);

                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return assignment.Target switch
                    {
                        ILocalReferenceOperation local => FindThroughLocal(local.Local, types, index, depth),
                        IPropertyReferenceOperation { Property.Name: "Content" } property => FindMessageUri(property, types, index),
                        _ => null,
                    };

                default:
                    return null;
            }
        }
    }

    private static IOperation? FindThroughLocal(ILocalSymbol local, RequestTypes types, LocalIndex index, int depth)
    {
        foreach (var read in index.ReadsOf(local))
        {
            if (Find(read, types, index, depth + 1) is { } uri)
            {
                return uri;
            }
        }

        return null;
    }

    /// <summary>The URI of the HttpRequestMessage whose Content is assigned.</summary>
    private static IOperation? FindMessageUri(IPropertyReferenceOperation content, RequestTypes types, LocalIndex index)
    {
        if (!SymbolEqualityComparer.Default.Equals(content.Property.ContainingType, types.HttpRequestMessage))
        {
            return null;
        }

        IObjectCreationOperation? message = content.Instance switch
        {
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver => FindInitializedObject(receiver),
            ILocalReferenceOperation local when index.ValuesOf(local.Local) is { Length: 1 } values => values[0].WalkDownConversions() as IObjectCreationOperation,
            _ => null,
        };

        return message is null ? null : MessageUri(message);
    }

    private static IObjectCreationOperation? FindInitializedObject(IOperation receiver)
    {
        for (var parent = receiver.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IObjectCreationOperation creation)
            {
                return creation;
            }
        }

        return null;
    }

    /// <summary>The URI an HttpRequestMessage is created with, or set through its RequestUri initializer.</summary>
    public static IOperation? MessageUri(IObjectCreationOperation message)
    {
        if (message.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RequestUri" } } assignment)
                {
                    return assignment.Value;
                }
            }
        }

        return message.GetArgument("requestUri");
    }

    private static bool IsHttpClientSend(IMethodSymbol method, RequestTypes types)
        => method.Name is "PostAsync" or "PutAsync" or "PatchAsync" or "Post" or "Put" or "Patch"
           && DerivesFrom(method.ContainingType, types.HttpClient);

    /// <summary>Calls that wrap content into other content: JsonContent.Create, Encoding.GetBytes.</summary>
    private static bool IsContentFactory(IMethodSymbol method, RequestTypes types)
        => (method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.JsonContent))
           || (method.Name == "GetBytes" && method.ContainingType is { Name: "Encoding", ContainingNamespace.Name: "Text" });

    private static bool IsHttpContent(ITypeSymbol? type, RequestTypes types) => DerivesFrom(type, types.HttpContent);

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
