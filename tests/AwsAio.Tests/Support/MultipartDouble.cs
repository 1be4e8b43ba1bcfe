using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Moq;

namespace AwsAio.Tests.Support;

/// <summary>
/// A multipart backend on a mocked IAmazonS3, answering as S3 does (upload ids, quoted ETags, request ids): it keeps
/// every part's bytes, every request, how many parts were in flight at once, and fails the parts it is told to.
/// </summary>
internal sealed class MultipartDouble
{
    internal const string UploadId = "VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA";
    private int _inFlight;

    internal MultipartDouble(Mock<IAmazonS3> s3, bool checksums = false)
    {
        s3.Setup(s => s.Config).Returns(new AmazonS3Config
        {
            RequestChecksumCalculation = checksums ? RequestChecksumCalculation.WHEN_SUPPORTED : RequestChecksumCalculation.WHEN_REQUIRED,
        });
        s3.Setup(s => s.InitiateMultipartUploadAsync(It.IsAny<InitiateMultipartUploadRequest>(), It.IsAny<CancellationToken>()))
            .Returns((InitiateMultipartUploadRequest r, CancellationToken _) =>
            {
                Initiated.Add(r);
                return CreateFailure is { } e
                    ? Task.FromException<InitiateMultipartUploadResponse>(e)
                    : Task.FromResult(new InitiateMultipartUploadResponse
                    {
                        BucketName = r.BucketName, Key = r.Key, UploadId = UploadId, HttpStatusCode = HttpStatusCode.OK,
                        ResponseMetadata = new ResponseMetadata { RequestId = "REQ-CREATE" },
                    });
            });
        s3.Setup(s => s.UploadPartAsync(It.IsAny<UploadPartRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (UploadPartRequest r, CancellationToken ct) =>
            {
                var now = Interlocked.Increment(ref _inFlight);
                lock (Parts) MaxInFlight = Math.Max(MaxInFlight, now);
                try
                {
                    PartRequests.Add(r);
                    await Task.Yield();
                    if (OnPart?.Invoke(r.PartNumber ?? 0, ct) is { } failure) throw failure;
                    using var copy = new MemoryStream();
                    await r.InputStream.CopyToAsync(copy, ct);
                    Parts[r.PartNumber ?? 0] = copy.ToArray();
                    return new UploadPartResponse
                    {
                        PartNumber = r.PartNumber, ETag = $"\"etag-{r.PartNumber}\"", ChecksumCRC32 = checksums ? $"crc-{r.PartNumber}" : null,
                        HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = $"REQ-PART-{r.PartNumber}" },
                    };
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            });
        s3.Setup(s => s.CopyPartAsync(It.IsAny<CopyPartRequest>(), It.IsAny<CancellationToken>()))
            .Returns((CopyPartRequest r, CancellationToken ct) =>
            {
                CopyParts.Add(r);
                if (OnPart?.Invoke(r.PartNumber ?? 0, ct) is { } failure) return Task.FromException<CopyPartResponse>(failure);
                return Task.FromResult(new CopyPartResponse
                {
                    PartNumber = r.PartNumber, ETag = $"\"copy-etag-{r.PartNumber}\"", ChecksumCRC32 = checksums ? $"copy-crc-{r.PartNumber}" : null,
                    HttpStatusCode = HttpStatusCode.OK,
                    ResponseMetadata = new ResponseMetadata { RequestId = $"REQ-COPY-{r.PartNumber}" },
                });
            });
        s3.Setup(s => s.CompleteMultipartUploadAsync(It.IsAny<CompleteMultipartUploadRequest>(), It.IsAny<CancellationToken>()))
            .Returns((CompleteMultipartUploadRequest r, CancellationToken _) =>
            {
                Completed.Add(r);
                return CompleteFailure is { } e
                    ? Task.FromException<CompleteMultipartUploadResponse>(e)
                    : Task.FromResult(new CompleteMultipartUploadResponse
                    {
                        BucketName = r.BucketName, Key = r.Key, ETag = $"\"final-{r.PartETags.Count}\"", VersionId = "v-final",
                        HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-COMPLETE" },
                    });
            });
        s3.Setup(s => s.AbortMultipartUploadAsync(It.IsAny<AbortMultipartUploadRequest>(), It.IsAny<CancellationToken>()))
            .Returns((AbortMultipartUploadRequest r, CancellationToken _) =>
            {
                Aborted.Add(r);
                return AbortFailure is { } e
                    ? Task.FromException<AbortMultipartUploadResponse>(e)
                    : Task.FromResult(new AbortMultipartUploadResponse
                    {
                        HttpStatusCode = HttpStatusCode.NoContent, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-ABORT" },
                    });
            });
    }

    /// <summary>Decides, per part number, whether the part fails (and with what).</summary>
    internal Func<int, CancellationToken, Exception?>? OnPart { get; set; }
    internal Exception? CreateFailure { get; set; }
    internal Exception? CompleteFailure { get; set; }
    internal Exception? AbortFailure { get; set; }

    internal ConcurrentBag<InitiateMultipartUploadRequest> Initiated { get; } = [];
    internal ConcurrentBag<UploadPartRequest> PartRequests { get; } = [];
    internal ConcurrentBag<CopyPartRequest> CopyParts { get; } = [];
    internal ConcurrentDictionary<int, byte[]> Parts { get; } = new();
    internal ConcurrentBag<CompleteMultipartUploadRequest> Completed { get; } = [];
    internal ConcurrentBag<AbortMultipartUploadRequest> Aborted { get; } = [];
    internal int MaxInFlight { get; private set; }

    /// <summary>The parts' bytes joined in part order.</summary>
    internal byte[] Joined() => Parts.OrderBy(p => p.Key).SelectMany(p => p.Value).ToArray();
}
