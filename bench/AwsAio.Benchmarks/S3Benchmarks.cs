using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AwsAio.Benchmarks;

/// <summary>
/// Each AwsAio call beside the raw SDK call it wraps, against the same s3rver on loopback in the same run: the ratio
/// is AwsAio's overhead (validation, the core's decisions, Either) on top of a real HTTP round trip.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class S3Benchmarks
{
    private const string Bucket = "awsaio-bench";
    private const int Objects = 500;
    private readonly S3rverFixture _peer = new();
    private AwsClientProvider _provider = null!;
    private AmazonS3Client _raw = null!;
    private string _folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _peer.InitializeAsync().GetAwaiter().GetResult();
        _raw = _peer.CreateRawClient();
        _provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials(S3rverFixture.Credentials.AccessKey, S3rverFixture.Credentials.SecretKey),
            Region = "us-east-1",
            Endpoint = new EndpointOverride(_peer.ServiceUrl.ToString()),
            MaxErrorRetry = 0,
        }).Match(Right: p => p, Left: e => throw new InvalidOperationException(e.ToString()));
        _raw.PutBucketAsync(Bucket).GetAwaiter().GetResult();
        for (var i = 0; i < Objects; i++)
        {
            _raw.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"items/{i:D4}", ContentBody = "x", UseChunkEncoding = false })
                .GetAwaiter().GetResult();
        }

        _raw.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket, Key = "blob", InputStream = new MemoryStream(RandomNumberGenerator.GetBytes(1 << 20)), UseChunkEncoding = false,
        }).GetAwaiter().GetResult();
        _folder = Directory.CreateTempSubdirectory("awsaio-bench-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _raw.Dispose();
        _peer.DisposeAsync().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("HeadBucket")]
    public async Task<bool> RawSdk_HeadBucket() =>
        (await _raw.HeadBucketAsync(new HeadBucketRequest { BucketName = Bucket })).HttpStatusCode == System.Net.HttpStatusCode.OK;

    [Benchmark, BenchmarkCategory("HeadBucket")]
    public async Task<bool> AwsAio_GetBucketStatus() =>
        (await S3Interactions.GetBucketStatusAsync(Bucket, _provider)).IsRight;

    [Benchmark(Baseline = true), BenchmarkCategory("List 500 objects, pages of 100")]
    public async Task<int> RawSdk_ListObjectsV2Loop()
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await _raw.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, MaxKeys = 100, ContinuationToken = token });
            count += page.S3Objects?.Count ?? 0;
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return count;
    }

    [Benchmark, BenchmarkCategory("List 500 objects, pages of 100")]
    public async Task<int> AwsAio_ListObjects() =>
        (await S3Interactions.ListObjectsAsync(Bucket, _provider, pageSize: 100)).Match(Right: s => s.Count, Left: _ => -1);

    [Benchmark, BenchmarkCategory("List 500 objects, pages of 100")]
    public async Task<int> AwsAio_StreamObjects()
    {
        var count = 0;
        await foreach (var item in S3Interactions.StreamObjects(Bucket, _provider, pageSize: 100))
        {
            count += item.IsRight ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Download 1 MiB to a file")]
    public async Task<long> RawSdk_GetObjectToFile()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        using (var response = await _raw.GetObjectAsync(Bucket, "blob"))
        {
            await using var file = File.Create(path);
            await response.ResponseStream.CopyToAsync(file);
        }

        var length = new FileInfo(path).Length;
        File.Delete(path);
        return length;
    }

    [Benchmark, BenchmarkCategory("Download 1 MiB to a file")]
    public async Task<long> AwsAio_GetObjectToFile()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        var result = await S3Interactions.GetObjectToFileAsync(Bucket, "blob", path, _provider);
        var length = result.IsRight ? new FileInfo(path).Length : -1;
        File.Delete(path);
        return length;
    }
}
