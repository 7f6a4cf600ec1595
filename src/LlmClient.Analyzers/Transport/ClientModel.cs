using System.Collections.Generic;
using System.Collections.Immutable;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Requests;
using Microsoft.CodeAnalysis;

namespace LlmClient.Analyzers.Transport;

/// <summary>Which SDK a client setting or call belongs to.</summary>
internal enum ClientFamily
{
    /// <summary>A raw <c>HttpClient</c>.</summary>
    Http,

    /// <summary>OpenAI's SDK (System.ClientModel pipeline options).</summary>
    OpenAI,

    /// <summary>Anthropic's SDK.</summary>
    Anthropic,

    /// <summary>Microsoft.Extensions.AI's <c>IChatClient</c>, which can wrap either SDK.</summary>
    ProviderNeutral,
}

/// <summary>A timeout set on a client: <c>http.Timeout = ...</c>, <c>NetworkTimeout = ...</c>, <c>AnthropicClient { Timeout = ... }</c>.</summary>
internal sealed class TimeoutSetting
{
    public TimeoutSetting(ClientFamily family, ISymbol? client, double seconds, Location location)
    {
        Family = family;
        Client = client;
        Seconds = seconds;
        Location = location;
    }

    public ClientFamily Family { get; }

    /// <summary>The HttpClient's local, field, property or parameter; null when the client is not held in one.</summary>
    public ISymbol? Client { get; }

    /// <summary>Seconds, or positive infinity.</summary>
    public double Seconds { get; }

    /// <summary>The assignment that sets it.</summary>
    public Location Location { get; }
}

/// <summary>An HTTP request sent with an HttpClient held in <see cref="Client"/>, with the LLM requests it sends.</summary>
internal sealed class HttpSend
{
    public HttpSend(ISymbol client, string? url, bool headersRead, bool readsEventStream, SyntaxNode syntax, IOperation root)
    {
        Client = client;
        Url = url;
        HeadersRead = headersRead;
        ReadsEventStream = readsEventStream;
        Syntax = syntax;
        Root = root;
    }

    public ISymbol Client { get; }

    public string? Url { get; }

    /// <summary>Sent with <c>HttpCompletionOption.ResponseHeadersRead</c>.</summary>
    public bool HeadersRead { get; }

    /// <summary>Its method reads the response as an event stream (lines, <c>data:</c>, SseParser).</summary>
    public bool ReadsEventStream { get; }

    public SyntaxNode Syntax { get; }

    /// <summary>The operation tree (method body) the send is in.</summary>
    public IOperation Root { get; }

    /// <summary>The request bodies this send carries, linked by <see cref="ClientModel"/>.</summary>
    public ImmutableArray<LlmRequest> Requests { get; internal set; } = ImmutableArray<LlmRequest>.Empty;

    public EndpointKind Endpoint => Url is null ? EndpointKind.Unresolved : GatewayFacts.ClassifyUrl(Url);
}

/// <summary>
/// What one type does with its LLM clients, collected over all its members: the timeouts it sets, where it creates
/// HttpClients, their base addresses, the HTTP requests it sends through them with their bodies, and the SDK calls
/// it makes (streamed or not). The transport rules read it at the end of the type.
/// </summary>
internal sealed class ClientModel
{
    /// <summary>.NET's HttpClient gives up after 100 s unless told otherwise.</summary>
    public const double HttpClientDefaultTimeoutSeconds = 100;

    public static readonly ClientModel Empty = new(
        ImmutableArray<TimeoutSetting>.Empty,
        ImmutableDictionary<ISymbol, ImmutableArray<string>>.Empty,
        ImmutableHashSet<ISymbol>.Empty,
        ImmutableArray<HttpSend>.Empty,
        ImmutableArray<(ClientFamily, bool)>.Empty);

    public ClientModel(
        ImmutableArray<TimeoutSetting> timeouts,
        ImmutableDictionary<ISymbol, ImmutableArray<string>> baseAddresses,
        ImmutableHashSet<ISymbol> createdHere,
        ImmutableArray<HttpSend> sends,
        ImmutableArray<(ClientFamily Family, bool Streaming)> sdkCalls)
    {
        Timeouts = timeouts;
        BaseAddresses = baseAddresses;
        CreatedHere = createdHere;
        Sends = sends;
        SdkCalls = sdkCalls;
    }

    public ImmutableArray<TimeoutSetting> Timeouts { get; }

    public ImmutableDictionary<ISymbol, ImmutableArray<string>> BaseAddresses { get; }

    /// <summary>HttpClients created in the type with <c>new HttpClient(...)</c>, so that their timeout is known.</summary>
    public ImmutableHashSet<ISymbol> CreatedHere { get; }

    public ImmutableArray<HttpSend> Sends { get; }

    public ImmutableArray<(ClientFamily Family, bool Streaming)> SdkCalls { get; }

    /// <summary>The send goes to an LLM endpoint: its URL or its client's base address names one, or its body is an LLM request.</summary>
    public bool IsLlmSend(HttpSend send)
    {
        if (GatewayFacts.IsGenerationEndpoint(send.Endpoint))
        {
            return true;
        }

        if (BaseAddresses.TryGetValue(send.Client, out var addresses))
        {
            foreach (var address in addresses)
            {
                if (GatewayFacts.IsGenerationEndpoint(GatewayFacts.ClassifyUrl(address)))
                {
                    return true;
                }
            }
        }

        foreach (var request in send.Requests)
        {
            if (request.IsLlmRequest)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The send streams: a body says <c>stream: true</c>, or it reads response headers first and then the event stream without a body saying <c>stream: false</c>.</summary>
    public static bool IsStreamed(HttpSend send)
    {
        var saysFalse = false;
        foreach (var request in send.Requests)
        {
            if (request.Body.Find(GatewayFacts.Stream) is { Value: { Kind: WireValueKind.Constant, Constant: bool value } })
            {
                if (value)
                {
                    return true;
                }

                saysFalse = true;
            }
            else if (request.Body.Find(GatewayFacts.Stream) is { Value.Kind: not WireValueKind.Null })
            {
                // stream = someFlag: could be either.
                return true;
            }
        }

        return send.HeadersRead && send.ReadsEventStream && !saysFalse;
    }

    /// <summary>Certainly not streamed: every body is known and none asks for streaming.</summary>
    public static bool IsCertainlyNotStreamed(HttpSend send)
    {
        if (send.Requests.IsEmpty || IsStreamed(send))
        {
            return false;
        }

        foreach (var request in send.Requests)
        {
            var stream = request.Body.Find(GatewayFacts.Stream);
            if (!(request.Body.DefinitelyLacks(GatewayFacts.Stream) || stream is { Value: { Kind: WireValueKind.Constant, Constant: false } }))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The sends through one HttpClient.</summary>
    public IEnumerable<HttpSend> SendsOf(ISymbol client)
    {
        foreach (var send in Sends)
        {
            if (SymbolEqualityComparer.Default.Equals(send.Client, client))
            {
                yield return send;
            }
        }
    }

    /// <summary>The timeouts set on one HttpClient.</summary>
    public IEnumerable<TimeoutSetting> TimeoutsOf(ISymbol client)
    {
        foreach (var timeout in Timeouts)
        {
            if (timeout.Client is not null && SymbolEqualityComparer.Default.Equals(timeout.Client, client))
            {
                yield return timeout;
            }
        }
    }
}
