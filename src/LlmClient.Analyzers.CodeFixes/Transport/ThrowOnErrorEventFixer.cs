using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using LlmClient.Analyzers.CodeFixes.Infrastructure;
using LlmClient.Analyzers.Transport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace LlmClient.Analyzers.CodeFixes.Transport;

/// <summary>
/// LLM3003: inserts, where the analyzer found a place that compiles (after the parsed event, before the statement that
/// parses the data, or after the <c>[DONE]</c> check on the data string), a check that throws with the error's message:
/// <c>if (doc.RootElement.TryGetProperty("error", out var streamError)) throw new HttpRequestException(...);</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ThrowOnErrorEventFixer))]
[Shared]
public sealed class ThrowOnErrorEventFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.StreamErrorEvents + ".ThrowOnErrorEvent";

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Throw when an event carries an error"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.StreamErrorEvents);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
        => Property(diagnostic, "PayloadKind") is "Document" or "Element" or "Text"
           && IsSimpleExpression(Property(diagnostic, "Payload"))
           && Property(diagnostic, "Placement") is "after" or "before"
           && FindAnchor(root, diagnostic) is not null;

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        var anchor = FindAnchor(editor.OriginalRoot, diagnostic)!;
        var json = Qualifier(editor, anchor, "System.Text.Json.JsonDocument", "System.Text.Json.JsonValueKind");
        var http = Qualifier(editor, anchor, "System.Net.Http.HttpRequestException");
        var payload = Property(diagnostic, "Payload");

        var taken = new HashSet<string>(Scope(anchor).DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
        var document = Unique("errorDocument", taken);
        var error = Unique("streamError", taken);
        var message = Unique("errorMessage", taken);

        var lines = new List<string>();
        string element;
        switch (Property(diagnostic, "PayloadKind"))
        {
            case "Document":
                element = payload + ".RootElement";
                break;
            case "Element":
                element = payload;
                break;
            default:
                lines.Add($"using var {document} = {json}JsonDocument.Parse({payload});");
                element = document + ".RootElement";
                break;
        }

        lines.Add($"if ({element}.TryGetProperty(\"error\", out var {error})) throw new {http}HttpRequestException({error}.ValueKind == {json}JsonValueKind.Object && {error}.TryGetProperty(\"message\", out var {message}) ? {message}.GetString() : {error}.ToString());");

        var indentation = Indentation(anchor);
        var endOfLine = anchor.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.EndOfLine("\n");
        var statements = lines.Select(line => SyntaxFactory.ParseStatement(line).WithLeadingTrivia(indentation).WithTrailingTrivia(newLine)).ToList();

        if (Property(diagnostic, "Placement") == "after")
        {
            editor.InsertAfter(anchor, statements);
        }
        else
        {
            editor.InsertBefore(anchor, statements);
        }
    }

    /// <summary>How to write the types (of one namespace) at the anchor: by simple name when they bind there, else <c>global::</c>-qualified.</summary>
    private static string Qualifier(SyntaxEditor editor, SyntaxNode anchor, params string[] metadataNames)
        => editor is DocumentEditor { SemanticModel: var model }
            ? TypeNameScope.Qualifier(model, anchor.SpanStart, metadataNames)
            : "global::" + metadataNames[0].Substring(0, metadataNames[0].LastIndexOf('.') + 1);

    private static StatementSyntax? FindAnchor(SyntaxNode root, Diagnostic diagnostic)
    {
        if (AdditionalSpan(diagnostic) is not { } span || span.End > root.FullSpan.End)
        {
            return null;
        }

        return root.FindNode(span, getInnermostNodeForTie: false) is StatementSyntax { Parent: BlockSyntax } statement && statement.Span == span ? statement : null;
    }

    private static SyntaxNode Scope(SyntaxNode anchor)
        => (SyntaxNode?)anchor.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? anchor.SyntaxTree.GetRoot();

    private static SyntaxTriviaList Indentation(SyntaxNode anchor)
    {
        var leading = anchor.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        taken.Add(candidate);
        return candidate;
    }

    private static bool IsSimpleExpression(string text)
        => text.Length > 0 && SyntaxFactory.ParseExpression(text) is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax, Name: IdentifierNameSyntax } && !SyntaxFactory.ParseExpression(text).ContainsDiagnostics;
}
