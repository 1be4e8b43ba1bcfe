using System.Security.Cryptography;
using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Xunit;
using S3Object = AwsAio.Core.S3Object;

namespace AwsAio.Tests.Peers;

/// <summary>
/// The S3 wrappers against a real S3 server (s3rver on loopback), through a real provider with the endpoint profile:
/// the whole bucket lifecycle, byte-for-byte downloads, request counts, and the errors the peer can produce.
/// </summary>
public sealed class S3InteractionsPeerTests(S3rverFixture peer) : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly AwsClientProvider _provider = AwsClientProvider.Create(new AwsClientProviderOptions
    {
        Credentials = new BasicAWSCredentials(S3rverFixture.Credentials.AccessKey, S3rverFixture.Credentials.SecretKey),
        Region = "us-east-1",
        Endpoint = new EndpointOverride(peer.ServiceUrl.ToString()),
        // The SDK's default retries stay on: s3rver answers a DeleteObjects whose keys share a folder with a transient
        // 500 InternalError (it races removing the folder), which a retry gets past, as it would on S3.
    }).Right();

    private readonly string _scratch = Directory.CreateTempSubdirectory("awsaio-peer-").FullName;

    public void Dispose()
    {
        _provider.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Lifecycle_EnsureStatusPutListStreamGetMetadataDestroy_AgainstARealS3Server()
    {
        const string bucket = "awsaio-lifecycle";

        // Ensure twice: the first creates, the second finds it.
        (await S3Interactions.EnsureBucketExistsAsync(bucket, _provider)).Right();
        (await S3Interactions.EnsureBucketExistsAsync(bucket, _provider)).Right();
        Assert.Equal(BucketStatus.ExistsHaveAccess, await S3Interactions.GetBucketStatusAsync(bucket, _provider).Right());

        // 1,250 small objects: 1,200 under logs/, 50 elsewhere, each with distinct bytes.
        var uploaded = new Dictionary<string, byte[]>();
        var keys = Enumerable.Range(0, 1200).Select(i => $"logs/{i:D5}.txt").Concat(Enumerable.Range(0, 50).Select(i => $"other/{i:D3}.txt")).ToList();
        foreach (var key in keys)
        {
            uploaded[key] = RandomNumberGenerator.GetBytes(16 + key.Length);
        }

        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) =>
        {
            var path = Path.Combine(_scratch, "up-" + key.Replace('/', '_'));
            await File.WriteAllBytesAsync(path, uploaded[key], ct);
            var metadata = new Dictionary<string, string> { ["origin"] = "lifecycle", ["key-length"] = key.Length.ToString() };
            (await S3Interactions.PutFileAsync(path, bucket, key, _provider, metadata, ct: ct)).Right();
        });

        // A file of several MB survives byte for byte (s3rver would store the chunk framing if uploads were chunked).
        var large = RandomNumberGenerator.GetBytes(6 * 1024 * 1024 + 123);
        var largePath = Path.Combine(_scratch, "large.bin");
        await File.WriteAllBytesAsync(largePath, large);
        (await S3Interactions.PutFileAsync(largePath, bucket, "large/blob.bin", _provider)).Right();
        uploaded["large/blob.bin"] = large;

        // List with a prefix across pages of 1000 (the default) and of 100.
        var byThousand = await S3Interactions.ListObjectsAsync(bucket, _provider, prefix: "logs/").Right();
        var byHundred = await S3Interactions.ListObjectsAsync(bucket, _provider, prefix: "logs/", pageSize: 100).Right();
        var expectedLogs = keys.Where(k => k.StartsWith("logs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedLogs, byThousand.Map(o => o.Key).ToList());
        Assert.Equal(expectedLogs, byHundred.Map(o => o.Key).ToList());
        Assert.All(byHundred, o => Assert.Equal(uploaded[o.Key].Length, o.Size));

        // The whole bucket, streamed in pages of 100.
        var streamed = new List<S3Object>();
        await foreach (var item in S3Interactions.StreamObjects(bucket, _provider, pageSize: 100))
        {
            streamed.Add(item.Right());
        }

        Assert.Equal(uploaded.Keys.Order(StringComparer.Ordinal), streamed.Select(o => o.Key));

        // Every object comes back byte for byte, with its metadata.
        await Parallel.ForEachAsync(uploaded, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, ct) =>
        {
            var target = Path.Combine(_scratch, "down-" + entry.Key.Replace('/', '_'));
            var file = await S3Interactions.GetObjectToFileAsync(bucket, entry.Key, target, _provider, ct).Right();
            Assert.Equal(target, file.LocalPath);
            var downloaded = await File.ReadAllBytesAsync(target, ct);
            Assert.True(entry.Value.SequenceEqual(downloaded), $"{entry.Key} differs");
        });

        var metadata = await S3Interactions.GetObjectMetadataAsync(bucket, "logs/00007.txt", _provider).Right();
        Assert.Equal("lifecycle", metadata["origin"]);
        Assert.Equal("14", metadata["key-length"]);

        (await S3Interactions.DestroyBucketAsync(bucket, _provider)).Right();
        Assert.Equal(BucketStatus.DoesNotExist, await S3Interactions.GetBucketStatusAsync(bucket, _provider).Right());
        // Destroying what is gone is success: S3 says NoSuchBucket.
        (await S3Interactions.DestroyBucketAsync(bucket, _provider)).Right();
    }

    [Fact]
    public async Task RequestCounts_StatusIsOne_EnsureOnAnExistingBucketIsOne_CreateIsOne()
    {
        const string bucket = "awsaio-counted";
        await peer.ResetRequestCountAsync();
        (await S3Interactions.CreateBucketAsync(bucket, _provider)).Right();
        Assert.Equal(1, await peer.GetRequestCountAsync());

        await peer.ResetRequestCountAsync();
        Assert.Equal(BucketStatus.ExistsHaveAccess, await S3Interactions.GetBucketStatusAsync(bucket, _provider).Right());
        Assert.Equal(1, await peer.GetRequestCountAsync());

        await peer.ResetRequestCountAsync();
        (await S3Interactions.EnsureBucketExistsAsync(bucket, _provider)).Right();
        Assert.Equal(1, await peer.GetRequestCountAsync());

        await peer.ResetRequestCountAsync();
        (await S3Interactions.EnsureBucketExistsAsync("awsaio-counted-new", _provider)).Right();
        Assert.Equal(2, await peer.GetRequestCountAsync());
    }

    [Fact]
    public async Task Errors_ThePeerCanProduce_AreDomainErrors_AndLeaveNoFiles()
    {
        const string bucket = "awsaio-errors";
        const string missing = "awsaio-never-created";
        (await S3Interactions.CreateBucketAsync(bucket, _provider)).Right();

        Assert.Equal(BucketStatus.DoesNotExist, await S3Interactions.GetBucketStatusAsync(missing, _provider).Right());
        Assert.IsType<DomainError.BucketDoesNotExist>(await S3Interactions.ListObjectsAsync(missing, _provider).Left());

        var source = Path.Combine(_scratch, "source.txt");
        await File.WriteAllTextAsync(source, "payload");
        Assert.IsType<DomainError.BucketDoesNotExist>(await S3Interactions.PutFileAsync(source, missing, "k", _provider).Left());

        var target = Path.Combine(_scratch, "never.txt");
        var notThere = Assert.IsType<DomainError.ObjectDoesNotExist>(
            await S3Interactions.GetObjectToFileAsync(bucket, "no/such/key", target, _provider).Left());
        Assert.Equal("no/such/key", notThere.Key);
        Assert.Equal("NoSuchKey", notThere.Details.Code);
        Assert.Empty(Directory.GetFiles(_scratch, "*never*"));
        Assert.Empty(Directory.GetFiles(_scratch, "*.awsaio-partial"));

        Assert.IsType<DomainError.ObjectDoesNotExist>(await S3Interactions.GetObjectMetadataAsync(bucket, "no/such/key", _provider).Left());

        // s3rver answers a re-create of one's own bucket with BucketAlreadyExists (real S3 in us-east-1 says
        // BucketAlreadyOwnedByYou); decided by code, that is a name not available, and ensure still succeeds.
        Assert.IsType<DomainError.BucketNameNotAvailable>(await S3Interactions.CreateBucketAsync(bucket, _provider).Left());
        (await S3Interactions.EnsureBucketExistsAsync(bucket, _provider)).Right();

        // A local file that does not exist is refused before any request.
        await peer.ResetRequestCountAsync();
        Assert.IsType<DomainError.LocalFileDoesNotExist>(
            await S3Interactions.PutFileAsync(Path.Combine(_scratch, "absent.bin"), bucket, "k", _provider).Left());
        Assert.Equal(0, await peer.GetRequestCountAsync());

        (await S3Interactions.DestroyBucketAsync(bucket, _provider)).Right();
    }

    [Fact]
    public async Task AnExistingTarget_IsRefused_AndKeepsItsContent()
    {
        const string bucket = "awsaio-targets";
        (await S3Interactions.EnsureBucketExistsAsync(bucket, _provider)).Right();
        var source = Path.Combine(_scratch, "object.txt");
        await File.WriteAllTextAsync(source, "from s3");
        (await S3Interactions.PutFileAsync(source, bucket, "object.txt", _provider)).Right();

        var target = Path.Combine(_scratch, "existing.txt");
        await File.WriteAllTextAsync(target, "mine");
        Assert.IsType<DomainError.LocalFileAlreadyExists>(
            await S3Interactions.GetObjectToFileAsync(bucket, "object.txt", target, _provider).Left());
        Assert.Equal("mine", await File.ReadAllTextAsync(target));

        Assert.IsType<DomainError.LocalDirectoryMissing>(
            await S3Interactions.GetObjectToFileAsync(bucket, "object.txt", Path.Combine(_scratch, "no-dir", "x.txt"), _provider).Left());

        (await S3Interactions.DestroyBucketAsync(bucket, _provider)).Right();
    }

    [Fact]
    public async Task TheReadmePipeline_EnsurePutList_RunsAndReadsItsErrorsByCase()
    {
        var provider = _provider;
        var logFile = Path.Combine(_scratch, "app.log.gz");
        await File.WriteAllBytesAsync(logFile, RandomNumberGenerator.GetBytes(4096));

        // As in README.md.
        var pipeline =
            from ensured in S3Interactions.EnsureBucketExistsAsync("awsaio-logs", provider).ToAsync()
            from uploaded in S3Interactions.PutFileAsync(logFile, "awsaio-logs", "2026/11/24/app.log.gz", provider).ToAsync()
            from objects in S3Interactions.ListObjectsAsync("awsaio-logs", provider, prefix: "2026/").ToAsync()
            select objects;

        var outcome = await pipeline.Match(
            Right: objects => $"{objects.Count} object(s), {objects.Sum(o => o.Size)} bytes",
            Left: error => error switch
            {
                DomainError.CouldNotEnsureBucketExists { Cause: DomainError.BucketNameNotAvailable } => "pick another bucket name",
                DomainError.LocalFileDoesNotExist missing => $"nothing to upload at {missing.Path}",
                DomainError.ObjectListingInterrupted stopped => $"listed {stopped.Listed.Count}, resume at {stopped.Resume.Token}",
                _ when error.IsRetryable => $"try again later: {error}",
                _ => error.ToString(),
            });

        Assert.Equal("1 object(s), 4096 bytes", outcome);

        var failed = await (
            from ensured in S3Interactions.EnsureBucketExistsAsync("awsaio-logs", provider).ToAsync()
            from uploaded in S3Interactions.PutFileAsync(Path.Combine(_scratch, "absent.gz"), "awsaio-logs", "k", provider).ToAsync()
            select uploaded).Match(Right: _ => "uploaded", Left: error => error is DomainError.LocalFileDoesNotExist ? "missing file" : error.ToString());
        Assert.Equal("missing file", failed);
        (await S3Interactions.DestroyBucketAsync("awsaio-logs", provider)).Right();
    }
}
