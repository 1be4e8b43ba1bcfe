using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// `bigfiles [MiB] [rounds]`: the 1 GiB throughput harness (AwsAio beside TransferUtility), see BigFiles.cs.
if (args.Length > 0 && args[0] == "bigfiles")
{
    return await AwsAio.Benchmarks.BigFiles.RunAsync(args);
}

// `fanout [accounts] [--loopback]`: the many-accounts harness (a plain timed run, see bench/README.md).
if (args.Length > 0 && args[0] == "fanout")
{
    return await AwsAio.Benchmarks.FanOut.RunAsync(args);
}

// `ab [rounds] [filter]`: the interleaved A/B runner over the in-process scenarios (prototype).
if (args.Length > 0 && args[0] == "ab")
{
    var rounds = args.Length > 1 ? int.Parse(args[1]) : 30;
    using var scenarios = new AwsAio.Benchmarks.Scenarios();
    await scenarios.CheckAsync();
    Console.WriteLine($"cpu clock resolution {AwsAio.Benchmarks.AbRunner.CpuClockResolutionMicros():0.#} us, load {AwsAio.Benchmarks.AbRunner.LoadAverage()}");
    using var cts0 = new CancellationTokenSource();
    var head = new Amazon.S3.Model.HeadBucketRequest { BucketName = "bench-one" };
    var experiments = new AwsAio.Benchmarks.Scenario[]
    {
        new("X A/A raw", "", scenarios.RawHeadBucket, scenarios.RawHeadBucket),
        new("X A/A aio", "", scenarios.AwsAioHeadBucket, scenarios.AwsAioHeadBucket),
        new("X raw+token", "", scenarios.RawHeadBucket, async () => (long)(await scenarios.S3.HeadBucketAsync(new Amazon.S3.Model.HeadBucketRequest { BucketName = "bench-one" }, cts0.Token)).HttpStatusCode),
        new("X awscall", "", scenarios.RawHeadBucket, async () => (await AwsAio.AwsCall.RunAsync(scenarios.Provider, AwsAio.Core.CallInfo.Of("S3", "HeadBucket", AwsAio.Core.ErrorTarget.Of("bench-one")),
            c => scenarios.S3.HeadBucketAsync(new Amazon.S3.Model.HeadBucketRequest { BucketName = "bench-one" }, c), default)).IsRight ? 200 : 0),
        new("X scope only", "", scenarios.RawHeadBucket, async () =>
        {
            using var scope = AwsAio.CallScope.Enter(new AwsAio.CallContext(CancellationToken.None, true));
            return (long)(await scenarios.S3.HeadBucketAsync(new Amazon.S3.Model.HeadBucketRequest { BucketName = "bench-one" })).HttpStatusCode;
        }),
        new("X scope nodoc", "", scenarios.RawHeadBucket, async () =>
        {
            using var scope = AwsAio.CallScope.Enter(new AwsAio.CallContext(CancellationToken.None, false));
            return (long)(await scenarios.S3.HeadBucketAsync(new Amazon.S3.Model.HeadBucketRequest { BucketName = "bench-one" })).HttpStatusCode;
        }),
    };
    foreach (var s in scenarios.All.Concat(experiments).Where(s => args.Length < 3 || s.Name.Contains(args[2], StringComparison.OrdinalIgnoreCase)))
    {
        var r = await AwsAio.Benchmarks.AbRunner.RunAsync(s, rounds, TimeSpan.FromMilliseconds(double.Parse(Environment.GetEnvironmentVariable("AB_BATCH_MS") ?? "40")));
        Console.WriteLine($"{r.Name,-45} time {r.Median:0.000} ({r.P10:0.000}-{r.P90:0.000})  raw {r.RawMicros:0} us aio {r.AwsAioMicros:0} us  alloc {r.RawBytes:0} -> {r.AwsAioBytes:0} ({r.AllocRatio:0.000})  batch {r.Batch}");
    }

    return 0;
}

if (args.Length > 0 && args[0] == "loop")
{
    using var scenarios = new AwsAio.Benchmarks.Scenarios();
    var s = scenarios.All.First(s => s.Name.Contains(args[1], StringComparison.OrdinalIgnoreCase));
    var op = args[2] == "raw" ? s.Raw : s.AwsAio;
    var sw = System.Diagnostics.Stopwatch.StartNew();
    long n = 0;
    while (sw.Elapsed.TotalSeconds < double.Parse(args[3])) { await op(); n++; }
    Console.WriteLine($"{n} calls");
    return 0;
}

if (args.Length > 0 && args[0] == "parts")
{
    using var scenarios = new AwsAio.Benchmarks.Scenarios();
    var provider = scenarios.Provider;
    void Time(string name, Action a)
    {
        for (var i = 0; i < 20000; i++) a();
        var best = double.MaxValue;
        for (var r = 0; r < 5; r++)
        {
            var cpu = AwsAio.Benchmarks.AbRunner.CpuMicros();
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100000; i++) a();
            best = Math.Min(best, (AwsAio.Benchmarks.AbRunner.CpuMicros() - cpu) / 100000);
            if (r == 4) Console.WriteLine($"{name,-40} {best * 1000:0} ns  {(GC.GetAllocatedBytesForCurrentThread() - bytes) / 100000.0:0} B");
        }
    }
    Time("Inputs.S3", () => AwsAio.Inputs.S3(provider, "bench-one"));
    Time("CallSettings.Of", () => AwsAio.CallSettings.Of(provider));
    Time("linked CTS + CancelAfter + dispose", () => { using var c = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None); c.CancelAfter(TimeSpan.FromMinutes(2)); });
    Time("AnswerIsDocument", () => AwsAio.Core.ServiceTables.AnswerIsDocument("S3", "HeadBucket"));
    Time("CallScope enter/exit", () => { using var s = AwsAio.CallScope.Enter(new AwsAio.CallContext(CancellationToken.None)); });
    Time("S3Call", () => AwsAio.Core.CallInfo.Of("S3", "HeadBucket", AwsAio.Core.ErrorTarget.Of("bench-one")));
    Time("Stopwatch", () => System.Diagnostics.Stopwatch.GetTimestamp());
    return 0;
}

if (args.Length > 0 && args[0] == "probe")
{
    using var scenarios = new AwsAio.Benchmarks.Scenarios();
    long exceptions = 0;
    AppDomain.CurrentDomain.FirstChanceException += (_, e) => { if (Interlocked.Increment(ref exceptions) < 3) Console.WriteLine(e.Exception); };
    using var cts = new CancellationTokenSource();
    var extra = new (string, Func<Task<long>>)[]
    {
        ("raw+token", async () => (long)(await scenarios.S3.HeadBucketAsync(new Amazon.S3.Model.HeadBucketRequest { BucketName = "bench-one" }, cts.Token)).HttpStatusCode),
        ("awscall", async () => (await AwsAio.AwsCall.RunAsync(scenarios.Provider, AwsAio.Core.CallInfo.Of("S3", "HeadBucket", AwsAio.Core.ErrorTarget.Of("bench-one")),
            c => scenarios.S3.HeadBucketAsync(new Amazon.S3.Model.HeadBucketRequest { BucketName = "bench-one" }, c), default)).IsRight ? 200 : 0),
    };
    foreach (var s in scenarios.All.Where(s => s.Name.Contains(args[1], StringComparison.OrdinalIgnoreCase)))
    {
        foreach (var (side, op) in new[] { ("raw", s.Raw), ("aio", s.AwsAio) }.Concat(s.Name == "HeadBucket" ? extra : []))
        {
            for (var i = 0; i < 200; i++) await op();
            var n = int.Parse(args[2]);
            var items = ThreadPool.CompletedWorkItemCount;
            var threads = System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var cpu = AwsAio.Benchmarks.AbRunner.ThreadCpuMicros();
            var gc0 = GC.CollectionCount(0);
            for (var i = 0; i < n; i++) await op();
            Console.WriteLine($"exceptions so far {Interlocked.Read(ref exceptions)}");
            Console.WriteLine($"{s.Name} {side}: wall {sw.Elapsed.TotalMicroseconds / n:0.0} us cpu {(AwsAio.Benchmarks.AbRunner.ThreadCpuMicros() - cpu) / n:0.0} us, work items/op {(ThreadPool.CompletedWorkItemCount - items) / (double)n:0.00}, gen0 {GC.CollectionCount(0) - gc0}, threads {threads}");
        }
    }

    return 0;
}

// In-process: the benchmarks run in this process (no generated project to restore), which suits a Paket build.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(AwsAio.Benchmarks.S3Benchmarks).Assembly).Run(args, config);
return 0;
