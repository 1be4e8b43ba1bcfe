using Amazon.S3.Model;

namespace AwsAio.Benchmarks;

/// <summary>What one streaming run held.</summary>
/// <param name="Side">Raw SDK paginator or AwsAio's StreamObjects.</param>
/// <param name="Keys">Keys streamed.</param>
/// <param name="PeakBytes">The largest managed heap seen (sampled after every page, garbage included).</param>
/// <param name="LiveAt">The live managed heap (after a full collection) when the stream had delivered each checkpoint's
/// number of keys, the stream still open.</param>
/// <param name="BeforeBytes">The live managed heap just before the stream started (the process, the SDK client and the
/// canned service; the same for both sides).</param>
internal sealed record HeapResult(string Side, long Keys, long PeakBytes, IReadOnlyList<(long Keys, long LiveBytes)> LiveAt, long BeforeBytes);

/// <summary>
/// Streams the canned bucket's keys (1,000 per page, served in-process) through the raw SDK's paginator and through
/// <see cref="S3Interactions.StreamObjects"/>, and records the peak managed heap and the live set at checkpoints: a
/// stream in constant memory has the same live set at 1,000,000 keys as at 100,000.
/// </summary>
internal static class HeapRun
{
    /// <summary>Streams <paramref name="checkpoints"/>' largest number of keys on each side.</summary>
    /// <param name="scenarios">The canned services and provider.</param>
    /// <param name="checkpoints">Key counts at which to measure the live set (multiples of 1,000).</param>
    internal static async Task<IReadOnlyList<HeapResult>> RunAsync(Scenarios scenarios, IReadOnlyList<long> checkpoints)
    {
        var keys = checkpoints.Max();
        scenarios.Aws.StreamPages = (int)(keys / CannedAws.KeysPerPage);
        var results = new List<HeapResult>();
        foreach (var side in new[] { "raw SDK paginator", "AwsAio StreamObjects" })
        {
            results.Add(await StreamAsync(side, scenarios, checkpoints, keys).ConfigureAwait(false));
        }

        return results;
    }

    private static async Task<HeapResult> StreamAsync(string side, Scenarios scenarios, IReadOnlyList<long> checkpoints, long keys)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long count = 0, peak = 0;
        var live = new List<(long, long)>();

        void Observe()
        {
            count++;
            if (count % CannedAws.KeysPerPage != 0) return;
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            if (checkpoints.Contains(count)) live.Add((count, GC.GetTotalMemory(forceFullCollection: true)));
        }

        if (side.StartsWith("raw", StringComparison.Ordinal))
        {
            var request = new ListObjectsV2Request { BucketName = CannedAws.StreamBucket };
            await foreach (var _ in scenarios.S3.Paginators.ListObjectsV2(request).S3Objects.ConfigureAwait(false))
            {
                Observe();
            }
        }
        else
        {
            await foreach (var item in S3Interactions.StreamObjects(CannedAws.StreamBucket, scenarios.Provider).ConfigureAwait(false))
            {
                if (item.IsLeft) throw new InvalidOperationException($"the stream failed: {item}");
                Observe();
            }
        }

        if (count != keys) throw new InvalidOperationException($"{side} streamed {count} keys, not {keys}");
        return new HeapResult(side, count, peak, live, before);
    }
}
