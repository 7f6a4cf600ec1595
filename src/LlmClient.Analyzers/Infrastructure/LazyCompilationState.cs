using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Infrastructure;

/// <summary>
/// An analyzer's per-compilation state (its well-known types, filters), built on first use by a callback rather than in
/// the compilation start action. The compilation's first type look-up (<c>GetTypeByMetadataName</c>) makes the compiler
/// bind the references and build the declaration table: work every build does anyway, because binding any member needs
/// it. Done in a compilation start action it runs before the compiler gets there and is charged to that analyzer
/// (on the benchmark's business corpus it was most of what our analyzers cost); by the first code block, syntax node or
/// symbol callback the compiler has done it, and the look-ups are only look-ups. The price: the callbacks are
/// registered even when the state turns out empty (no relevant type referenced), and each first checks
/// <see cref="Value"/>.
/// </summary>
internal sealed class LazyCompilationState<T>
{
    private readonly Lazy<T> _value;

    public LazyCompilationState(Compilation compilation, Func<Compilation, T> create)
        => _value = new Lazy<T>(() => create(compilation), LazyThreadSafetyMode.ExecutionAndPublication);

    public T Value => _value.Value;
}
