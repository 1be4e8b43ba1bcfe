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

/// <summary>DestroyBucket over a mocked IAmazonS3: versions and delete markers in batches, every key accounted for, the bucket last.</summary>
public sealed partial class S3InteractionsTests
{
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
    public async Task DestroyBucket_WhenTheVersionListingHandsBackAMarkerTwice_StopsWithThatAnomaly_AndKeepsTheBucket()
    {
        // Page 2 names page 2 again as the next one: a listing that would never end.
        var listed = ListVersionsServes(r => r.KeyMarker is null
            ? VersionsPage([Version("a", "v1")], nextKey: "a", nextVersion: "v1")
            : VersionsPage([Version("b", "v2")], nextKey: "a", nextVersion: "v1"));
        var deleted = DeleteObjectsServes(DeletedAll);
        DeleteBucketReturnsOk();

        var error = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Left();

        var anomaly = Assert.IsType<DomainError.PaginationAnomaly>(error);
        Assert.Equal("ListObjectVersions", anomaly.Operation);
        Assert.Equal(2, Assert.IsType<PaginationAnomaly.RepeatedToken>(anomaly.Anomaly).Page);
        Assert.Equal(2, listed.Count);
        Assert.Equal([[("a", "v1")], [("b", "v2")]], deleted.Select(d => d.Keys));
        VerifyDeleteBucket(Times.Never());
    }

    [Fact]
    public async Task DestroyBucket_WhenAVersionPageSaysTruncatedWithoutAMarker_StopsWithThatAnomaly_AndKeepsTheBucket()
    {
        ListVersionsServes(_ =>
        {
            var page = VersionsPage([Version("a", "v1")]);
            page.IsTruncated = true;
            return page;
        });
        var deleted = DeleteObjectsServes(DeletedAll);
        DeleteBucketReturnsOk();

        var error = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Left();

        var anomaly = Assert.IsType<DomainError.PaginationAnomaly>(error);
        Assert.Equal(PaginationAnomaly.NewTruncatedWithoutToken(1), anomaly.Anomaly);
        Assert.Single(deleted);
        VerifyDeleteBucket(Times.Never());
    }

    [Fact]
    public async Task DestroyBucket_WithAnInvalidBucketName_ReturnsInvalidInput_BeforeAnyRequest()
    {
        var error = await S3Interactions.DestroyBucketAsync("UPPER.case", _provider.Object).Left();

        Assert.IsType<DomainError.InvalidInput>(error);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task DestroyBucket_WhenALaterVersionPageIsRefusedAsNotSupported_IsAnError_NotAFallback()
    {
        var notImplemented = S3Error("NotImplemented", HttpStatusCode.NotImplemented, "A header you provided implies functionality that is not implemented");
        ListVersionsServes(r => r.KeyMarker is null
            ? VersionsPage([Version("a", "v1")], nextKey: "a", nextVersion: "v1")
            : throw notImplemented);
        DeleteObjectsServes(DeletedAll);

        var error = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object).Left();

        Assert.Equal("NotImplemented", error.ErrorDetails.Code);
        _s3.Verify(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()), Times.Never);
        VerifyDeleteBucket(Times.Never());
    }
}
