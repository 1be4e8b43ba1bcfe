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

// In-process: the benchmarks run in this process (no generated project to restore), which suits a Paket build.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(AwsAio.Benchmarks.S3Benchmarks).Assembly).Run(args, config);
return 0;
