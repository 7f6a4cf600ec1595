using LlmClient.Sample;

var options = GatewayOptions.FromEnvironment();
if (options is null)
{
    Console.Error.WriteLine($"Set {GatewayOptions.ApiKeyVariable} (and optionally {GatewayOptions.BaseUrlVariable}, {GatewayOptions.ModelVariable}) to call a gateway.");
    return 1;
}

using var http = GatewayHttp.CreateClient(options);
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));

try
{
    var chat = new ChatClient(http, options);
    var candidates = await chat.CompleteAsync(
        [ChatMessage.System("You name things."), ChatMessage.User("Suggest a name for a Roslyn analyzer package.")],
        cancellation.Token);
    for (var i = 0; i < candidates.Count; i++)
    {
        Console.WriteLine($"chat candidate {i + 1}: {candidates[i]}");
    }

    var responses = new ResponsesClient(http, options);
    var answer = await responses.AskAsync("Answer in one sentence.", "Why should a client not retry a 401?", cancellation.Token);
    Console.WriteLine($"responses: {answer}");

    Console.WriteLine($"retrying: {await RetryingAsk.AskAsync(http, options.Model, "Say hi.", cancellation.Token)}");

    var claude = new ClaudeClient(http);
    Console.WriteLine($"claude: {await claude.SummarizeAsync(answer, cancellation.Token)}");
    return 0;
}
catch (GatewayException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
