using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace AwsAio.Testing.Tests.Support;

/// <summary>Draws samples from a generator and checks how often something happens, so that a test shows a generator
/// really reaches a case (and not just that it can).</summary>
internal static class Sampling
{
    /// <summary>How many samples each check draws.</summary>
    internal const int Samples = 3000;

    /// <summary>Samples at FsCheck's usual sizes (a spread from small to large, as a property run sees them).</summary>
    internal static T[] Draw<T>(Gen<T> gen, int count = Samples) =>
        Enumerable.Range(0, count / 100).SelectMany(size => Gen.Sample(gen, 100, size)).ToArray();

    /// <summary>The share of samples that satisfy <paramref name="predicate"/>.</summary>
    internal static double Share<T>(IReadOnlyCollection<T> samples, Func<T, bool> predicate) =>
        (double)samples.Count(predicate) / samples.Count;

    /// <summary>Checks the share of samples satisfying <paramref name="predicate"/> lies within [min, max].</summary>
    internal static void ShareBetween<T>(IReadOnlyCollection<T> samples, Func<T, bool> predicate, double min, double max, string what)
    {
        var share = Share(samples, predicate);
        Assert.True(share >= min && share <= max, $"{what}: {share:P1} of {samples.Count} samples, expected {min:P0} to {max:P0}");
    }
}
