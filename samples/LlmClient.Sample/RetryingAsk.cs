using System.Net.Http.Json;

namespace LlmClient.Sample;

/// <summary>A hand-written retry around a chat call, the way many first versions look.</summary>
public static class RetryingAsk
{
    public static async Task<string> AskAsync(HttpClient http, string model, string prompt, CancellationToken cancellationToken = default)
    {
        // Mistake 7 (LLM1002): no attempt limit. A gateway that keeps failing keeps this loop running forever.
        while (true)
        {
            try
            {
                using var response = await http.PostAsJsonAsync("v1/chat/completions", new
                {
                    model,
                    messages = new[] { new { role = "user", content = prompt } },
                }, cancellationToken);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            // Mistake 8 (LLM1001): EnsureSuccessStatusCode throws for every failure, so this also retries 400, 401,
            // 402, 403, 404, 413 and 422, which fail the same way on every attempt (and retrying 401 trips the
            // gateway's auth-flood limiter).
            catch (HttpRequestException)
            {
                // Mistake 9 (LLM1003): the same wait before every attempt; clients that failed together retry together.
                await Task.Delay(1000, cancellationToken);
            }
        }
    }
}
