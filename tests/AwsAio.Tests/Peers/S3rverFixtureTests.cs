using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Xunit;

namespace AwsAio.Tests.Peers;

/// <summary>
/// Proves the s3rver peer with the plain AWS SDK before any AwsAio code is tested against it: what works, what
/// s3rver does differently from S3, and that the fixture's request counter is exact.
/// </summary>
public class S3rverFixtureTests(S3rverFixture peer) : IClassFixture<S3rverFixture>
{
    private static string NewBucketName() => "peer-" + Guid.NewGuid().ToString("N")[..16];

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20240601).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(AmazonS3Client s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>A bucket that was created answers HeadBucket with 200.</summary>
    [Fact]
    public async Task PutBucket_ThenHeadBucket_Succeeds()
    {
        using var s3 = peer.CreateRawClient();
        var bucket = NewBucketName();

        var put = await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var head = await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });

        Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
        Assert.Equal(HttpStatusCode.OK, head.HttpStatusCode);
    }

    /// <summary>A 3 MB object sent without aws-chunked encoding comes back byte for byte.</summary>
    [Fact]
    public async Task PutObject_WithoutChunkEncoding_RoundTripsThreeMegabytesExactly()
    {
        using var s3 = peer.CreateRawClient();
        var bucket = NewBucketName();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var content = RandomBytes(3 * 1024 * 1024);

        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "three-mb.bin",
            InputStream = new MemoryStream(content),
            UseChunkEncoding = false,
        });
        var stored = await ReadAllAsync(s3, bucket, "three-mb.bin");

        Assert.Equal(content.Length, stored.Length);
        Assert.True(content.AsSpan().SequenceEqual(stored), "s3rver returned different bytes than were put.");
    }

    /// <summary>
    /// s3rver 3.7.1 does not decode <c>Content-Encoding: aws-chunked</c> (the SDK's default streaming SigV4 upload
    /// over plain HTTP): it stores the chunk framing and signatures along with the data. Anything that uploads to
    /// this peer must set <c>UseChunkEncoding = false</c>; this test fails the day s3rver learns to decode it.
    /// </summary>
    [Fact]
    public async Task S3rverQuirk_DefaultChunkEncoding_StoresAwsChunkedFramingNotTheBytesSent()
    {
        using var s3 = peer.CreateRawClient();
        var bucket = NewBucketName();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var content = RandomBytes(3 * 1024 * 1024);

        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "chunked.bin",
            InputStream = new MemoryStream(content),
        });
        var stored = await ReadAllAsync(s3, bucket, "chunked.bin");

        Assert.False(content.AsSpan().SequenceEqual(stored), "s3rver now decodes aws-chunked uploads: drop this quirk.");
        Assert.True(stored.Length > content.Length, $"expected framing overhead, stored {stored.Length} of {content.Length} bytes");
    }

    /// <summary>250 keys listed 100 at a time take three pages linked by continuation tokens.</summary>
    [Fact]
    public async Task ListObjectsV2_250KeysAtMaxKeys100_TakesThreePagesViaContinuationTokens()
    {
        using var s3 = peer.CreateRawClient();
        var bucket = NewBucketName();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var keys = Enumerable.Range(0, 250).Select(i => $"item-{i:D4}").ToArray();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) =>
            await s3.PutObjectAsync(
                new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key, UseChunkEncoding = false }, ct));

        var pages = new List<int>();
        var listed = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket,
                MaxKeys = 100,
                ContinuationToken = token,
            });
            var objects = page.S3Objects ?? [];
            pages.Add(objects.Count);
            listed.AddRange(objects.Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            Assert.True(pages.Count <= 10, "ListObjectsV2 pagination did not end.");
        }
        while (token is not null);

        Assert.Equal([100, 100, 50], pages);
        Assert.Equal(keys, listed);
    }

    /// <summary>The fixture's counter sees exactly the requests the client sends, and not its own control calls.</summary>
    [Fact]
    public async Task RequestCount_AfterResetAndOneHeadBucket_IsOne()
    {
        using var s3 = peer.CreateRawClient();
        var bucket = NewBucketName();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });

        await peer.ResetRequestCountAsync();
        Assert.Equal(0, await peer.GetRequestCountAsync());
        await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });

        Assert.Equal(1, await peer.GetRequestCountAsync());
        Assert.Equal(1, await peer.GetRequestCountAsync());
    }

    /// <summary>HeadBucket on a bucket that does not exist fails with HTTP 404.</summary>
    [Fact]
    public async Task HeadBucket_MissingBucket_Throws404()
    {
        using var s3 = peer.CreateRawClient();

        var ex = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.HeadBucketAsync(new HeadBucketRequest { BucketName = NewBucketName() }));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    /// <summary>
    /// What s3rver 3.7.1 answers where callers map errors: codes as S3 has them, except that re-creating a bucket
    /// you own is 409 BucketAlreadyExists (S3 in us-east-1 answers 200; elsewhere 409 BucketAlreadyOwnedByYou).
    /// </summary>
    [Fact]
    public async Task S3rverQuirk_ErrorCodes_AsObservedOn3_7_1()
    {
        using var s3 = peer.CreateRawClient();
        var bucket = NewBucketName();
        var missing = NewBucketName();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "v", UseChunkEncoding = false });

        // The SDK throws modelled subclasses (NoSuchKeyException, BucketAlreadyExistsException, ...) where it has them.
        static async Task<(HttpStatusCode Status, string Code)> Fails(Func<Task> call)
        {
            var ex = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
            return (ex.StatusCode, ex.ErrorCode);
        }

        Assert.Equal((HttpStatusCode.NotFound, "NotFound"),
            await Fails(() => s3.HeadBucketAsync(new HeadBucketRequest { BucketName = missing })));
        Assert.Equal((HttpStatusCode.Conflict, "BucketAlreadyExists"),
            await Fails(() => s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket })));
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchKey"),
            await Fails(() => s3.GetObjectAsync(bucket, "no-such-key")));
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchBucket"),
            await Fails(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = missing })));
        Assert.Equal((HttpStatusCode.Conflict, "BucketNotEmpty"),
            await Fails(() => s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket })));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "MethodNotAllowed"),
            await Fails(() => s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket })));
    }

    /// <summary>Multi-object delete works, and like S3 it reports keys that never existed as deleted.</summary>
    [Fact]
    public async Task DeleteObjects_DeletesAndReportsMissingKeysAsDeleted()
    {
        using var s3 = peer.CreateRawClient();
        var bucket = NewBucketName();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        foreach (var key in new[] { "a", "b" })
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key, UseChunkEncoding = false });
        }

        var result = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = [new KeyVersion { Key = "a" }, new KeyVersion { Key = "b" }, new KeyVersion { Key = "never" }],
        });
        var remaining = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });

        Assert.Equal(["a", "b", "never"], (result.DeletedObjects ?? []).Select(d => d.Key).Order());
        Assert.Empty(result.DeleteErrors ?? []);
        Assert.Equal(0, remaining.KeyCount ?? 0);
        Assert.Equal(HttpStatusCode.NoContent, (await s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket })).HttpStatusCode);
    }
}
