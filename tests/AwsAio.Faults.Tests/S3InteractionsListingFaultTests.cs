using AwsAio.Core;
using AwsAio.Faults.Tests.Support;
using LanguageExt;
using Xunit;
using Xunit.Sdk;
using S3Object = AwsAio.Core.S3Object;
using Xunit.Abstractions;

namespace AwsAio.Faults.Tests;

/// <summary>
/// <c>S3Interactions.ListObjectsAsync</c> against every fault: the real SDK, through the library, on a scripted
/// loopback server. Request counts are the SDK's (standard retry mode: MaxErrorRetry 2 is three attempts; a reset or
/// cut-short answer is also re-sent ten times as a "stale pooled connection" inside the first attempt, so 13 in all).
/// </summary>
public sealed class S3InteractionsListingFaultTests(ITestOutputHelper output) : IDisposable
{
    private const string Wrapper = "ListObjectsAsync";
    private readonly FaultRig _rig = new(output);

    public void Dispose() => _rig.Dispose();

    /// <summary>Everything a stream yields, under the rig's bound (the stream itself must not throw).</summary>
    private Task<List<Either<DomainError, S3Object>>> StreamAllAsync(IAwsClientProvider provider) =>
        _rig.SucceedsAsync(async () =>
        {
            var seen = new List<Either<DomainError, S3Object>>();
            await foreach (var item in S3Interactions.StreamObjects(FaultRig.Bucket, provider)) seen.Add(item);
            return Prelude.Right<DomainError, List<Either<DomainError, S3Object>>>(seen);
        });

    private Task<FaultResult> ListFailsAsync(AwsClientProviderOptions? options = null) =>
        _rig.FailsAsync(() => S3Interactions.ListObjectsAsync(FaultRig.Bucket, _rig.Provider(options)));

    [Fact]
    public async Task ListObjects_When500InternalError_IsServiceUnavailable_RetriedThreeTimes()
    {
        _rig.Server.On("list", S3Routes.List, Fault.Xml(500, AwsDocuments.S3Error("InternalError", "We encountered an internal error. Please try again.")));

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.ServiceUnavailable>(result.Error);
        Assert.True(result.Error.IsRetryable);
        Assert.Equal(3, _rig.Server.Count("list"));
        _rig.Row("500 InternalError", Wrapper, result, 3);
    }

    [Fact]
    public async Task ListObjects_When503SlowDown_IsThrottled_RetriedThreeTimes()
    {
        _rig.Server.On("list", S3Routes.List, Fault.Xml(503, AwsDocuments.S3Error("SlowDown", "Please reduce your request rate.")));

        var result = await ListFailsAsync();

        var throttled = Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal("SlowDown", throttled.Details.Code);
        Assert.True(result.Error.IsRetryable);
        Assert.Equal(3, _rig.Server.Count("list"));
        _rig.Row("503 SlowDown", Wrapper, result, 3);
    }

    [Fact]
    public async Task ListObjects_When400Throttling_IsThrottled_RetriedThreeTimes()
    {
        _rig.Server.On("list", S3Routes.List, Fault.Xml(400, AwsDocuments.S3Error("Throttling", "Rate exceeded")));

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.True(result.Error.IsRetryable);
        Assert.Equal(3, _rig.Server.Count("list"));
        _rig.Row("400 Throttling", Wrapper, result, 3);
    }

    [Fact]
    public async Task ListObjects_When429WithoutBody_IsThrottled_RetriedThreeTimes()
    {
        _rig.Server.On("list", S3Routes.List, Fault.Answer(429));

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(429, result.Error.ErrorDetails.HttpStatus);
        Assert.Equal(3, _rig.Server.Count("list"));
        _rig.Row("429 (no body)", Wrapper, result, 3);
    }

    [Fact]
    public async Task ListObjects_WhenResetBeforeAnswer_IsTransport_ResentThirteenTimes()
    {
        _rig.Server.On("list", S3Routes.List, Fault.ResetBeforeAnswer);

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.True(result.Error.IsRetryable);
        Assert.Equal(13, _rig.Server.Count("list"));
        _rig.Row("reset before the answer", Wrapper, result, 13);
    }

    [Fact]
    public async Task ListObjects_WhenResetDuringBody_IsTransport_ResentThirteenTimes()
    {
        var page = System.Text.Encoding.UTF8.GetBytes(AwsDocuments.ListPage(FaultRig.Bucket, 200));
        _rig.Server.On("list", S3Routes.List, Fault.ResetDuringBody(200, page, 10_000, ("Content-Type", "application/xml")));

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(13, _rig.Server.Count("list"));
        _rig.Row("reset during the body", Wrapper, result, 13);
    }

    [Fact]
    public async Task ListObjects_WhenBodyIsShorterThanItsLength_IsTransport_ResentThirteenTimes()
    {
        var page = System.Text.Encoding.UTF8.GetBytes(AwsDocuments.ListPage(FaultRig.Bucket, 200));
        _rig.Server.On("list", S3Routes.List, Fault.Truncated(200, page, 10_000, ("Content-Type", "application/xml")));

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(13, _rig.Server.Count("list"));
        _rig.Row("truncated body (FIN)", Wrapper, result, 13);
    }

    [Fact]
    public async Task ListObjects_WhenServerNeverAnswers_IsTimeout_AfterThreeTimedOutAttempts()
    {
        _rig.Server.On("list", S3Routes.List, Fault.Hang);

        var result = await ListFailsAsync(_rig.Options(timeout: TimeSpan.FromSeconds(1)));

        Assert.IsType<DomainError.Timeout>(result.Error);
        Assert.True(result.Error.IsRetryable);
        FaultRig.AssertAttemptsAfterTimeouts(_rig.Server.Count("list"));
        _rig.Row("hang (Timeout 1 s per attempt)", Wrapper, result, _rig.Server.Count("list"));
    }

    [Fact]
    public async Task ListObjects_WhenXmlIsMalformed_IsMalformedResponse_NotRetried()
    {
        _rig.Server.On("list", S3Routes.List, AwsDocuments.MalformedXml);

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.MalformedResponse>(result.Error);
        Assert.Equal("ListObjectsV2", result.Error.ErrorDetails.Operation);
        Assert.Equal(1, _rig.Server.Count("list"));
        _rig.Row("malformed XML (200)", Wrapper, result, 1);
    }

    [Fact]
    public async Task ListObjects_When200IsAnHtmlPage_IsMalformedResponse_NeverAnEmptyListing()
    {
        _rig.Server.On("list", S3Routes.List, AwsDocuments.HtmlPage);

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.MalformedResponse>(result.Error);
        Assert.Equal("ListObjectsV2", result.Error.ErrorDetails.Operation);
        Assert.Equal(1, _rig.Server.Count("list"));
        _rig.Row("200 text/html page", Wrapper, result, 1);
    }

    [Fact]
    public async Task ListObjects_When200HasAnEmptyBody_IsMalformedResponse_NeverAnEmptyListing()
    {
        _rig.Server.On("list", S3Routes.List, AwsDocuments.EmptyBody);

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.MalformedResponse>(result.Error);
        Assert.Equal("ListObjectsV2", result.Error.ErrorDetails.Operation);
        Assert.Equal(1, _rig.Server.Count("list"));
        _rig.Row("200 empty body", Wrapper, result, 1);
    }

    [Fact]
    public async Task ListObjects_When200IsAnotherDocument_IsMalformedResponse_NeverAnEmptyListing()
    {
        _rig.Server.On("list", S3Routes.List, AwsDocuments.OtherDocument);

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.MalformedResponse>(result.Error);
        Assert.Equal("ListObjectsV2", result.Error.ErrorDetails.Operation);
        Assert.Equal(1, _rig.Server.Count("list"));
        _rig.Row("200 another XML document", Wrapper, result, 1);
    }

    [Fact]
    public async Task ListObjects_WhenTruncatedWithoutToken_StopsWithTheAnomaly_AndWhatWasListed()
    {
        _rig.Server.On("list", S3Routes.List, Fault.Xml(200, AwsDocuments.ListPage(FaultRig.Bucket, 3, truncated: true)));

        var result = await ListFailsAsync();

        var stopped = Assert.IsType<DomainError.ObjectListingInterrupted>(result.Error);
        var anomaly = Assert.IsType<DomainError.PaginationAnomaly>(stopped.Cause);
        Assert.IsType<PaginationAnomaly.TruncatedWithoutToken>(anomaly.Anomaly);
        Assert.Equal(3, stopped.Listed.Count);
        Assert.Equal(1, _rig.Server.Count("list"));
        _rig.Row("truncated without token", Wrapper, result, 1);
    }

    [Fact]
    public async Task ListObjects_WhenATokenComesBackAgain_StopsWithRepeatedToken()
    {
        _rig.Server
            .On("page 2", S3Routes.ListAfter("tok-A"), Fault.Xml(200, AwsDocuments.ListPage(FaultRig.Bucket, 3, 3, true, "tok-A")))
            .On("page 1", S3Routes.FirstListPage, Fault.Xml(200, AwsDocuments.ListPage(FaultRig.Bucket, 3, 0, true, "tok-A")));

        var result = await ListFailsAsync();

        var stopped = Assert.IsType<DomainError.ObjectListingInterrupted>(result.Error);
        var anomaly = Assert.IsType<DomainError.PaginationAnomaly>(stopped.Cause);
        var repeated = Assert.IsType<PaginationAnomaly.RepeatedToken>(anomaly.Anomaly);
        Assert.Equal(("tok-A", 2), (repeated.Token, repeated.Page));
        Assert.Equal(6, stopped.Listed.Count);
        Assert.Equal(2, _rig.Server.Total);
        _rig.Row("repeated token", Wrapper, result, 2);
    }

    [Fact]
    public async Task ListObjects_WhenTokensCycle_StopsWhereTheCycleCloses()
    {
        _rig.Server
            .On("page 2", S3Routes.ListAfter("tok-A"), Fault.Xml(200, AwsDocuments.ListPage(FaultRig.Bucket, 3, 3, true, "tok-B")))
            .On("page 3", S3Routes.ListAfter("tok-B"), Fault.Xml(200, AwsDocuments.ListPage(FaultRig.Bucket, 3, 6, true, "tok-A")))
            .On("page 1", S3Routes.FirstListPage, Fault.Xml(200, AwsDocuments.ListPage(FaultRig.Bucket, 3, 0, true, "tok-A")));

        var result = await ListFailsAsync();

        var stopped = Assert.IsType<DomainError.ObjectListingInterrupted>(result.Error);
        var anomaly = Assert.IsType<DomainError.PaginationAnomaly>(stopped.Cause);
        var repeated = Assert.IsType<PaginationAnomaly.RepeatedToken>(anomaly.Anomaly);
        Assert.Equal(("tok-A", 3), (repeated.Token, repeated.Page));
        Assert.Equal(9, stopped.Listed.Count);
        Assert.Equal(3, _rig.Server.Total);
        _rig.Row("token cycle A→B→A", Wrapper, result, 3);
    }

    [Fact]
    public async Task ListObjects_When301PermanentRedirect_IsAWrongRegionError_NamingTheBucketsRegion()
    {
        _rig.Server.On("list", S3Routes.List, Fault.Xml(301,
            AwsDocuments.S3Error("PermanentRedirect",
                "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
                extra: $"<Endpoint>{FaultRig.Bucket}.s3.eu-west-1.amazonaws.com</Endpoint><Bucket>{FaultRig.Bucket}</Bucket>"),
            ("x-amz-bucket-region", "eu-west-1")));

        var result = await ListFailsAsync();

        var wrong = Assert.IsType<DomainError.WrongRegion>(result.Error);
        Assert.Equal((FaultRig.Bucket, "eu-west-1"), (wrong.Bucket, wrong.Region));
        Assert.Contains("eu-west-1", result.Error.ToString());
        Assert.Equal(ErrorCategory.Input, result.Error.Category);
        Assert.False(result.Error.IsRetryable);
        Assert.Equal(1, _rig.Server.Count("list"));
        _rig.Row("301 PermanentRedirect (wrong region)", Wrapper, result, 1);
    }

    [Fact]
    public async Task ListObjects_When400ExpiredToken_IsCredentialsExpired_AndTheEchoedTokenStaysHidden()
    {
        // Real S3 echoes the expired token back in <Token-0>: the library must not pass it on.
        _rig.Server.On("list", S3Routes.List, Fault.Xml(400, AwsDocuments.S3Error("ExpiredToken", "The provided token has expired.",
            extra: $"<Token-0>{Secrets.SessionToken}</Token-0>")));

        var result = await ListFailsAsync();

        Assert.IsType<DomainError.CredentialsExpired>(result.Error);
        Assert.Equal(1, _rig.Server.Count("list"));
        _rig.Row("400 ExpiredToken", Wrapper, result, 1);
    }

    [Fact]
    public async Task ListObjects_When403AccessDenied_IsBucketAccessDenied_NotRetried()
    {
        _rig.Server.On("list", S3Routes.List, Fault.Xml(403, AwsDocuments.S3Error("AccessDenied", "Access Denied")));

        var result = await ListFailsAsync();

        var denied = Assert.IsType<DomainError.BucketAccessDenied>(result.Error);
        Assert.Equal(FaultRig.Bucket, denied.Bucket);
        Assert.Equal(1, _rig.Server.Count("list"));
        _rig.Row("403 AccessDenied", Wrapper, result, 1);
    }

    [Fact]
    public async Task ListObjects_WhenCancelledWhileThe2ndPageIsPending_IsCancelled_WithWhereToResume()
    {
        _rig.Server
            .On("page 2", S3Routes.ListAfter("tok-A"), Fault.Hang)
            .On("page 1", S3Routes.FirstListPage, Fault.Xml(200, AwsDocuments.ListPage(FaultRig.Bucket, 3, 0, true, "tok-A")));
        using var cancel = new CancellationTokenSource();
        var provider = _rig.Provider();
        _ = Task.Run(async () =>
        {
            while (_rig.Server.Count("page 2") == 0) await Task.Delay(20);
            await cancel.CancelAsync();
        });

        var result = await _rig.FailsAsync(() => S3Interactions.ListObjectsAsync(FaultRig.Bucket, provider, ct: cancel.Token));

        var stopped = Assert.IsType<DomainError.ObjectListingInterrupted>(result.Error);
        Assert.IsType<DomainError.Cancelled>(stopped.Cause);
        Assert.Equal(ErrorCategory.Cancelled, result.Error.Category);
        Assert.Equal(3, stopped.Listed.Count);
        Assert.Equal("tok-A", stopped.Resume.Token);
        Assert.Equal(2, _rig.Server.Total);
        _rig.Row("cancellation mid-listing", Wrapper, result, 2);
    }

    [Fact]
    public async Task StreamObjects_When200IsAnHtmlPage_YieldsOneMalformedResponse_AndNoObjects()
    {
        _rig.Server.On("list", S3Routes.List, AwsDocuments.HtmlPage);
        var provider = _rig.Provider();

        var items = await StreamAllAsync(provider);

        var only = Assert.Single(items);
        var error = only.Match(Right: o => throw new XunitException($"an object was streamed: {o}"), Left: e => e);
        Assert.IsType<DomainError.MalformedResponse>(error);
        Secrets.AssertAbsent(error, _rig.Logs.Lines);
    }

    [Fact]
    public async Task StreamObjects_WhenThe2ndPageResets_YieldsThe1stPage_ThenOneTransportError()
    {
        _rig.Server
            .On("page 2", S3Routes.ListAfter("tok-A"), Fault.ResetBeforeAnswer)
            .On("page 1", S3Routes.FirstListPage, Fault.Xml(200, AwsDocuments.ListPage(FaultRig.Bucket, 3, 0, true, "tok-A")));
        var provider = _rig.Provider();

        var items = await StreamAllAsync(provider);

        Assert.Equal(4, items.Count);
        Assert.All(items.Take(3), i => Assert.True(i.IsRight));
        var error = items[3].Match(Right: o => throw new XunitException($"an object was streamed: {o}"), Left: e => e);
        var stopped = Assert.IsType<DomainError.ObjectListingInterrupted>(error);
        Assert.IsType<DomainError.Transport>(stopped.Cause);
        Assert.Equal(3, stopped.Delivered);
        Assert.Equal("tok-A", stopped.Resume.Token);
        Assert.Equal(13, _rig.Server.Count("page 2"));
        Secrets.AssertAbsent(error, _rig.Logs.Lines);
    }

    [Fact]
    public async Task ListObjects_WhenThePortIsClosed_IsTransport()
    {
        var result = await ListFailsAsync(_rig.Options() with { Endpoint = new EndpointOverride(TestEnvironment.NowhereUrl) });

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.True(result.Error.IsRetryable);
        _rig.Row("closed port", Wrapper, result, 0);
    }

    [Fact]
    public async Task ListObjects_WhenTheHostDoesNotResolve_IsTransport_AfterThreeAttempts()
    {
        var provider = _rig.Own(new UnresolvableHostProvider());

        var result = await _rig.FailsAsync(() => S3Interactions.ListObjectsAsync(FaultRig.Bucket, provider));

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.True(result.Error.IsRetryable);
        Assert.Equal(3, provider.ConnectAttempts);
        _rig.Row("unresolvable host name", Wrapper, result, 0);
    }
}
