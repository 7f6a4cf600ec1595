using System.Collections.Immutable;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Retries;

/// <summary>
/// Base of the fixers of the rules a hand-written retry loop can break (LLM1001 to LLM1005): each offers its own
/// targeted fix first (the one <c>dotnet format</c> and a key-less FixAll apply), then the complete-retry rewrite
/// (<see cref="RetryRewriter"/>) when the analyzer found that the loop can be replaced safely.
/// </summary>
public abstract class RetryLoopFixer : DocumentEditFixer
{
    private ImmutableArray<FixVariant> _variants;

    /// <summary>The equivalence key of the complete-retry rewrite offered for <paramref name="ruleId"/>.</summary>
    public static string CompleteRetryKey(string ruleId) => RetryRewriter.Key(ruleId);

    /// <summary>The fixer's own fixes, offered before the rewrite.</summary>
    protected abstract ImmutableArray<FixVariant> OwnVariants { get; }

    protected sealed override ImmutableArray<FixVariant> Variants
    {
        get
        {
            if (_variants.IsDefault)
            {
                _variants = OwnVariants.Add(new FixVariant(CompleteRetryKey(FixableDiagnosticIds[0]), RetryRewriter.Title));
            }

            return _variants;
        }
    }

    protected abstract bool CanFixOwn(SyntaxNode root, Diagnostic diagnostic, FixVariant variant);

    protected abstract void ApplyOwn(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant);

    protected sealed override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => IsCompleteRetry(variant) ? RetryRewriter.CanFix(root, diagnostic) : CanFixOwn(root, diagnostic, variant);

    protected sealed override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        if (IsCompleteRetry(variant))
        {
            RetryRewriter.Apply(editor, diagnostic);
        }
        else
        {
            ApplyOwn(editor, diagnostic, variant);
        }
    }

    private bool IsCompleteRetry(FixVariant variant) => variant.EquivalenceKey == CompleteRetryKey(FixableDiagnosticIds[0]);
}
