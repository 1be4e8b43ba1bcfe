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
public sealed partial class S3InteractionsTests
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

}
