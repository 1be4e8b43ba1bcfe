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
/// Server-side copies (S3Interactions.Copy.cs) over a mocked IAmazonS3: one CopyObject up to 5 GiB, UploadPartCopy above,
/// the source's ETag named on every request, and an aborted upload when a multipart copy stops.
/// </summary>
public sealed class S3InteractionsCopyTests
{
    private const long GiB = 1024L * 1024 * 1024;
    private static readonly S3Location From = S3Location.Create("awsaio-unit-source", "raw/2026/11/30/capture.pcap").ToEither().Right();
    private static readonly S3Location To = S3Location.Create("awsaio-unit-archive", "archive/capture.pcap").ToEither().Right();

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;
    private readonly MultipartDouble _store;
    private readonly List<CopyObjectRequest> _copies = [];

    public S3InteractionsCopyTests()
    {
        _provider = ProviderFor(_s3.Object);
        _store = new MultipartDouble(_s3);
        _s3.Setup(s => s.CopyObjectAsync(It.IsAny<CopyObjectRequest>(), It.IsAny<CancellationToken>()))
            .Returns((CopyObjectRequest r, CancellationToken _) =>
            {
                _copies.Add(r);
                return Task.FromResult(new CopyObjectResponse
                {
                    ETag = "\"6805f2cfc46c0f04559748bb039d69ae\"", VersionId = "v-copy", HttpStatusCode = HttpStatusCode.OK,
                    ResponseMetadata = new ResponseMetadata { RequestId = "REQ-COPY" },
                });
            });
    }

    private void SourceIs(long size)
    {
        var head = new GetObjectMetadataResponse
        {
            ContentLength = size, ETag = "\"source-etag\"", HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-HEAD" },
        };
        head.Headers.ContentType = "application/vnd.tcpdump.pcap";
        head.Headers.CacheControl = "no-store";
        head.Metadata.Add("x-amz-meta-sensor", "eni-0a1b2c3d");
        _s3.Setup(s => s.GetObjectMetadataAsync(It.Is<GetObjectMetadataRequest>(r => r.BucketName == From.Bucket && r.Key == From.Key),
            It.IsAny<CancellationToken>())).ReturnsAsync(head);
    }

    [Fact]
    public async Task Copy_UpTo5GiB_IsOneCopyObject_NamingTheSourcesETag()
    {
        SourceIs(5 * GiB);

        var copied = await S3Interactions.CopyObjectAsync(From, To, _provider.Object).Right();

        var request = Assert.Single(_copies);
        Assert.Equal((From.Bucket, From.Key, To.Bucket, To.Key), (request.SourceBucket, request.SourceKey, request.DestinationBucket, request.DestinationKey));
        Assert.Equal("\"source-etag\"", request.ETagToMatch);
        Assert.Equal(new UploadedObject(To.Bucket, To.Key, "6805f2cfc46c0f04559748bb039d69ae", "v-copy", 5 * GiB, 1), copied);
        Assert.Empty(_store.Initiated);
    }

    [Fact]
    public async Task Copy_Above5GiB_IsAMultipartCopy_OfContiguousParts_CarryingTheSourcesHeaders()
    {
        SourceIs(6 * GiB + 1);

        var copied = await S3Interactions.CopyObjectAsync(From, To, _provider.Object).Right();

        Assert.Empty(_copies);
        var initiated = Assert.Single(_store.Initiated);
        Assert.Equal(("application/vnd.tcpdump.pcap", "no-store", "eni-0a1b2c3d"),
            (initiated.ContentType, initiated.Headers.CacheControl, initiated.Metadata["x-amz-meta-sensor"]));
        var parts = _store.CopyParts.OrderBy(p => p.PartNumber).ToList();
        Assert.Equal(13, parts.Count);
        Assert.Equal(0, parts[0].FirstByte);
        Assert.All(parts.Zip(parts.Skip(1)), pair => Assert.Equal(pair.Item1.LastByte + 1, pair.Item2.FirstByte));
        Assert.Equal(6 * GiB, parts[^1].LastByte);
        Assert.All(parts, p => Assert.Equal(["\"source-etag\""], p.ETagToMatch));
        Assert.Equal((13, 6 * GiB + 1), (copied.Parts, copied.Size));
    }

    [Fact]
    public async Task Copy_WhenAPartCopyFails_AbortsAndSaysHowFarItGot()
    {
        SourceIs(6 * GiB);
        _store.OnPart = (number, _) => number == 5 ? S3Error("PreconditionFailed", HttpStatusCode.PreconditionFailed, "At least one of the pre-conditions you specified did not hold") : null;

        var error = await S3Interactions.CopyObjectAsync(From, To, _provider.Object).Left();

        var stopped = Assert.IsType<DomainError.TransferInterrupted>(error);
        Assert.IsType<DomainError.Conflict>(stopped.Cause);
        Assert.True(stopped.Aborted);
        Assert.Equal((To.Bucket, To.Key, 12), (stopped.Bucket, stopped.Key, stopped.PartsTotal));
        Assert.Single(_store.Aborted);
        Assert.Empty(_store.Completed);
    }

    [Fact]
    public async Task Copy_WhenTheSourceIsMissing_IsObjectDoesNotExist_NamingTheSource_WithoutACopy()
    {
        _s3.Setup(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(S3Error("NotFound", HttpStatusCode.NotFound, ""));

        var error = await S3Interactions.CopyObjectAsync(From, To, _provider.Object).Left();

        var missing = Assert.IsType<DomainError.ObjectDoesNotExist>(error);
        Assert.Equal((From.Bucket, From.Key), (missing.Bucket, missing.Key));
        Assert.Empty(_copies);
    }

    [Theory]
    [InlineData("PreconditionFailed", HttpStatusCode.PreconditionFailed, typeof(DomainError.Conflict))]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, typeof(DomainError.BucketDoesNotExist))]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, typeof(DomainError.AccessDenied))]
    [InlineData("InvalidObjectState", HttpStatusCode.Forbidden, typeof(DomainError.Conflict))]
    public async Task Copy_WhenCopyObjectFails_IsTheMappedError_NamingTheDestination(string code, HttpStatusCode status, Type expected)
    {
        SourceIs(10);
        _s3.Setup(s => s.CopyObjectAsync(It.IsAny<CopyObjectRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(S3Error(code, status));

        var error = await S3Interactions.CopyObjectAsync(From, To, _provider.Object).Left();

        Assert.IsType(expected, error);
        Assert.Equal(("CopyObject", ErrorTarget.Of(To.Bucket, To.Key)), (error.ErrorDetails.Operation, error.ErrorDetails.Target));
    }

    [Fact]
    public async Task Copy_ToADotSegmentKey_IsInvalidInput_BeforeAnyRequest()
    {
        var error = await S3Interactions.CopyObjectAsync(From, S3Location.Create("b-dest", "a/./b").ToEither().Right(), _provider.Object).Left();

        Assert.Equal("object key", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.Verify(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }
    [Fact]
    public async Task Copy_FromADotSegmentKey_ToAValidOne_IsTheSourcesKeyError_BeforeAnyRequest()
    {
        var from = S3Location.Create("b-source", "raw/../x").ToEither().Right();

        var error = await S3Interactions.CopyObjectAsync(from, To, _provider.Object).Left();

        Assert.Equal(Inputs.S3(_provider.Object, from.Bucket, from.Key), error);
        _s3.Verify(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Copy_WithOnlyOneLocation_IsLocationIsRequired()
    {
        var expected = DomainError.NewInvalidInput("location", "is required");

        Assert.Equal(expected, await S3Interactions.CopyObjectAsync(null!, To, _provider.Object).Left());
        Assert.Equal(expected, await S3Interactions.CopyObjectAsync(From, null!, _provider.Object).Left());
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Copy_UpTo5GiB_ReportsNothingCopied_ThenEverything()
    {
        SourceIs(1000);
        var reports = new List<TransferProgress>();

        await S3Interactions.CopyObjectAsync(From, To, _provider.Object, new S3InteractionsPutTests.Recorder(reports)).Right();

        Assert.Equal([new TransferProgress(0, 1000), new TransferProgress(1000, 1000)], reports);
    }

    [Fact]
    public async Task Copy_Above5GiB_WithoutChecksums_AsksForNoChecksumAlgorithm()
    {
        SourceIs(6 * GiB + 1);

        await S3Interactions.CopyObjectAsync(From, To, _provider.Object).Right();

        Assert.Null(Assert.Single(_store.Initiated).ChecksumAlgorithm);
    }

    [Fact]
    public async Task Copy_Above5GiB_WithChecksums_AsksForCrc32_AndCompletesWithEachPartsChecksum()
    {
        var store = new MultipartDouble(_s3, checksums: true);
        SourceIs(6 * GiB + 1);

        await S3Interactions.CopyObjectAsync(From, To, _provider.Object).Right();

        Assert.Equal(ChecksumAlgorithm.CRC32, Assert.Single(store.Initiated).ChecksumAlgorithm);
        var parts = Assert.Single(store.Completed).PartETags.OrderBy(p => p.PartNumber).ToArray();
        Assert.NotEmpty(parts);
        Assert.All(parts, p => Assert.Equal($"copy-crc-{p.PartNumber}", p.ChecksumCRC32));
    }
}
