using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LlmClient.Analyzers.CodeFixes.Requests;

/// <summary>LLM2003: removes the parameter the endpoint does not support.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveUnsupportedParameterFixer))]
[Shared]
public sealed class RemoveUnsupportedParameterFixer : RemoveWirePropertyFixer
{
    public RemoveUnsupportedParameterFixer()
        : base(RuleIdentifiers.UnsupportedParameter)
    {
    }
}
