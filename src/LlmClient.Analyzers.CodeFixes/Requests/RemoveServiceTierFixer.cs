using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LlmClient.Analyzers.CodeFixes.Requests;

/// <summary>LLM2001: removes service_tier.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveServiceTierFixer))]
[Shared]
public sealed class RemoveServiceTierFixer : RemoveWirePropertyFixer
{
    public RemoveServiceTierFixer()
        : base(RuleIdentifiers.ServiceTier)
    {
    }
}
