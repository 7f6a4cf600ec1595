using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>What every extractor needs for one code block: the types, the semantic model, one local index per tree.</summary>
internal sealed class ExtractionContext
{
    private Dictionary<SyntaxNode, bool>? _retryAfterReaders;
    private OperationFacts? _facts;
    private static readonly HashSet<string> NoNames = new(StringComparer.Ordinal);
    private HashSet<string>? _localFunctions;
    private SyntaxNode? _localFunctionsScope;
    private SyntaxNode? _blockScope;
    private HashSet<string>? _blockLocalFunctions;

    public ExtractionContext(RetryTypes types, SemanticModel model, CancellationToken cancellationToken, ISymbol? owner = null)
    {
        Types = types;
        Model = model;
        CancellationToken = cancellationToken;
        Owner = owner;
    }

    /// <summary>The symbol that owns the code block (its method, accessor, field), when the caller knows it.</summary>
    public ISymbol? Owner { get; }

    public RetryTypes Types { get; }

    public SemanticModel Model { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Called methods' declarations already read for Retry-After (<see cref="RetrySyntaxFacts"/>).</summary>
    public Dictionary<SyntaxNode, bool> RetryAfterReaders => _retryAfterReaders ??= new();

    /// <summary>Facts about the block's operation subtrees, each walked once.</summary>
    public OperationFacts Facts => _facts ??= new();

    /// <summary>
    /// Can a name in <paramref name="region"/> called <paramref name="name"/> bind to a method declared in source? False
    /// only when no source type declares a member of that name (the compilation's declaration table: no binding), no
    /// local function of that name is declared in the region's member, and the name is not one the compiler may
    /// synthesize for a source type (records' members, delegates' invoke methods). A null name (an expression that ends
    /// in no simple name) may be anything.
    /// </summary>
    public bool MayBeSourceMethod(string? name, SyntaxNode region)
    {
        if (name is null || SynthesizedNames.Contains(name))
        {
            return true;
        }

        return Types.IsSourceMemberName(name, CancellationToken) || LocalFunctionNames(region).Contains(name);
    }

    private static readonly HashSet<string> SynthesizedNames = new(StringComparer.Ordinal)
    {
        "Invoke", "BeginInvoke", "EndInvoke", "ToString", "Equals", "GetHashCode", "Deconstruct", "PrintMembers",
    };

    /// <summary>
    /// The names of the local functions declared anywhere in <paramref name="block"/> (null: none), as a walk of the whole
    /// block has found them: <see cref="LocalFunctionNames"/> does not walk the block again when it is the scope.
    /// </summary>
    public void SetLocalFunctionNames(SyntaxNode block, HashSet<string>? names)
    {
        _blockScope = block;
        _blockLocalFunctions = names ?? NoNames;
    }

    /// <summary>The local functions declared in the member (or the top-level statements) around the region.</summary>
    private HashSet<string> LocalFunctionNames(SyntaxNode region)
    {
        SyntaxNode scope = region.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? region;
        if (scope is GlobalStatementSyntax && scope.Parent is { } unit)
        {
            scope = unit;
        }

        if (scope == _blockScope && _blockLocalFunctions is not null)
        {
            return _blockLocalFunctions;
        }

        if (_localFunctions is null || _localFunctionsScope != scope)
        {
            _localFunctions = new HashSet<string>(
                scope.DescendantNodes().OfType<LocalFunctionStatementSyntax>().Select(f => f.Identifier.ValueText),
                StringComparer.Ordinal);
            _localFunctionsScope = scope;
        }

        return _localFunctions;
    }

    /// <summary>The values and reads of the locals of <paramref name="operation"/>'s tree (shared by the analyzers).</summary>
    public LocalIndex IndexFor(IOperation operation) => LocalIndex.For(operation);
}
