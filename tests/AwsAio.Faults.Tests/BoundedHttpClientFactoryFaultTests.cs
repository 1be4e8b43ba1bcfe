using System.Text;
using AwsAio.Core;
using AwsAio.Faults.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AwsAio.Faults.Tests;

/// <summary>
/// The body idle timeout (<c>IdleTimeout</c>), which bounds the wait for the next bytes of a response body, whether
/// the SDK reads it (XML listings, synchronously) or the library does (downloads). The call deadline is left at its
/// two-minute default, so only the idle timeout can end these stalls in time.
/// </summary>
public sealed class BoundedHttpClientFactoryFaultTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);
    private readonly FaultRig _rig = new(output);

    public void Dispose() => _rig.Dispose();

    private AwsClientProviderOptions IdleOnly() => _rig.Options() with { Timeout = null, CallDeadline = null, IdleTimeout = Idle };

    [Fact]
    public async Task ListObjects_WhenTheBodyStallsAfter30KB_EndsInTimeout()
    {
        var page = Encoding.UTF8.GetBytes(AwsDocuments.ListPage(FaultRig.Bucket, 200));
        _rig.Server.On("list", S3Routes.List, Fault.StallAfter(200, page, 30_000, ("Content-Type", "application/xml")));
        var provider = _rig.Provider(IdleOnly());

        var result = await _rig.FailsAsync(() => S3Interactions.ListObjectsAsync(FaultRig.Bucket, provider));

        // The SDK reads the listing, takes the idle timeout for a retryable failure and tries again: each attempt waits
        // one idle timeout.
        Assert.IsType<DomainError.Timeout>(result.Error);
        FaultRig.AssertAttemptsAfterTimeouts(_rig.Server.Count("list"));
        _rig.Row("stall after headers + 30 KB (IdleTimeout 1 s)", "ListObjectsAsync", result, _rig.Server.Count("list"));
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheBodyStallsAfter30KB_EndsInTimeout_NoPartialFile()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.StallAfter(200, AwsDocuments.ObjectBody, 30_000, AwsDocuments.ObjectHeaders));
        var provider = _rig.Provider(IdleOnly());

        var result = await _rig.FailsAsync(() =>
            S3Interactions.GetObjectToFileAsync(FaultRig.Bucket, "logs/app.log.gz", Path.Combine(_rig.Folder, "app.log.gz"), provider));

        Assert.IsType<DomainError.Timeout>(result.Error);
        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("stall after headers + 30 KB (IdleTimeout 1 s)", "GetObjectToFileAsync", result, 1);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenTheBodyStalls_EndsInTimeout()
    {
        var body = Encoding.UTF8.GetBytes(AwsDocuments.CallerIdentity());
        _rig.Server.OnAction("GetCallerIdentity", Fault.StallAfter(200, body, 100, ("Content-Type", "text/xml")));
        var provider = _rig.Provider(IdleOnly());

        var result = await _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider));

        Assert.IsType<DomainError.Timeout>(result.Error);
        FaultRig.AssertAttemptsAfterTimeouts(_rig.Server.Count("GetCallerIdentity"));
        _rig.Row("stall after headers + 100 B (IdleTimeout 1 s)", "GetCallerIdentityAsync", result, _rig.Server.Count("GetCallerIdentity"));
    }

    [Fact]
    public async Task ListObjects_When32ListingsStallAtOnce_EveryOneEndsSoonAfterItsIdleTimeout()
    {
        // The SDK reads listings synchronously: each stalled read holds a thread-pool thread while it waits, so many
        // stalls at once must not starve the timers and continuations that end them.
        var page = Encoding.UTF8.GetBytes(AwsDocuments.ListPage(FaultRig.Bucket, 200));
        _rig.Server.On("list", S3Routes.List, Fault.StallAfter(200, page, 30_000, ("Content-Type", "application/xml")));
        var provider = _rig.Provider(IdleOnly() with { MaxErrorRetry = 0 });

        var results = await Task.WhenAll(Enumerable.Range(0, 32)
            .Select(_ => Task.Run(() => _rig.FailsAsync(() => S3Interactions.ListObjectsAsync(FaultRig.Bucket, provider)))));

        Assert.All(results, r =>
        {
            Assert.IsType<DomainError.Timeout>(r.Error);
            Assert.True(r.Elapsed < Idle + TimeSpan.FromSeconds(5), $"a listing ended {r.Elapsed.TotalSeconds:F1} s after it started");
        });
        Assert.InRange(_rig.Server.Count("list"), 32, 32 * 11);
        _rig.Row("32 concurrent stalls after headers + 30 KB (IdleTimeout 1 s, MaxErrorRetry 0)", "ListObjectsAsync",
            results.MaxBy(r => r.Elapsed)!, _rig.Server.Count("list"));
    }

    [Fact]
    public async Task ListObjects_WithDefaultOptions_AStalledBodyStillEnds()
    {
        // The one row on the defaults (30 s idle timeout, 2 min deadline, MaxErrorRetry 2): each of the three attempts
        // waits one idle timeout, so it takes about 90 s; it runs once, to show the defaults end a stall.
        var page = Encoding.UTF8.GetBytes(AwsDocuments.ListPage(FaultRig.Bucket, 200));
        _rig.Server.On("list", S3Routes.List, Fault.StallAfter(200, page, 30_000, ("Content-Type", "application/xml")));
        var provider = _rig.Provider(_rig.Options() with { Timeout = null });

        var result = await _rig.FailsAsync(() => S3Interactions.ListObjectsAsync(FaultRig.Bucket, provider),
            CallSettings.DefaultDeadline + TimeSpan.FromSeconds(20));

        Assert.IsType<DomainError.Timeout>(result.Error);
        FaultRig.AssertAttemptsAfterTimeouts(_rig.Server.Count("list"));
        _rig.Row("stall after headers + 30 KB (defaults)", "ListObjectsAsync", result, _rig.Server.Count("list"));
    }
}
