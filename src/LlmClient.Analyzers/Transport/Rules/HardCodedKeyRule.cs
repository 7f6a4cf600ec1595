using System.Collections.Immutable;
using LlmClient.Analyzers.Gateway;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmClient.Analyzers.Transport.Rules;

/// <summary>
/// LLM4001: a string literal shaped like a real key (GatewayFacts.ClassifyKey) that is used as a credential or
/// stored under a key's name. A long token without a known prefix needs a credential use, not just a name ending in
/// "key". The message names the key's kind and prefix, never the key.
/// </summary>
internal sealed class HardCodedKeyRule
{
    /// <summary>Diagnostic property: the environment variable the fix reads instead.</summary>
    public const string EnvironmentVariableProperty = "EnvironmentVariable";

    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.HardCodedApiKey;

    public void Analyze(SyntaxNodeAnalysisContext context, TransportTypes types)
    {
        var literal = (LiteralExpressionSyntax)context.Node;
        // The token's text (quotes and escapes included) is never shorter than its value: most literals stop here.
        if (literal.Token.Text.Length < GatewayFacts.MinKeyBodyLength
            || literal.Token.Value is not string text || !GatewayFacts.MayBeKey(text) || GatewayFacts.ClassifyKey(text, allowGeneric: true) is not { } shape)
        {
            return;
        }

        if (context.SemanticModel.GetOperation(literal, context.CancellationToken) is not { } operation)
        {
            return;
        }

        var required = ReferenceEquals(shape, GatewayFacts.GenericToken) ? CredentialUse.Credential : CredentialUse.KeyLikeName;
        if (CredentialSites.Find(operation, context.ContainingSymbol, types) < required)
        {
            return;
        }

        // How the fix spells System types is asked by the fix (TypeNameScope), not here.
        var properties = ImmutableDictionary<string, string?>.Empty.Add(EnvironmentVariableProperty, shape.EnvironmentVariable);
        // The location is the literal the callback ran on, never in generated code (see GeneratedCodeFilter).
        context.ReportDiagnostic(Diagnostic.Create(Descriptor, literal.GetLocation(), properties, shape.Display, shape.EnvironmentVariable));
    }
}
