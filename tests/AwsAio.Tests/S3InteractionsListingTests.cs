using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using static AwsAio.Tests.Support.S3Doubles;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Moq;
using Xunit;
using DomainObject = AwsAio.Core.S3Object;
using DomainStorageClass = AwsAio.Core.S3StorageClass;
using SdkObject = Amazon.S3.Model.S3Object;
using SdkStorageClass = Amazon.S3.S3StorageClass;

namespace AwsAio.Tests;

/// <summary>
/// Bucket listings (S3Interactions.Listing.cs) over a mocked IAmazonS3 that answers by continuation token: whole
/// listings, streams, interruption and resume, token cycles, and properties over generated page sequences.
/// </summary>
public sealed partial class S3InteractionsListingTests
{
    private const string Bucket = "awsaio-unit-listing";
    private const string RequestId = S3Doubles.RequestId;
    private static readonly DateTime Modified = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;
    private readonly List<ListObjectsV2Request> _requests = [];

    public S3InteractionsListingTests()
    {
        _provider = S3Doubles.ProviderFor(_s3.Object);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static SdkObject Sdk(string key, long size = 100) =>
        new() { Key = key, Size = size, LastModified = Modified, ETag = $"\"etag-{key}\"", StorageClass = SdkStorageClass.Standard };

    private static DomainObject Domain(string key, long size = 100) =>
        new(key, size, new DateTimeOffset(Modified), $"etag-{key}", DomainStorageClass.Standard);

    private static ListObjectsV2Response Page(IEnumerable<SdkObject>? objects, string? next) =>
        new()
        {
            Name = Bucket, S3Objects = objects?.ToList(), KeyCount = objects?.Count() ?? 0, IsTruncated = next is not null,
            NextContinuationToken = next, HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-LIST" },
        };

    private static AmazonS3Exception SlowDown() => S3Error("SlowDown", HttpStatusCode.ServiceUnavailable, "Please reduce your request rate.");

    /// <summary>Answers each ListObjectsV2 by its continuation token (null for the first page), recording every request.</summary>
    private static void Serve(Mock<IAmazonS3> s3, List<ListObjectsV2Request> requests, Func<string?, ListObjectsV2Response> answer) =>
        s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
            .Returns((ListObjectsV2Request r, CancellationToken _) =>
            {
                requests.Add(r);
                try
                {
                    return Task.FromResult(answer(r.ContinuationToken));
                }
                catch (Exception e)
                {
                    return Task.FromException<ListObjectsV2Response>(e);
                }
            });

    private void Serve(Func<string?, ListObjectsV2Response> answer) => Serve(_s3, _requests, answer);

    private static async Task<List<Either<DomainError, DomainObject>>> Collect(IAsyncEnumerable<Either<DomainError, DomainObject>> stream)
    {
        var items = new List<Either<DomainError, DomainObject>>();
        await foreach (var item in stream)
        {
            items.Add(item);
        }

        return items;
    }

    private static DomainObject[] Rights(IEnumerable<Either<DomainError, DomainObject>> items) =>
        items.Where(i => i.IsRight).Select(i => i.Right()).ToArray();

    /// <summary>Four pages: two objects, an empty page, a page whose S3Objects is null (the v4 SDK), one object.</summary>
    private static ListObjectsV2Response FourPages(string? token) => token switch
    {
        null => Page([Sdk("a/1.txt", 1), Sdk("a/2.txt", 2)], "t1"),
        "t1" => Page([], "t2"),
        "t2" => Page(null, "t3"),
        "t3" => Page([Sdk("a/3.txt", 3)], null),
        _ => throw new InvalidOperationException($"unexpected token {token}"),
    };

    // ---- ListObjects ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task ListObjects_OverFourPagesWithAnEmptyAndANullPage_ReturnsTheConcatenationInOrder()
    {
        Serve(FourPages);

        var objects = await S3Interactions.ListObjectsAsync(Bucket, _provider.Object, prefix: "a/", pageSize: 2).Right();

        Assert.Equal([Domain("a/1.txt", 1), Domain("a/2.txt", 2), Domain("a/3.txt", 3)], objects.ToArray());
        Assert.Equal([null, "t1", "t2", "t3"], _requests.Select(r => r.ContinuationToken));
        Assert.All(_requests, r => Assert.Equal(Bucket, r.BucketName));
        Assert.All(_requests, r => Assert.Equal("a/", r.Prefix));
        Assert.All(_requests, r => Assert.Equal(2, r.MaxKeys));
    }

    [Fact]
    public async Task ListObjects_MapsEveryObjectField()
    {
        Serve(_ => Page(
            [
                new SdkObject
                {
                    Key = "cold/archive.tar", Size = 5_368_709_120L, LastModified = new DateTime(2025, 12, 31, 23, 59, 58, DateTimeKind.Utc),
                    ETag = "\"d41d8cd98f00b204e9800998ecf8427e-12\"", StorageClass = SdkStorageClass.GlacierInstantRetrieval,
                },
                new SdkObject
                {
                    Key = "warm/report.csv", Size = 0, LastModified = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                    ETag = "\"abc\"", StorageClass = SdkStorageClass.StandardInfrequentAccess,
                },
            ], null));

        var objects = (await S3Interactions.ListObjectsAsync(Bucket, _provider.Object).Right()).ToArray();

        Assert.Equal(2, objects.Length);
        var cold = objects[0];
        Assert.Equal("cold/archive.tar", cold.Key);
        Assert.Equal(5_368_709_120L, cold.Size);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 59, 58, TimeSpan.Zero), cold.LastModified);
        Assert.Equal(TimeSpan.Zero, cold.LastModified.Offset);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e-12", cold.ETag);
        Assert.Equal(DomainStorageClass.GlacierInstantRetrieval, cold.StorageClass);
        Assert.Equal(new DomainObject("warm/report.csv", 0, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "abc",
            DomainStorageClass.StandardInfrequentAccess), objects[1]);
        var request = Assert.Single(_requests);
        Assert.Null(request.ContinuationToken);
        Assert.Null(request.Prefix);
    }

    [Fact]
    public async Task ListObjects_WhenTheFirstPageSaysNoSuchBucket_ReturnsBucketDoesNotExist_NotWrapped()
    {
        Serve(_ => throw new NoSuchBucketException("The specified bucket does not exist", ErrorType.Sender, "NoSuchBucket", RequestId,
            HttpStatusCode.NotFound));

        var error = await S3Interactions.ListObjectsAsync(Bucket, _provider.Object).Left();

        var missing = Assert.IsType<DomainError.BucketDoesNotExist>(error);
        Assert.Equal(Bucket, missing.Bucket);
        Assert.Equal(AwsErrorDetails.Of("S3", "ListObjectsV2", "NoSuchBucket", "The specified bucket does not exist", 404, RequestId).On(ErrorTarget.Of(Bucket)),
            missing.Details);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task ListObjects_WhenPage2IsThrottled_ReturnsObjectListingInterrupted_WithPage1AndTheFailedToken()
    {
        Serve(token => token switch
        {
            null => Page([Sdk("a"), Sdk("b")], "tok-2"),
            "tok-2" => throw SlowDown(),
            _ => throw new InvalidOperationException($"unexpected token {token}"),
        });

        var error = await S3Interactions.ListObjectsAsync(Bucket, _provider.Object).Left();

        var interrupted = Assert.IsType<DomainError.ObjectListingInterrupted>(error);
        Assert.Equal(Bucket, interrupted.Bucket);
        var cause = Assert.IsType<DomainError.Throttled>(interrupted.Cause);
        Assert.Equal("SlowDown", cause.Details.Code);
        Assert.Equal([Domain("a"), Domain("b")], interrupted.Listed);
        Assert.Equal("tok-2", interrupted.Resume.Token);
        Assert.Equal(0, interrupted.Resume.SkipItems);
        Assert.Equal([null, "tok-2"], _requests.Select(r => r.ContinuationToken));
    }

    [Fact]
    public async Task ListObjects_ResumedFromAnInterruption_ContinuesWithTheRest_RepeatingNothing()
    {
        var failNext = true;
        Serve(token => token switch
        {
            null => Page([Sdk("a"), Sdk("b")], "tok-2"),
            "tok-2" when failNext => throw SlowDown(),
            "tok-2" => Page([Sdk("c"), Sdk("d")], "tok-3"),
            "tok-3" => Page([Sdk("e")], null),
            _ => throw new InvalidOperationException($"unexpected token {token}"),
        });
        var first = Assert.IsType<DomainError.ObjectListingInterrupted>(await S3Interactions.ListObjectsAsync(Bucket, _provider.Object).Left());
        failNext = false;
        _requests.Clear();

        var rest = await S3Interactions.ListObjectsAsync(Bucket, _provider.Object, resumeFrom: first.Resume).Right();

        Assert.Equal([Domain("c"), Domain("d"), Domain("e")], rest.ToArray());
        Assert.Equal(["tok-2", "tok-3"], _requests.Select(r => r.ContinuationToken));
        Assert.Equal(["a", "b", "c", "d", "e"], first.Listed.Concat(rest).Select(o => o.Key));
    }

    [Fact]
    public async Task ListObjects_WhenATokenComesBackTwice_StopsWithRepeatedToken_AfterABoundedNumberOfRequests()
    {
        Serve(token => token switch
        {
            null => Page([Sdk("a")], "tok-a"),
            "tok-a" => Page([Sdk("b")], "tok-b"),
            "tok-b" => Page([Sdk("c")], "tok-a"),
            _ => throw new InvalidOperationException($"unexpected token {token}"),
        });

        var error = await S3Interactions.ListObjectsAsync(Bucket, _provider.Object).Left();

        var interrupted = Assert.IsType<DomainError.ObjectListingInterrupted>(error);
        var anomaly = Assert.IsType<DomainError.PaginationAnomaly>(interrupted.Cause);
        Assert.Equal("ListObjectsV2", anomaly.Operation);
        var repeated = Assert.IsType<PaginationAnomaly.RepeatedToken>(anomaly.Anomaly);
        Assert.Equal("tok-a", repeated.Token);
        Assert.Equal(3, repeated.Page);
        Assert.Equal([Domain("a"), Domain("b"), Domain("c")], interrupted.Listed);
        Assert.Equal([null, "tok-a", "tok-b"], _requests.Select(r => r.ContinuationToken));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task ListObjects_WithAPageSizeOutside1To1000_ReturnsInvalidInput_BeforeAnyRequest(int pageSize)
    {
        var error = await S3Interactions.ListObjectsAsync(Bucket, _provider.Object, pageSize: pageSize).Left();

        Assert.Equal("page size", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task ListObjects_WithAPageSizeAtTheBounds_IsAccepted_AndPassedThrough(int pageSize)
    {
        Serve(_ => Page([Sdk("a")], null));

        await S3Interactions.ListObjectsAsync(Bucket, _provider.Object, pageSize: pageSize).Right();

        Assert.Equal(pageSize, Assert.Single(_requests).MaxKeys);
    }

    // ---- StreamObjects --------------------------------------------------------------------------------------------

    [Fact]
    public async Task StreamObjects_YieldsTheSameObjectsInTheSameOrder()
    {
        Serve(FourPages);

        var items = await Collect(S3Interactions.StreamObjects(Bucket, _provider.Object, prefix: "a/", pageSize: 2));

        Assert.All(items, i => Assert.True(i.IsRight));
        Assert.Equal([Domain("a/1.txt", 1), Domain("a/2.txt", 2), Domain("a/3.txt", 3)], Rights(items));
        Assert.Equal([null, "t1", "t2", "t3"], _requests.Select(r => r.ContinuationToken));
        Assert.All(_requests, r => Assert.Equal("a/", r.Prefix));
    }

    [Fact]
    public async Task StreamObjects_WhenPage2Fails_YieldsPage1ThenOneInterruptedLeft_WithAnEmptyListed()
    {
        Serve(token => token switch
        {
            null => Page([Sdk("a"), Sdk("b")], "tok-2"),
            "tok-2" => throw SlowDown(),
            _ => throw new InvalidOperationException($"unexpected token {token}"),
        });

        var items = await Collect(S3Interactions.StreamObjects(Bucket, _provider.Object));

        Assert.Equal(3, items.Count);
        Assert.Equal([Domain("a"), Domain("b")], Rights(items.Take(2)));
        var interrupted = Assert.IsType<DomainError.ObjectListingInterrupted>(items[2].Left());
        Assert.IsType<DomainError.Throttled>(interrupted.Cause);
        Assert.Empty(interrupted.Listed);
        Assert.Equal(2, interrupted.Delivered);
        Assert.StartsWith($"Listing bucket '{Bucket}' stopped after 2 objects", interrupted.ToString());
        Assert.Equal("tok-2", interrupted.Resume.Token);
    }

    [Fact]
    public async Task StreamObjects_WhenATokenComesBackTwice_YieldsEveryPageOnceThenOneRepeatedTokenLeft()
    {
        Serve(token => token switch
        {
            null => Page([Sdk("a")], "tok-a"),
            "tok-a" => Page([Sdk("b")], "tok-b"),
            "tok-b" => Page([Sdk("c")], "tok-a"),
            _ => throw new InvalidOperationException($"unexpected token {token}"),
        });

        var items = await Collect(S3Interactions.StreamObjects(Bucket, _provider.Object));

        Assert.Equal([Domain("a"), Domain("b"), Domain("c")], Rights(items.Take(3)));
        var interrupted = Assert.IsType<DomainError.ObjectListingInterrupted>(Assert.Single(items.Skip(3)).Left());
        var anomaly = Assert.IsType<DomainError.PaginationAnomaly>(interrupted.Cause);
        Assert.IsType<PaginationAnomaly.RepeatedToken>(anomaly.Anomaly);
        Assert.Equal(3, interrupted.Delivered);
        Assert.Equal([null, "tok-a", "tok-b"], _requests.Select(r => r.ContinuationToken));
    }

    [Fact]
    public async Task StreamObjects_WhenTheFirstPageSaysNoSuchBucket_YieldsOneBucketDoesNotExist()
    {
        Serve(_ => throw new NoSuchBucketException("The specified bucket does not exist", ErrorType.Sender, "NoSuchBucket", RequestId,
            HttpStatusCode.NotFound));

        var items = await Collect(S3Interactions.StreamObjects(Bucket, _provider.Object));

        Assert.IsType<DomainError.BucketDoesNotExist>(Assert.Single(items).Left());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task StreamObjects_WithAPageSizeOutside1To1000_YieldsOneInvalidInput_BeforeAnyRequest(int pageSize)
    {
        var items = await Collect(S3Interactions.StreamObjects(Bucket, _provider.Object, pageSize: pageSize));

        Assert.Equal("page size", Assert.IsType<DomainError.InvalidInput>(Assert.Single(items).Left()).Field);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ListObjects_WithAnEmptyPrefix_SendsNoPrefix()
    {
        Serve(_ => Page([Sdk("a.txt")], null));

        var objects = await S3Interactions.ListObjectsAsync(Bucket, _provider.Object, prefix: "").Right();

        Assert.Equal([Domain("a.txt")], objects.ToArray());
        Assert.Null(Assert.Single(_requests).Prefix);
    }

    [Fact]
    public async Task ListObjects_UnderADotSegmentPrefix_IsAllowed_AsS3KeepsSuchKeys()
    {
        Serve(_ => Page([], null));

        await S3Interactions.ListObjectsAsync(Bucket, _provider.Object, prefix: "logs/../").Right();

        Assert.Equal("logs/../", Assert.Single(_requests).Prefix);
    }
}
