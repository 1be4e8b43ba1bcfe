using AwsAio.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// `bigfiles [MiB] [rounds]`: the 1 GiB throughput harness (AwsAio beside TransferUtility), see BigFiles.cs.
if (args.Length > 0 && args[0] == "bigfiles")
{
    return await BigFiles.RunAsync(args);
}

// `fanout [accounts] [--loopback]`: the many-accounts harness (a plain timed run, see bench/README.md).
if (args.Length > 0 && args[0] == "fanout")
{
    return await FanOut.RunAsync(args);
}

var quick = args.Contains("--quick");
var outIndex = Array.IndexOf(args, "--out");
var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.Combine("BenchmarkDotNet.Artifacts", "awsaio");

// `inprocess [--quick] [--out dir] [--only text]`: issue 14's goal table (the interleaved A/B runner for time,
// BenchmarkDotNet's memory diagnoser for allocations) and the streaming heap table, with S3 and EC2 served in-process.
if (args.Length > 0 && args[0] == "inprocess")
{
    var onlyIndex = Array.IndexOf(args, "--only");
    var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;
    var loadBefore = AbRunner.LoadAverage();
    Directory.CreateDirectory(output);
    var rounds = quick ? 60 : 300;
    if (quick)
    {
        AbRunner.WarmUp = TimeSpan.FromSeconds(1);
        AbRunner.QuietFor = TimeSpan.FromSeconds(1);
        AbRunner.MaxWarmUp = TimeSpan.FromSeconds(15);
    }

    // The heap first, in a process that has run nothing else yet: what BenchmarkDotNet and the timed rounds leave
    // behind would otherwise sit in every figure.
    IReadOnlyList<HeapResult> heap = [];
    if (only is null)
    {
        using var scenarios = new Scenarios();
        heap = await HeapRun.RunAsync(scenarios, quick ? [100_000, 1_000_000] : [100_000, 1_000_000, 3_000_000]);
    }

    var times = new List<AbResult>();
    using (var scenarios = new Scenarios())
    {
        await scenarios.CheckAsync();
        foreach (var scenario in scenarios.All.Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var r = await AbRunner.RunAsync(scenario, rounds, TimeSpan.FromMilliseconds(5));
            times.Add(r);
            Console.WriteLine(
                $"{r.Name,-45} time {r.Median:0.000} ({r.P10:0.000}-{r.P90:0.000}) {r.RawMicros:0.0} -> {r.AwsAioMicros:0.0} us [{r.Clock}], " +
                $"alloc {r.RawBytes:0} -> {r.AwsAioBytes:0} ({r.AllocRatio:0.000}), batch {r.Batch}, load {AbRunner.LoadAverage()}");
        }
    }

    var memoryJob = quick
        ? Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(1).WithIterationCount(3)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
        : Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(5);
    var memory = BenchmarkRunner.Run<InProcessBenchmarks>(DefaultConfig.Instance
        .AddJob(memoryJob)
        .WithOptions(ConfigOptions.DisableOptimizationsValidator)
        .WithArtifactsPath(Path.Combine(output, "bdn-inprocess")));
    var allocations = Report.Allocations(memory);

    var table = $"""
        Last run: {Report.Machine(loadBefore)}{(quick ? " (`--quick`)" : "")}.

        {Report.GoalTable(times, allocations)}
        {(heap.Count == 0 ? "" : Report.HeapTable(heap))}
        """;
    await File.WriteAllTextAsync(Path.Combine(output, "inprocess.md"), table);
    Console.WriteLine(table);
    return 0;
}

// `s3rver [--quick] [--out dir]`: the end-to-end table, AwsAio beside the raw SDK against s3rver on loopback.
if (args.Length > 0 && args[0] == "s3rver")
{
    var loadBefore = AbRunner.LoadAverage();
    Directory.CreateDirectory(output);
    var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
    job = quick ? job.WithWarmupCount(1).WithIterationCount(5) : job.WithWarmupCount(3).WithIterationCount(15);
    var summary = BenchmarkRunner.Run<S3Benchmarks>(DefaultConfig.Instance
        .AddJob(job)
        .WithOptions(ConfigOptions.DisableOptimizationsValidator)
        .WithArtifactsPath(Path.Combine(output, "bdn-s3rver")));
    var table = $"""
        Last run: {Report.Machine(loadBefore)}{(quick ? " (`--quick`: 1 warm-up, 5 iterations)" : " (3 warm-ups, 15 iterations)")}.

        {Report.S3rverTable(summary)}
        """;
    await File.WriteAllTextAsync(Path.Combine(output, "s3rver.md"), table);
    Console.WriteLine(table);
    return 0;
}

// Otherwise BenchmarkDotNet's own command line over every benchmark class (in-process: no generated project to restore,
// which suits a Paket build).
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(S3Benchmarks).Assembly).Run(args, config);
return 0;
