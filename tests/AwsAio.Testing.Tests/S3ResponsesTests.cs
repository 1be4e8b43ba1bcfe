using Amazon.S3;
using Xunit;
using static AwsAio.Testing.Tests.Support.Sampling;

namespace AwsAio.Testing.Tests;

/// <summary>Generated S3 answers hold the v4 SDK's nulls (collections included), odd values, and every body shape.</summary>
public sealed class S3ResponsesTests
{
    [Fact]
    public void ListObjectsV2_HasNullEmptyAndFilledPages_AndNullTokensAndFlags()
    {
        var samples = Draw(S3Responses.ListObjectsV2());

        ShareBetween(samples, r => r.S3Objects is null, 0.08, 0.30, "null S3Objects");
        Assert.Contains(samples, r => r.S3Objects is { Count: 0 });
        Assert.Contains(samples, r => r.S3Objects is { Count: > 0 });
        Assert.Contains(samples, r => r.CommonPrefixes is null);
        Assert.Contains(samples, r => r.IsTruncated is null);
        Assert.Contains(samples, r => r.NextContinuationToken is null);
        Assert.Contains(samples, r => r.KeyCount is null);
    }

    [Fact]
    public void Objects_HaveNullKeysSizesDatesAndStorageClasses()
    {
        var objects = Draw(S3Responses.Object());

        Assert.Contains(objects, o => o.Key is null);
        Assert.Contains(objects, o => o.Key == "");
        Assert.Contains(objects, o => o.Size is null);
        Assert.Contains(objects, o => o.Size < 0);
        Assert.Contains(objects, o => o.LastModified is null);
        Assert.Contains(objects, o => o.StorageClass is null);
        Assert.Contains(objects, o => o.ETag is null);
        Assert.Contains(objects, o => o.ChecksumAlgorithm is null);
        Assert.Contains(objects, o => o.Owner is null);
    }

    [Fact]
    public void ListVersions_HasNullVersionsAndMarkers_AndDeleteMarkersAndNullVersionIds()
    {
        var pages = Draw(S3Responses.ListVersions());
        var versions = Draw(S3Responses.ObjectVersion());

        Assert.Contains(pages, r => r.Versions is null);
        Assert.Contains(pages, r => r.NextKeyMarker is null && r.NextVersionIdMarker is not null);
        Assert.Contains(versions, v => v.IsDeleteMarker == true);
        Assert.Contains(versions, v => v.VersionId is null);
        Assert.Contains(versions, v => v.VersionId == "null");
    }

    [Fact]
    public void GetObject_HasNoBodyCompleteBodiesAndBodiesCutOff_AndUserMetadata()
    {
        var samples = Draw(S3Responses.GetObject());
        var bodies = samples.Select(r => r.ResponseStream as ScriptedBody).ToList();

        ShareBetween(bodies, b => b is null, 0.03, 0.2, "responses without a body");
        ShareBetween(bodies, b => b is { Completes: true }, 0.4, 0.75, "complete bodies");
        ShareBetween(bodies, b => b is { Completes: false }, 0.15, 0.45, "bodies cut off");
        Assert.Contains(bodies, b => b is { Completes: true, Content.Count: 0 });
        Assert.Contains(bodies, b => b is { MaxChunk: 1 });
        Assert.Contains(samples, r => r.Metadata.Count == 0);
        Assert.Contains(samples, r => r.Metadata.Count > 1);
        Assert.Contains(samples, r => r.Metadata.Keys.Any(k => k == "x-amz-meta-"));
    }

    [Fact]
    public void GetObjectMetadata_HasEmptyAndFilledUserMetadata()
    {
        var samples = Draw(S3Responses.GetObjectMetadata());

        Assert.Contains(samples, r => r.Metadata.Count == 0);
        Assert.Contains(samples, r => r.Metadata.Keys.Any(k => r.Metadata[k] == ""));
    }

    [Fact]
    public void DeleteObjects_IsMostlyClean_ButSometimesListsRefusedKeysWithNullFields()
    {
        var samples = Draw(S3Responses.DeleteObjects());

        Assert.Contains(samples, r => r.DeleteErrors is null);
        Assert.Contains(samples, r => r.DeleteErrors is { Count: 0 });
        Assert.Contains(samples, r => r.DeleteErrors is { Count: > 0 });
        var errors = samples.Where(r => r.DeleteErrors is not null).SelectMany(r => r.DeleteErrors).ToList();
        Assert.Contains(errors, e => e.Key is null);
        Assert.Contains(errors, e => e.Code is null);
        Assert.Contains(errors, e => e.Message is null);
    }

    [Fact]
    public void DeleteObjectsPartial_AlwaysCarriesAResponseWithAtLeastOneRefusedKey_AsTheSdkThrowsIt()
    {
        var samples = Draw(S3Responses.DeleteObjectsPartial(), 1000);

        Assert.All(samples, e =>
        {
            Assert.IsType<DeleteObjectsException>(e);
            Assert.NotNull(e.Response);
            Assert.NotEmpty(e.Response.DeleteErrors);
            Assert.Null(e.ErrorCode);
            Assert.Equal(0, (int)e.StatusCode);
        });
        Assert.Contains(samples, e => e.Response.DeletedObjects is null);
    }

    [Fact]
    public void HeadPutAndDeleteBucket_AndPutObject_AreFreshResponsesWithOptionalFieldsMissing()
    {
        Assert.Contains(Draw(S3Responses.HeadBucket()), r => r.BucketRegion is null);
        Assert.Contains(Draw(S3Responses.PutBucket()), r => r.Location is null);
        Assert.Contains(Draw(S3Responses.PutObject()), r => r.ETag is null && r.VersionId is null);
        var deletes = Draw(S3Responses.DeleteBucket(), 300);
        Assert.Equal(deletes.Length, deletes.Distinct(ReferenceEqualityComparer.Instance).Count());
    }
}
