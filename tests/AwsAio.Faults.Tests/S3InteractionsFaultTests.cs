using AwsAio.Core;
using AwsAio.Faults.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AwsAio.Faults.Tests;

/// <summary>
/// <c>GetBucketStatusAsync</c> (one HeadBucket) against every fault. A HEAD answer has no body, so S3 puts its error
/// code in the <c>x-amz-error-code</c> header; the SDK ignores that header and names the error after the HTTP status
/// (400 is "BadRequest", 301 "MovedPermanently"), which is why the library has to read it.
/// </summary>
public sealed class S3InteractionsFaultTests(ITestOutputHelper output) : IDisposable
{
    private const string Wrapper = "GetBucketStatusAsync";
    private readonly FaultRig _rig = new(output);

    public void Dispose() => _rig.Dispose();

    private Task<FaultResult> StatusFailsAsync(AwsClientProviderOptions? options = null, CancellationToken ct = default)
    {
        var provider = _rig.Provider(options);
        return _rig.FailsAsync(() => S3Interactions.GetBucketStatusAsync(FaultRig.Bucket, provider, ct));
    }

    private static Fault Head(int status, params (string, string)[] headers) =>
        Fault.Answer(status, "", [("x-amz-request-id", "HEADREQ000000001"), .. headers]);

    [Fact]
    public async Task GetBucketStatus_When500_IsServiceUnavailable_RetriedThreeTimes()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Head(500));

        var result = await StatusFailsAsync();

        Assert.IsType<DomainError.ServiceUnavailable>(result.Error);
        Assert.Equal(3, _rig.Server.Count("head"));
        _rig.Row("500 (HEAD, no body)", Wrapper, result, 3);
    }

    [Fact]
    public async Task GetBucketStatus_When503WithErrorCodeSlowDown_IsThrottled_RetriedThreeTimes()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Head(503, ("x-amz-error-code", "SlowDown")));

        var result = await StatusFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(3, _rig.Server.Count("head"));
        _rig.Row("503 SlowDown (HEAD, x-amz-error-code)", Wrapper, result, 3);
    }

    [Fact]
    public async Task GetBucketStatus_When400WithErrorCodeThrottling_IsThrottled_AndRetryable()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Head(400, ("x-amz-error-code", "Throttling")));

        var result = await StatusFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.True(result.Error.IsRetryable);
        // The SDK reads 400 as BadRequest and sends one request; a library retry on top of it may add up to two.
        Assert.InRange(_rig.Server.Count("head"), 1, 3);
        _rig.Row("400 Throttling (HEAD, x-amz-error-code)", Wrapper, result, _rig.Server.Count("head"));
    }

    [Fact]
    public async Task GetBucketStatus_When429_IsThrottled_RetriedThreeTimes()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Head(429));

        var result = await StatusFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(3, _rig.Server.Count("head"));
        _rig.Row("429 (HEAD, no body)", Wrapper, result, 3);
    }

    [Fact]
    public async Task GetBucketStatus_WhenResetBeforeAnswer_IsTransport_ResentThirteenTimes()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Fault.ResetBeforeAnswer);

        var result = await StatusFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(13, _rig.Server.Count("head"));
        _rig.Row("reset before the answer", Wrapper, result, 13);
    }

    [Fact]
    public async Task GetBucketStatus_WhenServerNeverAnswers_IsTimeout_AfterThreeTimedOutAttempts()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Fault.Hang);

        var result = await StatusFailsAsync(_rig.Options(timeout: TimeSpan.FromSeconds(1)));

        Assert.IsType<DomainError.Timeout>(result.Error);
        FaultRig.AssertAttemptsAfterTimeouts(_rig.Server.Count("head"));
        _rig.Row("hang (Timeout 1 s per attempt)", Wrapper, result, _rig.Server.Count("head"));
    }

    [Fact]
    public async Task GetBucketStatus_When400WithErrorCodeExpiredToken_IsCredentialsExpired()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Head(400, ("x-amz-error-code", "ExpiredToken")));

        var result = await StatusFailsAsync();

        Assert.IsType<DomainError.CredentialsExpired>(result.Error);
        Assert.Equal(1, _rig.Server.Count("head"));
        _rig.Row("400 ExpiredToken (HEAD, x-amz-error-code)", Wrapper, result, 1);
    }

    [Fact]
    public async Task GetBucketStatus_When301WithBucketRegion_IsAWrongRegionError_NamingTheBucketsRegion()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Head(301, ("x-amz-bucket-region", "eu-west-1")));

        var result = await StatusFailsAsync();

        var wrong = Assert.IsType<DomainError.WrongRegion>(result.Error);
        Assert.Equal((FaultRig.Bucket, "eu-west-1"), (wrong.Bucket, wrong.Region));
        Assert.Contains("eu-west-1", result.Error.ToString());
        Assert.Equal(ErrorCategory.Input, result.Error.Category);
        Assert.False(result.Error.IsRetryable);
        Assert.Equal(1, _rig.Server.Count("head"));
        _rig.Row("301 wrong region (HEAD, x-amz-bucket-region)", Wrapper, result, 1);
    }

    [Fact]
    public async Task GetBucketStatus_When403_IsExistsNoAccess_AValueNotAnError()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Head(403));
        var provider = _rig.Provider();

        var status = await _rig.SucceedsAsync(() => S3Interactions.GetBucketStatusAsync(FaultRig.Bucket, provider));

        Assert.Equal(BucketStatus.ExistsNoAccess, status);
        Assert.Equal(1, _rig.Server.Count("head"));
    }

    [Fact]
    public async Task GetBucketStatus_WhenCancelledWhileWaiting_IsCancelled()
    {
        _rig.Server.On("head", S3Routes.HeadBucket, Fault.Hang);
        using var cancel = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (_rig.Server.Count("head") == 0) await Task.Delay(20);
            await cancel.CancelAsync();
        });

        var result = await StatusFailsAsync(ct: cancel.Token);

        Assert.IsType<DomainError.Cancelled>(result.Error);
        Assert.Equal(1, _rig.Server.Count("head"));
        _rig.Row("cancellation while waiting", Wrapper, result, 1);
    }

    [Fact]
    public async Task GetBucketStatus_WhenThePortIsClosed_IsTransport()
    {
        var result = await StatusFailsAsync(_rig.Options() with { Endpoint = new EndpointOverride(TestEnvironment.NowhereUrl) });

        Assert.IsType<DomainError.Transport>(result.Error);
        _rig.Row("closed port", Wrapper, result, 0);
    }

    [Fact]
    public async Task GetBucketStatus_WhenTheHostDoesNotResolve_IsTransport_AfterThreeAttempts()
    {
        var provider = _rig.Own(new UnresolvableHostProvider());

        var result = await _rig.FailsAsync(() => S3Interactions.GetBucketStatusAsync(FaultRig.Bucket, provider));

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(3, provider.ConnectAttempts);
        _rig.Row("unresolvable host name", Wrapper, result, 0);
    }
}
