using System;
using System.Collections.Generic;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Retries.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Retries.Extractors;

/// <summary>
/// Follows a Polly policy or retry strategy forward, in the same code block, to the <c>Execute*</c> call that runs it,
/// and reads which HTTP or SDK call it wraps: <c>policy.ExecuteAsync(() =&gt; chat.CompleteChatAsync(...))</c>,
/// through locals and pipeline builders (<c>AddRetry(options)...Build()</c>).
/// </summary>
internal static class PollyExecution
{
    private const int MaxSteps = 24;

    /// <summary>The family of the call the policy runs when it throws on a failure status, or null.</summary>
    public static CallFamily? ExecutedFamily(IOperation start, ExtractionContext context, out bool runsHttpOrSdkCall)
    {
        runsHttpOrSdkCall = false;
        var work = new Stack<IOperation>();
        var seen = new HashSet<IOperation>();
        work.Push(start);
        var steps = 0;
        CallFamily? result = null;
        while (work.Count > 0 && steps++ < MaxSteps)
        {
            var current = work.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            var parent = current.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                current = parent;
                parent = current.Parent;
            }

            switch (parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation invocation } argument
                    when invocation.TargetMethod.Name == "AddRetry" || (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 && invocation.Arguments[0] == argument):
                    if (IsExecute(invocation.TargetMethod.Name))
                    {
                        Inspect(invocation, context, ref result, ref runsHttpOrSdkCall);
                    }
                    else
                    {
                        work.Push(invocation);
                    }

                    break;

                case IInvocationOperation invocation when invocation.Instance == current:
                    if (IsExecute(invocation.TargetMethod.Name))
                    {
                        Inspect(invocation, context, ref result, ref runsHttpOrSdkCall);
                    }
                    else
                    {
                        work.Push(invocation);
                    }

                    break;

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    PushReads(declarator.Symbol, current, context, work);
                    break;

                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == current:
                    PushReads(local.Local, current, context, work);
                    break;
            }
        }

        return result;
    }

    private static void PushReads(ILocalSymbol local, IOperation value, ExtractionContext context, Stack<IOperation> work)
    {
        foreach (var read in context.IndexFor(value).ReadsOf(local))
        {
            work.Push(read);
        }
    }

    private static bool IsExecute(string name) => name.StartsWith("Execute", StringComparison.Ordinal);

    /// <summary>Reads the delegates an <c>Execute*</c> call runs.</summary>
    private static void Inspect(IInvocationOperation execute, ExtractionContext context, ref CallFamily? result, ref bool runsHttpOrSdkCall)
    {
        foreach (var argument in execute.Arguments)
        {
            if (argument.Value.WalkDownConversionsAndDelegates() is not IAnonymousFunctionOperation lambda)
            {
                continue;
            }

            var hasEnsure = false;
            CallFamily? found = null;
            var throws = false;
            foreach (var node in lambda.Body.DescendantsAndSelf())
            {
                if (node is not IInvocationOperation invocation)
                {
                    continue;
                }

                if (RetryCalls.IsEnsureSuccess(invocation, context.Types))
                {
                    hasEnsure = true;
                }
                else if (RetryCalls.Classify(invocation, context.Types) is { } call)
                {
                    found ??= call.Family;
                    throws |= call.ThrowsOnFailure;
                }
            }

            if (found is { } family)
            {
                runsHttpOrSdkCall = true;
                if (throws || hasEnsure)
                {
                    result ??= family;
                }
            }
        }
    }
}
