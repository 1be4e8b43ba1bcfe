using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using static AwsAio.Tests.Support.S3Doubles;
using LanguageExt;
using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>CreateBucket and EnsureBucketExists over a mocked IAmazonS3: regions verbatim, goals decided by code, at most two requests.</summary>
public sealed partial class S3InteractionsTests
{
    // ---- CreateBucket ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task CreateBucket_InUsEast1_SendsNoLocationConstraint()
    {
        _provider.Setup(p => p.Region).Returns("us-east-1");
        var sent = PutBucketReturnsOk();

        await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Right();

        var request = Assert.Single(sent);
        Assert.Equal(Bucket, request.BucketName);
        Assert.Null(request.PutBucketConfiguration);
        _provider.Verify(p => p.GetEnvironmentAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CreateBucket_InEuWest1_SendsTheRegionAsLocationConstraint()
    {
        _provider.Setup(p => p.Region).Returns("eu-west-1");
        var sent = PutBucketReturnsOk();

        await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Right();

        var request = Assert.Single(sent);
        Assert.Equal(Bucket, request.BucketName);
        Assert.Equal("eu-west-1", request.PutBucketConfiguration.LocationConstraint.Value);
    }

    [Fact]
    public async Task CreateBucket_WhenTheProviderKnowsNoRegion_TakesTheS3ClientsRegion_WithoutAnyStsCall()
    {
        _provider.Setup(p => p.Region).Returns((string?)null);
        _s3.Setup(s => s.Config).Returns(new AmazonS3Config { RegionEndpoint = Amazon.RegionEndpoint.APSoutheast2 });
        var sent = PutBucketReturnsOk();

        await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Right();

        Assert.Equal("ap-southeast-2", Assert.Single(sent).PutBucketConfiguration.LocationConstraint.Value);
        _provider.Verify(p => p.GetEnvironmentAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CreateBucket_WhenTheClientHasOnlyAnEndpointAndSigningRegion_UsesTheSigningRegion()
    {
        _provider.Setup(p => p.Region).Returns((string?)null);
        _s3.Setup(s => s.Config).Returns(new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "eu-north-1" });
        var sent = PutBucketReturnsOk();

        await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Right();

        Assert.Equal("eu-north-1", Assert.Single(sent).PutBucketConfiguration.LocationConstraint.Value);
    }

    [Fact]
    public async Task CreateBucket_WhenNeitherProviderNorClientHasARegion_IsRegionUnresolved_WithoutARequest()
    {
        _provider.Setup(p => p.Region).Returns((string?)null);
        _s3.Setup(s => s.Config).Returns(new AmazonS3Config { ServiceURL = "http://127.0.0.1:9" });

        var error = await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Left();

        Assert.IsType<DomainError.RegionUnresolved>(error);
        _provider.Verify(p => p.GetEnvironmentAsync(It.IsAny<CancellationToken>()), Times.Never);
        _s3.Verify(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static IEnumerable<Exception> ClientFailureRows() =>
    [
        new AmazonClientException("No RegionEndpoint or ServiceURL configured"),
        new InvalidOperationException("the provider was disposed"),
        new TypeInitializationException("Amazon.RegionEndpoint", new InvalidOperationException("endpoints.json is damaged")),
    ];

    public static TheoryData<string> ClientFailures() => Rows.Named(ClientFailureRows(), e => e.GetType().Name);

    [Theory]
    [MemberData(nameof(ClientFailures))]
    public async Task CreateBucket_WhenNoRegionIsKnown_AndTheS3ClientCannotBeHad_IsRegionUnresolved_WithoutARequest(string row)
    {
        var thrown = Rows.Pick(ClientFailureRows(), row);
        _provider.Setup(p => p.Region).Returns((string?)null);
        _provider.Setup(p => p.GetS3()).Throws(thrown);

        var error = await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Left();

        Assert.Equal(DomainError.NewRegionUnresolved("the provider names no region and its S3 client has none configured"), error);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CreateBucket_WhenNoRegionIsKnown_AndTheS3ClientHasNoConfig_IsRegionUnresolved()
    {
        _provider.Setup(p => p.Region).Returns((string?)null);
        _s3.Setup(s => s.Config).Returns((IClientConfig)null!);

        var error = await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Left();

        Assert.IsType<DomainError.RegionUnresolved>(error);
        _s3.Verify(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CreateBucket_WhenBucketAlreadyOwnedByYou_Succeeds()
    {
        PutBucketThrows(new BucketAlreadyOwnedByYouException(
            "Your previous request to create the named bucket succeeded and you already own it.",
            ErrorType.Sender, "BucketAlreadyOwnedByYou", RequestId, HttpStatusCode.Conflict));

        var result = await S3Interactions.CreateBucketAsync(Bucket, _provider.Object);

        Assert.Equal(Prelude.unit, result.Right());
        VerifyPutBucket(Times.Once());
    }

    [Fact]
    public async Task CreateBucket_WhenBucketAlreadyExists_ReturnsBucketNameNotAvailable()
    {
        PutBucketThrows(new BucketAlreadyExistsException(
            "The requested bucket name is not available.", ErrorType.Sender, "BucketAlreadyExists", RequestId, HttpStatusCode.Conflict));

        var error = await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Left();

        var taken = Assert.IsType<DomainError.BucketNameNotAvailable>(error);
        Assert.Equal(Bucket, taken.Bucket);
        Assert.Equal(AwsErrorDetails.Of("S3", "CreateBucket", "BucketAlreadyExists", "The requested bucket name is not available.", 409,
            RequestId).On(ErrorTarget.Of(Bucket)), taken.Details);
    }

    [Fact]
    public async Task CreateBucket_WhenAccessDenied_ReturnsAccessDenied()
    {
        PutBucketThrows(S3Error("AccessDenied", HttpStatusCode.Forbidden, "Access Denied"));

        var error = await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Left();

        var denied = Assert.IsType<DomainError.AccessDenied>(error);
        Assert.Equal("AccessDenied", denied.Details.Code);
        Assert.Equal("CreateBucket", denied.Details.Operation);
        Assert.Equal(403, denied.Details.HttpStatus);
    }

    [Theory]
    [InlineData("OperationAborted", HttpStatusCode.Conflict)]
    [InlineData("IllegalLocationConstraintException", HttpStatusCode.BadRequest)]
    [InlineData("Teapot", (HttpStatusCode)418)]
    public async Task CreateBucket_WhenOnlyTheMessageMentionsBucketAlreadyOwnedByYou_IsNotSuccess(string code, HttpStatusCode status)
    {
        PutBucketThrows(S3Error(code, status, "BucketAlreadyOwnedByYou: a conflicting operation is in progress"));

        var error = await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Left();

        Assert.Equal(code, error.ErrorDetails.Code);
        Assert.Equal((int)status, error.ErrorDetails.HttpStatus);
    }

    [Fact]
    public async Task CreateBucket_WhenTheCodeIsUnknown_ReturnsUnexpected_KeepingTheCodeAndException()
    {
        var thrown = S3Error("BrandNewS3Error", HttpStatusCode.BadRequest, "something new");
        PutBucketThrows(thrown);

        var error = await S3Interactions.CreateBucketAsync(Bucket, _provider.Object).Left();

        var unexpected = Assert.IsType<DomainError.Unexpected>(error);
        Assert.Equal(AwsErrorDetails.Of("S3", "CreateBucket", "BrandNewS3Error", "something new", 400, RequestId).On(ErrorTarget.Of(Bucket)), unexpected.Details);
        Assert.Same(thrown, unexpected.Exception);
    }

    [Fact]
    public async Task CreateBucket_WithAnInvalidBucketName_ReturnsInvalidInput_BeforeAnyRequest()
    {
        var error = await S3Interactions.CreateBucketAsync("Not_A_Bucket", _provider.Object).Left();

        Assert.IsType<DomainError.InvalidInput>(error);
        _s3.VerifyNoOtherCalls();
        _provider.Verify(p => p.GetEnvironmentAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    // ---- EnsureBucketExists ---------------------------------------------------------------------------------------

    [Fact]
    public async Task EnsureBucketExists_WhenTheBucketExists_MakesOnlyTheHeadBucketRequest()
    {
        HeadBucketReturns();

        var result = await S3Interactions.EnsureBucketExistsAsync(Bucket, _provider.Object);

        Assert.Equal(Prelude.unit, result.Right());
        VerifyHeadBucketOnce();
        VerifyPutBucket(Times.Never());
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EnsureBucketExists_WhenTheBucketIsMissing_HeadsThenCreates_InTwoRequests()
    {
        var order = new List<string>();
        _s3.Setup(s => s.HeadBucketAsync(It.IsAny<HeadBucketRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("HeadBucket"))
            .ThrowsAsync(S3Error("NotFound", HttpStatusCode.NotFound, "Not Found"));
        _s3.Setup(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => order.Add("PutBucket"))
            .ReturnsAsync(new PutBucketResponse { HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata() });

        await S3Interactions.EnsureBucketExistsAsync(Bucket, _provider.Object).Right();

        Assert.Equal(["HeadBucket", "PutBucket"], order);
        VerifyHeadBucketOnce();
        _s3.Verify(s => s.PutBucketAsync(It.Is<PutBucketRequest>(r => r.BucketName == Bucket && r.PutBucketConfiguration.LocationConstraint.Value == "eu-west-1"),
            It.IsAny<CancellationToken>()), Times.Once);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EnsureBucketExists_When403_ReturnsCouldNotEnsureBucketExists_WithBucketAccessDenied_AndDoesNotCreate()
    {
        HeadBucketThrows(S3Error("Forbidden", HttpStatusCode.Forbidden, "Forbidden"));

        var error = await S3Interactions.EnsureBucketExistsAsync(Bucket, _provider.Object).Left();

        var couldNot = Assert.IsType<DomainError.CouldNotEnsureBucketExists>(error);
        Assert.Equal(Bucket, couldNot.Bucket);
        var denied = Assert.IsType<DomainError.BucketAccessDenied>(couldNot.Cause);
        Assert.Equal(Bucket, denied.Bucket);
        Assert.Equal(403, denied.Details.HttpStatus);
        VerifyPutBucket(Times.Never());
    }

    [Fact]
    public async Task EnsureBucketExists_WhenMissingAndTheNameIsTaken_ReturnsCouldNotEnsureBucketExists_WithBucketNameNotAvailable()
    {
        HeadBucketThrows(NoSuchBucket());
        PutBucketThrows(new BucketAlreadyExistsException(
            "The requested bucket name is not available.", ErrorType.Sender, "BucketAlreadyExists", "REQ-PUT", HttpStatusCode.Conflict));

        var error = await S3Interactions.EnsureBucketExistsAsync(Bucket, _provider.Object).Left();

        var couldNot = Assert.IsType<DomainError.CouldNotEnsureBucketExists>(error);
        Assert.Equal(Bucket, couldNot.Bucket);
        var taken = Assert.IsType<DomainError.BucketNameNotAvailable>(couldNot.Cause);
        Assert.Equal("REQ-PUT", taken.Details.RequestId);
        VerifyHeadBucketOnce();
        VerifyPutBucket(Times.Once());
    }

    [Fact]
    public async Task EnsureBucketExists_WhenHeadBucketIsThrottled_ReturnsThrottledAsIs_AndDoesNotCreate()
    {
        HeadBucketThrows(S3Error("SlowDown", HttpStatusCode.ServiceUnavailable, "Please reduce your request rate."));

        var error = await S3Interactions.EnsureBucketExistsAsync(Bucket, _provider.Object).Left();

        var throttled = Assert.IsType<DomainError.Throttled>(error);
        Assert.Equal(AwsErrorDetails.Of("S3", "HeadBucket", "SlowDown", "Please reduce your request rate.", 503, RequestId).On(ErrorTarget.Of(Bucket)), throttled.Details);
        VerifyPutBucket(Times.Never());
    }
}
