// Valid corpus: loops that repeat for reasons other than failure: workers, polling, REPLs, streaming.
using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;

namespace ValidCorpus.Loops;

public sealed class Worker(Channel<string> queue, HttpClient http)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var item = await queue.Reader.ReadAsync(cancellationToken);
            using var response = await http.PostAsJsonAsync("https://jobs.example/api/process", new { item }, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    public async Task<string> PollUntilDoneAsync(string jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.GetAsync($"https://jobs.example/api/jobs/{jobId}", cancellationToken);
            response.EnsureSuccessStatusCode();
            var status = await response.Content.ReadAsStringAsync(cancellationToken);
            if (status.Contains("done", StringComparison.Ordinal))
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }
    }

    public async Task ReplAsync(HttpClient llm, CancellationToken cancellationToken)
    {
        while (true)
        {
            Console.Write("> ");
            var line = Console.ReadLine();
            if (line is null or "exit")
            {
                break;
            }

            using var response = await llm.PostAsJsonAsync("v1/responses", new { model = "gpt-5.5", input = line }, cancellationToken);
            Console.WriteLine(response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(cancellationToken) : $"error {(int)response.StatusCode}");
        }
    }

    public async Task<string?> OneShotWithFallbackAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetStringAsync("https://primary.example/api/config", cancellationToken);
        }
        catch (HttpRequestException)
        {
            return await http.GetStringAsync("https://fallback.example/api/config", cancellationToken);
        }
    }
}
