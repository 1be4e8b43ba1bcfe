using System.Text;
using AwsAio.Core;
using AwsAio.Faults.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AwsAio.Faults.Tests;

/// <summary>
/// Downloads (<c>GetObjectToFileAsync</c>) and uploads (<c>PutFileAsync</c>) against every fault. Besides the case and
/// the request count, each download row checks that nothing is left half-written in the target folder; each upload row
/// that the local file is untouched and that every attempt carried the whole body (the SDK rewinds the file).
/// </summary>
public sealed class S3InteractionsObjectsFaultTests(ITestOutputHelper output) : IDisposable
{
    private const string Download = "GetObjectToFileAsync";
    private const string Upload = "PutFileAsync";
    private const string Key = "logs/2026/11/24/app.log.gz";
    private const string Target = "app.log.gz";
    private const string Source = "upload.txt";
    private static readonly string UploadText = string.Concat(Enumerable.Repeat("awsaio fault suite upload line\n", 3000));
    private readonly FaultRig _rig = new(output);

    public void Dispose() => _rig.Dispose();

    private Task<FaultResult> DownloadFailsAsync(AwsClientProviderOptions? options = null, CancellationToken ct = default)
    {
        var provider = _rig.Provider(options);
        return _rig.FailsAsync(() => S3Interactions.GetObjectToFileAsync(FaultRig.Bucket, Key, Path.Combine(_rig.Folder, Target), provider, ct));
    }

    private Task<FaultResult> UploadFailsAsync(AwsClientProviderOptions? options = null)
    {
        var source = Path.Combine(_rig.Folder, Source);
        File.WriteAllText(source, UploadText);
        var provider = _rig.Provider(options);
        return _rig.FailsAsync(() => S3Interactions.PutFileAsync(source, FaultRig.Bucket, Key, provider));
    }

    private void AssertEveryUploadCarriedTheWholeFile() =>
        Assert.All(_rig.Server.Received.Where(r => r.Route == "put"), r => Assert.Equal(UploadText.Length, r.Request.Body.Length));

    [Fact]
    public async Task GetObjectToFile_When500InternalError_IsServiceUnavailable_RetriedThreeTimes_NothingWritten()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Xml(500, AwsDocuments.S3Error("InternalError", "We encountered an internal error. Please try again.")));

        var result = await DownloadFailsAsync();

        Assert.IsType<DomainError.ServiceUnavailable>(result.Error);
        Assert.Equal(3, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("500 InternalError", Download, result, 3);
    }

    [Fact]
    public async Task GetObjectToFile_When503SlowDown_IsThrottled_RetriedThreeTimes_NothingWritten()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Xml(503, AwsDocuments.S3Error("SlowDown", "Please reduce your request rate.")));

        var result = await DownloadFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.True(result.Error.IsRetryable);
        Assert.Equal(3, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("503 SlowDown", Download, result, 3);
    }

    [Fact]
    public async Task GetObjectToFile_When400Throttling_IsThrottled_RetriedThreeTimes_NothingWritten()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Xml(400, AwsDocuments.S3Error("Throttling", "Rate exceeded")));

        var result = await DownloadFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(3, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("400 Throttling", Download, result, 3);
    }

    [Fact]
    public async Task GetObjectToFile_When429_IsThrottled_RetriedThreeTimes_NothingWritten()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Xml(429, AwsDocuments.S3Error("TooManyRequests", "Please reduce your request rate.")));

        var result = await DownloadFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(3, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("429 TooManyRequests", Download, result, 3);
    }

    [Fact]
    public async Task GetObjectToFile_WhenResetBeforeAnswer_IsTransport_ResentThirteenTimes_NothingWritten()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.ResetBeforeAnswer);

        var result = await DownloadFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(13, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("reset before the answer", Download, result, 13);
    }

    [Fact]
    public async Task GetObjectToFile_WhenResetAfter30KB_IsTransport_NotRetried_NoPartialFile()
    {
        // The body is read after the SDK has returned the response, so its retries no longer apply: one request.
        _rig.Server.On("get", S3Routes.GetObject, Fault.ResetDuringBody(200, AwsDocuments.ObjectBody, 30_000, AwsDocuments.ObjectHeaders));

        var result = await DownloadFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.True(result.Error.IsRetryable);
        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("reset during the body (after 30 KB)", Download, result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_WhenBodyIsShorterThanItsLength_IsTransport_NoPartialFile()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Truncated(200, AwsDocuments.ObjectBody, 30_000, AwsDocuments.ObjectHeaders));

        var result = await DownloadFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("truncated body (FIN after 30 KB)", Download, result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_WhenServerNeverAnswers_IsTimeout_AfterThreeTimedOutAttempts_NothingWritten()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Hang);

        var result = await DownloadFailsAsync(_rig.Options(timeout: TimeSpan.FromSeconds(1)));

        Assert.IsType<DomainError.Timeout>(result.Error);
        FaultRig.AssertAttemptsAfterTimeouts(_rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("hang (Timeout 1 s per attempt)", Download, result, _rig.Server.Count("get"));
    }

    [Fact]
    public async Task GetObjectToFile_When404NoSuchKey_IsObjectDoesNotExist_NothingWritten()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Xml(404, AwsDocuments.S3Error("NoSuchKey", "The specified key does not exist.", extra: $"<Key>{Key}</Key>")));

        var result = await DownloadFailsAsync();

        var missing = Assert.IsType<DomainError.ObjectDoesNotExist>(result.Error);
        Assert.Equal((FaultRig.Bucket, Key), (missing.Bucket, missing.Key));
        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("404 NoSuchKey", Download, result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_When400ExpiredToken_IsCredentialsExpired_NothingWritten()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Xml(400, AwsDocuments.S3Error("ExpiredToken", "The provided token has expired.",
            extra: $"<Token-0>{Secrets.SessionToken}</Token-0>")));

        var result = await DownloadFailsAsync();

        Assert.IsType<DomainError.CredentialsExpired>(result.Error);
        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("400 ExpiredToken", Download, result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_When403AccessDenied_IsAccessDenied_NothingWritten()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Xml(403, AwsDocuments.S3Error("AccessDenied", "Access Denied")));

        var result = await DownloadFailsAsync();

        Assert.Equal(ErrorCategory.Access, result.Error.Category);
        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("403 AccessDenied", Download, result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_When301PermanentRedirect_IsAWrongRegionError_NamingTheBucketsRegion()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.Xml(301,
            AwsDocuments.S3Error("PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint."),
            ("x-amz-bucket-region", "eu-west-1")));

        var result = await DownloadFailsAsync();

        var wrong = Assert.IsType<DomainError.WrongRegion>(result.Error);
        Assert.Equal("eu-west-1", wrong.Region);
        Assert.Contains("eu-west-1", result.Error.ToString());
        Assert.Equal(ErrorCategory.Input, result.Error.Category);
        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("301 PermanentRedirect (wrong region)", Download, result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_WhenCancelledMidBody_IsCancelled_NoPartialFile()
    {
        _rig.Server.On("get", S3Routes.GetObject, Fault.StallAfter(200, AwsDocuments.ObjectBody, 30_000, AwsDocuments.ObjectHeaders));
        using var cancel = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (_rig.Server.Count("get") == 0) await Task.Delay(20);
            await Task.Delay(200);
            await cancel.CancelAsync();
        });

        var result = await DownloadFailsAsync(ct: cancel.Token);

        Assert.IsType<DomainError.Cancelled>(result.Error);
        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("cancellation mid-body", Download, result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_WhenThePortIsClosed_IsTransport_NothingWritten()
    {
        var result = await DownloadFailsAsync(_rig.Options() with { Endpoint = new EndpointOverride(TestEnvironment.NowhereUrl) });

        Assert.IsType<DomainError.Transport>(result.Error);
        _rig.AssertNothingHalfWritten();
        _rig.Row("closed port", Download, result, 0);
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheHostDoesNotResolve_IsTransport_NothingWritten()
    {
        var provider = _rig.Own(new UnresolvableHostProvider());

        var result = await _rig.FailsAsync(() =>
            S3Interactions.GetObjectToFileAsync(FaultRig.Bucket, Key, Path.Combine(_rig.Folder, Target), provider));

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(3, provider.ConnectAttempts);
        _rig.AssertNothingHalfWritten();
        _rig.Row("unresolvable host name", Download, result, 0);
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheBodyArrivesWhole_WritesExactlyIt()
    {
        // The control row: the same server and route serve a download that works.
        _rig.Server.On("get", S3Routes.GetObject, new Fault.Complete(200, AwsDocuments.ObjectBody, AwsDocuments.ObjectHeaders));
        var provider = _rig.Provider();

        await _rig.SucceedsAsync(() => S3Interactions.GetObjectToFileAsync(FaultRig.Bucket, Key, Path.Combine(_rig.Folder, Target), provider));

        Assert.Equal(AwsDocuments.ObjectBody, await File.ReadAllBytesAsync(Path.Combine(_rig.Folder, Target)));
        _rig.AssertNothingHalfWritten(Target);
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheBodyDoesNotMatchItsEtag_IsALeft_NothingWritten()
    {
        // The SDK checks a single-part ETag (the body's MD5) once the body is read: a corrupted body is not a file.
        var corrupted = (byte[])AwsDocuments.ObjectBody.Clone();
        corrupted[^1] ^= 0xFF;
        _rig.Server.On("get", S3Routes.GetObject, new Fault.Complete(200, corrupted, AwsDocuments.ObjectHeaders));

        var result = await DownloadFailsAsync();

        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("200 body not matching its ETag (MD5)", Download, result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheEtagIsNotHex_IsALeft_NothingWritten()
    {
        // An odd-length ETag makes the SDK's GetObjectAsync throw ArgumentOutOfRangeException ("hex") before any body.
        _rig.Server.On("get", S3Routes.GetObject, new Fault.Complete(200, AwsDocuments.ObjectBody,
            [("Content-Type", "application/octet-stream"), ("ETag", "\"abc\"")]));

        var result = await DownloadFailsAsync();

        Assert.Equal(1, _rig.Server.Count("get"));
        _rig.AssertNothingHalfWritten();
        _rig.Row("200 with a malformed ETag", Download, result, 1);
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheEtagIsAMultipartOne_WritesTheBody()
    {
        // Multipart ETags ("<md5 of md5s>-<parts>") are not the body's MD5, so nothing can be checked against them.
        _rig.Server.On("get", S3Routes.GetObject, new Fault.Complete(200, AwsDocuments.ObjectBody,
            [("Content-Type", "application/octet-stream"), ("ETag", "\"d41d8cd98f00b204e9800998ecf8427e-2\"")]));
        var provider = _rig.Provider();

        await _rig.SucceedsAsync(() => S3Interactions.GetObjectToFileAsync(FaultRig.Bucket, Key, Path.Combine(_rig.Folder, Target), provider));

        Assert.Equal(AwsDocuments.ObjectBody, await File.ReadAllBytesAsync(Path.Combine(_rig.Folder, Target)));
        _rig.AssertNothingHalfWritten(Target);
    }

    [Fact]
    public async Task PutFile_When500InternalError_IsServiceUnavailable_RetriedThreeTimesWithTheWholeBody()
    {
        _rig.Server.On("put", S3Routes.PutObject, Fault.Xml(500, AwsDocuments.S3Error("InternalError", "We encountered an internal error. Please try again.")));

        var result = await UploadFailsAsync();

        Assert.IsType<DomainError.ServiceUnavailable>(result.Error);
        Assert.Equal(3, _rig.Server.Count("put"));
        AssertEveryUploadCarriedTheWholeFile();
        _rig.AssertNothingHalfWritten(Source);
        _rig.Row("500 InternalError", Upload, result, 3);
    }

    [Fact]
    public async Task PutFile_When503SlowDown_IsThrottled_RetriedThreeTimesWithTheWholeBody()
    {
        _rig.Server.On("put", S3Routes.PutObject, Fault.Xml(503, AwsDocuments.S3Error("SlowDown", "Please reduce your request rate.")));

        var result = await UploadFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(3, _rig.Server.Count("put"));
        AssertEveryUploadCarriedTheWholeFile();
        _rig.Row("503 SlowDown", Upload, result, 3);
    }

    [Fact]
    public async Task PutFile_When400Throttling_IsThrottled_RetriedThreeTimes()
    {
        _rig.Server.On("put", S3Routes.PutObject, Fault.Xml(400, AwsDocuments.S3Error("Throttling", "Rate exceeded")));

        var result = await UploadFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(3, _rig.Server.Count("put"));
        _rig.Row("400 Throttling", Upload, result, 3);
    }

    [Fact]
    public async Task PutFile_When429_IsThrottled_RetriedThreeTimes()
    {
        _rig.Server.On("put", S3Routes.PutObject, Fault.Answer(429));

        var result = await UploadFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(3, _rig.Server.Count("put"));
        _rig.Row("429 (no body)", Upload, result, 3);
    }

    [Fact]
    public async Task PutFile_WhenResetAfterTheBody_IsOutcomeUnknown_ResentThirteenTimesWithTheWholeBody()
    {
        _rig.Server.On("put", S3Routes.PutObject, Fault.ResetBeforeAnswer);

        var result = await UploadFailsAsync();

        // The upload may have been stored before the connection broke: not a plain transport failure.
        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(result.Error);
        Assert.IsType<DomainError.Transport>(unknown.Cause);
        Assert.False(result.Error.IsRetryable);
        Assert.Equal(13, _rig.Server.Count("put"));
        AssertEveryUploadCarriedTheWholeFile();
        _rig.AssertNothingHalfWritten(Source);
        _rig.Row("reset before the answer", Upload, result, 13);
    }

    [Fact]
    public async Task PutFile_WhenServerNeverAnswers_IsOutcomeUnknown_AfterThreeTimedOutAttempts()
    {
        _rig.Server.On("put", S3Routes.PutObject, Fault.Hang);

        var result = await UploadFailsAsync(_rig.Options(timeout: TimeSpan.FromSeconds(1)));

        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(result.Error);
        Assert.IsType<DomainError.Timeout>(unknown.Cause);
        FaultRig.AssertAttemptsAfterTimeouts(_rig.Server.Count("put"));
        _rig.Row("hang (Timeout 1 s per attempt)", Upload, result, _rig.Server.Count("put"));
    }

    [Fact]
    public async Task PutFile_When400ExpiredToken_IsCredentialsExpired()
    {
        _rig.Server.On("put", S3Routes.PutObject, Fault.Xml(400, AwsDocuments.S3Error("ExpiredToken", "The provided token has expired.",
            extra: $"<Token-0>{Secrets.SessionToken}</Token-0>")));

        var result = await UploadFailsAsync();

        Assert.IsType<DomainError.CredentialsExpired>(result.Error);
        Assert.Equal(1, _rig.Server.Count("put"));
        _rig.Row("400 ExpiredToken", Upload, result, 1);
    }

    [Fact]
    public async Task PutFile_When403AccessDenied_IsBucketAccessDenied()
    {
        _rig.Server.On("put", S3Routes.PutObject, Fault.Xml(403, AwsDocuments.S3Error("AccessDenied", "Access Denied")));

        var result = await UploadFailsAsync();

        Assert.IsType<DomainError.BucketAccessDenied>(result.Error);
        Assert.Equal(1, _rig.Server.Count("put"));
        _rig.Row("403 AccessDenied", Upload, result, 1);
    }

    [Fact]
    public async Task PutFile_WhenThePortIsClosed_IsTransport()
    {
        var result = await UploadFailsAsync(_rig.Options() with { Endpoint = new EndpointOverride(TestEnvironment.NowhereUrl) });

        Assert.IsType<DomainError.Transport>(result.Error);
        _rig.AssertNothingHalfWritten(Source);
        _rig.Row("closed port", Upload, result, 0);
    }

    [Fact]
    public async Task PutFile_WhenTheHostDoesNotResolve_IsTransport()
    {
        var source = Path.Combine(_rig.Folder, Source);
        await File.WriteAllTextAsync(source, UploadText, Encoding.ASCII);
        var provider = _rig.Own(new UnresolvableHostProvider());

        var result = await _rig.FailsAsync(() => S3Interactions.PutFileAsync(source, FaultRig.Bucket, Key, provider));

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(3, provider.ConnectAttempts);
        _rig.Row("unresolvable host name", Upload, result, 0);
    }
}
