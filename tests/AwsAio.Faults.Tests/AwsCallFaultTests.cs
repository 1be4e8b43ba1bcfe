using System.Diagnostics;
using System.Text;
using AwsAio.Core;
using AwsAio.Faults.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AwsAio.Faults.Tests;

/// <summary>
/// The call deadline (<c>CallDeadline</c>), which bounds one request of a call with its retries, its credential fetch
/// and its body: every row stalls or hangs, sets a 3 s deadline and nothing else that would end it sooner (the idle
/// timeout is raised to a minute and the per-attempt timeout left at the SDK's 100 s), and must end in
/// <c>Timeout</c> well within the row bound.
/// </summary>
public sealed class AwsCallFaultTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);
    private readonly FaultRig _rig = new(output);

    public void Dispose() => _rig.Dispose();

    /// <summary>Only the deadline can end a stall: no per-attempt timeout, a one-minute idle timeout.</summary>
    private AwsClientProviderOptions DeadlineOnly() =>
        _rig.Options() with { Timeout = null, CallDeadline = Deadline, IdleTimeout = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task ListObjects_WhenTheBodyStallsAfter30KB_EndsInTimeoutAtTheDeadline()
    {
        var page = Encoding.UTF8.GetBytes(AwsDocuments.ListPage(FaultRig.Bucket, 200));
        _rig.Server.On("list", S3Routes.List, Fault.StallAfter(200, page, 30_000, ("Content-Type", "application/xml")));
        var provider = _rig.Provider(DeadlineOnly());

        var result = await _rig.FailsAsync(() => S3Interactions.ListObjectsAsync(FaultRig.Bucket, provider));

        Assert.IsType<DomainError.Timeout>(result.Error);
        Assert.True(result.Error.IsRetryable);
        Assert.True(result.Elapsed >= Deadline - TimeSpan.FromMilliseconds(100), $"ended after {result.Elapsed.TotalSeconds:F1} s, before the deadline");
        Assert.Equal(1, _rig.Server.Count("list"));
        _rig.Row("stall after headers + 30 KB (CallDeadline 3 s)", "ListObjectsAsync", result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheBodyStallsAfter30KB_EndsInTimeoutAtTheDeadline_NoPartialFile()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.StallAfter(200, AwsDocuments.ObjectBody, 30_000, AwsDocuments.ObjectHeaders));
        var provider = _rig.Provider(DeadlineOnly());

        var result = await _rig.FailsAsync(() =>
            S3Interactions.GetObjectToFileAsync(FaultRig.Bucket, "logs/app.log.gz", Path.Combine(_rig.Folder, "app.log.gz"), provider));

        Assert.IsType<DomainError.Timeout>(result.Error);
        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("stall after headers + 30 KB (CallDeadline 3 s)", "GetObjectToFileAsync", result, 1);
    }

    [Fact]
    public async Task GetBucketStatus_WhenHeadBucketNeverAnswers_EndsInTimeoutAtTheDeadline()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Fault.Hang);
        var provider = _rig.Provider(DeadlineOnly());

        var result = await _rig.FailsAsync(() => S3Interactions.GetBucketStatusAsync(FaultRig.Bucket, provider));

        Assert.IsType<DomainError.Timeout>(result.Error);
        Assert.Equal(1, _rig.Server.Count("head"));
        _rig.Row("hang (CallDeadline 3 s, no per-attempt timeout)", "GetBucketStatusAsync", result, 1);
    }

    [Fact]
    public async Task PutFile_WhenTheServerNeverAnswers_EndsAtTheDeadline_AsOutcomeUnknown()
    {
        _rig.Server.On("put", S3Routes.PutObject, Fault.Hang);
        var source = Path.Combine(_rig.Folder, "upload.txt");
        await File.WriteAllTextAsync(source, "awsaio fault suite upload\n");
        var provider = _rig.Provider(DeadlineOnly());

        var result = await _rig.FailsAsync(() => S3Interactions.PutFileAsync(source, FaultRig.Bucket, "logs/upload.txt", provider));

        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(result.Error);
        Assert.IsType<DomainError.Timeout>(unknown.Cause);
        Assert.Equal(1, _rig.Server.Count("put"));
        _rig.Row("hang (CallDeadline 3 s, no per-attempt timeout)", "PutFileAsync", result, 1);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenTheBodyStalls_EndsInTimeoutAtTheDeadline()
    {
        var body = Encoding.UTF8.GetBytes(AwsDocuments.CallerIdentity());
        _rig.Server.OnAction("GetCallerIdentity", Fault.StallAfter(200, body, 100, ("Content-Type", "text/xml")));
        var provider = _rig.Provider(DeadlineOnly());

        var result = await _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider));

        Assert.IsType<DomainError.Timeout>(result.Error);
        Assert.Equal(1, _rig.Server.Count("GetCallerIdentity"));
        _rig.Row("stall after headers + 100 B (CallDeadline 3 s)", "GetCallerIdentityAsync", result, 1);
    }

    [Fact]
    public async Task WhenAssumeRoleHangs_64Callers_EachEndAtTheirOwnDeadline_NotOneAfterAnother()
    {
        _rig.Server.OnAction("AssumeRole", Fault.Hang).OnAction("GetCallerIdentity", Fault.Xml(200, AwsDocuments.CallerIdentity()));
        var provider = _rig.Provider(DeadlineOnly() with { AssumeRoleArn = "arn:aws:iam::123456789012:role/ops/Capture" });
        var clock = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 64)
            .Select(_ => Task.Run(() => _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider)))));

        // One after another, 64 deadlines of 3 s would take over three minutes; together, they take one deadline.
        Assert.True(clock.Elapsed < FaultRig.Bound, $"the 64 callers took {clock.Elapsed.TotalSeconds:F1} s together");
        Assert.All(results, r =>
        {
            Assert.IsType<DomainError.Timeout>(r.Error);
            Assert.True(r.Elapsed < Deadline + TimeSpan.FromSeconds(10), $"a caller answered after {r.Elapsed.TotalSeconds:F1} s");
        });
        Assert.InRange(_rig.Server.Count("AssumeRole"), 1, 64);
        Assert.Equal(0, _rig.Server.Count("GetCallerIdentity"));
        _rig.Row("STS AssumeRole hangs, 64 callers (CallDeadline 3 s)", "role provider + GetCallerIdentityAsync",
            results.MaxBy(r => r.Elapsed)!, _rig.Server.Count("AssumeRole"));
    }
}
