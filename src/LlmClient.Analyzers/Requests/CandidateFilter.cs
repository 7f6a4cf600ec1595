using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmClient.Analyzers.Requests;

/// <summary>
/// The request model's syntax pre-filter: which invocations and object creations are worth binding. Everything
/// it rejects is skipped without binding the method body it is in. It only rejects calls the extractors would
/// reject after binding, so it changes what is bound, never what is reported.
/// </summary>
internal sealed class CandidateFilter
{
    private readonly HashSet<string> _httpMethodNames = new(StringComparer.Ordinal);
    private readonly ImmutableArray<INamedTypeSymbol> _aliasableTypes;
    private readonly ConcurrentDictionary<SyntaxNode, ImmutableHashSet<string>> _aliasesByScope = new();

    public CandidateFilter(RequestTypes types)
    {
        // HttpCallExtractor only reads methods declared on HttpClient and HttpClientJsonExtensions whose name starts
        // with an HTTP verb: their exact names, rather than every Get*, Post*, Put*, Patch* or Delete* call.
        foreach (var type in new[] { types.HttpClient, types.HttpClientJsonExtensions })
        {
            foreach (var member in type?.GetMembers() ?? ImmutableArray<ISymbol>.Empty)
            {
                if (member is IMethodSymbol && HttpCallExtractor.IsCandidateMethodName(member.Name))
                {
                    _httpMethodNames.Add(member.Name);
                }
            }
        }

        // The types the filter recognizes by name, so a using alias for one of them must be recognized too.
        _aliasableTypes = new[] { types.JsonContent, types.JsonSerializer, types.JsonConvert, types.StringContent, types.HttpRequestMessage }
            .Concat(types.SdkOptions.Keys)
            .Where(t => t is not null).Select(t => t!).ToImmutableArray();
    }

    public bool IsCandidate(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken) => node switch
    {
        InvocationExpressionSyntax invocation => IsCandidate(invocation, semanticModel, cancellationToken),
        BaseObjectCreationExpressionSyntax creation => IsCandidate(creation, semanticModel, cancellationToken),
        _ => false,
    };

    public bool IsCandidate(InvocationExpressionSyntax invocation, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (SyntaxNames.GetInvokedName(invocation) is not { } name)
        {
            return false;
        }

        if (_httpMethodNames.Contains(name))
        {
            return true;
        }

        if (!RequestExtractor.IsCandidateMethodName(name))
        {
            return false;
        }

        // JsonContent.Create, JsonSerializer.Serialize*, JsonConvert.SerializeObject are static: written as
        // X.Name(...), X must name the type (ImmutableArray.Create, string.Create, factory.Create are not).
        if (RequestExtractor.StaticDeclaringTypeName(name) is not { } typeName
            || invocation.Expression is not MemberAccessExpressionSyntax { Expression: var receiver })
        {
            return true;
        }

        var receiverName = receiver switch
        {
            PredefinedTypeSyntax => string.Empty,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null, // Some other expression: let binding decide.
        };

        if (receiverName is null || receiverName == typeName)
        {
            return true;
        }

        if (receiverName.Length == 0)
        {
            return false; // string.Create, int.Serialize...: a predefined type is never one of ours.
        }

        return AliasesInScope(invocation, semanticModel, cancellationToken) is not { } aliases || aliases.Contains(receiverName);
    }

    public bool IsCandidate(BaseObjectCreationExpressionSyntax creation, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (creation is ObjectCreationExpressionSyntax { Type: var typeSyntax })
        {
            return IsCandidateTypeName(SyntaxNames.GetTypeName(typeSyntax));
        }

        if (creation is ImplicitObjectCreationExpressionSyntax { Initializer: null, ArgumentList.Arguments.Count: 0 })
        {
            return false;
        }

        // new(...): where the syntax names the target type (an explicitly typed variable, field or property, the
        // return type of a member that is not async), the created type is that type or, through an alias, its target.
        if (creation is not ImplicitObjectCreationExpressionSyntax implicitCreation || TargetTypeSyntax(implicitCreation) is not { } target)
        {
            return true;
        }

        var targetName = SyntaxNames.GetTypeName(target is NullableTypeSyntax nullable ? nullable.ElementType : target);
        if (targetName.Length == 0 || IsCandidateTypeName(targetName))
        {
            return targetName.Length > 0; // An empty name is a predefined, array or tuple type: never one of ours.
        }

        return AliasesInScope(creation, semanticModel, cancellationToken) is not { } aliases || aliases.Contains(targetName);
    }

    private static bool IsCandidateTypeName(string typeName) => RequestExtractor.IsCandidateTypeName(typeName) || typeName == "HttpRequestMessage";

    /// <summary>The type a target-typed <c>new(...)</c> creates when the syntax says it; null when only binding can tell.</summary>
    private static TypeSyntax? TargetTypeSyntax(ImplicitObjectCreationExpressionSyntax creation)
    {
        switch (creation.Parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: var type } } }:
                return type.IsVar ? null : type;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax { Type: var type } }:
                return type;
            case ArrowExpressionClauseSyntax arrow:
                return ReturnTypeOf(arrow.Parent);
            case ReturnStatementSyntax:
                for (var node = creation.Parent.Parent; node is not null; node = node.Parent)
                {
                    switch (node)
                    {
                        case AnonymousFunctionExpressionSyntax:
                            return null;
                        case AccessorDeclarationSyntax accessor:
                            return accessor.IsKind(SyntaxKind.GetAccessorDeclaration) ? ReturnTypeOf(accessor.Parent?.Parent) : null;
                        case MemberDeclarationSyntax or LocalFunctionStatementSyntax:
                            return ReturnTypeOf(node);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The declared type a member's returned expressions convert to; null for async members and anything unknown.</summary>
    private static TypeSyntax? ReturnTypeOf(SyntaxNode? member) => member switch
    {
        MethodDeclarationSyntax method when !method.Modifiers.Any(SyntaxKind.AsyncKeyword) => method.ReturnType,
        LocalFunctionStatementSyntax function when !function.Modifiers.Any(SyntaxKind.AsyncKeyword) => function.ReturnType,
        OperatorDeclarationSyntax @operator => @operator.ReturnType,
        ConversionOperatorDeclarationSyntax conversion => conversion.Type,
        PropertyDeclarationSyntax property => property.Type,
        IndexerDeclarationSyntax indexer => indexer.Type,
        AccessorListSyntax { Parent: BasePropertyDeclarationSyntax property } => property.Type,
        _ => null,
    };

    /// <summary>
    /// The names of the using aliases (global ones included) in scope at <paramref name="node"/> that stand for
    /// one of the types the filter knows by name, read once per namespace body from the import scopes at the enclosing top-level
    /// declaration (no method body is bound for it). Null when not known (top-level statements).
    /// </summary>
    /// <summary>Per compilation: does any file declare a global using alias?</summary>
    private int _globalAliases; // 0: not computed, 1: no, 2: yes.

    private bool MayHaveAliases(SyntaxNode topLevel, Compilation compilation)
    {
        for (var node = topLevel.Parent; node is not null; node = node.Parent)
        {
            var usings = node switch
            {
                BaseNamespaceDeclarationSyntax ns => ns.Usings,
                CompilationUnitSyntax unit => unit.Usings,
                _ => default,
            };

            foreach (var directive in usings)
            {
                if (directive.Alias is not null)
                {
                    return true;
                }
            }
        }

        if (_globalAliases == 0)
        {
            var any = false;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetRoot() is CompilationUnitSyntax unit && unit.Usings.Any(u => u.Alias is not null && u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)))
                {
                    any = true;
                    break;
                }
            }

            _globalAliases = any ? 2 : 1;
        }

        return _globalAliases == 2;
    }

    private ImmutableHashSet<string>? AliasesInScope(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var topLevel = node;
        while (topLevel.Parent is { } parent && parent is not (BaseNamespaceDeclarationSyntax or CompilationUnitSyntax))
        {
            topLevel = parent;
        }

        if (topLevel is GlobalStatementSyntax || topLevel.Parent is null)
        {
            return null;
        }

        // An alias in scope is declared by a using directive of this file (its compilation unit or an enclosing namespace)
        // or by a global using anywhere: without any such directive (read from syntax), there is none to look up.
        if (!MayHaveAliases(topLevel, semanticModel.Compilation))
        {
            return ImmutableHashSet<string>.Empty;
        }

        return _aliasesByScope.GetOrAdd(topLevel.Parent, _ =>
        {
            var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            foreach (var scope in semanticModel.GetImportScopes(topLevel.SpanStart, cancellationToken))
            {
                foreach (var alias in scope.Aliases)
                {
                    if (alias.Target is INamedTypeSymbol target && _aliasableTypes.Contains(target, SymbolEqualityComparer.Default))
                    {
                        names.Add(alias.Name);
                    }
                }
            }

            return names.ToImmutable();
        });
    }
}
