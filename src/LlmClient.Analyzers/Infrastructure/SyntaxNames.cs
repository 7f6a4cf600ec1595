using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmClient.Analyzers.Infrastructure;

internal static class SyntaxNames
{
    /// <summary>The simple name of the invoked method (<c>Foo</c> in <c>a.b.Foo&lt;T&gt;(...)</c>), without binding.</summary>
    public static string? GetInvokedName(InvocationExpressionSyntax invocation)
    {
        return invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
    }

    /// <summary>The simple name of a type as written (<c>StringContent</c> in <c>System.Net.Http.StringContent</c>).</summary>
    public static string GetTypeName(TypeSyntax type)
    {
        return type switch
        {
            QualifiedNameSyntax qualified => GetTypeName(qualified.Right),
            AliasQualifiedNameSyntax alias => GetTypeName(alias.Name),
            GenericNameSyntax generic => generic.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
    }

    /// <summary>The rightmost name of the receiver of <c>x.M</c> (<c>Error</c> in <c>Console.Error.WriteLine</c>), or null.</summary>
    public static string? GetReceiverName(MemberAccessExpressionSyntax access)
    {
        return access.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Name: var last } => last.Identifier.ValueText,
            _ => null,
        };
    }
}
