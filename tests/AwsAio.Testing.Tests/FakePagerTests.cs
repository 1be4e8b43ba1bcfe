using Amazon.S3;
using Amazon.S3.Model;
using FsCheck;
using FsCheck.Fluent;
using Moq;
using Xunit;

namespace AwsAio.Testing.Tests;

/// <summary>The fake pager serves exactly its script, one entry per request, records what it was asked, and catches a
/// client that follows the wrong token or asks past the end.</summary>
public sealed class FakePagerTests
{
    private static readonly S3Object A = new() { Key = "a" };
    private static readonly S3Object B = new() { Key = "b" };
    private static readonly S3Object C = new() { Key = "c" };

    [Fact]
    public async Task ListObjectsV2_AnswersEachRequestWithTheNextEntry_AsTheSdkWouldShapeIt()
    {
        var throttle = ErrorFixtures.S3SlowDown.ToException();
        var pager = FakePager.ListObjectsV2(new PageScript<S3Object>(
        [
            new([A, B], true, "t1"), ScriptedPage<S3Object>.Failing(throttle), new(null, null, "t2"), new([C], false, null),
        ]));

        var first = await pager.Answer(new ListObjectsV2Request { BucketName = "awsaio-logs" }, default);
        var failed = await Assert.ThrowsAsync<AmazonS3Exception>(() => pager.Answer(new ListObjectsV2Request { ContinuationToken = "t1" }, default));
        var empty = await pager.Answer(new ListObjectsV2Request { ContinuationToken = "t1" }, default);
        var last = await pager.Answer(new ListObjectsV2Request { ContinuationToken = "t2" }, default);

        Assert.Equal("awsaio-logs", first.Name);
        Assert.Equal([A, B], first.S3Objects);
        Assert.Equal((true, "t1", 2), (first.IsTruncated, first.NextContinuationToken, first.KeyCount));
        Assert.Same(throttle, failed);
        Assert.Null(empty.S3Objects);
        Assert.Null(empty.IsTruncated);
        Assert.Equal([C], last.S3Objects);
        Assert.Equal([null, "t1", "t1", "t2"], pager.RequestTokens);
        Assert.Equal([A, B, C], pager.ServedItems);
        Assert.Equal(3, pager.PagesServed);
        Assert.True(pager.FollowedTokens);
        Assert.False(pager.Overrun);
    }

    [Fact]
    public async Task FollowedTokens_TurnsFalse_WhenARequestCarriesAnotherToken()
    {
        var pager = FakePager.ListObjectsV2(new PageScript<S3Object>([new([A], true, "t1"), new([B], false, null)]));

        await pager.Answer(new ListObjectsV2Request(), default);
        await pager.Answer(new ListObjectsV2Request { ContinuationToken = "other" }, default);

        Assert.False(pager.FollowedTokens);
    }

    [Fact]
    public async Task ARequestPastTheScript_Fails_AndIsRecordedAsAnOverrun()
    {
        var pager = FakePager.ListObjectsV2(new PageScript<S3Object>([new([A], true, "t1")]));

        await pager.Answer(new ListObjectsV2Request(), default);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pager.Answer(new ListObjectsV2Request { ContinuationToken = "t1" }, default));

        Assert.True(pager.Overrun);
        Assert.Contains("after the script's 1 entries", error.Message);
    }

    [Fact]
    public async Task ACancelledRequest_IsCancelled()
    {
        var pager = FakePager.ListObjectsV2(new PageScript<S3Object>([new([A], false, null)]));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pager.Answer(new ListObjectsV2Request(), new CancellationToken(true)));
    }

    [Fact]
    public async Task ListVersions_AnswersMarkers_AndFollowsBothOfThem()
    {
        var v1 = new S3ObjectVersion { Key = "a", VersionId = "1" };
        var pager = FakePager.ListVersions(new PageScript<S3ObjectVersion>([new([v1], true, "a", null, "1"), new(null, false, null)]));

        var first = await pager.Answer(new ListVersionsRequest(), default);
        await pager.Answer(new ListVersionsRequest { KeyMarker = "a", VersionIdMarker = "1" }, default);

        Assert.Equal(("a", "1", true), (first.NextKeyMarker, first.NextVersionIdMarker, first.IsTruncated));
        Assert.Equal([v1], first.Versions);
        Assert.True(pager.FollowedTokens);
        Assert.Equal([v1], pager.ServedItems);
    }

    [Fact]
    public async Task ListVersions_WrongVersionMarker_IsNotFollowingTheTokens()
    {
        var pager = FakePager.ListVersions(new PageScript<S3ObjectVersion>([new([], true, "a", null, "1"), new(null, false, null)]));

        await pager.Answer(new ListVersionsRequest(), default);
        await pager.Answer(new ListVersionsRequest { KeyMarker = "a", VersionIdMarker = "2" }, default);

        Assert.False(pager.FollowedTokens);
    }

    [Fact]
    public async Task Pager_PlugsIntoMoq_AndAnSdkStyleLoopThatFollowsTokens_ReadsExactlyTheScript()
    {
        var pager = FakePager.ListObjectsV2(new PageScript<S3Object>([new([A], true, "t1"), new([], true, "t2"), new([B, C], false, null)]));
        var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
        s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
            .Returns((ListObjectsV2Request r, CancellationToken ct) => pager.Answer(r, ct));

        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.Object.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "b", ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        Assert.Equal(["a", "b", "c"], keys);
        Assert.Equal(3, pager.Requests.Count);
        Assert.All(pager.Requests, r => Assert.Equal("b", r.BucketName));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property AnyScript_ServedToAClientThatFollowsItsTokens_GivesBackEveryPageInOrder() =>
        Prop.ForAll(PageScripts.Objects().ToArbitrary(), script =>
        {
            var pager = FakePager.ListObjectsV2(script);
            string? token = null;
            var seen = new List<S3Object>();
            for (var i = 0; i < script.Pages.Count; i++)
            {
                var answer = pager.Answer(new ListObjectsV2Request { ContinuationToken = token }, default);
                if (script.Pages[i].IsFailure)
                {
                    Assert.Same(script.Pages[i].Failure, answer.Exception!.InnerException);
                    continue;
                }

                seen.AddRange(answer.Result.S3Objects ?? []);
                token = answer.Result.NextContinuationToken;
            }

            Assert.Equal(script.AllItems, seen);
            Assert.Equal(script.AllItems, pager.ServedItems);
            Assert.Equal(script.Pages.Count(p => !p.IsFailure), pager.PagesServed);
            Assert.True(pager.FollowedTokens);
            Assert.False(pager.Overrun);
        });
}
