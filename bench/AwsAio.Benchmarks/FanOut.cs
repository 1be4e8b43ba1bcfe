using System.Diagnostics;
using Amazon.Runtime;
using AwsAio.Core;

namespace AwsAio.Benchmarks;

/// <summary>
/// The fan-out benchmark (a plain harness, not BenchmarkDotNet: one long run is the measurement): one operation
/// (HeadBucket) in accounts × regions targets, each account a role to assume, against STS and S3 stubs that answer
/// after a fixed latency. Reports wall time against the ideal (targets × latency ÷ concurrency), AssumeRole calls per
/// account, the most requests in flight, and memory per finished target.
/// </summary>
internal static class FanOut
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1"];

    /// <summary>Runs the benchmark: <c>fanout [accounts] [--loopback]</c>.</summary>
    internal static async Task<int> RunAsync(string[] args)
    {
        var accounts = args.Skip(1).Select(a => int.TryParse(a, out var n) ? n : 0).FirstOrDefault(n => n > 0, 1000);
        var loopback = args.Contains("--loopback");
        const int concurrency = 64;
        var latency = TimeSpan.FromMilliseconds(20);
        Console.WriteLine($"fan-out: {accounts} accounts x {Regions.Length} regions, max concurrency {concurrency}, stub latency {latency.TotalMilliseconds} ms, " +
                          (loopback ? "stubs on a loopback socket (HttpListener)" : "stubs in-process (HTTP handler through ConfigureClient)"));

        // A warm-up run (JIT, SDK metadata, thread pool), then the measured runs: a quarter of the accounts and all of
        // them, so that memory per finished target can be compared.
        await MeasureAsync(accounts / 10, concurrency, latency, loopback, report: false);
        var small = await MeasureAsync(accounts / 4, concurrency, latency, loopback, report: true);
        var full = await MeasureAsync(accounts, concurrency, latency, loopback, report: true);
        var extra = full.Targets - small.Targets;
        Console.WriteLine($"per extra finished target, retained memory grows {(full.WithResults - small.WithResults) / (double)extra:0} B with the " +
                          $"results held and {(full.WithoutResults - small.WithoutResults) / (double)extra:0} B once they are dropped");
        return full.Ok && small.Ok ? 0 : 1;
    }

    private sealed record Measurement(int Targets, bool Ok, long WithResults, long WithoutResults);

    private static async Task<Measurement> MeasureAsync(int accounts, int concurrency, TimeSpan latency, bool loopback, bool report)
    {
        var stub = new FanOutStub(latency);
        using var server = loopback ? stub.Loopback() : null;
        var options = new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDBENCHEXAMPLE", "bench-base-secret"),
            Region = "us-east-1",
            Endpoint = new EndpointOverride(server?.Url ?? "http://127.0.0.1:9/"),
            MaxErrorRetry = 0,
            ConfigureClient = loopback ? null : config => config.HttpClientFactory = stub.InProcess(),
        };
        using var provider = AwsClientProvider.Create(options).Match(Right: p => p, Left: e => throw new InvalidOperationException(e.ToString()));
        var targets = Enumerable.Range(1, accounts)
            .SelectMany(a => Regions.Select(r => AwsTarget.Role($"arn:aws:iam::{a:D12}:role/audit/Reader", "awsaio-bench").InRegion(r)))
            .ToList();
        var op = S3Ops.GetBucketStatus("awsaio-bench");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var run = await RunHoldingResultsAsync(op, targets, provider, concurrency, before);
        await Task.Delay(200);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var withoutResults = GC.GetTotalMemory(forceFullCollection: true) - before;
        var (elapsed, cpu, allocated, withResults, ok) = run;
        var ideal = TimeSpan.FromTicks(latency.Ticks * targets.Count / concurrency);
        var assumes = stub.AssumedByRole.Values;
        var exactlyOnce = stub.AssumedByRole.Count == accounts && assumes.All(n => n == 1);
        if (report)
        {
            Console.WriteLine($"  {targets.Count} targets: {ok} ok; wall {elapsed.TotalMilliseconds:0} ms, ideal {ideal.TotalMilliseconds:0} ms, " +
                              $"ratio {elapsed / ideal:0.00}; process CPU {cpu.TotalMilliseconds:0} ms ({cpu.TotalMilliseconds / targets.Count:0.000} ms per target)");
            Console.WriteLine($"    AssumeRole: {assumes.Sum()} for {accounts} accounts ({(exactlyOnce ? "exactly one each" : "NOT one each")}); " +
                              $"stub requests {stub.Requests}; most requests in flight at the stub {stub.MostInFlight}");
            Console.WriteLine($"    allocated {allocated / targets.Count:0} B per target; retained with the results {withResults / 1024} KiB " +
                              $"({withResults / targets.Count} B per target), without them {withoutResults / 1024} KiB; " +
                              $"cached providers {provider.Targets().ChildCount}, roles {provider.Targets().RoleCount}");
        }

        return new Measurement(targets.Count, ok == targets.Count && exactlyOnce, withResults, withoutResults);
    }

    /// <summary>One timed run; the results live only here, so that the caller can measure memory without them.</summary>
    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu, long Allocated, long WithResults, int Ok)> RunHoldingResultsAsync(
        AwsOp<BucketStatus> op, List<AwsTarget> targets, AwsClientProvider provider, int concurrency, long before)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var results = await op.RunAcrossAsync(targets, provider, concurrency);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var withResults = GC.GetTotalMemory(forceFullCollection: true) - before;
        var ok = results.Count(r => r.Result.IsRight);
        GC.KeepAlive(results);
        return (clock.Elapsed, cpu, allocated, withResults, ok);
    }
}
