// Valid corpus: retries written by hand in the shapes people use (recursion, do/while, a reusable helper, a
// catch filter), each limited to transient failures, bounded, backed off with jitter, and loud when exhausted.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ValidCorpus.Styles.HandRolledRetries;

public static class Transient
{
    public const int MaxRetries = 3;

    public static bool IsRetryable(HttpStatusCode status) => (int)status switch
    {
        408 or 429 => true,
        501 or 505 => false,
        >= 500 and < 600 => true,
        _ => false,
    };

    public static TimeSpan Backoff(int retry, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } hinted && hinted > TimeSpan.Zero && hinted <= TimeSpan.FromSeconds(30))
        {
            return hinted;
        }

        var exponentialMs = Math.Min(30_000d, 1_000d * Math.Pow(2, retry));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * exponentialMs);
    }

    /// <summary>
    /// Sends a fresh request per attempt. Returns the first response that is not worth retrying, or the last one
    /// once the retries are spent; the caller decides how to fail.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            var response = await send(cancellationToken);
            if (!IsRetryable(response.StatusCode) || retry == MaxRetries)
            {
                return response;
            }

            var delay = Backoff(retry, response.StatusCode == HttpStatusCode.TooManyRequests ? response.Headers.RetryAfter?.Delta : null);
            response.Dispose();
            await Task.Delay(delay, cancellationToken);
        }
    }
}

/// <summary>Recursion carries the attempt number; the last attempt's failure is thrown.</summary>
public sealed class RecursiveRetryClient(HttpClient http)
{
    public Task<JsonElement> CompleteAsync(string prompt, CancellationToken cancellationToken)
        => CompleteAsync(prompt, attempt: 0, cancellationToken);

    private async Task<JsonElement> CompleteAsync(string prompt, int attempt, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        using (var response = await http.PostAsJsonAsync(
            "v1/chat/completions",
            new
            {
                model = "gemini-2.5-pro",
                messages = new[] { new { role = "user", content = prompt } },
                max_completion_tokens = 2048,
                start_within = "00h-01m-30s",
            },
            cancellationToken))
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            }

            if (!Transient.IsRetryable(response.StatusCode) || attempt >= Transient.MaxRetries)
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new HttpRequestException($"Gemini call failed on attempt {attempt + 1}: {(int)response.StatusCode} {detail}", null, response.StatusCode);
            }

            wait = Transient.Backoff(attempt, response.Headers.RetryAfter?.Delta);
        }

        // The failed response is released before we wait.
        await Task.Delay(wait, cancellationToken);
        return await CompleteAsync(prompt, attempt + 1, cancellationToken);
    }
}

/// <summary>A do/while loop with the decision made at the bottom.</summary>
public sealed class DoWhileRetryClient(HttpClient http)
{
    public async Task<string> RespondAsync(string input, CancellationToken cancellationToken)
    {
        var attempt = 0;
        HttpResponseMessage response;
        bool retry;
        do
        {
            response = await http.PostAsJsonAsync(
                "v1/responses",
                new { model = "gpt-4.1-mini", input, max_output_tokens = 400 },
                cancellationToken);

            retry = Transient.IsRetryable(response.StatusCode) && attempt < Transient.MaxRetries;
            if (retry)
            {
                var wait = Transient.Backoff(attempt, response.Headers.RetryAfter?.Delta);
                response.Dispose();
                attempt++;
                await Task.Delay(wait, cancellationToken);
            }
        }
        while (retry);

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"Responses call failed after {attempt + 1} attempt(s): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}",
                    null,
                    response.StatusCode);
            }

            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
    }
}

/// <summary>The reusable helper in use; timeouts of our own HttpClient count as transient too.</summary>
public sealed class HelperRetryClient(HttpClient http)
{
    public async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        using var response = await Transient.SendAsync(
            token => http.PostAsJsonAsync(
                "v1/messages",
                new
                {
                    model = "claude-sonnet-4-5",
                    max_tokens = 1024,
                    messages = new[] { new { role = "user", content = question } },
                },
                token),
            cancellationToken);

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new HttpRequestException($"Messages API returned {(int)response.StatusCode}: {text}", null, response.StatusCode);
    }

    public async Task<string> AskWithTimeoutRetryAsync(string question, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(
                    "v1/chat/completions",
                    new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = question } }, max_completion_tokens = 256 },
                    cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt <= Transient.MaxRetries)
                {
                    await Task.Delay(Transient.Backoff(attempt, response.Headers.RetryAfter?.Delta), cancellationToken);
                    continue;
                }

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && attempt <= Transient.MaxRetries)
            {
                // HttpClient.Timeout fired (not the caller's token): the same as a 408 for our purposes.
                await Task.Delay(Transient.Backoff(attempt), cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout && attempt <= Transient.MaxRetries)
            {
                await Task.Delay(Transient.Backoff(attempt), cancellationToken);
            }
        }
    }
}
