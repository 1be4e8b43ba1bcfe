using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio.Tests.Peers;

/// <summary>
/// The object calls against s3rver on loopback through a real provider: uploads from every kind of content with their
/// guessed types, object info, reads, folders, deletes, presigned URLs used by a plain HTTP client, a multipart upload,
/// and keys with dot segments refused before they can escape the bucket.
/// </summary>
public sealed class S3InteractionsObjectsPeerTests(S3rverFixture peer) : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly AwsClientProvider _provider = AwsClientProvider.Create(new AwsClientProviderOptions
    {
        Credentials = new BasicAWSCredentials(S3rverFixture.Credentials.AccessKey, S3rverFixture.Credentials.SecretKey),
        Region = "us-east-1",
        Endpoint = new EndpointOverride(peer.ServiceUrl.ToString()),
    }).Right();

    private readonly string _scratch = Directory.CreateTempSubdirectory("awsaio-objects-peer-").FullName;

    public void Dispose()
    {
        _provider.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    private async Task<string> NewBucketAsync()
    {
        var bucket = "awsaio-obj-" + Guid.NewGuid().ToString("N")[..12];
        (await S3Interactions.CreateBucketAsync(bucket, _provider)).Right();
        return bucket;
    }

    private static S3Location At(string bucket, string key) => S3Location.Create(bucket, key).ToEither().Right();

    private Task<string> ReadTextAsync(S3Location location) =>
        S3Interactions.ReadObjectAsync(location, async s => await new StreamReader(s, Encoding.UTF8).ReadToEndAsync(), _provider).Right();

    [Fact]
    public async Task Uploads_FromAFileAStreamBytesAndText_ComeBackWithTheirGuessedTypes()
    {
        var bucket = await NewBucketAsync();
        var file = Path.Combine(_scratch, "app.log");
        await File.WriteAllTextAsync(file, "started\n");

        (await S3Interactions.PutFileAsync(file, At(bucket, "logs/app.log"), _provider)).Right();
        (await S3Interactions.PutAsync(S3Content.FromStream(new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n"))), At(bucket, "data/table.csv"), _provider)).Right();
        (await S3Interactions.PutAsync(S3Content.FromBytes(new byte[] { 0x1f, 0x8b, 0 }), At(bucket, "data/blob"), _provider,
            new PutOptions { ContentEncoding = "gzip", CacheControl = "max-age=60", Metadata = new Dictionary<string, string> { ["owner"] = "Zoë" } })).Right();
        var uploaded = await S3Interactions.PutAsync(S3Content.FromText("# Notes\n"), At(bucket, "README.md"), _provider).Right();

        Assert.Equal("text/plain", (await S3Interactions.GetObjectInfoAsync(At(bucket, "logs/app.log"), _provider).Right()).ContentType);
        Assert.Equal("text/csv", (await S3Interactions.GetObjectInfoAsync(bucket, "data/table.csv", _provider).Right()).ContentType);
        Assert.Equal("text/markdown; charset=utf-8", (await S3Interactions.GetObjectInfoAsync(At(bucket, "README.md"), _provider).Right()).ContentType);
        var blob = await S3Interactions.GetObjectInfoAsync(At(bucket, "data/blob"), _provider).Right();
        Assert.Equal((3L, "binary/octet-stream", "Zoë"), (blob.Size, blob.ContentType, blob.Metadata["owner"]));
        Assert.Equal(uploaded.ETag, (await S3Interactions.GetObjectInfoAsync(At(bucket, "README.md"), _provider).Right()).ETag);
        Assert.Equal("started\n", await ReadTextAsync(At(bucket, "logs/app.log")));
        Assert.Equal("a,b\n1,2\n", await ReadTextAsync(At(bucket, "data/table.csv")));
    }

    [Fact]
    public async Task Multipart_AFileAboveTheThreshold_RoundTripsThroughTheFileDownload()
    {
        var bucket = await NewBucketAsync();
        var content = RandomNumberGenerator.GetBytes(12 * 1024 * 1024 + 5);
        var source = Path.Combine(_scratch, "big.bin");
        await File.WriteAllBytesAsync(source, content);

        var uploaded = await S3Interactions.PutFileAsync(source, At(bucket, "big.bin"), _provider,
            new PutOptions { MultipartThreshold = 5 * 1024 * 1024, PartSize = 5 * 1024 * 1024 }).Right();

        Assert.Equal(3, uploaded.Parts);
        var target = Path.Combine(_scratch, "big.down");
        (await S3Interactions.GetObjectToFileAsync(At(bucket, "big.bin"), target, _provider)).Right();
        Assert.Equal(content, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Folders_ListTheObjectsHereAndTheFoldersBelow_OnePageOrMany()
    {
        var bucket = await NewBucketAsync();
        foreach (var key in new[] { "top.txt", "logs/readme.txt", "logs/2025/a.log", "logs/2026/b.log", "logs/2026/c.log", "logs/zz.txt" })
        {
            (await S3Interactions.PutAsync(S3Content.FromText(key), At(bucket, key), _provider)).Right();
        }

        var whole = await S3Interactions.ListFolderAsync(bucket, _provider, prefix: "logs/").Right();
        var paged = await S3Interactions.ListFolderAsync(bucket, _provider, prefix: "logs/", pageSize: 1).Right();
        var top = await S3Interactions.ListFolderAsync(bucket, _provider).Right();

        Assert.Equal(["logs/readme.txt", "logs/zz.txt"], whole.Objects.Select(o => o.Key));
        Assert.Equal(["logs/2025/", "logs/2026/"], whole.Prefixes);
        Assert.Equal(whole.Objects.Select(o => o.Key), paged.Objects.Select(o => o.Key));
        Assert.Equal(whole.Prefixes, paged.Prefixes);
        Assert.Equal(["top.txt"], top.Objects.Select(o => o.Key));
        Assert.Equal(["logs/"], top.Prefixes);
    }

    [Fact]
    public async Task Deletes_OneMissingAndMany_LeaveExactlyWhatWasNotNamed()
    {
        var bucket = await NewBucketAsync();
        var keys = Enumerable.Range(0, 30).Select(i => $"tmp/{i:D2}.txt").ToList();
        foreach (var key in keys.Append("keep.txt"))
        {
            (await S3Interactions.PutAsync(S3Content.FromText(key), At(bucket, key), _provider)).Right();
        }

        (await S3Interactions.DeleteObjectAsync(At(bucket, "tmp/00.txt"), _provider)).Right();
        (await S3Interactions.DeleteObjectAsync(At(bucket, "tmp/00.txt"), _provider)).Right();
        (await S3Interactions.DeleteObjectsAsync(bucket, keys, _provider)).Right();

        Assert.Equal(new[] { "keep.txt" }, (await S3Interactions.ListObjectsAsync(bucket, _provider).Right()).Map(o => o.Key).ToArray());
    }

    [Fact]
    public async Task PresignedUrls_LetAPlainHttpClientDownloadAndUpload()
    {
        var bucket = await NewBucketAsync();
        (await S3Interactions.PutAsync(S3Content.FromText("shared"), At(bucket, "share/report.txt"), _provider)).Right();
        using var http = new HttpClient();

        var get = await S3Interactions.PresignGetAsync(At(bucket, "share/report.txt"), TimeSpan.FromMinutes(5), _provider).Right();
        Assert.Equal("shared", await http.GetStringAsync(get.Url));

        var put = await S3Interactions.PresignPutAsync(At(bucket, "inbox/upload.txt"), TimeSpan.FromMinutes(5), _provider).Right();
        using var sent = await http.PutAsync(put.Url, new ByteArrayContent(Encoding.UTF8.GetBytes("from outside")));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("from outside", await ReadTextAsync(At(bucket, "inbox/upload.txt")));
    }

    [Theory]
    [InlineData("../escaped.txt")]
    [InlineData("logs/../../escaped.txt")]
    [InlineData("./escaped.txt")]
    public async Task DotSegmentKeys_AreRefusedBeforeAnyRequest_SoNothingEscapesTheBucket(string key)
    {
        var bucket = await NewBucketAsync();
        await peer.ResetRequestCountAsync();

        var put = await S3Interactions.PutAsync(S3Content.FromText("escape"), bucket, key, _provider).Left();
        var file = await S3Interactions.PutFileAsync(Path.Combine(_scratch, "none"), bucket, key, _provider).Left();
        var read = await S3Interactions.GetObjectInfoAsync(bucket, key, _provider).Left();
        var delete = await S3Interactions.DeleteObjectAsync(bucket, key, _provider).Left();

        Assert.All([put, file, read, delete], e => Assert.Equal("object key", Assert.IsType<DomainError.InvalidInput>(e).Field));
        Assert.Equal(0, await peer.GetRequestCountAsync());
        Assert.Empty(Directory.GetFiles(peer.DataDirectory, "escaped.txt*", SearchOption.AllDirectories));
    }
}
