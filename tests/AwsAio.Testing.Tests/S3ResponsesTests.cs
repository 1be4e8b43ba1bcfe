using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
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
    public void DeleteObjectsAnswers_DeleteTheBatch_RefuseSomeKeys_ForgetOne_AnswerAboutOthers_OrFail()
    {
        var request = new DeleteObjectsRequest
        {
            BucketName = "awsaio-logs",
            Objects = [new KeyVersion { Key = "a", VersionId = "1" }, new KeyVersion { Key = "b" }, new KeyVersion { Key = "c" }],
        };
        var asked = request.Objects.Select(o => ObjectVersion.Of(o.Key, o.VersionId)).ToArray();
        var answers = Draw(S3Responses.DeleteObjectsAnswers()).Select(r => r.Respond(request)).ToList();

        // What AwsAio's core makes of an answer: every key accounted for (refused ones as failures), or malformed.
        Microsoft.FSharp.Core.FSharpResult<IReadOnlyList<DeleteFailure>, DomainError> Read(DeleteObjectsResponse r) => S3Rules.DeleteOutcome("b", asked,
            (r.DeletedObjects ?? []).Select(d => ObjectVersion.Of(d.Key ?? "", d.VersionId)).ToArray(),
            (r.DeleteErrors ?? []).Select(e => new RefusedDelete(e.Key ?? "", e.VersionId ?? "", e.Code ?? "", e.Message ?? "")).ToArray(), 200, "");
        var responses = answers.Where(a => a.Succeeds).Select(a => a.Response!).ToList();
        var partial = answers.Select(a => a.Error).OfType<DeleteObjectsException>().Select(e => e.Response).ToList();

        Assert.Contains(responses, r => Read(r) is { IsOk: true, ResultValue.Count: 0 });
        Assert.Contains(responses, r => r.DeletedObjects?.Any(d => d.DeleteMarker == true && d.Key == "b") == true);
        Assert.Contains(responses, r => r.DeletedObjects is { Count: 2 } && Read(r).IsError);
        Assert.Contains(responses, r => Read(r).IsError && r.DeletedObjects?.All(d => d.Key is not ("a" or "b" or "c")) != false);
        Assert.NotEmpty(partial);
        Assert.All(partial, r => Assert.True(Read(r) is { IsOk: true, ResultValue.Count: > 0 }, "a refusal that does not account for the batch"));
        Assert.Contains(answers, a => a.Error is { } e and not DeleteObjectsException);
    }

    [Fact]
    public void UserMetadata_IncludesRfc2047EncodedValues_AsS3ReturnsNonAsciiOnes()
    {
        var values = Draw(S3Responses.UserMetadata()).SelectMany(m => m).Select(e => e.Value).ToList();

        Assert.Contains(values, v => v.StartsWith("=?UTF-8?B?", StringComparison.Ordinal));
        Assert.Contains(values, v => v.StartsWith("=?UTF-8?Q?", StringComparison.Ordinal));
        Assert.Contains("ünïcödé", values.Select(S3Rules.DecodeMetadataValue));
        Assert.Contains("café", values.Select(S3Rules.DecodeMetadataValue));
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
