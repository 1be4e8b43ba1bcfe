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
    foreach (var s in scenarios.All.Where(s => args.Length < 3 || s.Name.Contains(args[2], StringComparison.OrdinalIgnoreCase)))
    {
        var r = await AwsAio.Benchmarks.AbRunner.RunAsync(s, rounds, TimeSpan.FromMilliseconds(40));
        Console.WriteLine($"{r.Name,-45} time {r.Median:0.000} ({r.P10:0.000}-{r.P90:0.000})  raw {r.RawMicros:0} us aio {r.AwsAioMicros:0} us  alloc {r.RawBytes:0} -> {r.AwsAioBytes:0} ({r.AllocRatio:0.000})  batch {r.Batch}");
    }

    return 0;
}

// In-process: the benchmarks run in this process (no generated project to restore), which suits a Paket build.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(AwsAio.Benchmarks.S3Benchmarks).Assembly).Run(args, config);
return 0;
