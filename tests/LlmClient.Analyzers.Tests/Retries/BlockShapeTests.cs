using LlmClient.Analyzers.Retries;
using LlmClient.Analyzers.Tests.Verifiers;
using Xunit;

namespace LlmClient.Analyzers.Tests.Retries;

/// <summary>
/// Every code block's retries are found, once, wherever C# lets the block be written: top-level statements beside types in
/// one file, a primary constructor's base arguments around the type's members, a property around its accessors, nested
/// types, field initializers. Kept as the guard for any change of how RetryAnalyzer gathers a block's nodes.
/// </summary>
public class BlockShapeTests
{
    private const string Id = RuleIdentifiers.UnboundedRetry;

    [Fact]
    public Task Loops_in_every_kind_of_block_are_reported_once() => RetryVerify.AnalyzerAsync("""
        using System.Net;

        var http = new HttpClient();
        [|while|] (true)
        {
            try
            {
                Console.WriteLine(await http.GetStringAsync("v1/models"));
                return;
            }
            catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(1000);
            }
        }

        class Holder(HttpClient http) : Base(async () =>
        {
            [|while|] (true)
            {
                try { return await http.GetStringAsync("v1/models"); }
                catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests) { await Task.Delay(1000); }
            }
        })
        {
            private readonly Func<Task<string>> _fetch = async () =>
            {
                [|while|] (true)
                {
                    try { return await http.GetStringAsync("v1/models"); }
                    catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests) { await Task.Delay(1000); }
                }
            };

            public Func<Task<string>> Fetch
            {
                get => async () =>
                {
                    [|while|] (true)
                    {
                        try { return await http.GetStringAsync("v1/models"); }
                        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests) { await Task.Delay(1000); }
                    }
                };
                set => _ = value;
            }

            class Nested
            {
                async Task<string> Send(HttpClient client)
                {
                    [|while|] (true)
                    {
                        try { return await client.GetStringAsync("v1/models"); }
                        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests) { await Task.Delay(1000); }
                    }
                }
            }
        }

        class Base(Func<Task<string>> fetch)
        {
            public Func<Task<string>> BaseFetch { get; } = fetch;
        }
        """, Id);
}
