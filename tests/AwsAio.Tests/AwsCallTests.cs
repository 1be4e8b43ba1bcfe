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
}
