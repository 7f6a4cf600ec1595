using System;
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
/// LLM4001: replaces the key literal with <c>Environment.GetEnvironmentVariable("X") ?? throw new
/// InvalidOperationException(...)</c>. A <c>const</c> holding the key becomes <c>static readonly</c> (a field) or a plain
/// local, unless a constant context (attribute, case label, parameter default, another constant) uses it; a literal
/// that must stay constant (an attribute argument, a parameter default) is not fixed.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseEnvironmentVariableFixer))]
[Shared]
public sealed class UseEnvironmentVariableFixer : DocumentEditFixer
{
    public const string Key = RuleIdentifiers.HardCodedApiKey + ".UseEnvironmentVariable";

    private const string VariableProperty = "EnvironmentVariable";
    private const string BearerPrefix = "Bearer ";

    private static readonly ImmutableArray<FixVariant> FixVariants = ImmutableArray.Create(
        new FixVariant(Key, "Read the key from an environment variable"));

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.HardCodedApiKey);

    protected override ImmutableArray<FixVariant> Variants => FixVariants;

    protected override bool CanFix(SyntaxNode root, Diagnostic diagnostic, FixVariant variant)
    {
        if (!IsVariableName(Property(diagnostic, VariableProperty)) || FindLiteral(root, diagnostic) is not { } literal)
        {
            return false;
        }

        if (literal.FirstAncestorOrSelf<AttributeArgumentSyntax>() is not null
            || literal.Parent is EqualsValueClauseSyntax { Parent: ParameterSyntax }
            || literal.Ancestors().Any(a => a is CaseSwitchLabelSyntax or ConstantPatternSyntax or EnumMemberDeclarationSyntax))
        {
            return false;
        }

        return ConstDeclaration(literal) switch
        {
            null => true,
            FieldDeclarationSyntax field => !UsedAsConstant(root, field.Declaration.Variables),
            LocalDeclarationStatementSyntax local => local.Parent is not null && !UsedAsConstant(local.Parent, local.Declaration.Variables),
            _ => false,
        };
    }

    protected override void Apply(SyntaxEditor editor, Diagnostic diagnostic, FixVariant variant)
    {
        var literal = FindLiteral(editor.OriginalRoot, diagnostic)!;
        var replacement = Replacement(literal, Property(diagnostic, VariableProperty), SystemQualifier(editor, literal));
        editor.ReplaceNode(literal, replacement.WithTriviaFrom(literal));

        switch (ConstDeclaration(literal))
        {
            case FieldDeclarationSyntax field:
                editor.ReplaceNode(field, (current, _) =>
                {
                    var declaration = (FieldDeclarationSyntax)current;
                    var modifiers = declaration.Modifiers;
                    var index = modifiers.IndexOf(SyntaxKind.ConstKeyword);
                    if (index < 0)
                    {
                        return declaration;
                    }

                    var constToken = modifiers[index];
                    var replacementTokens = new[]
                    {
                        SyntaxFactory.Token(constToken.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
                        SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, constToken.TrailingTrivia),
                    };
                    return declaration.WithModifiers(modifiers.RemoveAt(index).InsertRange(index, replacementTokens));
                });
                break;
            case LocalDeclarationStatementSyntax local:
                editor.ReplaceNode(local, (current, _) =>
                {
                    var statement = (LocalDeclarationStatementSyntax)current;
                    var index = statement.Modifiers.IndexOf(SyntaxKind.ConstKeyword);
                    if (index < 0)
                    {
                        return statement;
                    }

                    var leading = statement.Modifiers[index].LeadingTrivia;
                    var withoutConst = statement.WithModifiers(statement.Modifiers.RemoveAt(index));
                    return index == 0 ? withoutConst.WithLeadingTrivia(leading) : withoutConst;
                });
                break;
        }
    }

    /// <summary>How to write <c>Environment</c> and <c>InvalidOperationException</c> at the literal: by simple name when both bind there, else <c>global::System.</c>.</summary>
    private static string SystemQualifier(SyntaxEditor editor, SyntaxNode literal)
        => editor is DocumentEditor { SemanticModel: var model }
            ? TypeNameScope.Qualifier(model, literal.SpanStart, "System.Environment", "System.InvalidOperationException")
            : "global::System.";

    private static LiteralExpressionSyntax? FindLiteral(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > root.FullSpan.End)
        {
            return null;
        }

        return root.FindNode(span, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
               && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Span == span && literal.Token.Value is string
            ? literal
            : null;
    }

    /// <summary><c>Environment.GetEnvironmentVariable("X") ?? throw new InvalidOperationException("Set the X environment variable.")</c>.</summary>
    private static ExpressionSyntax Replacement(LiteralExpressionSyntax literal, string variable, string qualifier)
    {
        var read = SyntaxFactory.ParseExpression(
            $"{qualifier}Environment.GetEnvironmentVariable(\"{variable}\") ?? throw new {qualifier}InvalidOperationException(\"Set the {variable} environment variable.\")");

        var text = (string)literal.Token.Value!;
        if (text.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var prefix = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text.Substring(0, BearerPrefix.Length)));
            var header = SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, prefix, SyntaxFactory.ParenthesizedExpression(read));
            return NeedsParentheses(literal) ? SyntaxFactory.ParenthesizedExpression(header) : header;
        }

        return NeedsParentheses(literal) ? SyntaxFactory.ParenthesizedExpression(read) : read;
    }

    /// <summary>Where an expression of lower precedence than a literal would change meaning.</summary>
    private static bool NeedsParentheses(ExpressionSyntax literal)
        => literal.Parent is not (ArgumentSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax
            or InitializerExpressionSyntax or AnonymousObjectMemberDeclaratorSyntax or ParenthesizedExpressionSyntax)
           && !(literal.Parent is AssignmentExpressionSyntax assignment && assignment.Right == literal);

    /// <summary>The <c>const</c> declaration whose initializer holds the literal.</summary>
    private static SyntaxNode? ConstDeclaration(LiteralExpressionSyntax literal)
    {
        var declarator = literal.FirstAncestorOrSelf<VariableDeclaratorSyntax>();
        return declarator?.Parent?.Parent switch
        {
            FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.ConstKeyword) => field,
            LocalDeclarationStatementSyntax local when local.Modifiers.Any(SyntaxKind.ConstKeyword) => local,
            _ => null,
        };
    }

    /// <summary>Is a constant declared here named where only a constant may stand?</summary>
    private static bool UsedAsConstant(SyntaxNode scope, SeparatedSyntaxList<VariableDeclaratorSyntax> variables)
    {
        var names = variables.Select(v => v.Identifier.ValueText).ToImmutableHashSet(StringComparer.Ordinal);
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (!names.Contains(identifier.Identifier.ValueText))
            {
                continue;
            }

            foreach (var ancestor in identifier.Ancestors())
            {
                if (ancestor is AttributeArgumentSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax or EnumMemberDeclarationSyntax
                    || ancestor is EqualsValueClauseSyntax { Parent: ParameterSyntax }
                    || ancestor is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.ConstKeyword)
                    || ancestor is LocalDeclarationStatementSyntax local && local.Modifiers.Any(SyntaxKind.ConstKeyword)
                    || ancestor is SwitchExpressionArmSyntax arm && arm.Pattern.Span.Contains(identifier.Span))
                {
                    return true;
                }

                if (ancestor is StatementSyntax or MemberDeclarationSyntax)
                {
                    break;
                }
            }
        }

        return false;
    }

    private static bool IsVariableName(string name)
        => name.Length > 0 && name.All(c => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
}
