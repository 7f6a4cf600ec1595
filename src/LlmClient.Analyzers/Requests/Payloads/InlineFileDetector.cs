using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Requests.Payloads;

/// <summary>
/// Does a value embed a file's or stream's bytes as base64? <c>Convert.ToBase64String</c> of
/// <c>File.ReadAllBytes[Async]</c> or <c>MemoryStream.ToArray()</c>, directly, through a local, or inside an
/// interpolated or concatenated string (<c>$"data:image/png;base64,{...}"</c>).
/// </summary>
internal static class InlineFileDetector
{
    private const int MaxDepth = 4;

    public static bool InlinesFile(IOperation value, LocalIndex index) => IsBase64OfFile(value, index, 0);

    private static bool IsBase64OfFile(IOperation value, LocalIndex index, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (value.WalkDownConversions())
        {
            case IInvocationOperation { TargetMethod: { Name: "ToBase64String", ContainingType.Name: "Convert" } } toBase64 when toBase64.Arguments.Length > 0:
                return IsFileBytes(toBase64.Arguments[0].Value, index, depth + 1);
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && IsBase64OfFile(hole.Expression, index, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat:
                return IsBase64OfFile(concat.LeftOperand, index, depth + 1) || IsBase64OfFile(concat.RightOperand, index, depth + 1);
            case ILocalReferenceOperation local when index.ValuesOf(local.Local) is { Length: 1 } values:
                return IsBase64OfFile(values[0], index, depth + 1);
            default:
                return false;
        }
    }

    private static bool IsFileBytes(IOperation bytes, LocalIndex index, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (bytes.WalkDownConversions())
        {
            case IAwaitOperation awaited:
                return IsFileBytes(awaited.Operation, index, depth + 1);
            case IInvocationOperation { TargetMethod: { Name: "ReadAllBytes" or "ReadAllBytesAsync", ContainingType.Name: "File" } }:
                return true;
            case IInvocationOperation { TargetMethod.Name: "ToArray", Instance.Type.Name: "MemoryStream" }:
                return true;
            case ILocalReferenceOperation local when index.ValuesOf(local.Local) is { Length: 1 } values:
                return IsFileBytes(values[0], index, depth + 1);
            default:
                return false;
        }
    }
}
