using System;
using LlmClient.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// Evaluates a TimeSpan expression whose parts are constants: <c>TimeSpan.FromSeconds/FromMinutes/FromHours/
/// FromMilliseconds/FromDays(n)</c>, <c>new TimeSpan(h, m, s)</c> and its other constructors, <c>Timeout.InfiniteTimeSpan</c>,
/// <c>TimeSpan.MaxValue</c>, and a local assigned once with one of these.
/// </summary>
internal static class TimeSpanValue
{
    private const int MaxDepth = 3;

    /// <summary>The value in seconds; <see cref="double.PositiveInfinity"/> for an infinite timeout; null when unknown.</summary>
    public static double? Evaluate(IOperation? value, LocalIndex? index) => Evaluate(value, index, 0);

    private static double? Evaluate(IOperation? value, LocalIndex? index, int depth)
    {
        if (value is null || depth > MaxDepth)
        {
            return null;
        }

        switch (value.WalkDownConversions())
        {
            case IFieldReferenceOperation { Field: { Name: "InfiniteTimeSpan", ContainingType: { Name: "Timeout", ContainingNamespace.Name: "Threading" } } }:
            case IFieldReferenceOperation { Field: { Name: "MaxValue", ContainingType: { Name: "TimeSpan", ContainingNamespace.Name: "System" } } }:
                return double.PositiveInfinity;

            case IInvocationOperation { Instance: null, TargetMethod.ContainingType: { Name: "TimeSpan", ContainingNamespace.Name: "System" } } invocation:
                {
                    var unit = invocation.TargetMethod.Name switch
                    {
                        "FromMilliseconds" => 0.001,
                        "FromSeconds" => 1.0,
                        "FromMinutes" => 60.0,
                        "FromHours" => 3600.0,
                        "FromDays" => 86400.0,
                        _ => 0.0,
                    };

                    if (unit == 0.0 || invocation.Arguments.Length == 0 || Number(invocation.Arguments[0].Value) is not { } amount)
                    {
                        return null;
                    }

                    for (var i = 1; i < invocation.Arguments.Length; i++)
                    {
                        if (invocation.Arguments[i].ArgumentKind != ArgumentKind.DefaultValue)
                        {
                            return null;
                        }
                    }

                    return amount * unit;
                }

            case IObjectCreationOperation { Type: { Name: "TimeSpan", ContainingNamespace.Name: "System" } } creation:
                {
                    var parts = new double[creation.Arguments.Length];
                    for (var i = 0; i < parts.Length; i++)
                    {
                        if (Number(creation.Arguments[i].Value) is not { } part)
                        {
                            return null;
                        }

                        parts[i] = part;
                    }

                    return parts.Length switch
                    {
                        1 => parts[0] / TimeSpan.TicksPerSecond,
                        3 => (parts[0] * 3600) + (parts[1] * 60) + parts[2],
                        4 => (parts[0] * 86400) + (parts[1] * 3600) + (parts[2] * 60) + parts[3],
                        5 => (parts[0] * 86400) + (parts[1] * 3600) + (parts[2] * 60) + parts[3] + (parts[4] / 1000),
                        _ => null,
                    };
                }

            case ILocalReferenceOperation local when index is not null && index.ValuesOf(local.Local) is { Length: 1 } values:
                return Evaluate(values[0], index, depth + 1);

            default:
                return null;
        }
    }

    private static double? Number(IOperation operation)
        => operation.ConstantValue is { HasValue: true, Value: { } constant } && constant is not string and not bool and not char
            ? Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>"10 min", "infinite", "90 s".</summary>
    public static string Describe(double seconds)
    {
        if (double.IsPositiveInfinity(seconds))
        {
            return "infinite";
        }

        return seconds >= 60 && seconds % 60 == 0
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} min", seconds / 60)
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} s", seconds);
    }
}
