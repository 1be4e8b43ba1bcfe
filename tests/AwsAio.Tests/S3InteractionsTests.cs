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

/// <summary>
/// S3 bucket calls (S3Interactions.cs) over a mocked IAmazonS3: status, create, ensure and destroy, with SDK-shaped
/// responses and the SDK's own exception types.
/// </summary>
public sealed class S3InteractionsTests
{
    private const string Bucket = "awsaio-unit-bucket";
    private const string RequestId = S3Doubles.RequestId;

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;

    /// <summary>Every S3 operation in call order, so tests can check what ran and in which order.</summary>
    private readonly List<string> _log = [];

    public S3InteractionsTests()
    {
        _provider = S3Doubles.ProviderFor(_s3.Object);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static NoSuchBucketException NoSuchBucket() =>
        new("The specified bucket does not exist", ErrorType.Sender, "NoSuchBucket", RequestId, HttpStatusCode.NotFound);

    private static ResponseMetadata Metadata(string id = "REQ-OK") => new() { RequestId = id };

    private void HeadBucketReturns(HttpStatusCode status = HttpStatusCode.OK) =>
        _s3.Setup(s => s.HeadBucketAsync(It.IsAny<HeadBucketRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new HeadBucketResponse { HttpStatusCode = status, ResponseMetadata = Metadata() });

    private void HeadBucketThrows(Exception e) =>
        _s3.Setup(s => s.HeadBucketAsync(It.IsAny<HeadBucketRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(e);

    private List<PutBucketRequest> PutBucketReturnsOk()
    {
        var sent = new List<PutBucketRequest>();
        _s3.Setup(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>()))
            .Callback((PutBucketRequest r, CancellationToken _) => sent.Add(r))
            .ReturnsAsync(new PutBucketResponse { HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata() });
        return sent;
    }

    private void PutBucketThrows(Exception e) =>
        _s3.Setup(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(e);

    private void VerifyHeadBucketOnce() =>
        _s3.Verify(s => s.HeadBucketAsync(It.Is<HeadBucketRequest>(r => r.BucketName == Bucket), It.IsAny<CancellationToken>()),
            Times.Once);

    private void VerifyPutBucket(Times times) =>
        _s3.Verify(s => s.PutBucketAsync(It.IsAny<PutBucketRequest>(), It.IsAny<CancellationToken>()), times);

    private static S3ObjectVersion Version(string key, string versionId, bool deleteMarker = false) =>
        new()
        {
            Key = key, VersionId = versionId, IsDeleteMarker = deleteMarker, IsLatest = false, Size = deleteMarker ? null : 10,
            LastModified = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), ETag = deleteMarker ? null : "\"e\"",
        };

    private static ListVersionsResponse VersionsPage(IEnumerable<S3ObjectVersion>? versions, string? nextKey = null, string? nextVersion = null) =>
        new()
        {
            Name = Bucket, Versions = versions?.ToList(), IsTruncated = nextKey is not null, NextKeyMarker = nextKey,
            NextVersionIdMarker = nextVersion, MaxKeys = 1000, HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("REQ-LIST"),
        };

    private static DeleteObjectsResponse DeletedAll(DeleteObjectsRequest request) =>
        new()
        {
            // Quiet = false: S3 names every key it deleted (the answer must account for each one).
            DeletedObjects = request.Objects.Select(o => new DeletedObject { Key = o.Key, VersionId = o.VersionId }).ToList(),
            HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("REQ-DEL"),
        };

    private List<ListVersionsRequest> ListVersionsServes(Func<ListVersionsRequest, ListVersionsResponse> answer)
    {
        var sent = new List<ListVersionsRequest>();
        _s3.Setup(s => s.ListVersionsAsync(It.IsAny<ListVersionsRequest>(), It.IsAny<CancellationToken>()))
            .Returns((ListVersionsRequest r, CancellationToken _) =>
            {
                sent.Add(r);
                _log.Add("ListVersions");
                return Task.FromResult(answer(r));
            });
        return sent;
    }

    private void ListVersionsThrows(Exception e) =>
        _s3.Setup(s => s.ListVersionsAsync(It.IsAny<ListVersionsRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => _log.Add("ListVersions"))
            .ThrowsAsync(e);

    /// <summary>Each DeleteObjects request with its keys copied at call time.</summary>
    private List<(DeleteObjectsRequest Request, List<(string Key, string? VersionId)> Keys)> DeleteObjectsServes(
        Func<DeleteObjectsRequest, DeleteObjectsResponse> answer)
    {
        var sent = new List<(DeleteObjectsRequest, List<(string, string?)>)>();
        _s3.Setup(s => s.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>()))
            .Returns((DeleteObjectsRequest r, CancellationToken _) =>
            {
                sent.Add((r, r.Objects.Select(o => (o.Key, (string?)o.VersionId)).ToList()));
                _log.Add("DeleteObjects");
                return Task.FromResult(answer(r));
            });
        return sent;
    }

    private void DeleteBucketReturnsOk() =>
        _s3.Setup(s => s.DeleteBucketAsync(It.IsAny<DeleteBucketRequest>(), It.IsAny<CancellationToken>()))
            .Callback((DeleteBucketRequest _, CancellationToken _) => _log.Add("DeleteBucket"))
            .ReturnsAsync(new DeleteBucketResponse { HttpStatusCode = HttpStatusCode.NoContent, ResponseMetadata = Metadata() });

    private void DeleteBucketThrows(Exception e) =>
        _s3.Setup(s => s.DeleteBucketAsync(It.IsAny<DeleteBucketRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => _log.Add("DeleteBucket"))
            .ThrowsAsync(e);

    private void VerifyDeleteBucket(Times times) =>
        _s3.Verify(s => s.DeleteBucketAsync(It.Is<DeleteBucketRequest>(r => r.BucketName == Bucket), It.IsAny<CancellationToken>()), times);

    private void VerifyNoDeleteObjects() =>
        _s3.Verify(s => s.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>()), Times.Never);

    // ---- GetBucketStatus ------------------------------------------------------------------------------------------

    [Fact]
    public async Task GetBucketStatus_When200_ReturnsExistsHaveAccess_AfterExactlyOneHeadBucket()
    {
        HeadBucketReturns();

        var status = await S3Interactions.GetBucketStatusAsync(Bucket, _provider.Object).Right();

        Assert.Equal(BucketStatus.ExistsHaveAccess, status);
        VerifyHeadBucketOnce();
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetBucketStatus_When403_ReturnsExistsNoAccess()
    {
        // A HEAD response has no body: the SDK reports the bare status as the code.
        HeadBucketThrows(S3Error("Forbidden", HttpStatusCode.Forbidden, "Forbidden"));

        var status = await S3Interactions.GetBucketStatusAsync(Bucket, _provider.Object).Right();

        Assert.Equal(BucketStatus.ExistsNoAccess, status);
        VerifyHeadBucketOnce();
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetBucketStatus_When404NotFound_ReturnsDoesNotExist()
    {
        HeadBucketThrows(S3Error("NotFound", HttpStatusCode.NotFound, "Not Found"));

        Assert.Equal(BucketStatus.DoesNotExist, await S3Interactions.GetBucketStatusAsync(Bucket, _provider.Object).Right());
        VerifyHeadBucketOnce();
    }

    [Fact]
    public async Task GetBucketStatus_WhenNoSuchBucket_ReturnsDoesNotExist()
    {
        HeadBucketThrows(NoSuchBucket());

        Assert.Equal(BucketStatus.DoesNotExist, await S3Interactions.GetBucketStatusAsync(Bucket, _provider.Object).Right());
        VerifyHeadBucketOnce();
    }

    [Fact]
    public async Task GetBucketStatus_When500InternalError_ReturnsServiceUnavailable()
    {
        HeadBucketThrows(S3Error("InternalError", HttpStatusCode.InternalServerError, "We encountered an internal error."));

        var error = await S3Interactions.GetBucketStatusAsync(Bucket, _provider.Object).Left();

        var unavailable = Assert.IsType<DomainError.ServiceUnavailable>(error);
        Assert.Equal(AwsErrorDetails.Of("S3", "HeadBucket", "InternalError", "We encountered an internal error.", 500, RequestId).On(ErrorTarget.Of(Bucket)),
            unavailable.Details);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task GetBucketStatus_WhenTheCodeIsUnknown_ReturnsUnexpected_KeepingCodeMessageStatusRequestIdAndException()
    {
        var thrown = S3Error("Teapot", (HttpStatusCode)418, "I'm a teapot");
        HeadBucketThrows(thrown);

        var error = await S3Interactions.GetBucketStatusAsync(Bucket, _provider.Object).Left();

        var unexpected = Assert.IsType<DomainError.Unexpected>(error);
        Assert.Equal(AwsErrorDetails.Of("S3", "HeadBucket", "Teapot", "I'm a teapot", 418, RequestId).On(ErrorTarget.Of(Bucket)), unexpected.Details);
        Assert.Same(thrown, unexpected.Exception);
    }

    [Theory]
    [InlineData("Invalid_Bucket")]
    [InlineData("ab")]
    [InlineData("-starts-with-hyphen")]
    [InlineData("192.168.1.1")]
    public async Task GetBucketStatus_WithAnInvalidBucketName_ReturnsInvalidInput_BeforeAnyRequest(string bucket)
    {
        var error = await S3Interactions.GetBucketStatusAsync(bucket, _provider.Object).Left();

        Assert.Equal("bucket name", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }

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

    // ---- DestroyBucket --------------------------------------------------------------------------------------------

    [Fact]
    public async Task DestroyBucket_OverTwoPagesOfVersionsAndDeleteMarkers_DeletesEachPageThenTheBucket()
    {
        var page1 = new[]
        {
            Version("logs/2026:01", "v1"), Version("logs/2026:01", "dm1", deleteMarker: true), Version("readme.txt", "v2"),
        };
        var page2 = new[] { Version("zeta", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"), Version("zeta", "dm2", deleteMarker: true) };
        var listed = ListVersionsServes(r => r.KeyMarker is null
            ? VersionsPage(page1, nextKey: "readme.txt", nextVersion: "v2/+=")
            : VersionsPage(page2));
        var deleted = DeleteObjectsServes(DeletedAll);
        DeleteBucketReturnsOk();

        var result = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object);

        Assert.Equal(Prelude.unit, result.Right());
        Assert.Equal(2, listed.Count);
        Assert.All(listed, r => Assert.Equal(Bucket, r.BucketName));
        Assert.All(listed, r => Assert.Equal(1000, r.MaxKeys));
        Assert.Null(listed[0].KeyMarker);
        Assert.Null(listed[0].VersionIdMarker);
        Assert.Equal("readme.txt", listed[1].KeyMarker);
        Assert.Equal("v2/+=", listed[1].VersionIdMarker);

        Assert.Equal(2, deleted.Count);
        Assert.All(deleted, d => Assert.Equal(Bucket, d.Request.BucketName));
        Assert.All(deleted, d => Assert.False(d.Request.Quiet));
        Assert.Equal([("logs/2026:01", "v1"), ("logs/2026:01", "dm1"), ("readme.txt", "v2")], deleted[0].Keys);
        Assert.Equal([("zeta", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"), ("zeta", "dm2")], deleted[1].Keys);

        Assert.Equal(["ListVersions", "DeleteObjects", "ListVersions", "DeleteObjects", "DeleteBucket"], _log);
        VerifyDeleteBucket(Times.Once());
    }

    [Fact]
    public async Task DestroyBucket_WithAPageOf1000Versions_SendsOneDeleteObjectsOf1000()
    {
        var versions = Enumerable.Range(0, 1000).Select(i => Version($"k/{i:D4}", $"v{i}")).ToArray();
        ListVersionsServes(_ => VersionsPage(versions));
        var deleted = DeleteObjectsServes(DeletedAll);
        DeleteBucketReturnsOk();

        await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Right();

        var only = Assert.Single(deleted);
        Assert.Equal(1000, only.Keys.Count);
        Assert.Equal(versions.Select(v => (v.Key, (string?)v.VersionId)), only.Keys);
        VerifyDeleteBucket(Times.Once());
    }

    [Fact]
    public async Task DestroyBucket_WithAnOversizedPage_NeverSendsMoreThan1000KeysPerDeleteObjects()
    {
        // S3 caps a page at MaxKeys, but an S3-compatible store may not: the batches must still respect the limit.
        var versions = Enumerable.Range(0, 2500).Select(i => Version($"k/{i:D4}", $"v{i}")).ToArray();
        ListVersionsServes(_ => VersionsPage(versions));
        var deleted = DeleteObjectsServes(DeletedAll);
        DeleteBucketReturnsOk();

        await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Right();

        Assert.Equal([1000, 1000, 500], deleted.Select(d => d.Keys.Count));
        Assert.Equal(versions.Select(v => (v.Key, (string?)v.VersionId)), deleted.SelectMany(d => d.Keys));
    }

    [Fact]
    public async Task DestroyBucket_WhenDeleteObjectsReportsErrors_ReturnsObjectsNotDeleted_AndKeepsTheBucket()
    {
        ListVersionsServes(_ => VersionsPage([Version("a.txt", "va"), Version("b.txt", "vb"), Version("c.txt", "vc")]));
        DeleteObjectsServes(_ => new DeleteObjectsResponse
        {
            DeletedObjects = [new DeletedObject { Key = "b.txt", VersionId = "vb" }],
            DeleteErrors =
            [
                new DeleteError { Key = "a.txt", VersionId = "va", Code = "AccessDenied", Message = "Access Denied" },
                new DeleteError { Key = "c.txt", VersionId = "vc", Code = "InternalError", Message = "We encountered an internal error." },
            ],
            HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("REQ-DEL"),
        });
        DeleteBucketReturnsOk();

        var error = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Left();

        AssertObjectsNotDeleted(error, "REQ-DEL");
        VerifyDeleteBucket(Times.Never());
    }

    [Fact]
    public async Task DestroyBucket_WhenDeleteObjectsAnswersWithoutAccountingForEveryKey_ReturnsMalformedResponse_AndKeepsTheBucket()
    {
        // A 200 that is not a DeleteObjects result (a proxy page, an empty body) reads as no deletions and no errors:
        // with Quiet it would have looked like complete success.
        ListVersionsServes(_ => VersionsPage([Version("a.txt", "va"), Version("b.txt", "vb")]));
        DeleteObjectsServes(_ => new DeleteObjectsResponse
        {
            DeletedObjects = [new DeletedObject { Key = "b.txt", VersionId = "vb" }],
            HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("REQ-HTML"),
        });
        DeleteBucketReturnsOk();

        var error = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Left();

        var malformed = Assert.IsType<DomainError.MalformedResponse>(error);
        Assert.Contains("1 of the 2 keys", malformed.Reason);
        Assert.Equal("REQ-HTML", malformed.Details.RequestId);
        VerifyDeleteBucket(Times.Never());
    }

    [Fact]
    public async Task DestroyBucket_WhenDeleteObjectsThrowsDeleteObjectsException_ReturnsObjectsNotDeleted_AndKeepsTheBucket()
    {
        ListVersionsServes(_ => VersionsPage([Version("a.txt", "va"), Version("b.txt", "vb"), Version("c.txt", "vc")]));
        var partial = new DeleteObjectsResponse
        {
            DeletedObjects = [new DeletedObject { Key = "b.txt", VersionId = "vb" }],
            DeleteErrors =
            [
                new DeleteError { Key = "a.txt", VersionId = "va", Code = "AccessDenied", Message = "Access Denied" },
                new DeleteError { Key = "c.txt", VersionId = "vc", Code = "InternalError", Message = "We encountered an internal error." },
            ],
            HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("REQ-PARTIAL"),
        };
        _s3.Setup(s => s.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DeleteObjectsException(partial));
        DeleteBucketReturnsOk();

        var error = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Left();

        AssertObjectsNotDeleted(error, "REQ-PARTIAL");
        VerifyDeleteBucket(Times.Never());
    }

    private static void AssertObjectsNotDeleted(DomainError error, string requestId)
    {
        var notDeleted = Assert.IsType<DomainError.ObjectsNotDeleted>(error);
        Assert.Equal(Bucket, notDeleted.Bucket);
        Assert.Equal(2, notDeleted.Failures.Count);

        var first = notDeleted.Failures[0];
        Assert.Equal(("a.txt", "va"), (first.Key, first.VersionId));
        var denied = Assert.IsType<DomainError.AccessDenied>(first.Error);
        Assert.Equal(AwsErrorDetails.Of("S3", "DeleteObject", "AccessDenied", "Access Denied", 0, requestId).On(ErrorTarget.Of(Bucket, "a.txt")), denied.Details);

        var second = notDeleted.Failures[1];
        Assert.Equal(("c.txt", "vc"), (second.Key, second.VersionId));
        var failed = Assert.IsType<DomainError.ServiceUnavailable>(second.Error);
        Assert.Equal("InternalError", failed.Details.Code);
    }

    [Fact]
    public async Task DestroyBucket_WhenListVersionsSaysNoSuchBucket_Succeeds_WithoutAnyOtherRequest()
    {
        ListVersionsThrows(NoSuchBucket());

        var result = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object);

        Assert.Equal(Prelude.unit, result.Right());
        _s3.Verify(s => s.ListVersionsAsync(It.Is<ListVersionsRequest>(r => r.BucketName == Bucket), It.IsAny<CancellationToken>()),
            Times.Once);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task DestroyBucket_WhenListVersionsIsDenied_ReturnsBucketAccessDenied_NeverASilentSkip()
    {
        ListVersionsThrows(S3Error("AccessDenied", HttpStatusCode.Forbidden, "Access Denied"));

        var error = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Left();

        var denied = Assert.IsType<DomainError.BucketAccessDenied>(error);
        Assert.Equal(Bucket, denied.Bucket);
        Assert.Equal("ListObjectVersions", denied.Details.Operation);
        VerifyNoDeleteObjects();
        VerifyDeleteBucket(Times.Never());
    }

    [Fact]
    public async Task DestroyBucket_WhenListVersionsAnswersABare404WithoutNoSuchBucket_ReturnsLeft_NotSuccess()
    {
        ListVersionsThrows(S3Error("NotFound", HttpStatusCode.NotFound, "Not Found"));

        var error = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Left();

        var missing = Assert.IsType<DomainError.BucketDoesNotExist>(error);
        Assert.Equal("NotFound", missing.Details.Code);
        VerifyNoDeleteObjects();
        VerifyDeleteBucket(Times.Never());
    }

    [Fact]
    public async Task DestroyBucket_WhenDeleteBucketSaysNoSuchBucket_Succeeds()
    {
        ListVersionsServes(_ => VersionsPage(null));
        DeleteBucketThrows(NoSuchBucket());

        var result = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object);

        Assert.Equal(Prelude.unit, result.Right());
        VerifyNoDeleteObjects();
        VerifyDeleteBucket(Times.Once());
    }

    [Fact]
    public async Task DestroyBucket_WhenDeleteBucketSaysBucketNotEmpty_ReturnsConflict()
    {
        ListVersionsServes(_ => VersionsPage([]));
        DeleteBucketThrows(S3Error("BucketNotEmpty", HttpStatusCode.Conflict, "The bucket you tried to delete is not empty"));

        var error = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Left();

        var conflict = Assert.IsType<DomainError.Conflict>(error);
        Assert.Equal(AwsErrorDetails.Of("S3", "DeleteBucket", "BucketNotEmpty", "The bucket you tried to delete is not empty", 409, RequestId).On(ErrorTarget.Of(Bucket)),
            conflict.Details);
        VerifyDeleteBucket(Times.Once());
    }

    [Fact]
    public async Task DestroyBucket_WhenListVersionsIsNotSupported405_FallsBackToListObjectsV2_AndDeletesKeysWithoutVersions()
    {
        ListVersionsThrows(S3Error("MethodNotAllowed", HttpStatusCode.MethodNotAllowed,
            "The specified method is not allowed against this resource."));
        var listedV2 = new List<ListObjectsV2Request>();
        _s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
            .Returns((ListObjectsV2Request r, CancellationToken _) =>
            {
                listedV2.Add(r);
                _log.Add("ListObjectsV2");
                var first = r.ContinuationToken is null;
                return Task.FromResult(new ListObjectsV2Response
                {
                    Name = Bucket,
                    S3Objects = first
                        ? [new Amazon.S3.Model.S3Object { Key = "a.txt", Size = 1 }, new Amazon.S3.Model.S3Object { Key = "b/c.txt", Size = 2 }]
                        : [new Amazon.S3.Model.S3Object { Key = "d.txt", Size = 3 }],
                    IsTruncated = first, NextContinuationToken = first ? "next-1" : null,
                    HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata(),
                });
            });
        var deleted = DeleteObjectsServes(DeletedAll);
        DeleteBucketReturnsOk();

        var result = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object);

        Assert.Equal(Prelude.unit, result.Right());
        Assert.Equal([null, "next-1"], listedV2.Select(r => r.ContinuationToken));
        Assert.All(listedV2, r => Assert.Equal(Bucket, r.BucketName));
        Assert.Equal(2, deleted.Count);
        Assert.Equal([("a.txt", null), ("b/c.txt", null)], deleted[0].Keys);
        Assert.Equal([("d.txt", (string?)null)], deleted[1].Keys);
        Assert.All(deleted, d => Assert.False(d.Request.Quiet));
        Assert.Equal(["ListVersions", "ListObjectsV2", "DeleteObjects", "ListObjectsV2", "DeleteObjects", "DeleteBucket"], _log);
    }

    [Fact]
    public async Task DestroyBucket_WithAnInvalidBucketName_ReturnsInvalidInput_BeforeAnyRequest()
    {
        var error = await S3Interactions.DestroyBucketAsync("UPPER.case", _provider.Object).Left();

        Assert.IsType<DomainError.InvalidInput>(error);
        _s3.VerifyNoOtherCalls();
    }
}
