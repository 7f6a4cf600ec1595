// Valid corpus: loops that repeat for reasons other than failure: a hosted queue consumer that moves on to
// the next item, a batch job polled until it settles, a periodic digest, and an interactive REPL.
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ValidCorpus.Styles.Workers;

public sealed record TranslationJob(Guid Id, string Text, string TargetLanguage);

public sealed record TranslationOutcome(Guid JobId, string? Translation, string? Error);

/// <summary>Consumes jobs one by one. A failed job is reported and the worker takes the next one.</summary>
public sealed class TranslationWorker(
    ChannelReader<TranslationJob> jobs,
    ChannelWriter<TranslationOutcome> outcomes,
    IHttpClientFactory httpFactory,
    ILogger<TranslationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var http = httpFactory.CreateClient("llm");
        await foreach (var job in jobs.ReadAllAsync(stoppingToken))
        {
            TranslationOutcome outcome;
            try
            {
                outcome = await TranslateAsync(http, job, stoppingToken);
            }
            catch (HttpRequestException ex)
            {
                // The gateway was unreachable for this job; record it and carry on with the next one.
                logger.LogError(ex, "Job {JobId} could not be sent", job.Id);
                outcome = new TranslationOutcome(job.Id, null, ex.Message);
            }

            await outcomes.WriteAsync(outcome, stoppingToken);
        }
    }

    private async Task<TranslationOutcome> TranslateAsync(HttpClient http, TranslationJob job, CancellationToken cancellationToken)
    {
        var request = new
        {
            model = "gpt-4.1-mini",
            messages = new[]
            {
                new { role = "system", content = $"Translate into {job.TargetLanguage}. Keep formatting." },
                new { role = "user", content = job.Text },
            },
            max_completion_tokens = Math.Clamp(job.Text.Length / 2, 256, 4000),
        };

        using var response = await http.PostAsJsonAsync("v1/chat/completions", request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            logger.LogWarning("Job {JobId} failed with {Status}", job.Id, (int)response.StatusCode);
            return new TranslationOutcome(job.Id, null, $"{(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var text = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        return new TranslationOutcome(job.Id, text, null);
    }
}

/// <summary>Submits a JSONL batch, then polls its status at a steady pace until it reaches a final state.</summary>
public sealed class BatchSubmitter(HttpClient http, ILogger<BatchSubmitter> logger)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(30);
    private static readonly string[] FinalStates = ["completed", "failed", "expired", "cancelled"];

    public static string ToJsonl(IEnumerable<(string Id, string Question)> items)
    {
        var lines = new StringBuilder();
        foreach (var (id, question) in items)
        {
            var line = new
            {
                custom_id = id,
                method = "POST",
                url = "/v1/chat/completions",
                body = new
                {
                    model = "gpt-4.1-mini",
                    messages = new[] { new { role = "user", content = question } },
                    max_completion_tokens = 300,
                },
            };
            lines.AppendLine(JsonSerializer.Serialize(line));
        }

        return lines.ToString();
    }

    public async Task<string> RunAsync(string inputFileId, CancellationToken cancellationToken)
    {
        using var created = await http.PostAsJsonAsync(
            "v1/batches",
            new { input_file_id = inputFileId, endpoint = "/v1/chat/completions", completion_window = "24h" },
            cancellationToken);
        created.EnsureSuccessStatusCode();
        var batch = await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var batchId = batch.GetProperty("id").GetString()!;

        using var timer = new PeriodicTimer(PollEvery);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"v1/batches/{batchId}", cancellationToken);
            var state = status.GetProperty("status").GetString();
            logger.LogInformation("Batch {BatchId} is {State}", batchId, state);
            if (!FinalStates.Contains(state))
            {
                continue;
            }

            return state == "completed"
                ? status.GetProperty("output_file_id").GetString()!
                : throw new InvalidOperationException($"Batch {batchId} ended as {state}.");
        }

        throw new OperationCanceledException(cancellationToken);
    }
}

/// <summary>Every morning, summarize yesterday's incidents into one digest.</summary>
public sealed class IncidentDigestService(IChatClient chat, Func<DateOnly, CancellationToken, Task<IReadOnlyList<string>>> loadIncidents, ILogger<IncidentDigestService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        do
        {
            var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
            var incidents = await loadIncidents(yesterday, stoppingToken);
            if (incidents.Count == 0)
            {
                logger.LogInformation("No incidents on {Day}", yesterday);
                continue;
            }

            var options = new ChatOptions { ModelId = "gpt-4.1", MaxOutputTokens = 800, Temperature = 0.2f };
            var digest = await chat.GetResponseAsync(
                $"Write a digest of these incidents for the on-call team:\n- {string.Join("\n- ", incidents)}",
                options,
                stoppingToken);
            logger.LogInformation("Digest for {Day}: {Digest}", yesterday, digest.Text);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>A console REPL: each line is a new request; commands manage the conversation.</summary>
public sealed class ChatRepl(IChatClient chat, TextReader input, TextWriter output)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var history = new List<ChatMessage> { new(ChatRole.System, "You are a friendly command-line assistant.") };
        var options = new ChatOptions { ModelId = "claude-haiku-4-5", MaxOutputTokens = 1024 };

        while (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync("you> ");
            var line = await input.ReadLineAsync(cancellationToken);
            switch (line?.Trim())
            {
                case null or "/quit" or "/exit":
                    return;
                case "":
                    continue;
                case "/reset":
                    history.RemoveRange(1, history.Count - 1);
                    await output.WriteLineAsync("(conversation cleared)");
                    continue;
            }

            history.Add(new ChatMessage(ChatRole.User, line));
            await output.WriteAsync("bot> ");
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in chat.GetStreamingResponseAsync(history, options, cancellationToken))
            {
                updates.Add(update);
                await output.WriteAsync(update.Text);
            }

            await output.WriteLineAsync();
            history.AddMessages(updates);
        }
    }
}
