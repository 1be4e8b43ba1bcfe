using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Reports;

namespace AwsAio.Benchmarks;

/// <summary>The Markdown tables <c>dotnet fsi build.fsx -t Bench</c> puts into <c>bench/README.md</c>.</summary>
internal static class Report
{
    /// <summary>Issue 14's goals: time ratio and allocation ratio at most these.</summary>
    internal const double TimeGoal = 1.03;

    internal const double AllocGoal = 1.10;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One line on the machine and the run: date, CPU, cores, OS, runtime, load average.</summary>
    /// <param name="loadBefore">The load average when the run started.</param>
    internal static string Machine(string loadBefore) =>
        string.Create(Invariant,
            $"{DateTime.UtcNow:yyyy-MM-dd}, {CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}; load average {loadBefore} at the start, {AbRunner.LoadAverage()} at the end");

    private static string CpuModel()
    {
        try
        {
            return File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ??
                  RuntimeInformation.ProcessArchitecture.ToString()
                : RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    /// <summary>The goal table: interleaved time ratios and BenchmarkDotNet's allocations, per scenario.</summary>
    /// <param name="times">The interleaved runner's results.</param>
    /// <param name="allocations">Bytes per call (raw, AwsAio) by scenario, from BenchmarkDotNet.</param>
    internal static string GoalTable(IReadOnlyList<AbResult> times, IReadOnlyDictionary<string, (double Raw, double AwsAio)> allocations)
    {
        var text = new StringBuilder();
        text.AppendLine("| Operation | AwsAio call | CPU per call (raw → AwsAio) | Time ratio, median (p10–p90) | Allocated per call (raw → AwsAio) | Alloc ratio | Goal |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var t in times)
        {
            var (raw, aio) = allocations.TryGetValue(t.Name, out var a) ? a : (t.RawBytes, t.AwsAioBytes);
            var allocRatio = aio / raw;
            var met = t.Median <= TimeGoal && allocRatio <= AllocGoal ? "met" : $"missed ({Missed(t.Median, allocRatio)})";
            text.AppendLine(string.Create(Invariant,
                $"| {t.Name} | `{t.AwsAioCall}` | {Micros(t.RawMicros)} → {Micros(t.AwsAioMicros)}{(t.Clock == "process" ? " ¹" : "")} | " +
                $"**{t.Median:0.000}** ({t.P10:0.000}–{t.P90:0.000}) | {Bytes(raw)} → {Bytes(aio)} | **{allocRatio:0.000}** | {met} |"));
        }

        var rounds = times.Count == 0 ? 0 : times.Min(t => t.Rounds);
        text.AppendLine();
        text.AppendLine("Time: " + rounds.ToString(Invariant) + (
            " interleaved rounds per operation, each one batch of raw calls and one of AwsAio calls (order " +
            "alternating), CPU time of the calling thread (everything runs on it: the handler answers in-process); " +
            "¹ process CPU time, because the file writes complete on other threads. Allocations: BenchmarkDotNet's memory " +
            "diagnoser (every thread)."));
        return text.ToString();
    }

    private static string Missed(double time, double alloc) =>
        string.Join(", ", new[] { time > TimeGoal ? "time" : null, alloc > AllocGoal ? "allocations" : null }.Where(s => s is not null));

    /// <summary>The heap table: peak and live managed heap while streaming, per side.</summary>
    /// <param name="results">The heap runs.</param>
    internal static string HeapTable(IReadOnlyList<HeapResult> results)
    {
        var checkpoints = results.SelectMany(r => r.LiveAt.Select(l => l.Keys)).Distinct().Order().ToArray();
        var text = new StringBuilder();
        text.Append("| Streaming | Live before | Peak managed heap |");
        foreach (var c in checkpoints) text.Append(string.Create(Invariant, $" Live at {c:N0} keys |"));
        text.AppendLine(" Live-set growth per page after the first checkpoint |");
        text.Append("|---|---|---|");
        foreach (var _ in checkpoints) text.Append("---|");
        text.AppendLine("---|");
        foreach (var r in results)
        {
            text.Append(string.Create(Invariant, $"| {r.Side} | {Mib(r.BeforeBytes)} | {Mib(r.PeakBytes)} |"));
            foreach (var c in checkpoints)
            {
                var at = r.LiveAt.FirstOrDefault(l => l.Keys == c);
                text.Append(at.Keys == 0 ? " – |" : string.Create(Invariant, $" {Mib(at.LiveBytes)} |"));
            }

            var first = r.LiveAt.MinBy(l => l.Keys);
            var last = r.LiveAt.MaxBy(l => l.Keys);
            var pages = (last.Keys - first.Keys) / (double)CannedAws.KeysPerPage;
            text.AppendLine(pages > 0 ? string.Create(Invariant, $" {(last.LiveBytes - first.LiveBytes) / pages:+0;-0;0} B |") : " – |");
        }

        return text.ToString();
    }

    /// <summary>The s3rver table from BenchmarkDotNet's summary of <see cref="S3Benchmarks"/>.</summary>
    /// <param name="summary">The summary.</param>
    internal static string S3rverTable(Summary summary)
    {
        var text = new StringBuilder();
        text.AppendLine("| Operation | Raw SDK | AwsAio | Time ratio (± SD) | Allocated (raw → AwsAio) |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Descriptor.Categories.FirstOrDefault() ?? ""))
        {
            var raw = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
            if (raw?.ResultStatistics is null) continue;
            foreach (var aio in group.Where(r => !r.BenchmarkCase.Descriptor.Baseline && r.ResultStatistics is not null))
            {
                var ratio = aio.ResultStatistics!.Mean / raw.ResultStatistics.Mean;
                // The ratio's spread from both sides' relative spreads (first order).
                var sd = ratio * Math.Sqrt(Math.Pow(aio.ResultStatistics.StandardDeviation / aio.ResultStatistics.Mean, 2) +
                                           Math.Pow(raw.ResultStatistics.StandardDeviation / raw.ResultStatistics.Mean, 2));
                var rawBytes = raw.GcStats.GetBytesAllocatedPerOperation(raw.BenchmarkCase) ?? 0;
                var aioBytes = aio.GcStats.GetBytesAllocatedPerOperation(aio.BenchmarkCase) ?? 0;
                text.AppendLine(string.Create(Invariant,
                    $"| {group.Key} / `{aio.BenchmarkCase.Descriptor.WorkloadMethod.Name.Replace("AwsAio_", "", StringComparison.Ordinal)}` | " +
                    $"{raw.ResultStatistics.Mean / 1e6:0.0} ms | {aio.ResultStatistics.Mean / 1e6:0.0} ms | {ratio:0.00} (± {sd:0.00}) | " +
                    $"{Bytes(rawBytes)} → {Bytes(aioBytes)} ({(rawBytes == 0 ? 0 : aioBytes / (double)rawBytes):0.00}) |"));
            }
        }

        return text.ToString();
    }

    /// <summary>Bytes per call of each side of each in-process scenario, from BenchmarkDotNet's summary.</summary>
    /// <param name="summary">The summary of <see cref="InProcessBenchmarks"/>.</param>
    internal static Dictionary<string, (double Raw, double AwsAio)> Allocations(Summary summary)
    {
        var bytes = new Dictionary<string, (double Raw, double AwsAio)>();
        foreach (var report in summary.Reports)
        {
            var name = (string)report.BenchmarkCase.Parameters[nameof(InProcessBenchmarks.Scenario)];
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            var (raw, aio) = bytes.GetValueOrDefault(name);
            bytes[name] = report.BenchmarkCase.Descriptor.Baseline ? (allocated, aio) : (raw, allocated);
        }

        return bytes;
    }

    private static string Micros(double micros) =>
        micros >= 1000 ? string.Create(Invariant, $"{micros / 1000:0.00} ms") : string.Create(Invariant, $"{micros:0.0} µs");

    private static string Bytes(double bytes) =>
        bytes >= 1 << 20 ? string.Create(Invariant, $"{bytes / (1 << 20):0.00} MiB")
        : bytes >= 1024 ? string.Create(Invariant, $"{bytes / 1024:0.0} KiB")
        : string.Create(Invariant, $"{bytes:0} B");

    private static string Mib(long bytes) => string.Create(Invariant, $"{bytes / (double)(1 << 20):0.0} MiB");
}
