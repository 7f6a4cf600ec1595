using System.Collections.Generic;
using System.Threading;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>What every extractor needs for one code block: the types, the semantic model, one local index per tree.</summary>
internal sealed class ExtractionContext
{
    private readonly Dictionary<IOperation, LocalIndex> _indexes = new();

    public ExtractionContext(RetryTypes types, SemanticModel model, CancellationToken cancellationToken)
    {
        Types = types;
        Model = model;
        CancellationToken = cancellationToken;
    }

    public RetryTypes Types { get; }

    public SemanticModel Model { get; }

    public CancellationToken CancellationToken { get; }

    public LocalIndex IndexFor(IOperation operation)
    {
        var root = operation.Root();
        if (!_indexes.TryGetValue(root, out var index))
        {
            index = new LocalIndex(root);
            _indexes[root] = index;
        }

        return index;
    }
}
