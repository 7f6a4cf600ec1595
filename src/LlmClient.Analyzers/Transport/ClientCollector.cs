using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LlmClient.Analyzers.Gateway;
using LlmClient.Analyzers.Infrastructure;
using LlmClient.Analyzers.Requests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmClient.Analyzers.Transport;

/// <summary>
/// Builds the <see cref="ClientModel"/> of one type from its syntax nodes (timeouts, base addresses, client
/// creations, sends, request bodies, SDK calls). Lives for one type's declarations in one file (<see cref="ReportTree"/>,
/// from a semantic model action, once the driver has analyzed the file's declarations and built their operation trees
/// for any analyzer with operation actions). The node filters only read syntax; timeouts, base addresses and HttpClient
/// creations are bound first, the (many more) calls only when the type has a timeout or an HttpClient for the rules to
/// judge. Every list is guarded by one lock.
/// </summary>
internal sealed class ClientCollector
{
    private readonly TransportTypes _types;
    private readonly RequestExtractor? _extractor;
    private readonly object _gate = new();
    private readonly List<TimeoutSetting> _timeouts = new();
    private readonly Dictionary<ISymbol, List<string>> _baseAddresses = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _created = new(SymbolEqualityComparer.Default);
    private readonly List<HttpSend> _sends = new();
    private readonly List<(IOperation Root, LlmRequest Request)> _requests = new();
    private readonly List<(ClientFamily, bool)> _sdkCalls = new();
    private readonly Dictionary<IOperation, bool> _readsEventStream = new();
    private readonly List<(SemanticModel Model, SyntaxNode Syntax)> _setup = new();
    private readonly List<(SemanticModel Model, SyntaxNode Syntax)> _pending = new();

    public ClientCollector(TransportTypes types, RequestExtractor? extractor)
    {
        _types = types;
        _extractor = extractor;
    }

    /// <summary>
    /// Reads one file's types in a semantic model action. Only a type that sets a timeout or creates an HttpClient can
    /// have a model for the rules to judge (<see cref="Build"/>), so those types are found first from the file's text (each
    /// <c>Timeout</c>, <c>NetworkTimeout</c> and <c>HttpClient</c> written there, its token checked for an assignment
    /// target or a creation); then each such type's nodes are walked once, without its nested types (they are types of
    /// their own), and its assignments, calls and creations handed to its collector (a partial type's parts in this file
    /// share one; top-level statements are one). A partial type's parts in other files are read with those files.
    /// </summary>
    public static void ReportTree(SemanticModel model, TransportTypes types, RequestExtractor? extractor, Action<ClientModel> analyze, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        var text = model.SyntaxTree.GetText(cancellationToken).ToString();
        // Without an escape that could spell a name, every name the collector reacts to is written as it reads.
        var exact = !TextEscapes.MaySpellCharacters(text, inStrings: false);
        var owners = SetupOwners(root, text, exact);
        if (owners.Count == 0)
        {
            return;
        }

        var collectors = new Dictionary<object, ClientCollector>();
        foreach (var owner in owners)
        {
            object key = owner is BaseTypeDeclarationSyntax declaration && model.GetDeclaredSymbol(declaration, cancellationToken) is { } type ? type : owner;
            if (!collectors.TryGetValue(key, out var collector))
            {
                collector = new ClientCollector(types, extractor);
                collectors[key] = collector;
            }

            foreach (var node in exact ? CandidatesByText(owner, root, text, extractor is not null) : owner.DescendantNodes(n => n == owner || n is not BaseTypeDeclarationSyntax))
            {
                switch ((SyntaxKind)node.RawKind)
                {
                    case SyntaxKind.SimpleAssignmentExpression:
                        cancellationToken.ThrowIfCancellationRequested();
                        collector.OnAssignment(model, (AssignmentExpressionSyntax)node);
                        break;
                    case SyntaxKind.InvocationExpression:
                        collector.OnInvocation(model, (InvocationExpressionSyntax)node);
                        break;
                    case SyntaxKind.ObjectCreationExpression or SyntaxKind.ImplicitObjectCreationExpression:
                        collector.OnObjectCreation(model, (BaseObjectCreationExpressionSyntax)node);
                        break;
                }
            }
        }

        foreach (var collector in collectors.Values)
        {
            analyze(collector.Build(cancellationToken));
        }
    }

    /// <summary>
    /// The declarations (a type, or the file for its top-level statements) that set a timeout or create an HttpClient,
    /// from where the file's text writes those names; every declaration when an escape could spell one.
    /// </summary>
    private static List<SyntaxNode> SetupOwners(SyntaxNode root, string text, bool exact)
    {
        var owners = new List<SyntaxNode>();
        if (!exact)
        {
            owners.Add(root);
            owners.AddRange(root.DescendantNodes(static n => n is not (BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax)).OfType<BaseTypeDeclarationSyntax>());
            return owners;
        }

        foreach (var word in TransportAnalyzer.ClientSetupNames)
        {
            foreach (var at in Occurrences(text, word, 0, text.Length))
            {
                if (IdentifierAt(root, text, at, word) is not IdentifierNameSyntax name || !(word == "HttpClient" ? CreatesType(name) : AssignmentSetting(name) is not null))
                {
                    continue;
                }

                var owner = (SyntaxNode?)name.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() ?? root;
                if (!owners.Contains(owner))
                {
                    owners.Add(owner);
                }
            }
        }

        return owners;
    }

    /// <summary>
    /// The name node of the identifier <paramref name="word"/> written at <paramref name="at"/> (or as <c>@word</c>), or
    /// null when the text there is part of another token, a comment or a string.
    /// </summary>
    private static SyntaxNode? IdentifierAt(SyntaxNode root, string text, int at, string word)
    {
        var token = root.FindToken(at);
        return (token.SpanStart == at || (token.SpanStart == at - 1 && text[at - 1] == '@'))
            && token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == word ? token.Parent : null;
    }

    /// <summary>
    /// What a walk of <paramref name="owner"/>'s nodes (nested types left out) would hand the callbacks, found from where
    /// the file's text writes their names instead: the assignments of <see cref="IsCandidateMember"/> names, the calls of
    /// <see cref="CallNames"/> and every object creation (its <c>new</c>), in the walk's order. Only for a file without an
    /// escape that could spell a name; <see cref="OnInvocation"/>, <see cref="OnObjectCreation"/> and
    /// <see cref="OnAssignment"/> filter them as before.
    /// </summary>
    private static List<SyntaxNode> CandidatesByText(SyntaxNode owner, SyntaxNode root, string text, bool withRequests)
    {
        var found = new List<SyntaxNode>();
        var start = owner.Span.Start;
        var end = owner.Span.End;
        foreach (var word in CandidateMembers)
        {
            foreach (var at in Occurrences(text, word, start, end))
            {
                if (IdentifierAt(root, text, at, word) is SimpleNameSyntax name && AssignmentSetting(name) is { } assignment
                    && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    AddIfOwned(found, assignment, owner);
                }
            }
        }

        foreach (var word in withRequests ? CallNamesWithRequests : CallNames)
        {
            foreach (var at in Occurrences(text, word, start, end))
            {
                if (IdentifierAt(root, text, at, word) is SimpleNameSyntax name)
                {
                    SyntaxNode callee = name.Parent switch
                    {
                        MemberAccessExpressionSyntax member when member.Name == name => member,
                        MemberBindingExpressionSyntax binding when binding.Name == name => binding,
                        _ => name,
                    };
                    if (callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee)
                    {
                        AddIfOwned(found, invocation, owner);
                    }
                }
            }
        }

        foreach (var at in Occurrences(text, "new", start, end))
        {
            var token = root.FindToken(at);
            if (token.SpanStart == at && token.IsKind(SyntaxKind.NewKeyword) && token.Parent is BaseObjectCreationExpressionSyntax creation)
            {
                AddIfOwned(found, creation, owner);
            }
        }

        // The walk's order: by position, an enclosing node before the nodes it contains.
        found.Sort(static (x, y) => x.SpanStart != y.SpanStart ? x.SpanStart.CompareTo(y.SpanStart) : y.Span.Length.CompareTo(x.Span.Length));
        return found;
    }

    /// <summary>Where <paramref name="word"/> stands as a whole word in the span (not inside a longer name): only there can a token be it.</summary>
    private static IEnumerable<int> Occurrences(string text, string word, int start, int end)
    {
        for (var at = text.IndexOf(word, start, end - start, StringComparison.Ordinal); at >= 0;
             at = at + word.Length < end ? text.IndexOf(word, at + word.Length, end - at - word.Length, StringComparison.Ordinal) : -1)
        {
            if ((at == 0 || !IsNamePart(text[at - 1])) && (at + word.Length == text.Length || !IsNamePart(text[at + word.Length])))
            {
                yield return at;
            }
        }
    }

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>Keeps a node whose nearest type declaration is <paramref name="owner"/> (none, for the file's top-level statements).</summary>
    private static void AddIfOwned(List<SyntaxNode> found, SyntaxNode node, SyntaxNode owner)
    {
        var type = node.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>();
        if (owner is BaseTypeDeclarationSyntax ? type == owner : type is null)
        {
            found.Add(node);
        }
    }

    /// <summary><c>Timeout = ...</c>, <c>x.Timeout = ...</c>: the assignment whose target the name is (<see cref="OnAssignment"/>), or null.</summary>
    private static AssignmentExpressionSyntax? AssignmentSetting(SimpleNameSyntax name)
    {
        SyntaxNode target = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name;
        return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target ? assignment : null;
    }

    /// <summary><c>new HttpClient(...)</c>, or <c>HttpClient x = new(...)</c> in a declaration (<see cref="OnObjectCreation"/>).</summary>
    private static bool CreatesType(IdentifierNameSyntax name)
    {
        SyntaxNode type = name;
        while (type.Parent is QualifiedNameSyntax { Right: var right } qualified && right == type)
        {
            type = qualified;
        }

        if (type.Parent is NullableTypeSyntax nullable)
        {
            type = nullable;
        }

        return type.Parent switch
        {
            ObjectCreationExpressionSyntax creation => creation.Type == type,
            VariableDeclarationSyntax declaration => declaration.Variables.Any(v => v.Initializer?.Value is ImplicitObjectCreationExpressionSyntax),
            PropertyDeclarationSyntax property => property.Initializer?.Value is ImplicitObjectCreationExpressionSyntax,
            _ => false,
        };
    }

    // ---- Syntax filters ------------------------------------------------------------------------

    private static readonly string[] CandidateMembers = { "Timeout", "NetworkTimeout", "BaseAddress" };

    private static readonly string[] SendNames = { "PostAsJsonAsync", "PutAsJsonAsync", "PostAsync", "PutAsync", "SendAsync", "Send" };

    private static readonly string[] SdkCallNames =
    {
        "CompleteChat", "CompleteChatAsync", "CompleteChatStreaming", "CompleteChatStreamingAsync",
        "CreateResponse", "CreateResponseAsync", "CreateResponseStreaming", "CreateResponseStreamingAsync",
        "GetResponseAsync", "GetStreamingResponseAsync", "Create", "CreateStreaming",
    };

    // After the arrays they are made of: static fields are initialized in the order they are written.
    /// <summary>The names of the calls <see cref="OnInvocation"/> keeps, each once (without and with a request extractor).</summary>
    private static readonly string[] CallNames = SendNames.Concat(SdkCallNames).Distinct(StringComparer.Ordinal).ToArray();
    private static readonly string[] CallNamesWithRequests = CallNames.Concat(RequestExtractor.CandidateMethodNames).Distinct(StringComparer.Ordinal).ToArray();

    private static bool IsCandidateMember(string name) => Array.IndexOf(CandidateMembers, name) >= 0;

    private static bool IsSendName(string name) => Array.IndexOf(SendNames, name) >= 0;

    private static bool IsSdkCallName(string name) => Array.IndexOf(SdkCallNames, name) >= 0;

    // ---- Callbacks -----------------------------------------------------------------------------

    public void OnAssignment(SemanticModel model, AssignmentExpressionSyntax syntax)
    {
        var name = syntax.Left switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };

        if (name is null || !IsCandidateMember(name))
        {
            return;
        }

        lock (_gate)
        {
            _setup.Add((model, syntax));
        }
    }

    /// <summary>A timeout or base address set (bound in <see cref="Build"/>).</summary>
    private void ReadAssignment(SemanticModel model, AssignmentExpressionSyntax syntax, CancellationToken cancellationToken)
    {
        if (model.GetOperation(syntax, cancellationToken) is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
        {
            return;
        }

        var index = LocalIndex.For(assignment);
        var owner = property.Property.ContainingType;
        var instanceType = property.Instance?.Type;
        if (property.Property.Name == "BaseAddress" && TransportTypes.DerivesFrom(instanceType, _types.HttpClient))
        {
            if (ClientOf(property) is { } client && UrlResolver.Resolve(assignment.Value, index) is { } url)
            {
                lock (_gate)
                {
                    if (!_baseAddresses.TryGetValue(client, out var list))
                    {
                        list = new List<string>();
                        _baseAddresses[client] = list;
                    }

                    list.Add(url);
                }
            }

            return;
        }

        ClientFamily family;
        if (property.Property.Name == "Timeout" && TransportTypes.DerivesFrom(instanceType, _types.HttpClient))
        {
            family = ClientFamily.Http;
        }
        else if (property.Property.Name == "NetworkTimeout" && TransportTypes.DerivesFrom(owner, _types.ClientPipelineOptions)
                 && (instanceType?.ContainingNamespace?.ToDisplayString() ?? string.Empty).IndexOf("OpenAI", StringComparison.Ordinal) >= 0)
        {
            family = ClientFamily.OpenAI;
        }
        else if (property.Property.Name == "Timeout"
                 && (SymbolEqualityComparer.Default.Equals(owner, _types.AnthropicClient) || SymbolEqualityComparer.Default.Equals(owner, _types.AnthropicClientOptions)))
        {
            family = ClientFamily.Anthropic;
        }
        else
        {
            return;
        }

        if (TimeSpanValue.Evaluate(assignment.Value, index) is not { } seconds)
        {
            return;
        }

        var setting = new TimeoutSetting(family, family == ClientFamily.Http ? ClientOf(property) : null, seconds, syntax.GetLocation());
        lock (_gate)
        {
            _timeouts.Add(setting);
        }
    }

    /// <summary>Sends, bodies and SDK calls are remembered unbound; <see cref="Build"/> binds them only when the type sets a timeout or creates an HttpClient.</summary>
    public void OnInvocation(SemanticModel model, InvocationExpressionSyntax syntax)
    {
        if (SyntaxNames.GetInvokedName(syntax) is not { } name
            || !(IsSendName(name) || IsSdkCallName(name) || (_extractor is not null && RequestExtractor.IsCandidateMethodName(name))))
        {
            return;
        }

        lock (_gate)
        {
            _pending.Add((model, syntax));
        }
    }

    public void OnObjectCreation(SemanticModel model, BaseObjectCreationExpressionSyntax syntax)
    {
        var typeName = syntax switch
        {
            ObjectCreationExpressionSyntax { Type: var type } => SyntaxNames.GetTypeName(type),
            _ => DeclaredTypeName(syntax),
        };

        if (typeName == "HttpClient")
        {
            lock (_gate)
            {
                _setup.Add((model, syntax));
            }

            return;
        }

        if (_extractor is not null && (typeName is null || RequestExtractor.IsCandidateTypeName(typeName)))
        {
            lock (_gate)
            {
                _pending.Add((model, syntax));
            }
        }
    }

    /// <summary>The type a target-typed <c>new()</c> gets from its declaration (<c>HttpClient x = new()</c>, a field, a property), as written.</summary>
    private static string? DeclaredTypeName(SyntaxNode creation)
    {
        var parent = creation.Parent is EqualsValueClauseSyntax clause ? clause.Parent : null;
        return parent switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => SyntaxNames.GetTypeName(declaration.Type),
            PropertyDeclarationSyntax property => SyntaxNames.GetTypeName(property.Type),
            _ => null,
        };
    }

    /// <summary>An HttpClient created (bound in <see cref="Build"/>).</summary>
    private void ReadClientCreation(SemanticModel model, SyntaxNode syntax, CancellationToken cancellationToken)
    {
        if (model.GetOperation(syntax, cancellationToken) is IObjectCreationOperation creation
            && TransportTypes.DerivesFrom(creation.Type, _types.HttpClient) && DestinationOf(creation) is { } client)
        {
            _created.Add(client);
        }
    }

    private void Bind(SemanticModel model, SyntaxNode syntax, CancellationToken cancellationToken)
    {
        switch (model.GetOperation(syntax, cancellationToken))
        {
            case IInvocationOperation invocation:
                {
                    var index = LocalIndex.For(invocation);
                    var name = invocation.TargetMethod.Name;
                    if (_extractor is not null && RequestExtractor.IsCandidateMethodName(name))
                    {
                        AddRequests(_extractor.FromInvocation(invocation, index), index.Root);
                    }

                    if (IsSendName(name) && SendOf(invocation, index) is { } send)
                    {
                        _sends.Add(send);
                    }

                    if (IsSdkCallName(name) && SdkCallOf(invocation.TargetMethod) is { } call)
                    {
                        _sdkCalls.Add(call);
                    }

                    break;
                }

            case IObjectCreationOperation creation when _extractor is not null:
                {
                    var index = LocalIndex.For(creation);
                    AddRequests(_extractor.FromObjectCreation(creation, index), index.Root);
                    break;
                }
        }
    }

    /// <summary>The type's model; empty (and nothing bound) when the type neither sets a timeout nor creates an HttpClient.</summary>
    public ClientModel Build(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var (model, syntax) in _setup)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (syntax is AssignmentExpressionSyntax assignment)
                {
                    ReadAssignment(model, assignment, cancellationToken);
                }
                else
                {
                    ReadClientCreation(model, syntax, cancellationToken);
                }
            }

            _setup.Clear();
            if (_timeouts.Count == 0 && _created.Count == 0)
            {
                return ClientModel.Empty;
            }

            foreach (var (model, syntax) in _pending)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Bind(model, syntax, cancellationToken);
            }

            _pending.Clear();
            foreach (var send in _sends)
            {
                send.Requests = RequestsOf(send);
            }

            var baseAddresses = ImmutableDictionary.CreateBuilder<ISymbol, ImmutableArray<string>>(SymbolEqualityComparer.Default);
            foreach (var pair in _baseAddresses)
            {
                baseAddresses[pair.Key] = pair.Value.ToImmutableArray();
            }

            return new ClientModel(
                _timeouts.ToImmutableArray(),
                baseAddresses.ToImmutable(),
                _created.ToImmutableHashSet(SymbolEqualityComparer.Default),
                _sends.ToImmutableArray(),
                _sdkCalls.ToImmutableArray());
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------

    private void AddRequests(IEnumerable<LlmRequest> requests, IOperation root)
    {
        var list = new List<LlmRequest>(requests);
        if (list.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var request in list)
            {
                _requests.Add((root, request));
            }
        }
    }

    /// <summary>
    /// The bodies a send carries: those written inside the send call; else, when the method sends only once, every
    /// body the method builds; else the bodies built for the same URL.
    /// </summary>
    private ImmutableArray<LlmRequest> RequestsOf(HttpSend send)
    {
        var inMethod = new List<LlmRequest>();
        foreach (var (root, request) in _requests)
        {
            if (root.Syntax == send.Root.Syntax)
            {
                inMethod.Add(request);
            }
        }

        var contained = inMethod.FindAll(r => r.SendSite.SyntaxTree == send.Syntax.SyntaxTree && send.Syntax.Span.Contains(r.SendSite.Span));
        if (contained.Count > 0)
        {
            return contained.ToImmutableArray();
        }

        var sendsInMethod = _sends.FindAll(s => s.Root.Syntax == send.Root.Syntax).Count;
        if (sendsInMethod == 1)
        {
            return inMethod.ToImmutableArray();
        }

        return send.Url is null ? ImmutableArray<LlmRequest>.Empty : inMethod.FindAll(r => r.Url == send.Url).ToImmutableArray();
    }

    private HttpSend? SendOf(IInvocationOperation invocation, LocalIndex index)
    {
        var method = invocation.TargetMethod;
        IOperation? clientOperand;
        if (method.IsExtensionMethod || method.IsStatic)
        {
            clientOperand = invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
        }
        else
        {
            clientOperand = invocation.Instance;
        }

        if (clientOperand is null || !TransportTypes.DerivesFrom(clientOperand.Type, _types.HttpClient) || SymbolOf(clientOperand) is not { } client)
        {
            return null;
        }

        var uri = invocation.GetArgument("requestUri");
        if (uri is null && invocation.GetArgument("request") is { } request)
        {
            var message = request.WalkDownConversions() switch
            {
                ILocalReferenceOperation local when index.ValuesOf(local.Local) is { Length: 1 } values => values[0].WalkDownConversions() as IObjectCreationOperation,
                IObjectCreationOperation creation => creation,
                _ => null,
            };

            uri = message is null ? null : SendTargetResolver.MessageUri(message);
        }

        var headersRead = invocation.GetArgument("completionOption") is { ConstantValue: { HasValue: true, Value: int option } } && option == 1;
        return new HttpSend(client, UrlResolver.Resolve(uri, index), headersRead, ReadsEventStream(index.Root), invocation.Syntax, index.Root);
    }

    /// <summary>The method reads lines, SSE items or <c>data:</c> fields; read once per method (called under the lock, from <see cref="Build"/>).</summary>
    private bool ReadsEventStream(IOperation root)
    {
        if (!_readsEventStream.TryGetValue(root, out var reads))
        {
            reads = FindsEventStreamRead(root);
            _readsEventStream[root] = reads;
        }

        return reads;
    }

    /// <summary>
    /// Does an operation under <paramref name="root"/> read lines or SSE items, or is it a string constant that starts like
    /// a <c>data:</c> field? One walk with an explicit stack, in any order (the answer is whether one exists); the kind and
    /// the type are read before any interface type test or constant (an int constant's value is boxed on each read).
    /// </summary>
    private bool FindsEventStreamRead(IOperation root)
    {
        var stack = t_walkStack ??= new Stack<IOperation>();
        stack.Clear();
        foreach (var child in root.ChildOperations)
        {
            stack.Push(child);
        }

        try
        {
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                if (operation.Kind == OperationKind.Invocation)
                {
                    var method = ((IInvocationOperation)operation).TargetMethod;
                    if ((method.Name is "ReadLine" or "ReadLineAsync" && TransportTypes.DerivesFrom(method.ContainingType, _types.TextReader))
                        || (method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _types.SseParser)))
                    {
                        return true;
                    }
                }
                else if (operation.Type?.SpecialType == SpecialType.System_String
                    && operation.ConstantValue is { HasValue: true, Value: string text } && text.StartsWith(GatewayFacts.SseDataField, StringComparison.Ordinal))
                {
                    // A string constant is on a node of type string (a conversion of one to object has it as its operand).
                    return true;
                }

                foreach (var child in operation.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            return false;
        }
        finally
        {
            stack.Clear();
        }
    }

    /// <summary>The walk's stack, one per thread (no walk starts another); empty between walks.</summary>
    [ThreadStatic]
    private static Stack<IOperation>? t_walkStack;

    private static (ClientFamily, bool)? SdkCallOf(IMethodSymbol method)
    {
        var ns = method.ContainingType?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        var streaming = method.Name.IndexOf("Streaming", StringComparison.Ordinal) >= 0;
        if (ns.StartsWith("OpenAI", StringComparison.Ordinal)
            && (method.Name.StartsWith("CompleteChat", StringComparison.Ordinal) || method.Name.StartsWith("CreateResponse", StringComparison.Ordinal)))
        {
            return (ClientFamily.OpenAI, streaming);
        }

        if (ns.StartsWith("Anthropic", StringComparison.Ordinal) && method.Name is "Create" or "CreateStreaming"
            && method.ContainingType!.Name.IndexOf("MessageService", StringComparison.Ordinal) >= 0)
        {
            return (ClientFamily.Anthropic, streaming);
        }

        if (ns == "Microsoft.Extensions.AI" && method.Name is "GetResponseAsync" or "GetStreamingResponseAsync")
        {
            return (ClientFamily.ProviderNeutral, streaming);
        }

        return null;
    }

    /// <summary>The variable that holds the client whose property is set: <c>http.Timeout</c>, or the object an initializer builds.</summary>
    private static ISymbol? ClientOf(IPropertyReferenceOperation property)
    {
        if (property.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver)
        {
            for (var parent = receiver.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IObjectCreationOperation creation)
                {
                    return DestinationOf(creation);
                }
            }

            return null;
        }

        return property.Instance is null ? null : SymbolOf(property.Instance);
    }

    /// <summary>Where a created object is stored: a local's declaration, a field or property initializer, an assignment.</summary>
    private static ISymbol? DestinationOf(IObjectCreationOperation creation)
    {
        var current = creation.WalkUpConversions();
        return current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } => fields[0],
            IPropertyInitializerOperation { InitializedProperties: { Length: 1 } properties } => properties[0],
            ISimpleAssignmentOperation assignment when assignment.Value == current => SymbolOf(assignment.Target),
            _ => null,
        };
    }

    private static ISymbol? SymbolOf(IOperation operation) => operation.WalkDownConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };
}
