using System.Diagnostics;

namespace AwsAio.Benchmarks;

/// <summary>What the interleaved runner measured for one scenario.</summary>
/// <param name="Name">The scenario.</param>
/// <param name="AwsAioCall">The AwsAio call measured.</param>
/// <param name="Rounds">Rounds run (each: one batch of each side).</param>
/// <param name="Batch">Calls per batch.</param>
/// <param name="Median">The median of the rounds' time ratios (AwsAio ÷ raw, process CPU time).</param>
/// <param name="P10">The 10th percentile of the rounds' time ratios.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="RawMicros">The raw side's median CPU time per call, in microseconds.</param>
/// <param name="AwsAioMicros">AwsAio's median CPU time per call, in microseconds.</param>
/// <param name="RawBytes">Bytes the raw side allocated per call (exact GC counters, every thread).</param>
/// <param name="AwsAioBytes">Bytes AwsAio allocated per call.</param>
/// <param name="Clock">Which CPU clock timed it: <c>thread</c> (the calling thread) or <c>process</c> (every thread).</param>
internal sealed record AbResult(
    string Name, string AwsAioCall, int Rounds, int Batch, double Median, double P10, double P90, double RawMicros, double AwsAioMicros,
    double RawBytes, double AwsAioBytes, string Clock)
{
    /// <summary>AwsAio's allocations over the raw side's.</summary>
    internal double AllocRatio => AwsAioBytes / RawBytes;
}

/// <summary>
/// The interleaved A/B runner: for each scenario, rounds of one batch of raw SDK calls and one batch of AwsAio calls,
/// alternating which goes first, each batch timed by CPU time (not wall time: on a shared machine the wall clock mostly
/// measures the neighbours) and counted by the GC's exact allocation counter. The clock is the calling thread's CPU time
/// when both sides run wholly on that thread (the in-process handler answers synchronously, so most calls never leave
/// it, and then neither the JIT's background thread nor anything else in the process adds noise), else the process's. The time figure is the
/// median of the per-round ratios with its 10th–90th percentile spread: drift between rounds (other builds starting,
/// CPU frequency) hits both sides of a round alike and cancels in its ratio, which sequential runs cannot do.
/// </summary>
internal static class AbRunner
{
    /// <summary>How long each scenario warms up before it is measured.</summary>
    internal static TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Runs one scenario: warm-up, batch sizing, then <paramref name="rounds"/> rounds.</summary>
    /// <param name="scenario">The pair to measure.</param>
    /// <param name="rounds">Rounds to run.</param>
    /// <param name="batchCpu">The CPU time one raw batch should take (sizes the batch).</param>
    internal static async Task<AbResult> RunAsync(Scenario scenario, int rounds, TimeSpan batchCpu)
    {
        var hops = await WarmAsync(scenario).ConfigureAwait(false);
        var processClock = hops || !OperatingSystem.IsLinux();
        var probe = await BatchAsync(scenario.Raw, 20, processClock).ConfigureAwait(false);
        var batch = (int)Math.Clamp(batchCpu.TotalMicroseconds / Math.Max(1, probe.Micros / 20), 2, 10_000);

        var ratios = new double[rounds];
        var rawTimes = new double[rounds];
        var aioTimes = new double[rounds];
        double rawBytes = 0, aioBytes = 0;
        for (var round = 0; round < rounds; round++)
        {
            (double Micros, long Bytes) raw, aio;
            if (round % 2 == 0)
            {
                raw = await BatchAsync(scenario.Raw, batch, processClock).ConfigureAwait(false);
                aio = await BatchAsync(scenario.AwsAio, batch, processClock).ConfigureAwait(false);
            }
            else
            {
                aio = await BatchAsync(scenario.AwsAio, batch, processClock).ConfigureAwait(false);
                raw = await BatchAsync(scenario.Raw, batch, processClock).ConfigureAwait(false);
            }

            ratios[round] = aio.Micros / raw.Micros;
            rawTimes[round] = raw.Micros / batch;
            aioTimes[round] = aio.Micros / batch;
            rawBytes += raw.Bytes;
            aioBytes += aio.Bytes;
        }

        Array.Sort(ratios);
        return new AbResult(scenario.Name, scenario.AwsAioCall, rounds, batch, Percentile(ratios, 0.5), Percentile(ratios, 0.1),
            Percentile(ratios, 0.9), Median(rawTimes), Median(aioTimes), rawBytes / rounds / batch, aioBytes / rounds / batch,
            processClock ? "process" : "thread");
    }

    /// <summary>
    /// Runs both sides alternately until the JIT has nothing left to compile for them: tiered compilation promotes a
    /// method only once calls stop bringing new methods to compile, then in two steps (instrumented, then optimised
    /// with the profile), and on a busy machine its background thread can take many seconds to get there. Measuring
    /// before that compares half-compiled code.
    /// </summary>
    /// <param name="scenario">The pair to warm.</param>
    /// <returns>Whether either side did work on other threads (then only the process's CPU time sees all of it).</returns>
    internal static async Task<bool> WarmAsync(Scenario scenario)
    {
        var items = ThreadPool.CompletedWorkItemCount;
        var total = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var calls = 0;
        while (total.Elapsed < MaxWarmUp && (quiet.Elapsed < QuietFor || total.Elapsed < WarmUp || calls < 200))
        {
            await Repeat(scenario.Raw, 5).ConfigureAwait(false);
            await Repeat(scenario.AwsAio, 5).ConfigureAwait(false);
            calls += 5;
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quiet.Restart();
            }
        }

        return ThreadPool.CompletedWorkItemCount - items > calls / 10;
    }

    /// <summary>How long the JIT must have compiled nothing before measuring starts.</summary>
    internal static TimeSpan QuietFor { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The longest warm-up of one scenario.</summary>
    internal static TimeSpan MaxWarmUp { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The process's CPU time (every thread, user and kernel), in microseconds.</summary>
    internal static double ProcessCpuMicros() => Environment.CpuUsage.TotalTime.TotalMicroseconds;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec value);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>The calling thread's CPU time (Linux: <c>CLOCK_THREAD_CPUTIME_ID</c>), in microseconds.</summary>
    internal static double ThreadCpuMicros() => ClockGetTime(3, out var t) == 0 ? t.Seconds * 1e6 + t.Nanoseconds / 1e3 : double.NaN;

    private static async Task<(double Micros, long Bytes)> BatchAsync(Func<Task<long>> op, int count, bool processClock)
    {
        // Each batch starts from a collected heap, outside the clock: a side pays for collecting its own garbage, never
        // for what the batch before it left (a 10-page listing leaves megabytes, and which batch its collection lands
        // in would otherwise decide the round).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = processClock ? ProcessCpuMicros() : ThreadCpuMicros();
        await Repeat(op, count).ConfigureAwait(false);
        var spent = (processClock ? ProcessCpuMicros() : ThreadCpuMicros()) - cpu;
        return (spent, GC.GetTotalAllocatedBytes(precise: true) - bytes);
    }

    private static async Task Repeat(Func<Task<long>> op, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (await op().ConfigureAwait(false) <= 0) throw new InvalidOperationException("a benchmarked call failed");
        }
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return Percentile(sorted, 0.5);
    }

    /// <summary>A percentile of sorted values, interpolated between neighbours.</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var at = p * (sorted.Length - 1);
        var low = (int)Math.Floor(at);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
    }

    /// <summary>The load average, for the report (Linux; empty elsewhere).</summary>
    internal static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

}
