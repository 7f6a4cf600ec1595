using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using LlmClient.Analyzers.Retries.Analysis;
using LlmClient.Analyzers.Retries.Extractors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace LlmClient.Analyzers.Retries.Rewrite;

/// <summary>
/// Decides whether a hand-written retry loop can be replaced by one call of the complete retry helper
/// (<see cref="HelperName"/>) the complete-retry refactoring writes, and hands it what it needs.
/// The plan's syntax checks (<see cref="RetryRewritePlan"/>) plus what only symbols can say: the call is an HttpClient
/// send that returns the response, the lambda may capture what the request uses, the type can take a static helper,
/// and the target framework has the APIs the helper uses.
/// </summary>
internal static class RetryRewriteReader
{
    /// <summary>The helper the rewrite adds to the type (or reuses, when the type already has it).</summary>
    public const string HelperName = "SendWithRetryAsync";

    public static ImmutableDictionary<string, string?> Read(StatementSyntax loop, CallInfo call, ExtractionContext context)
    {
        var none = ImmutableDictionary<string, string?>.Empty;
        var types = context.Types;
        if (call.Family != CallFamily.Http || call.IsBaseSend || call.ThrowsOnFailure || call.Invocation.Syntax is not InvocationExpressionSyntax send
            || types.HttpResponseMessage is null || !IsTaskOf(call.Invocation.Type, types.HttpResponseMessage, types)
            || RetryRewritePlan.Create(loop, send) is not { } plan)
        {
            return none;
        }

        var model = context.Model;
        var token = context.CancellationToken;
        if (!SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(plan.SendStatement.Declaration.Type, token).Type, types.HttpResponseMessage)
            || loop.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { Parent: ClassDeclarationSyntax or RecordDeclarationSyntax } member
            || model.GetDeclaredSymbol((TypeDeclarationSyntax)member.Parent!, token) is not { TypeKind: TypeKind.Class, DeclaringSyntaxReferences.Length: 1 } type
            || HelperState(type, types) is not { } helper
            || !HasHelperApis(types.Compilation))
        {
            return none;
        }

        // The request moves into a lambda: it cannot capture ref parameters, ref locals or ref structs (nor `this` of a
        // struct, which the class-only check above already rules out).
        foreach (var node in plan.Prepare.Cast<SyntaxNode>().Append(send))
        {
            if (model.GetOperation(node, token) is not { } operation || !CanCapture(operation))
            {
                return none;
            }
        }

        // An HttpRequestMessage can be sent only once: the request must be made inside the lambda, once per attempt.
        if (call.Invocation.TargetMethod.Name is "Send" or "SendAsync" && !IsMadePerAttempt(call.Invocation, plan))
        {
            return none;
        }

        var data = none
            .Add(RetryFixProperties.Rewrite, helper)
            .Add(RetryFixProperties.RewriteLoop, Encode(loop.Span))
            .Add(RetryFixProperties.RewriteSend, Encode(send.Span));
        return CancellationTokenName(call.Invocation, model.GetEnclosingSymbol(loop.SpanStart, token)) is { } name
            ? data.Add(RetryFixProperties.RewriteToken, name)
            : data;
    }

    public static string Encode(TextSpan span)
        => span.Start.ToString(CultureInfo.InvariantCulture) + ":" + span.Length.ToString(CultureInfo.InvariantCulture);

    public static TextSpan? Decode(string? text)
    {
        var parts = text?.Split(':');
        return parts is { Length: 2 }
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? new TextSpan(start, length)
            : null;
    }

    private static bool IsMadePerAttempt(IInvocationOperation send, RetryRewritePlan plan)
    {
        if (send.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value is not { } request)
        {
            return false;
        }

        while (request is IConversionOperation { IsImplicit: true } conversion)
        {
            request = conversion.Operand;
        }

        return request switch
        {
            IObjectCreationOperation => true,
            ILocalReferenceOperation { Local.DeclaringSyntaxReferences: { Length: 1 } declarations } => plan.Prepare.Any(s => s.Span.Contains(declarations[0].Span)),
            _ => false,
        };
    }

    /// <summary>"Add" when the type has no member of that name, "Reuse" when it has the helper already, else null.</summary>
    private static string? HelperState(INamedTypeSymbol type, RetryTypes types)
    {
        var members = type.GetMembers(HelperName);
        if (members.IsEmpty)
        {
            return "Add";
        }

        return members.Length == 1 && members[0] is IMethodSymbol { IsStatic: true, Parameters.Length: 2 } method
            && IsTaskOf(method.ReturnType, types.HttpResponseMessage!, types)
            && method.Parameters[0].Type is INamedTypeSymbol { Name: "Func", TypeArguments.Length: 1 } func && IsTaskOf(func.TypeArguments[0], types.HttpResponseMessage!, types)
            && method.Parameters[1].Type.Name == "CancellationToken"
            ? "Reuse"
            : null;
    }

    /// <summary>The helper needs .NET 6+: <c>Random.Shared</c>, <c>HttpRequestException(string, Exception, HttpStatusCode?)</c>, <c>ReadAsStringAsync(CancellationToken)</c>.</summary>
    private static bool HasHelperApis(Compilation compilation)
    {
        var random = compilation.GetTypeByMetadataName("System.Random");
        var exception = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestException");
        var content = compilation.GetTypeByMetadataName("System.Net.Http.HttpContent");
        return random is not null && random.GetMembers("Shared").Any(m => m is IPropertySymbol { IsStatic: true })
            && exception is not null && exception.InstanceConstructors.Any(c => c.Parameters.Length == 3)
            && content is not null && content.GetMembers("ReadAsStringAsync").Any(m => m is IMethodSymbol { Parameters.Length: 1 });
    }

    private static bool IsTaskOf(ITypeSymbol? type, INamedTypeSymbol result, RetryTypes types)
        => type is INamedTypeSymbol { TypeArguments.Length: 1 } named
           && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.TaskOfT)
           && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], result);

    private static bool CanCapture(IOperation operation)
    {
        foreach (var node in operation.DescendantsAndSelf())
        {
            switch (node)
            {
                case IParameterReferenceOperation { Parameter: var parameter } when parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType:
                    return false;
                case ILocalReferenceOperation { Local: var local } when local.IsRef || local.Type.IsRefLikeType:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The token the send passes (a parameter), else the enclosing method's only <c>CancellationToken</c> parameter.</summary>
    private static string? CancellationTokenName(IInvocationOperation send, ISymbol? enclosing)
    {
        foreach (var argument in send.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            if (value is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None, Type.Name: "CancellationToken" } parameter })
            {
                return parameter.Name;
            }
        }

        var tokens = (enclosing as IMethodSymbol)?.Parameters.Where(p => p.RefKind == RefKind.None && p.Type.Name == "CancellationToken").ToList();
        return tokens is { Count: 1 } ? tokens[0].Name : null;
    }
}
