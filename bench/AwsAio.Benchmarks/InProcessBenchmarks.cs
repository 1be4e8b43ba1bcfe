using BenchmarkDotNet.Attributes;

namespace AwsAio.Benchmarks;

/// <summary>
/// The in-process scenarios under BenchmarkDotNet with the memory diagnoser: bytes allocated per call on each side
/// (every thread, from the GC's own counters), the raw SDK as the baseline of each scenario. Time comes from the
/// interleaved runner (<see cref="AbRunner"/>), not from here: BenchmarkDotNet runs one side after the other, and on a
/// shared machine the drift between them is larger than the difference measured.
/// </summary>
[MemoryDiagnoser]
public class InProcessBenchmarks
{
    private Scenarios _scenarios = null!;
    private Scenario _scenario = null!;

    /// <summary>The scenario, by its table name.</summary>
    [ParamsSource(nameof(Names))]
    public string Scenario { get; set; } = "";

    /// <summary>Every scenario's name.</summary>
    public static IEnumerable<string> Names()
    {
        using var scenarios = new Scenarios();
        return scenarios.All.Select(s => s.Name).ToArray();
    }

    /// <summary>Builds the canned services and the provider, and checks both sides agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _scenarios = new Scenarios();
        _scenario = _scenarios.All.Single(s => s.Name == Scenario);
        _scenarios.CheckAsync().GetAwaiter().GetResult();
    }

    /// <summary>Disposes the provider.</summary>
    [GlobalCleanup]
    public void Cleanup() => _scenarios.Dispose();

    /// <summary>The raw SDK side.</summary>
    [Benchmark(Baseline = true)]
    public Task<long> RawSdk() => _scenario.Raw();

    /// <summary>The AwsAio side.</summary>
    [Benchmark]
    public Task<long> AwsAio() => _scenario.AwsAio();
}
