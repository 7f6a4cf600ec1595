// Where our analyzers allocate: reads a dotnet-trace capture of the benchmark with the runtime's allocation-tick events
// (one event per ~100 KB allocated, with its stack) and sums the sampled bytes whose stack passes through
// LlmClient.Analyzers, by the innermost method of ours, by allocated type, and by type and our three innermost frames.
//
//   dotnet-trace collect --providers Microsoft-Windows-DotNETRuntime:0x19:5 -o ours.nettrace -- \
//       dotnet BENCH/LlmClient.Analyzers.Benchmarks.dll --only beside --corpus b --runs 3 --warmup 1
//   dotnet run -c Release --project tests/LlmClient.Analyzers.AllocationReport -- ours.nettrace [top]
//
// 0x19 is the GC (0x1), loader (0x8) and JIT (0x10) keywords: the latter two let the stacks name JIT-compiled methods.
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: AllocationReport TRACE.nettrace [top]");
    return 2;
}

var top = args.Length > 1 ? int.Parse(args[1]) : 40;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byMethod = new Dictionary<string, long>();
var byType = new Dictionary<string, long>();
var byTypeAndFrames = new Dictionary<string, long>();
long ours = 0, all = 0;
foreach (var data in log.Events)
{
    if (data is not GCAllocationTickTraceData tick)
    {
        continue;
    }

    var amount = tick.AllocationAmount64;
    all += amount;
    var frames = new List<string>();
    for (var frame = data.CallStack(); frame is not null; frame = frame.Caller)
    {
        var module = frame.CodeAddress.ModuleName ?? string.Empty;
        if (module.StartsWith("LlmClient.Analyzers", StringComparison.Ordinal) && !module.Contains("Benchmarks", StringComparison.Ordinal))
        {
            frames.Add(frame.CodeAddress.FullMethodName ?? "?");
        }
    }

    if (frames.Count == 0)
    {
        continue;
    }

    ours += amount;
    Add(byMethod, frames[0], amount);
    Add(byType, tick.TypeName, amount);
    Add(byTypeAndFrames, tick.TypeName + "  @ " + string.Join(" < ", frames.Take(3)), amount);
}

Console.WriteLine($"sampled: {all / 1e6:F1} MB in all, {ours / 1e6:F1} MB under LlmClient.Analyzers");
Print("by innermost method of ours", byMethod);
Print("by type", byType);
Print("by type and our three innermost frames", byTypeAndFrames);
return 0;

static void Add(Dictionary<string, long> totals, string key, long amount)
    => totals[key] = totals.TryGetValue(key, out var sum) ? sum + amount : amount;

void Print(string title, Dictionary<string, long> totals)
{
    Console.WriteLine("--- " + title);
    foreach (var (key, amount) in totals.OrderByDescending(p => p.Value).Take(top))
    {
        Console.WriteLine($"{amount / 1e6,8:F1} MB  {(key.Length > 240 ? key[..240] : key)}");
    }
}
