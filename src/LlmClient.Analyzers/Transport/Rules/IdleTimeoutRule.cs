using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Requests;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Transport.Rules;

/// <summary>
/// LLM3002, read from one type's <see cref="ClientModel"/>:
/// <list type="bullet">
/// <item>a client timeout over 300 s (or infinite) on a client whose LLM calls are not streamed: seed 000's proxy closes
/// a connection idle for 300 s first;</item>
/// <item>a client timeout (the HttpClient default of 100 s included) shorter than a request's start_within duration:
/// seed 003's flex request waits that long to start, and a client that gives up first gets 499.</item>
/// </list>
/// Conservative: an HttpClient counts only when the type sends LLM requests through it, and none of them streams;
/// an SDK timeout only when the type makes that SDK's LLM calls and none of them streams.
/// </summary>
internal sealed class IdleTimeoutRule
{
    /// <summary>Diagnostic property: the value the fix writes for <c>stream</c> (additional location 0).</summary>
    public const string ValueProperty = "Value";

    public DiagnosticDescriptor Descriptor => LlmClient.Analyzers.Rules.IdleTimeout;

    public void Analyze(ClientModel model, Action<Diagnostic> report)
    {
        var reported = new HashSet<Location>();
        foreach (var timeout in model.Timeouts)
        {
            if (timeout.Family == ClientFamily.Http)
            {
                if (timeout.Client is { } client)
                {
                    AnalyzeHttpTimeout(model, timeout, client, report, reported);
                }
            }
            else if (timeout.Seconds > GatewayFacts.ProxyIdleTimeoutSeconds && SdkIsOnlyUnstreamed(model, timeout.Family) && reported.Add(timeout.Location))
            {
                report(Diagnostic.Create(
                    Descriptor,
                    timeout.Location,
                    $"The {(timeout.Family == ClientFamily.OpenAI ? "OpenAI" : "Anthropic")} client's timeout is {TimeSpanValue.Describe(timeout.Seconds)} but this type's calls to it are not streamed; the gateway's proxy closes a connection that is idle for {GatewayFacts.ProxyIdleTimeoutSeconds} s, so a longer answer fails instead of arriving",
                    timeout.Family == ClientFamily.OpenAI
                        ? "Use the streaming call (CompleteChatStreamingAsync, CreateResponseStreamingAsync, or GetStreamingResponseAsync through Microsoft.Extensions.AI), which keeps data flowing"
                        : "Use the streaming call (Messages.CreateStreaming, or GetStreamingResponseAsync through Microsoft.Extensions.AI), which keeps data flowing"));
            }
        }

        // The default 100 s of an HttpClient created here with no timeout set.
        foreach (var client in model.CreatedHere)
        {
            if (model.TimeoutsOf(client).Any())
            {
                continue;
            }

            foreach (var send in model.SendsOf(client))
            {
                if (!model.IsLlmSend(send) || ClientModel.IsStreamed(send))
                {
                    continue;
                }

                foreach (var (property, seconds) in StartWithins(send))
                {
                    if (seconds > ClientModel.HttpClientDefaultTimeoutSeconds && reported.Add(property.Location))
                    {
                        report(StartWithinDiagnostic(property.Location, send, seconds, ClientModel.HttpClientDefaultTimeoutSeconds, isDefault: true));
                    }
                }
            }
        }
    }

    private void AnalyzeHttpTimeout(ClientModel model, TimeoutSetting timeout, ISymbol client, Action<Diagnostic> report, HashSet<Location> reported)
    {
        var llmSends = model.SendsOf(client).Where(model.IsLlmSend).ToList();
        if (llmSends.Count == 0 || llmSends.Any(ClientModel.IsStreamed))
        {
            return;
        }

        var unstreamed = llmSends.FirstOrDefault(ClientModel.IsCertainlyNotStreamed);
        if (unstreamed is null)
        {
            return;
        }

        if (timeout.Seconds > GatewayFacts.ProxyIdleTimeoutSeconds)
        {
            if (reported.Add(timeout.Location))
            {
                report(WithStreamFix(
                    timeout.Location,
                    llmSends,
                    $"The HttpClient's timeout is {TimeSpanValue.Describe(timeout.Seconds)} but its LLM requests are not streamed; the gateway's proxy closes a connection that is idle for {GatewayFacts.ProxyIdleTimeoutSeconds} s, so a longer answer fails instead of arriving",
                    "Stream the response (\"stream\": true), which keeps data flowing"));
            }

            return;
        }

        foreach (var send in llmSends)
        {
            foreach (var (_, seconds) in StartWithins(send))
            {
                if (seconds > timeout.Seconds && reported.Add(timeout.Location))
                {
                    report(StartWithinDiagnostic(timeout.Location, send, seconds, timeout.Seconds, isDefault: false));
                }
            }
        }
    }

    private Diagnostic StartWithinDiagnostic(Location location, HttpSend send, int startWithin, double timeout, bool isDefault)
        => WithStreamFix(
            location,
            new[] { send },
            $"This request may wait up to {TimeSpanValue.Describe(startWithin)} to start (start_within) but its HttpClient gives up after {TimeSpanValue.Describe(timeout)}{(isDefault ? " (the default timeout)" : string.Empty)}; the gateway then records 499 client_closed_request and the answer is lost",
            "Stream the response (\"stream\": true) or set the client's Timeout above the start_within window");

    /// <summary>The fix turns <c>stream: false</c> on only where the response is already read as an event stream after the headers.</summary>
    private Diagnostic WithStreamFix(Location location, IEnumerable<HttpSend> sends, string problem, string advice)
    {
        var sendList = sends.ToList();
        var streamValues = new List<Location>();
        var safe = sendList.Count == 1 && sendList[0].HeadersRead && sendList[0].ReadsEventStream;
        foreach (var send in sendList)
        {
            foreach (var request in send.Requests)
            {
                if (request.Body.Find(GatewayFacts.Stream) is { Value: { Kind: WireValueKind.Constant, Constant: false }, ValueLocation: { } value })
                {
                    streamValues.Add(value);
                }
            }
        }

        if (safe && streamValues.Count == 1)
        {
            return Diagnostic.Create(Descriptor, location, ImmutableArray.Create(streamValues[0]), ImmutableDictionary<string, string?>.Empty.Add(ValueProperty, "true"), problem, advice);
        }

        return Diagnostic.Create(Descriptor, location, problem, advice);
    }

    private static IEnumerable<(WireProperty Property, int Seconds)> StartWithins(HttpSend send)
    {
        foreach (var request in send.Requests)
        {
            if (request.Body.Find(GatewayFacts.StartWithin) is { } property && GatewayFacts.TryGetStartWithinSeconds(property.Value.AsString, out var seconds))
            {
                yield return (property, seconds);
            }
        }
    }

    /// <summary>The type calls this SDK (or Microsoft.Extensions.AI) for LLM answers, and never with a streaming call.</summary>
    private static bool SdkIsOnlyUnstreamed(ClientModel model, ClientFamily family)
    {
        var unstreamed = false;
        foreach (var (callFamily, streaming) in model.SdkCalls)
        {
            if (callFamily != family && callFamily != ClientFamily.ProviderNeutral)
            {
                continue;
            }

            if (streaming)
            {
                return false;
            }

            unstreamed = true;
        }

        return unstreamed;
    }
}
