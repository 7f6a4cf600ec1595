using System.Diagnostics;
using System.Text;

namespace LlmClient.Analyzers.Tests.EndToEnd;

/// <summary>The outcome of one <c>dotnet</c> invocation: exit code and stdout/stderr interleaved, for assertion messages.</summary>
public sealed record CliResult(string CommandLine, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Elapsed, string Output)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    public override string ToString()
        => $"> {CommandLine}\n  (in {WorkingDirectory}; {(TimedOut ? "TIMED OUT" : $"exit code {ExitCode}")} after {Elapsed.TotalSeconds:F1} s)\n{Output}";
}

/// <summary>
/// Runs the .NET CLI as a child process with a timeout. Child builds must not leave anything running that holds
/// our output pipes (build servers, reused MSBuild nodes), and must not inherit the MSBuild settings of the
/// <c>dotnet test</c> that runs us.
/// </summary>
public static class DotnetCli
{
    /// <summary>How long to keep reading output after the process has exited.</summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(10);

    public static string Executable { get; } = FindExecutable();

    public static async Task<CliResult> RunAsync(string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.ToList())
        {
            // Set by the dotnet test that runs us (MSBuildExtensionsPath, MSBUILD_EXE_PATH, ...); the child picks its own.
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        var commandLine = "dotnet " + string.Join(' ', start.ArgumentList.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.Start();
        process.StandardInput.Close();
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput, output, string.Empty), PumpAsync(process.StandardError, output, "stderr: "));

        var timedOut = false;
        using (var cancellation = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited in the meantime.
                }

                await process.WaitForExitAsync();
            }
        }

        // A grandchild that outlives the process could hold the pipes open; do not wait for it.
        await Task.WhenAny(pumps, Task.Delay(OutputDrainTimeout));
        stopwatch.Stop();

        string text;
        lock (output)
        {
            text = output.ToString();
        }

        return new CliResult(commandLine, workingDirectory, timedOut ? -1 : process.ExitCode, timedOut, stopwatch.Elapsed, text);
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output, string prefix)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.Append(prefix).AppendLine(line);
            }
        }
    }

    /// <summary>The dotnet that runs this test host (DOTNET_HOST_PATH, set by the CLI), else the one on PATH.</summary>
    private static string FindExecutable()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var runtimeRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var muxer = Path.Combine(runtimeRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(muxer) ? muxer : "dotnet";
    }
}
