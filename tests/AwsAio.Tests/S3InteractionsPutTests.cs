using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using static AwsAio.Tests.Support.S3Doubles;
using Moq;
using Xunit;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio.Tests;

/// <summary>
/// Uploads from anything (S3Interactions.Put.cs) over a mocked IAmazonS3: one PutObject below the threshold, content
/// types guessed as the AWS CLI does, every header checked before any request, and S3's errors by code.
/// </summary>
public sealed class S3InteractionsPutTests
{
    private const string Bucket = "awsaio-unit-put";

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;
    private readonly List<(PutObjectRequest Request, byte[] Body)> _puts = [];

    public S3InteractionsPutTests() => _provider = ProviderFor(_s3.Object);

    private void PutSucceeds() =>
        _s3.Setup(s => s.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (PutObjectRequest r, CancellationToken ct) =>
            {
                using var copy = new MemoryStream();
                await r.InputStream.CopyToAsync(copy, ct);
                _puts.Add((r, copy.ToArray()));
                return new PutObjectResponse
                {
                    ETag = "\"d41d8cd98f00b204e9800998ecf8427e\"", VersionId = "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", HttpStatusCode = HttpStatusCode.OK,
                    ResponseMetadata = new ResponseMetadata { RequestId = "REQ-PUT" },
                };
            });

    private void PutThrows(Exception e) =>
        _s3.Setup(s => s.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(e);

    private static S3Location At(string key) => S3Location.Create(Bucket, key).ToEither().Right();

    [Fact]
    public async Task Put_BytesBelowTheThreshold_IsOnePutObject_WithTheTypeGuessedFromTheKey()
    {
        PutSucceeds();
        var bytes = Encoding.ASCII.GetBytes("2026-11-30 started\n");

        var uploaded = await S3Interactions.PutAsync(S3Content.FromBytes(bytes), At("2026/11/30/app.log"), _provider.Object).Right();

        var (request, body) = Assert.Single(_puts);
        Assert.Equal(bytes, body);
        Assert.Equal("text/plain", request.ContentType);
        Assert.Equal((Bucket, "2026/11/30/app.log"), (request.BucketName, request.Key));
        Assert.Equal(new UploadedObject(Bucket, "2026/11/30/app.log", "d41d8cd98f00b204e9800998ecf8427e", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY",
            bytes.Length, 1), uploaded);
    }

    [Fact]
    public async Task Put_Text_IsUtf8_AndSaysItsCharset()
    {
        PutSucceeds();

        await S3Interactions.PutAsync(S3Content.FromText("Zoë"), Bucket, "notes", _provider.Object).Right();

        var (request, body) = Assert.Single(_puts);
        Assert.Equal(Encoding.UTF8.GetBytes("Zoë"), body);
        Assert.Equal("text/plain; charset=utf-8", request.ContentType);
    }

    [Fact]
    public async Task Put_WithEveryOption_SendsEachHeader()
    {
        PutSucceeds();
        var options = new PutOptions
        {
            ContentType = "application/x-ndjson", ContentEncoding = "gzip", CacheControl = "max-age=3600",
            Metadata = new Dictionary<string, string> { ["owner"] = "ops" },
            Tags = new Dictionary<string, string> { ["team"] = "capture", ["cost-centre"] = "42" },
            StorageClass = AwsAio.Core.S3StorageClass.StandardInfrequentAccess, Encryption = S3Encryption.Kms("alias/logs"),
        };

        await S3Interactions.PutAsync(S3Content.FromBytes(new byte[10]), At("events.gz"), _provider.Object, options).Right();

        var request = Assert.Single(_puts).Request;
        Assert.Equal("application/x-ndjson", request.ContentType);
        Assert.Equal("gzip", request.Headers.ContentEncoding);
        Assert.Equal("max-age=3600", request.Headers.CacheControl);
        Assert.Equal("ops", request.Metadata["owner"]);
        Assert.Equal([("team", "capture"), ("cost-centre", "42")], request.TagSet.Select(t => (t.Key, t.Value)));
        Assert.Equal(Amazon.S3.S3StorageClass.StandardInfrequentAccess, request.StorageClass);
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, request.ServerSideEncryptionMethod);
        Assert.Equal("alias/logs", request.ServerSideEncryptionKeyManagementServiceKeyId);
    }

    private static IEnumerable<(PutOptions Options, string Field)> RefusedOptionRows() =>
    [
        (new PutOptions { ContentType = "text/plain\r\nX-Injected: 1" }, "content type"),
        (new PutOptions { ContentEncoding = "gzip\nX-Injected: 1" }, "content encoding"),
        (new PutOptions { CacheControl = "max-age=1\u0000" }, "cache control"),
        (new PutOptions { Metadata = new Dictionary<string, string> { ["a b"] = "v" } }, "metadata key"),
        (new PutOptions { Tags = new Dictionary<string, string> { ["aws:owner"] = "x" } }, "tag key 'aws:owner'"),
        (new PutOptions { Tags = new Dictionary<string, string> { ["team"] = "a#b" } }, "tag value of 'team'"),
        (new PutOptions { StorageClass = AwsAio.Core.S3StorageClass.Unknown }, "storage class"),
        (new PutOptions { Encryption = S3Encryption.Kms("k\r\nX: 1") }, "KMS key id"),
        (new PutOptions { MultipartThreshold = 1024 }, "multipart threshold"),
        (new PutOptions { PartSize = 6L * 1024 * 1024 * 1024 }, "part size"),
        (new PutOptions { ParallelParts = 0 }, "parallel parts"),
    ];

    public static TheoryData<string> RefusedOptions => Rows.Named(RefusedOptionRows(), r => r.Field);

    [Theory]
    [MemberData(nameof(RefusedOptions))]
    public async Task Put_WithAnOptionThatBreaksARule_IsInvalidInput_BeforeAnyRequest(string row)
    {
        var (options, field) = Rows.Pick(RefusedOptionRows(), row);
        var error = await S3Interactions.PutAsync(S3Content.FromBytes(new byte[1]), At("k"), _provider.Object, options).Left();

        Assert.Equal(field, Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }

    /// <summary>Options breaking every rule from the given one onwards: the first of them in checking order is reported.</summary>
    private static PutOptions BrokenFrom(int first) => new()
    {
        ContentType = first <= 0 ? "text/plain\r\nX-Injected: 1" : null,
        ContentEncoding = first <= 1 ? "gzip\nX-Injected: 1" : null,
        CacheControl = first <= 2 ? "max-age=1\u0000" : null,
        Metadata = first <= 3 ? new Dictionary<string, string> { ["a b"] = "v" } : null,
        Tags = first <= 4 ? new Dictionary<string, string> { ["aws:owner"] = "x" } : null,
        StorageClass = first <= 5 ? AwsAio.Core.S3StorageClass.Unknown : null,
        Encryption = first <= 6 ? S3Encryption.Kms("k\r\nX: 1") : null,
        MultipartThreshold = first <= 7 ? 1024 : PutOptions.Default.MultipartThreshold,
        ParallelParts = 0,
    };

    [Theory]
    [InlineData(0, "content type")]
    [InlineData(1, "content encoding")]
    [InlineData(2, "cache control")]
    [InlineData(3, "metadata key")]
    [InlineData(4, "tag key 'aws:owner'")]
    [InlineData(5, "storage class")]
    [InlineData(6, "KMS key id")]
    [InlineData(7, "multipart threshold")]
    [InlineData(8, "parallel parts")]
    public async Task Put_WithSeveralBrokenOptions_ReportsTheFirstInCheckingOrder(int first, string field)
    {
        var error = await S3Interactions.PutAsync(S3Content.FromBytes(new byte[1]), At("k"), _provider.Object, BrokenFrom(first)).Left();

        Assert.Equal(field, Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Put_WithoutContent_IsExactlyContentIsRequired()
    {
        var error = await S3Interactions.PutAsync(null!, At("k"), _provider.Object).Left();

        Assert.Equal(DomainError.NewInvalidInput("content", "is required"), error);
    }

    [Fact]
    public async Task Put_WithoutLocation_IsExactlyLocationIsRequired()
    {
        var error = await S3Interactions.PutAsync(S3Content.FromText("x"), (S3Location)null!, _provider.Object).Left();

        Assert.Equal(DomainError.NewInvalidInput("location", "is required"), error);
    }

    [Fact]
    public async Task Put_WithoutTags_SendsNoTagSet_AndLeavesTheBodyOpenForTheCaller()
    {
        PutSucceeds();

        await S3Interactions.PutAsync(S3Content.FromText("x"), At("k"), _provider.Object).Right();

        var (request, _) = Assert.Single(_puts);
        Assert.Null(request.TagSet);
        Assert.False(request.AutoCloseStream);
    }

    [Fact]
    public async Task Put_ToADotSegmentKey_IsRefusedByTheProvidersRule_BeforeAnyRequest()
    {
        var location = S3Location.Create(Bucket, "logs/../../etc/passwd").ToEither().Right();

        var error = await S3Interactions.PutAsync(S3Content.FromText("x"), location, _provider.Object).Left();

        Assert.Equal("object key", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Put_WithoutContentOrLocation_IsInvalidInput()
    {
        Assert.Equal("content", Assert.IsType<DomainError.InvalidInput>(await S3Interactions.PutAsync(null!, At("k"), _provider.Object).Left()).Field);
        Assert.Equal("location", Assert.IsType<DomainError.InvalidInput>(
            await S3Interactions.PutAsync(S3Content.FromText("x"), (S3Location)null!, _provider.Object).Left()).Field);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Put_AShortStreamOfUnknownLength_IsOnePutObject_OfExactlyItsBytes()
    {
        PutSucceeds();
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        var progress = new List<TransferProgress>();

        var uploaded = await S3Interactions.PutAsync(S3Content.FromStream(new OneWayStream(bytes)), At("blob.bin"), _provider.Object,
            new PutOptions { Progress = new Recorder(progress) }).Right();

        Assert.Equal(bytes, Assert.Single(_puts).Body);
        Assert.Equal(70_000, uploaded.Size);
        Assert.Equal([new TransferProgress(0, 70_000), new TransferProgress(70_000, 70_000)], progress);
    }

    [Fact]
    public async Task Put_AStreamThatFailsToRead_IsTheStreamsError_NotTheNetworks()
    {
        PutSucceeds();

        var error = await S3Interactions.PutAsync(S3Content.FromStream(new BrokenStream()), At("k"), _provider.Object).Left();

        Assert.Equal("(the content stream)", Assert.IsType<DomainError.LocalFileFailed>(error).Path);
    }

    [Fact]
    public async Task Put_AStreamOfUnknownLengthThatFailsToReadAhead_IsTheStreamsError_BeforeAnyRequest()
    {
        var error = await S3Interactions.PutAsync(S3Content.FromStream(new OneWayBrokenStream(new IOException("Input/output error"))), At("k"),
            _provider.Object).Left();

        Assert.Equal(DomainError.NewLocalFileFailed("(the content stream)", "Input/output error"), error);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Put_AStreamOfUnknownLengthThatCancelsItsOwnRead_IsTheStreamsError_NeverAnException()
    {
        var error = await S3Interactions.PutAsync(S3Content.FromStream(new OneWayBrokenStream(new TaskCanceledException("The read timed out."))),
            At("k"), _provider.Object).Left();

        Assert.Equal(DomainError.NewLocalFileFailed("(the content stream)", "The read timed out."), error);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Put_WhenCancelledWhileReadingAStreamAhead_IsCancelledPutObject_BeforeAnyRequest()
    {
        var error = await S3Interactions.PutAsync(S3Content.FromStream(new OneWayStream(new byte[1000])), At("k"), _provider.Object,
            ct: new CancellationToken(canceled: true)).Left();

        Assert.Equal(DomainError.NewCancelled("PutObject"), error);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Put_Multipart_WithEveryOption_StartsTheUploadWithEachHeader()
    {
        var store = new MultipartDouble(_s3);
        var options = new PutOptions
        {
            ContentType = "application/x-ndjson", ContentEncoding = "gzip", CacheControl = "max-age=3600",
            Metadata = new Dictionary<string, string> { ["owner"] = "ops" },
            Tags = new Dictionary<string, string> { ["team"] = "capture", ["cost-centre"] = "42" },
            StorageClass = AwsAio.Core.S3StorageClass.StandardInfrequentAccess, Encryption = S3Encryption.Kms("alias/logs"),
            MultipartThreshold = 5 * 1024 * 1024, PartSize = 5 * 1024 * 1024,
        };

        await S3Interactions.PutAsync(S3Content.FromBytes(new byte[6 * 1024 * 1024]), At("events.gz"), _provider.Object, options).Right();

        var request = Assert.Single(store.Initiated);
        Assert.Equal((Bucket, "events.gz"), (request.BucketName, request.Key));
        Assert.Equal("application/x-ndjson", request.ContentType);
        Assert.Equal("gzip", request.Headers.ContentEncoding);
        Assert.Equal("max-age=3600", request.Headers.CacheControl);
        Assert.Equal("ops", request.Metadata["owner"]);
        Assert.Equal([("team", "capture"), ("cost-centre", "42")], request.TagSet.Select(t => (t.Key, t.Value)));
        Assert.Equal(Amazon.S3.S3StorageClass.StandardInfrequentAccess, request.StorageClass);
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, request.ServerSideEncryptionMethod);
        Assert.Equal("alias/logs", request.ServerSideEncryptionKeyManagementServiceKeyId);
        Assert.Equal(2, store.Parts.Count);
    }

    [Fact]
    public async Task Put_Multipart_WithoutOptions_StartsTheUploadWithNoTagsStorageClassOrEncryption()
    {
        var store = new MultipartDouble(_s3);

        await S3Interactions.PutAsync(S3Content.FromBytes(new byte[6 * 1024 * 1024]), At("events.gz"), _provider.Object,
            new PutOptions { MultipartThreshold = 5 * 1024 * 1024, PartSize = 5 * 1024 * 1024 }).Right();

        var request = Assert.Single(store.Initiated);
        Assert.Equal("application/gzip", request.ContentType);
        Assert.Empty(request.TagSet ?? []);
        Assert.Null(request.StorageClass);
        Assert.Null(request.ServerSideEncryptionMethod);
        Assert.Null(request.ServerSideEncryptionKeyManagementServiceKeyId);
        Assert.Null(request.Headers.ContentEncoding);
        Assert.Null(request.Headers.CacheControl);
        Assert.Equal(0, request.Metadata.Count);
    }

    /// <summary>A stream of unknown length whose every read fails with <paramref name="thrown"/>.</summary>
    private sealed class OneWayBrokenStream(Exception thrown) : ForwardOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw thrown;
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(thrown);
    }

    private static IEnumerable<(Exception Thrown, Type Expected)> MappedErrorRows() =>
    [
        (new NoSuchBucketException("The specified bucket does not exist", ErrorType.Sender, "NoSuchBucket", RequestId, HttpStatusCode.NotFound),
            typeof(DomainError.BucketDoesNotExist)),
        (S3Error("AccessDenied", HttpStatusCode.Forbidden, "Access Denied"), typeof(DomainError.BucketAccessDenied)),
        (S3Error("KMS.KMSInvalidStateException", HttpStatusCode.BadRequest, "arn:aws:kms:… is pending deletion."), typeof(DomainError.EncryptionKeyError)),
        (S3Error("EntityTooLarge", HttpStatusCode.BadRequest, "Your proposed upload exceeds the maximum allowed size"), typeof(DomainError.InvalidRequest)),
        (S3Error("InvalidStorageClass", HttpStatusCode.BadRequest, "The storage class you specified is not valid"), typeof(DomainError.Unexpected)),
        (S3Error("SlowDown", HttpStatusCode.ServiceUnavailable, "Please reduce your request rate."), typeof(DomainError.Throttled)),
        (S3Error("InternalError", HttpStatusCode.InternalServerError, "We encountered an internal error. Please try again."), typeof(DomainError.ServiceUnavailable)),
        (S3Error("ExpiredToken", HttpStatusCode.BadRequest, "The provided token has expired."), typeof(DomainError.CredentialsExpired)),
        (new HttpRequestException("The response ended prematurely.", new IOException("Connection reset by peer")), typeof(DomainError.OutcomeUnknown)),
    ];

    public static TheoryData<string> MappedErrors => Rows.Named(MappedErrorRows(), r => $"{(r.Thrown as Amazon.Runtime.AmazonServiceException)?.ErrorCode ?? r.Thrown.GetType().Name} -> {r.Expected.Name}");

    [Theory]
    [MemberData(nameof(MappedErrors))]
    public async Task Put_WhenS3Answers_AnError_ItIsTheCoresDomainError(string row)
    {
        var (thrown, expected) = Rows.Pick(MappedErrorRows(), row);
        PutThrows(thrown);

        var error = await S3Interactions.PutAsync(S3Content.FromText("x"), At("k.txt"), _provider.Object).Left();

        Assert.IsType(expected, error);
        if (thrown is AmazonS3Exception s3) Assert.Equal((s3.ErrorCode, RequestId), (error.ErrorDetails.Code, error.ErrorDetails.RequestId));
    }

    /// <summary>A stream that can only be read forwards and does not know its length.</summary>
    internal sealed class OneWayStream(byte[] bytes) : ForwardOnlyStream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7_000));
    }

    /// <summary>A seekable stream whose reads fail as a failing disk does.</summary>
    private sealed class BrokenStream : MemoryStream
    {
        public BrokenStream() : base(new byte[100]) { }
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("Input/output error");
        public override int Read(Span<byte> buffer) => throw new IOException("Input/output error");
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("Input/output error"));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromException<int>(new IOException("Input/output error"));
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post it later).</summary>
    internal sealed class Recorder(List<TransferProgress> into) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            lock (into) into.Add(value);
        }
    }
}
