using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>The one place SDK exceptions become domain errors.</summary>
public sealed class AwsCallTests
{
    /// <summary>A provider with nothing set up: the runner reads its call settings (none, so the defaults).</summary>
    private static readonly IAwsClientProvider Provider = new Moq.Mock<IAwsClientProvider>().Object;

    private static Task<LanguageExt.Either<DomainError, string>> Run(Func<CancellationToken, Task<string>> call, CancellationToken ct = default) =>
        AwsCall.RunAsync(Provider, CallInfo.Of("S3", "HeadBucket", ErrorTarget.Of("b")), call, ct);

    [Fact]
    public async Task AServiceError_IsMappedByTheCore_WithEveryFact()
    {
        var thrown = new AmazonS3Exception("Access Denied", ErrorType.Sender, "AccessDenied", "REQ9", HttpStatusCode.Forbidden);
        var error = await Run(_ => throw thrown).Left();
        var denied = Assert.IsType<DomainError.BucketAccessDenied>(error);
        Assert.Equal(AwsErrorDetails.Of("S3", "HeadBucket", "AccessDenied", "Access Denied", 403, "REQ9").On(ErrorTarget.Of("b")), denied.Details);
    }

    [Fact]
    public async Task ANetworkFailure_IsTransport_AndNamesTheResource()
    {
        var error = await Run(_ => throw new HttpRequestException("Connection refused")).Left();
        var transport = Assert.IsType<DomainError.Transport>(error);
        Assert.Equal(ErrorTarget.Of("b"), transport.Target);
        Assert.Equal("S3 HeadBucket on 'b' failed before a response arrived: Connection refused.", error.ToString());
    }

    [Fact]
    public async Task ASdkTimeout_IsTimeout_AndNamesTheResource()
    {
        var error = await Run(_ => throw new TimeoutException("The operation has timed out.", new TaskCanceledException())).Left();
        Assert.IsType<DomainError.Timeout>(error);
        Assert.StartsWith("S3 HeadBucket on 'b' timed out", error.ToString());
    }

    [Fact]
    public async Task ATokenCancelledBeforeTheCall_IsCancelled_AndNothingRuns()
    {
        var ran = false;
        var error = await Run(_ => { ran = true; return Task.FromResult("x"); }, new CancellationToken(canceled: true)).Left();
        Assert.Equal(DomainError.NewCancelled("HeadBucket"), error);
        Assert.False(ran);
    }

    [Fact]
    public async Task ACredentialsFailure_InsideTheSdksWrapping_IsReportedAsItself()
    {
        var inner = DomainError.NewAssumeRoleFailed("arn:aws:iam::123456789012:role/r", AwsErrorDetails.NoResponse("STS", "AssumeRole"));
        var error = await Run(_ => throw new AmazonClientException("wrapped", new CredentialsFailedException(inner))).Left();
        Assert.Equal(inner, error);
    }

    [Fact]
    public async Task ANullResponse_IsUnexpected_NeverANullRight()
    {
        var error = await Run(_ => Task.FromResult<string>(null!)).Left();
        Assert.IsType<DomainError.Unexpected>(error);
    }

    [Fact]
    public async Task AServiceExceptionWithoutStatusOrCode_IsJudgedByWhatItWraps()
    {
        var error = await Run(_ => throw new AmazonServiceException("no response", new HttpRequestException("reset"))).Left();
        Assert.IsType<DomainError.Transport>(error);
    }

    [Fact]
    public async Task ACallPastItsDeadline_IsTimeout_NotCancelled_AndEndsInTime()
    {
        var provider = new Moq.Mock<IAwsClientProvider>();
        provider.Setup(p => p.GetSettings<CallSettings>())
            .Returns(new CallSettings(TimeSpan.FromMilliseconds(200), CallSettings.DefaultIdleTimeout, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await AwsCall.RunAsync(provider.Object, CallInfo.Of("S3", "HeadBucket", ErrorTarget.Of("b")),
            async ct => { await Task.Delay(Timeout.Infinite, ct); return "never"; }, CancellationToken.None).Left();

        var timeout = Assert.IsType<DomainError.Timeout>(error);
        Assert.Contains("deadline", timeout.Details.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task TheCallersCancellation_IsCancelled_EvenWithADeadline()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var error = await Run(async ct => { await Task.Delay(Timeout.Infinite, ct); return "never"; }, cts.Token).Left();
        Assert.Equal(DomainError.NewCancelled("HeadBucket"), error);
    }

    [Fact]
    public async Task EveryCall_LogsOneDebugLine_WithServiceOperationResourceOutcomeAndRequestId_AndNoSecret()
    {
        var logs = new CapturingLoggerFactory();
        var provider = new Moq.Mock<IAwsClientProvider>();
        provider.Setup(p => p.GetSettings<CallSettings>())
            .Returns(CallSettings.Default with { Logger = logs.CreateLogger("AwsAio") });
        var thrown = new AmazonS3Exception("Access Denied", ErrorType.Sender, "AccessDenied", "REQ9", HttpStatusCode.Forbidden);

        await AwsCall.RunAsync<string>(provider.Object, CallInfo.Of("S3", "HeadBucket", ErrorTarget.Of("b")), _ => throw thrown, default);
        await AwsCall.RunAsync(provider.Object, CallInfo.Of("S3", "HeadBucket", ErrorTarget.Of("b")), _ => Task.FromResult("ok"), default);

        Assert.Equal(2, logs.Lines.Count);
        var failed = logs.Lines.First();
        Assert.StartsWith("Debug", failed);
        Assert.Contains("S3 HeadBucket on 'b'", failed);
        Assert.Contains("Access to bucket 'b' was denied", failed);
        Assert.Contains("request id REQ9", failed);
        Assert.Contains(": ok (request id none)", logs.Lines.Last());
    }

    [Fact]
    public async Task ALoggerThatThrows_ChangesNoOutcome_AndNothingIsThrown()
    {
        var logger = new Moq.Mock<Microsoft.Extensions.Logging.ILogger>();
        logger.Setup(l => l.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug)).Returns(true);
        logger.Setup(l => l.Log(Moq.It.IsAny<Microsoft.Extensions.Logging.LogLevel>(), Moq.It.IsAny<Microsoft.Extensions.Logging.EventId>(),
                Moq.It.IsAny<Moq.It.IsAnyType>(), Moq.It.IsAny<Exception?>(), Moq.It.IsAny<Func<Moq.It.IsAnyType, Exception?, string>>()))
            .Throws(new InvalidOperationException("the log sink is closed"));
        var provider = new Moq.Mock<IAwsClientProvider>();
        provider.Setup(p => p.GetSettings<CallSettings>()).Returns(CallSettings.Default with { Logger = logger.Object });
        var call = CallInfo.Of("S3", "HeadBucket", ErrorTarget.Of("b"));
        var thrown = new AmazonS3Exception("Access Denied", ErrorType.Sender, "AccessDenied", "REQ9", HttpStatusCode.Forbidden);

        var ok = await AwsCall.RunAsync(provider.Object, call, _ => Task.FromResult("ok"), default);
        var failed = await AwsCall.RunAsync<string>(provider.Object, call, _ => throw thrown, default);

        Assert.Equal("ok", ok.Right());
        Assert.Equal(("AccessDenied", "REQ9"), (failed.Left().ErrorDetails.Code, failed.Left().ErrorDetails.RequestId));
        Assert.Equal(2, logger.Invocations.Count(i => i.Method.Name == "Log"));
    }

    [Fact]
    public async Task AFailureDecidedInsideTheCall_IsReturnedAsDecided_NotTakenForTheNetwork()
    {
        var local = DomainError.NewLocalFileFailed("/tmp/x", "No space left on device");
        var error = await Run(_ => throw new DecidedFailure(local)).Left();
        Assert.Equal(local, error);
    }

    [Fact]
    public async Task ARedirectOrAHeaderCode_SeenByTheHttpLayer_ReachesTheCore()
    {
        var error = await Run(_ =>
        {
            // What BoundedHttpClientFactory records for the call in progress when an error answer arrives.
            CallScope.Context!.ErrorCodeHeader = "ExpiredToken";
            throw new AmazonS3Exception("Bad Request", ErrorType.Sender, "BadRequest", "REQ1", HttpStatusCode.BadRequest);
        }).Left();
        Assert.IsType<DomainError.CredentialsExpired>(error);

        var moved = await Run(_ =>
        {
            CallScope.Context!.BucketRegionHeader = "eu-central-1";
            throw new AmazonS3Exception("Moved Permanently", ErrorType.Sender, "", "REQ2", HttpStatusCode.MovedPermanently);
        }).Left();
        Assert.Equal("eu-central-1", Assert.IsType<DomainError.WrongRegion>(moved).Region);
    }

    private static (IAwsClientProvider Provider, CapturingLoggerFactory Logs) Logged(bool httpLayerTracksSends = false)
    {
        var logs = new CapturingLoggerFactory();
        var provider = new Moq.Mock<IAwsClientProvider>();
        provider.Setup(p => p.GetSettings<CallSettings>())
            .Returns(CallSettings.Default with { Logger = logs.CreateLogger("AwsAio"), HttpLayerTracksSends = httpLayerTracksSends });
        return (provider.Object, logs);
    }

    [Fact]
    public async Task ANullResponse_IsUnexpected_NamingIt_AndIsLoggedWithNoRequestId()
    {
        var (provider, logs) = Logged();
        var error = await AwsCall.RunAsync(provider, CallInfo.Of("S3", "HeadBucket", ErrorTarget.Of("b")), _ => Task.FromResult<string>(null!), default).Left();

        var expected = DomainError.NewUnexpected(AwsErrorDetails.Of("S3", "HeadBucket", "", "the SDK returned no response", 0, "").On(ErrorTarget.Of("b")), null);
        Assert.Equal(expected, error);
        var line = Assert.Single(logs.Lines);
        Assert.Contains($": {expected} (request id none)", line);
    }

    [Fact]
    public async Task ASuccessfulResponse_IsLoggedWithItsRequestId()
    {
        var (provider, logs) = Logged();
        var response = new Amazon.S3.Model.GetBucketLocationResponse { ResponseMetadata = new ResponseMetadata { RequestId = "REQ7" } };

        var result = await AwsCall.RunAsync(provider, CallInfo.Of("S3", "GetBucketLocation", ErrorTarget.Of("b")), _ => Task.FromResult(response), default);

        Assert.Same(response, result.Right());
        Assert.EndsWith(": ok (request id REQ7) ", Assert.Single(logs.Lines));
    }

    [Fact]
    public async Task AChangeThatFailedBeforeTheHttpLayerSentIt_IsATransportError_NotOutcomeUnknown()
    {
        var call = CallInfo.Of("S3", "PutObject", ErrorTarget.Of("b", "k")).Mutating();
        var (tracked, _) = Logged(httpLayerTracksSends: true);
        var (untracked, _) = Logged(httpLayerTracksSends: false);

        var neverLeft = await AwsCall.RunAsync<string>(tracked, call, _ => throw new HttpRequestException("The response ended prematurely."), default).Left();
        var mayHaveLeft = await AwsCall.RunAsync<string>(untracked, call, _ => throw new HttpRequestException("The response ended prematurely."), default).Left();

        Assert.IsType<DomainError.Transport>(neverLeft);
        Assert.IsType<DomainError.OutcomeUnknown>(mayHaveLeft);
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(16, false)]
    public async Task ACredentialsFailure_IsFoundInTheExceptionChain_OnlyWithinSixteenLevels(int wrappers, bool found)
    {
        var inner = DomainError.NewAssumeRoleFailed("arn:aws:iam::123456789012:role/r", AwsErrorDetails.NoResponse("STS", "AssumeRole"));
        Exception thrown = new CredentialsFailedException(inner);
        for (var i = 0; i < wrappers; i++) thrown = new InvalidOperationException($"wrap {i}", thrown);

        var error = await Run(_ => throw thrown).Left();

        Assert.Equal(found, inner.Equals(error));
    }

    [Fact]
    public async Task AnOperationDeadlineThatPassedBeforeTheCall_IsATimeout_AndNothingIsSent()
    {
        var ran = false;
        // A change: had a request left, its lost answer would be OutcomeUnknown.
        var call = CallInfo.Of("S3", "PutObject", ErrorTarget.Of("b")).Mutating();
        var op = AwsOp.Of<string>(async (p, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // The operation's deadline passed; the call below starts after it.
            }

            return await AwsCall.RunAsync(p, call, _ => { ran = true; return Task.FromResult("x"); }, ct);
        });

        var error = await op.Timeout(TimeSpan.FromMilliseconds(20)).RunAsync(Provider).Left();

        Assert.False(ran);
        var timeout = Assert.IsType<DomainError.Timeout>(error);
        Assert.Equal(("S3", "PutObject", ""), (timeout.Details.Service, timeout.Details.Operation, timeout.Details.Code));
        Assert.StartsWith("S3 PutObject on 'b' timed out: no answer within the call deadline", error.ToString());
    }
}
