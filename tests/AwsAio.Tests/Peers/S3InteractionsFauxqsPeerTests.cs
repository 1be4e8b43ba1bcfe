using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.S3.Model;
using LanguageExt;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio.Tests.Peers;

/// <summary>
/// The object calls against the second real S3 peer (fauxqs on loopback) for what s3rver lacks: multipart uploads
/// that round-trip, failed and cancelled ones that leave no upload behind (proven by the store's own count of open
/// uploads, which the launcher reports: neither peer implements ListMultipartUploads), server-side copies and ranges.
/// </summary>
public sealed class S3InteractionsFauxqsPeerTests(FauxqsFixture peer) : IClassFixture<FauxqsFixture>, IDisposable
{
    private const long MiB = 1024 * 1024;

    private readonly AwsClientProvider _provider = AwsClientProvider.Create(new AwsClientProviderOptions
    {
        Credentials = new BasicAWSCredentials(peer.PeerCredentials.AccessKey, peer.PeerCredentials.SecretKey),
        Region = "us-east-1",
        Endpoint = new EndpointOverride(peer.ServiceUrl.ToString()),
        MaxErrorRetry = 0,
    }).Right();

    private readonly string _scratch = Directory.CreateTempSubdirectory("awsaio-fauxqs-").FullName;

    /// <summary>Parts of 5 MiB: fauxqs takes requests up to 11 MiB.</summary>
    private static readonly PutOptions FiveMiBParts = new() { MultipartThreshold = 5 * MiB, PartSize = 5 * MiB, ParallelParts = 3 };

    public void Dispose()
    {
        _provider.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    private async Task<string> NewBucketAsync()
    {
        var bucket = "awsaio-fq-" + Guid.NewGuid().ToString("N")[..12];
        (await S3Interactions.CreateBucketAsync(bucket, _provider)).Right();
        return bucket;
    }

    private static S3Location At(string bucket, string key) => S3Location.Create(bucket, key).ToEither().Right();

    private Task<byte[]> ReadAllAsync(S3Location location, long? offset = null, long? length = null) =>
        S3Interactions.ReadObjectAsync(location, async s =>
        {
            using var copy = new MemoryStream();
            await s.CopyToAsync(copy);
            return copy.ToArray();
        }, _provider, offset, length).Right();

    [Fact]
    public async Task Multipart_AFileAboveTheThreshold_RoundTripsByteForByte()
    {
        var bucket = await NewBucketAsync();
        var content = RandomNumberGenerator.GetBytes((int)(23 * MiB + 321));
        var path = Path.Combine(_scratch, "capture.pcap");
        await File.WriteAllBytesAsync(path, content);
        var progress = new List<TransferProgress>();

        var uploaded = await S3Interactions.PutFileAsync(path, At(bucket, "captures/capture.pcap"), _provider,
            FiveMiBParts with { Progress = new S3InteractionsPutTests.Recorder(progress) }).Right();

        Assert.Equal((5, content.LongLength), (uploaded.Parts, uploaded.Size));
        Assert.EndsWith("-5", uploaded.ETag);
        Assert.Equal(content, await ReadAllAsync(At(bucket, "captures/capture.pcap")));
        var info = await S3Interactions.GetObjectInfoAsync(At(bucket, "captures/capture.pcap"), _provider).Right();
        Assert.Equal((content.LongLength, "application/vnd.tcpdump.pcap"), (info.Size, info.ContentType));
        Assert.Equal(new TransferProgress(content.Length, content.Length), progress[^1]);
        Assert.Equal(0, await peer.GetOpenUploadCountAsync());
    }

    [Fact]
    public async Task Multipart_ThatFailsPartWay_IsAborted_AndLeavesNoUploadBehind()
    {
        var bucket = await NewBucketAsync();
        // The count really sees open uploads: one started by hand is counted until it is aborted.
        using (var raw = peer.CreateRawClient())
        {
            var open = await raw.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "by-hand" });
            Assert.Equal(1, await peer.GetOpenUploadCountAsync());
            await raw.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = "by-hand", UploadId = open.UploadId });
            Assert.Equal(0, await peer.GetOpenUploadCountAsync());
        }

        var source = new FailingAfter(RandomNumberGenerator.GetBytes((int)(12 * MiB)));
        var error = await S3Interactions.PutAsync(S3Content.FromStream(source), At(bucket, "broken.bin"), _provider,
            FiveMiBParts with { ParallelParts = 1 }).Left();

        var stopped = Assert.IsType<DomainError.TransferInterrupted>(error);
        Assert.Equal((2, 10 * MiB, true), (stopped.PartsDone, stopped.BytesDone, stopped.Aborted));
        Assert.IsType<DomainError.LocalFileFailed>(stopped.Cause);
        Assert.Equal(0, await peer.GetOpenUploadCountAsync());
        Assert.IsType<DomainError.ObjectDoesNotExist>(await S3Interactions.GetObjectInfoAsync(At(bucket, "broken.bin"), _provider).Left());
    }

    [Fact]
    public async Task Multipart_CancelledPartWay_IsAborted_AndLeavesNoUploadBehind()
    {
        var bucket = await NewBucketAsync();
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfterFirstPart(cancel);

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(RandomNumberGenerator.GetBytes((int)(16 * MiB))), At(bucket, "cancelled.bin"),
            _provider, FiveMiBParts with { ParallelParts = 1, Progress = progress }, cancel.Token).Left();

        var stopped = Assert.IsType<DomainError.TransferInterrupted>(error);
        Assert.IsType<DomainError.Cancelled>(stopped.Cause);
        Assert.True(stopped.Aborted);
        Assert.InRange(stopped.PartsDone, 1, 3);
        Assert.Equal(0, await peer.GetOpenUploadCountAsync());
    }

    [Fact]
    public async Task Copy_IsServerSide_AndTheCopyReadsBackTheSame()
    {
        var bucket = await NewBucketAsync();
        var content = Encoding.UTF8.GetBytes("{\"event\":\"start\"}\n");
        (await S3Interactions.PutAsync(S3Content.FromBytes(content), At(bucket, "events/today.json"), _provider,
            new PutOptions { Metadata = new Dictionary<string, string> { ["origin"] = "sensor-7" } })).Right();
        await peer.ResetRequestCountAsync();

        var copied = await S3Interactions.CopyObjectAsync(At(bucket, "events/today.json"), At(bucket, "archive/today.json"), _provider).Right();

        Assert.Equal(2, await peer.GetRequestCountAsync());
        Assert.Equal((content.LongLength, 1), (copied.Size, copied.Parts));
        Assert.Equal(content, await ReadAllAsync(At(bucket, "archive/today.json")));
        var info = await S3Interactions.GetObjectInfoAsync(At(bucket, "archive/today.json"), _provider).Right();
        Assert.Equal(("application/json", "sensor-7"), (info.ContentType, info.Metadata["origin"]));
        Assert.IsType<DomainError.ObjectDoesNotExist>(
            await S3Interactions.CopyObjectAsync(At(bucket, "events/none.json"), At(bucket, "x.json"), _provider).Left());
    }

    [Fact]
    public async Task Ranges_ReadExactlyTheBytesAskedFor_AndAPastTheEndRangeIsInvalid()
    {
        var bucket = await NewBucketAsync();
        var content = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        (await S3Interactions.PutAsync(S3Content.FromBytes(content), At(bucket, "bytes.bin"), _provider)).Right();

        Assert.Equal(content[10..20], await ReadAllAsync(At(bucket, "bytes.bin"), offset: 10, length: 10));
        Assert.Equal(content[250..], await ReadAllAsync(At(bucket, "bytes.bin"), offset: 250));
        var error = await S3Interactions.ReadObjectAsync(At(bucket, "bytes.bin"), _ => Task.FromResult(0), _provider, offset: 1000).Left();
        Assert.Equal("InvalidRange", Assert.IsType<DomainError.InvalidRequest>(error).Details.Code);
    }

    [Fact]
    public async Task TheReadmeObjectExample_UploadsReadsBackAndReadsItsErrorsByCase()
    {
        var provider = _provider;
        (await S3Interactions.CreateBucketAsync("awsaio-logs", provider)).Right();
        var logFile = Path.Combine(_scratch, "app.log");
        await File.WriteAllTextAsync(logFile, "2026-11-30 started\n");

        // As in README.md.
        var outcome = await (
            from location in S3Location.Parse("s3://awsaio-logs/2026/11/30/app.log").ToAsync()
            from uploaded in S3Interactions.PutFileAsync(logFile, location, provider,
                new PutOptions { Tags = new Dictionary<string, string> { ["retention"] = "90d" } }).ToAsync()
            from info in S3Interactions.GetObjectInfoAsync(location, provider).ToAsync()
            select info).Match(
            Right: info => $"{info.Size} bytes as {info.ContentType}",
            Left: error => error switch
            {
                DomainError.TransferInterrupted { Aborted: true } stopped => $"stopped after {stopped.BytesDone} bytes, nothing left behind",
                DomainError.TransferInterrupted stopped => $"abort multipart upload {stopped.UploadId}, or its parts stay billed",
                _ => error.ToString(),
            });

        Assert.Equal("19 bytes as text/plain", outcome);

        var interrupted = await S3Interactions.PutAsync(S3Content.FromStream(new FailingAfter(new byte[6 * MiB])), At("awsaio-logs", "big.bin"),
            provider, FiveMiBParts with { ParallelParts = 1 }).Left();
        var said = interrupted switch
        {
            DomainError.TransferInterrupted { Aborted: true } stopped => $"stopped after {stopped.BytesDone} bytes, nothing left behind",
            _ => interrupted.ToString(),
        };
        Assert.Equal("stopped after 5242880 bytes, nothing left behind", said);
    }

    /// <summary>A one-way stream of unknown length whose read fails, as a broken pipe does, after its bytes.</summary>
    private sealed class FailingAfter(byte[] bytes) : ForwardOnlyStream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= bytes.Length) throw new IOException("Broken pipe");
            var n = Math.Min(count, bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

    }

    /// <summary>Cancels the upload once the first part is done.</summary>
    private sealed class CancelAfterFirstPart(CancellationTokenSource cancel) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            if (value.Done > 0) cancel.Cancel();
        }
    }
}
