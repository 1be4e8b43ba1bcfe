using System.Net;
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
/// Object info and reads (S3Interactions.Read.cs) over a mocked IAmazonS3: HeadObject's facts shaped by the core, a
/// body handed to the reader and always disposed, byte ranges checked before the request and in the answer.
/// </summary>
public sealed class S3InteractionsReadTests
{
    private const string Bucket = "awsaio-unit-read";
    private const string Key = "reports/2026/q4.csv";
    private static readonly S3Location Location = S3Location.Create(Bucket, Key).ToEither().Right();

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;
    private readonly List<GetObjectRequest> _gets = [];

    public S3InteractionsReadTests() => _provider = ProviderFor(_s3.Object);

    private static GetObjectMetadataResponse Head()
    {
        var head = new GetObjectMetadataResponse
        {
            ContentLength = 4096, ETag = "\"9b2cf535f27731c974343645a3985328\"", LastModified = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc),
            VersionId = "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo", StorageClass = Amazon.S3.S3StorageClass.StandardInfrequentAccess,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
            ServerSideEncryptionKeyManagementServiceKeyId = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-HEAD" },
        };
        head.Headers.ContentType = "text/csv";
        head.Headers.ContentEncoding = "gzip";
        head.Headers.CacheControl = "no-cache";
        head.Metadata.Add("x-amz-meta-owner", "=?UTF-8?B?Wm/Dqw==?=");
        return head;
    }

    private void GetReturns(Func<GetObjectRequest, GetObjectResponse> answer) =>
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()))
            .Returns((GetObjectRequest r, CancellationToken _) =>
            {
                _gets.Add(r);
                return Task.FromResult(answer(r));
            });

    private static GetObjectResponse Body(Stream body, HttpStatusCode status = HttpStatusCode.OK, string? contentRange = null) =>
        new()
        {
            BucketName = Bucket, Key = Key, ResponseStream = body, HttpStatusCode = status, ContentRange = contentRange,
            ResponseMetadata = new ResponseMetadata { RequestId = "REQ-GET" },
        };

    [Fact]
    public async Task GetObjectInfo_GivesEveryFactOfHeadObject()
    {
        _s3.Setup(s => s.GetObjectMetadataAsync(It.Is<GetObjectMetadataRequest>(r => r.BucketName == Bucket && r.Key == Key), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Head());

        var info = await S3Interactions.GetObjectInfoAsync(Location, _provider.Object).Right();

        Assert.Equal((4096L, "9b2cf535f27731c974343645a3985328", "text/csv", "gzip", "no-cache"),
            (info.Size, info.ETag, info.ContentType, info.ContentEncoding, info.CacheControl));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), info.LastModified);
        Assert.Equal("3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo", info.VersionId);
        Assert.Equal(AwsAio.Core.S3StorageClass.StandardInfrequentAccess, info.StorageClass);
        Assert.Equal(("aws:kms", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"), (info.Encryption, info.KmsKeyId));
        Assert.Equal("Zoë", info.Metadata["owner"]);
    }

    [Theory]
    [InlineData("NotFound", HttpStatusCode.NotFound, typeof(DomainError.ObjectDoesNotExist))]
    [InlineData("Forbidden", HttpStatusCode.Forbidden, typeof(DomainError.AccessDenied))]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, typeof(DomainError.BucketDoesNotExist))]
    [InlineData("MovedPermanently", HttpStatusCode.MovedPermanently, typeof(DomainError.WrongRegion))]
    public async Task GetObjectInfo_WhenHeadObjectFails_IsTheMappedError(string code, HttpStatusCode status, Type expected)
    {
        _s3.Setup(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(S3Error(code, status, ""));

        var error = await S3Interactions.GetObjectInfoAsync(Bucket, Key, _provider.Object).Left();

        Assert.IsType(expected, error);
        Assert.Equal(("HeadObject", ErrorTarget.Of(Bucket, Key)), (error.ErrorDetails.Operation, error.ErrorDetails.Target));
    }

    [Fact]
    public async Task ReadObject_HandsTheBodyToTheReader_AndDisposesTheResponse()
    {
        var body = new TrackedStream([1, 2, 3, 4]);
        GetReturns(_ => Body(body));

        var sum = await S3Interactions.ReadObjectAsync(Location, async s =>
        {
            using var copy = new MemoryStream();
            await s.CopyToAsync(copy);
            return copy.ToArray().Sum(b => b);
        }, _provider.Object).Right();

        Assert.Equal(10, sum);
        Assert.True(body.Disposed);
        Assert.Null(Assert.Single(_gets).ByteRange);
    }

    [Fact]
    public async Task ReadObject_WithARange_AsksForExactlyThoseBytes_AndAcceptsThePartialAnswer()
    {
        GetReturns(_ => Body(new MemoryStream([9, 9]), HttpStatusCode.PartialContent, "bytes 10-11/4096"));

        var length = await S3Interactions.ReadObjectAsync(Location, s => Task.FromResult(s.ReadByte()), _provider.Object, offset: 10, length: 2).Right();

        Assert.Equal(9, length);
        Assert.Equal("bytes=10-11", Assert.Single(_gets).ByteRange.FormattedByteRange);
    }

    [Fact]
    public async Task ReadObject_WhenTheAnswerIsNotTheRangeAskedFor_IsMalformed_AndTheReaderNeverSeesIt()
    {
        var body = new TrackedStream(new byte[100]);
        GetReturns(_ => Body(body));
        var called = false;

        var error = await S3Interactions.ReadObjectAsync(Location, _ => Task.FromResult(called = true), _provider.Object, offset: 10).Left();

        Assert.IsType<DomainError.MalformedResponse>(error);
        Assert.False(called);
        Assert.True(body.Disposed);
    }

    [Theory]
    [InlineData(-1L, null, "range offset")]
    [InlineData(0L, 0L, "range length")]
    [InlineData(null, -5L, "range length")]
    public async Task ReadObject_WithAnInvalidRange_IsInvalidInput_BeforeAnyRequest(long? offset, long? length, string field)
    {
        var error = await S3Interactions.ReadObjectAsync(Location, _ => Task.FromResult(0), _provider.Object, offset, length).Left();

        Assert.Equal(field, Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReadObject_WhenTheReaderThrows_IsUnexpected_CarryingItsException_AndTheResponseIsDisposed()
    {
        var body = new TrackedStream([1]);
        GetReturns(_ => Body(body));
        var thrown = new FormatException("not a CSV");

        var error = await S3Interactions.ReadObjectAsync<int>(Location, _ => throw thrown, _provider.Object).Left();

        Assert.Same(thrown, Assert.IsType<DomainError.Unexpected>(error).Exception);
        Assert.True(body.Disposed);
    }

    [Fact]
    public async Task ReadObject_WhenTheReaderReturnsNull_IsInvalidInput_NeverANullInsideEither()
    {
        GetReturns(_ => Body(new MemoryStream([1])));

        var error = await S3Interactions.ReadObjectAsync(Location, _ => Task.FromResult<string>(null!), _provider.Object).Left();

        Assert.Equal("reader", Assert.IsType<DomainError.InvalidInput>(error).Field);
    }

    [Theory]
    [InlineData("NoSuchKey", HttpStatusCode.NotFound, typeof(DomainError.ObjectDoesNotExist))]
    [InlineData("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable, typeof(DomainError.InvalidRequest))]
    [InlineData("InvalidObjectState", HttpStatusCode.Forbidden, typeof(DomainError.Conflict))]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, typeof(DomainError.Throttled))]
    public async Task ReadObject_WhenGetObjectFails_IsTheMappedError(string code, HttpStatusCode status, Type expected)
    {
        var thrown = code == "NoSuchKey"
            ? new NoSuchKeyException("The specified key does not exist.", ErrorType.Sender, code, RequestId, status)
            : S3Error(code, status, "S3 said no");
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(thrown);

        var error = await S3Interactions.ReadObjectAsync(Location, _ => Task.FromResult(0), _provider.Object, offset: 1).Left();

        Assert.IsType(expected, error);
        Assert.Equal((code, (int)status, RequestId), (error.ErrorDetails.Code, error.ErrorDetails.HttpStatus, error.ErrorDetails.RequestId));
    }

    [Fact]
    public async Task GetObjectToFile_FromALocation_WritesTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("awsaio-read-").FullName;
        try
        {
            GetReturns(_ => Body(new MemoryStream([5, 6, 7])));
            var target = Path.Combine(folder, "q4.csv");

            var file = await S3Interactions.GetObjectToFileAsync(Location, target, _provider.Object).Right();

            Assert.Equal([5, 6, 7], await File.ReadAllBytesAsync(file.LocalPath));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ReadWrappers_WithoutALocation_AreInvalidInput_BeforeAnyRequest()
    {
        var expected = DomainError.NewInvalidInput("location", "is required");

        Assert.Equal(expected, await S3Interactions.GetObjectInfoAsync(null!, _provider.Object).Left());
        Assert.Equal(expected, await S3Interactions.ReadObjectAsync(null!, (s, _) => Task.FromResult(s.Length), _provider.Object).Left());
        Assert.Equal(expected, await S3Interactions.ReadObjectAsync(null!, s => Task.FromResult(s.Length), _provider.Object).Left());
        Assert.Equal(expected, await S3Interactions.GetObjectToFileAsync((S3Location)null!, Path.Combine(Path.GetTempPath(), "never-written.csv"),
            _provider.Object).Left());
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReadObject_WithoutAReader_AndAnInvalidRange_IsExactlyReaderIsRequired_BeforeAnyRequest()
    {
        var error = await S3Interactions.ReadObjectAsync<int>(Location, (Func<Stream, CancellationToken, Task<int>>)null!, _provider.Object, -1).Left();

        Assert.Equal(DomainError.NewInvalidInput("reader", "is required"), error);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReadObject_WithoutAProviderOrReader_IsProviderIsRequired()
    {
        var error = await S3Interactions.ReadObjectAsync<int>(Location, (Func<Stream, CancellationToken, Task<int>>)null!, null!, -1).Left();

        Assert.Equal(DomainError.NewInvalidInput("provider", "is required"), error);
    }

    [Fact]
    public async Task ReadObject_WithoutAStreamOnlyReader_IsExactlyReaderIsRequired_BeforeAnyRequest()
    {
        var error = await S3Interactions.ReadObjectAsync<int>(Location, (Func<Stream, Task<int>>)null!, _provider.Object).Left();

        Assert.Equal(DomainError.NewInvalidInput("reader", "is required"), error);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReadObject_WhenTheReaderReturnsNull_IsExactlyTheNullResultError()
    {
        GetReturns(_ => Body(new MemoryStream([1])));

        var error = await S3Interactions.ReadObjectAsync(Location, _ => Task.FromResult<string>(null!), _provider.Object).Left();

        Assert.Equal(DomainError.NewInvalidInput("reader", "returned null (a result must be a value)"), error);
    }

    [Fact]
    public async Task ReadObject_AsksForExactlyTheBucketAndKey()
    {
        GetReturns(_ => Body(new MemoryStream([1])));

        await S3Interactions.ReadObjectAsync(Location, s => Task.FromResult(s.ReadByte()), _provider.Object).Right();

        var request = Assert.Single(_gets);
        Assert.Equal((Bucket, Key), (request.BucketName, request.Key));
    }

    /// <summary>A body that records whether it was disposed.</summary>
    private sealed class TrackedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
