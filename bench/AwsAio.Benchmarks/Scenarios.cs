using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AwsAio.Benchmarks;

/// <summary>One measured pair: what a careful user writes with the SDK alone (its paginators, its response objects)
/// and the AwsAio call that does the same, both through the same SDK client. Each returns how many things it got, so
/// that neither can be optimised away and both can be checked to do the same work.</summary>
/// <param name="Name">How the tables name it.</param>
/// <param name="AwsAioCall">The AwsAio call measured.</param>
/// <param name="Raw">The raw SDK side.</param>
/// <param name="AwsAio">The AwsAio side.</param>
internal sealed record Scenario(string Name, string AwsAioCall, Func<Task<long>> Raw, Func<Task<long>> AwsAio);

/// <summary>The in-process scenarios of issue 14, over one <see cref="CannedAws"/> and one provider.</summary>
internal sealed class Scenarios : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("awsaio-bench-").FullName;
    private readonly byte[] _upload = new byte[CannedAws.BlobBytes];

    internal Scenarios()
    {
        new Random(7).NextBytes(_upload);
        Aws = new CannedAws();
        Provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDBENCHEXAMPLE", "bench-secret"),
            Region = "us-east-1",
            // Never contacted: every request is answered in-process by the handler the hook installs.
            Endpoint = new EndpointOverride("http://127.0.0.1:9/"),
            MaxErrorRetry = 0,
            ConfigureClient = config => config.HttpClientFactory = Aws.Factory,
        }).Match(Right: p => p, Left: e => throw new InvalidOperationException(e.ToString()));
        S3 = Provider.GetS3();
        Ec2 = Provider.GetEc2();
    }

    internal CannedAws Aws { get; }

    internal AwsClientProvider Provider { get; }

    /// <summary>The provider's own S3 client: the raw side uses the very client AwsAio uses.</summary>
    internal IAmazonS3 S3 { get; }

    internal IAmazonEC2 Ec2 { get; }

    internal IReadOnlyList<Scenario> All =>
    [
        new("HeadBucket", "GetBucketStatusAsync", RawHeadBucket, AwsAioHeadBucket),
        new("ListObjectsV2: one page of 1,000 keys", "ListObjectsAsync", () => RawListAll(CannedAws.OnePageBucket),
            () => AwsAioListAll(CannedAws.OnePageBucket)),
        new("ListObjectsV2: 10 pages accumulated", "ListObjectsAsync", () => RawListAll(CannedAws.TenPageBucket),
            () => AwsAioListAll(CannedAws.TenPageBucket)),
        new("ListObjectsV2: 10 pages streamed", "StreamObjects", () => RawStream(CannedAws.TenPageBucket),
            () => AwsAioStream(CannedAws.TenPageBucket)),
        new("GetObject: 1 MiB to a file", "GetObjectToFileAsync", RawDownload, AwsAioDownload),
        new("PutObject: 1 MiB", "PutAsync", RawUpload, AwsAioUpload),
        new("DescribeSubnets: one page of 1,000 subnets", "GetSubnetsOfVpcAsync", RawSubnets, AwsAioSubnets),
    ];

    internal async Task<long> RawHeadBucket()
    {
        var head = await S3.HeadBucketAsync(new HeadBucketRequest { BucketName = CannedAws.OnePageBucket }).ConfigureAwait(false);
        return (long)head.HttpStatusCode;
    }

    internal async Task<long> AwsAioHeadBucket()
    {
        var status = await S3Interactions.GetBucketStatusAsync(CannedAws.OnePageBucket, Provider).ConfigureAwait(false);
        return status.Match(Right: s => s == Core.BucketStatus.ExistsHaveAccess ? 200 : 0, Left: _ => -1);
    }

    internal async Task<long> RawListAll(string bucket)
    {
        var all = new List<Amazon.S3.Model.S3Object>();
        await foreach (var page in S3.Paginators.ListObjectsV2(new ListObjectsV2Request { BucketName = bucket }).Responses.ConfigureAwait(false))
        {
            if (page.S3Objects is { } objects) all.AddRange(objects);
        }

        return all.Count;
    }

    internal async Task<long> AwsAioListAll(string bucket)
    {
        var listed = await S3Interactions.ListObjectsAsync(bucket, Provider).ConfigureAwait(false);
        return listed.Match(Right: all => all.Count, Left: _ => -1);
    }

    internal async Task<long> RawStream(string bucket)
    {
        long count = 0;
        await foreach (var item in S3.Paginators.ListObjectsV2(new ListObjectsV2Request { BucketName = bucket }).S3Objects.ConfigureAwait(false))
        {
            count += item.Size ?? 0;
        }

        return count;
    }

    internal async Task<long> AwsAioStream(string bucket)
    {
        long count = 0;
        await foreach (var item in S3Interactions.StreamObjects(bucket, Provider).ConfigureAwait(false))
        {
            count += item.Match(Right: o => o.Size, Left: _ => -1_000_000_000L);
        }

        return count;
    }

    internal async Task<long> RawDownload()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        using (var response = await S3.GetObjectAsync(CannedAws.OnePageBucket, CannedAws.BlobKey).ConfigureAwait(false))
        {
            var file = File.Create(path);
            await using (file.ConfigureAwait(false))
            {
                await response.ResponseStream.CopyToAsync(file).ConfigureAwait(false);
            }
        }

        var length = new FileInfo(path).Length;
        File.Delete(path);
        return length;
    }

    internal async Task<long> AwsAioDownload()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        var got = await S3Interactions.GetObjectToFileAsync(CannedAws.OnePageBucket, CannedAws.BlobKey, path, Provider).ConfigureAwait(false);
        var length = got.IsRight ? new FileInfo(path).Length : -1;
        File.Delete(path);
        return length;
    }

    internal async Task<long> RawUpload()
    {
        var put = await S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = CannedAws.OnePageBucket,
            Key = "upload",
            InputStream = new MemoryStream(_upload, writable: false),
            UseChunkEncoding = false,
        }).ConfigureAwait(false);
        return put.ETag?.Length ?? 0;
    }

    internal async Task<long> AwsAioUpload()
    {
        var put = await S3Interactions.PutAsync(S3Content.FromBytes(_upload), CannedAws.OnePageBucket, "upload", Provider).ConfigureAwait(false);
        return put.Match(Right: u => u.ETag.Length + 2, Left: _ => -1);
    }

    internal async Task<long> RawSubnets()
    {
        var ids = new List<string>();
        var request = new DescribeSubnetsRequest { Filters = [new Amazon.EC2.Model.Filter { Name = "vpc-id", Values = [CannedAws.VpcId] }] };
        await foreach (var subnet in Ec2.Paginators.DescribeSubnets(request).Subnets.ConfigureAwait(false))
        {
            ids.Add(subnet.SubnetId);
        }

        return ids.Count;
    }

    internal async Task<long> AwsAioSubnets()
    {
        var ids = await Ec2Interactions.GetSubnetsOfVpcAsync(CannedAws.VpcId, Provider).ConfigureAwait(false);
        return ids.Match(Right: all => all.Count, Left: _ => -1);
    }

    /// <summary>Runs every pair once and fails unless both sides got the same answer (so that neither side is measured
    /// doing less work).</summary>
    internal async Task CheckAsync()
    {
        foreach (var scenario in All)
        {
            var raw = await scenario.Raw().ConfigureAwait(false);
            var aio = await scenario.AwsAio().ConfigureAwait(false);
            if (raw != aio || raw <= 0)
            {
                throw new InvalidOperationException($"{scenario.Name}: the raw SDK got {raw}, AwsAio {aio}");
            }
        }
    }

    public void Dispose()
    {
        Provider.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
