using System.Net;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Moq;
using Xunit;
using static AwsAio.Tests.Support.S3Doubles;

namespace AwsAio.Tests;

/// <summary>
/// Every code the core's S3 table names (and the codes beside them that must not be taken for them), each thrown by
/// the mocked SDK from the operation that receives it, through the wrapper that sends that operation.
/// </summary>
public sealed partial class S3InteractionsTests
{
    private const string CodesKey = "logs/2026/app.log";

    /// <summary>(operation, code, HTTP status, what the wrapper must answer: a DomainError case, a BucketStatus, or
    /// "Right" for a failure whose goal already holds).</summary>
    public static TheoryData<string, string, int, string> S3TableCodes => new()
    {
        { "HeadBucket", "NoSuchBucket", 404, nameof(BucketStatus.DoesNotExist) },
        { "HeadBucket", "NotFound", 404, nameof(BucketStatus.DoesNotExist) },
        { "HeadBucket", "AccessDenied", 403, nameof(BucketStatus.ExistsNoAccess) },
        { "HeadBucket", "Forbidden", 403, nameof(BucketStatus.ExistsNoAccess) },
        { "CreateBucket", "BucketAlreadyExists", 409, nameof(DomainError.BucketNameNotAvailable) },
        { "CreateBucket", "BucketAlreadyOwnedByYou", 409, "Right" },
        { "CreateBucket", "AccessDenied", 403, nameof(DomainError.AccessDenied) },
        { "PutObject", "NoSuchBucket", 404, nameof(DomainError.BucketDoesNotExist) },
        { "PutObject", "AccessDenied", 403, nameof(DomainError.BucketAccessDenied) },
        { "PutObject", "Forbidden", 403, nameof(DomainError.BucketAccessDenied) },
        { "PutObject", "KMS.NotFoundException", 400, nameof(DomainError.EncryptionKeyError) },
        { "GetObject", "NoSuchKey", 404, nameof(DomainError.ObjectDoesNotExist) },
        { "GetObject", "NotFound", 404, nameof(DomainError.ObjectDoesNotExist) },
        { "GetObject", "NoSuchBucket", 404, nameof(DomainError.BucketDoesNotExist) },
        { "GetObject", "AccessDenied", 403, nameof(DomainError.AccessDenied) },
        { "GetObject", "KMS.AccessDeniedException", 403, nameof(DomainError.EncryptionKeyError) },
        { "HeadObject", "NoSuchKey", 404, nameof(DomainError.ObjectDoesNotExist) },
        { "HeadObject", "NotFound", 404, nameof(DomainError.ObjectDoesNotExist) },
        { "HeadObject", "NoSuchBucket", 404, nameof(DomainError.BucketDoesNotExist) },
        { "HeadObject", "Forbidden", 403, nameof(DomainError.AccessDenied) },
        { "ListObjectsV2", "NoSuchBucket", 404, nameof(DomainError.BucketDoesNotExist) },
        { "ListObjectsV2", "NotFound", 404, nameof(DomainError.BucketDoesNotExist) },
        { "ListObjectsV2", "AccessDenied", 403, nameof(DomainError.BucketAccessDenied) },
        { "ListObjectsV2", "Forbidden", 403, nameof(DomainError.BucketAccessDenied) },
        { "ListObjectVersions", "NoSuchBucket", 404, "Right" },
        { "ListObjectVersions", "NotFound", 404, nameof(DomainError.BucketDoesNotExist) },
        { "ListObjectVersions", "AccessDenied", 403, nameof(DomainError.BucketAccessDenied) },
        { "ListObjectVersions", "NotImplemented", 501, "Right" },
        { "DeleteObjects", "AccessDenied", 403, nameof(DomainError.BucketAccessDenied) },
        { "DeleteObjects", "NoSuchBucket", 404, "Right" },
        { "DeleteObjects", "NotFound", 404, nameof(DomainError.BucketDoesNotExist) },
        { "DeleteObjects", "NotImplemented", 501, nameof(DomainError.Unexpected) },
        { "DeleteBucket", "AccessDenied", 403, nameof(DomainError.BucketAccessDenied) },
        { "DeleteBucket", "NoSuchBucket", 404, "Right" },
        { "DeleteBucket", "NotFound", 404, nameof(DomainError.BucketDoesNotExist) },
        { "DeleteBucket", "BucketNotEmpty", 409, nameof(DomainError.Conflict) },
    };

    [Theory]
    [MemberData(nameof(S3TableCodes))]
    public async Task EveryS3TableCode_ThrownByItsOperation_IsWhatTheCoreNames_KeepingTheResponse(
        string operation, string code, int status, string expected)
    {
        var thrown = S3Error(code, (HttpStatusCode)status, $"{code} from {operation}");
        var folder = Directory.CreateTempSubdirectory("awsaio-codes-").FullName;
        try
        {
            var (error, right) = await RunFailing(operation, thrown, folder);

            if (error is null)
            {
                Assert.Equal(expected, right);
                return;
            }

            Assert.Equal(expected, error.GetType().Name);
            var details = error.ErrorDetails;
            Assert.Equal((operation, code, status, RequestId), (details.Operation, details.Code, details.HttpStatus, details.RequestId));
            Assert.Equal(Bucket, details.Target.Resource);
            Assert.Equal(operation is "PutObject" or "GetObject" or "HeadObject" ? CodesKey : "", details.Target.Key);
            // A failed download leaves nothing behind, not even its temporary file.
            Assert.DoesNotContain(Directory.GetFileSystemEntries(folder), f => !f.EndsWith("upload.txt", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Makes <paramref name="operation"/> throw <paramref name="thrown"/> (the operations before it answering
    /// as a bucket with one object would), runs the wrapper that sends it, and returns its error, or its answer.</summary>
    private async Task<(DomainError? Error, string? Right)> RunFailing(string operation, Exception thrown, string folder)
    {
        switch (operation)
        {
            case "HeadBucket":
                HeadBucketThrows(thrown);
                return Split(await S3Interactions.GetBucketStatusAsync(Bucket, _provider.Object), s => s.ToString());
            case "CreateBucket":
                PutBucketThrows(thrown);
                return Split(await S3Interactions.CreateBucketAsync(Bucket, _provider.Object), _ => "Right");
            case "PutObject":
                var upload = Path.Combine(folder, "upload.txt");
                await File.WriteAllTextAsync(upload, "payload");
                _s3.Setup(s => s.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(thrown);
                return Split(await S3Interactions.PutFileAsync(upload, Bucket, CodesKey, _provider.Object), _ => "Right");
            case "GetObject":
                _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(thrown);
                return Split(await S3Interactions.GetObjectToFileAsync(Bucket, CodesKey, Path.Combine(folder, "app.log"), _provider.Object),
                    _ => "Right");
            case "HeadObject":
                _s3.Setup(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()))
                    .ThrowsAsync(thrown);
                return Split(await S3Interactions.GetObjectMetadataAsync(Bucket, CodesKey, _provider.Object), _ => "Right");
            case "ListObjectsV2":
                _s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>())).ThrowsAsync(thrown);
                return Split(await S3Interactions.ListObjectsAsync(Bucket, _provider.Object), _ => "Right");
            case "ListObjectVersions":
                ListVersionsThrows(thrown);
                // A store without versions is emptied through ListObjectsV2 instead: here it is already empty.
                _s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
                    .Callback(() => _log.Add("ListObjectsV2"))
                    .ReturnsAsync(new ListObjectsV2Response { Name = Bucket, IsTruncated = false, HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata() });
                DeleteBucketReturnsOk();
                var destroyed = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object);
                string[] requests = thrown is Amazon.S3.AmazonS3Exception { StatusCode: HttpStatusCode.NotImplemented }
                    ? ["ListVersions", "ListObjectsV2", "DeleteBucket"]
                    : ["ListVersions"];
                Assert.Equal(requests, _log);
                return Split(destroyed, _ => "Right");
            case "DeleteObjects":
                ListVersionsServes(_ => VersionsPage([Version(CodesKey, "v1")]));
                _s3.Setup(s => s.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(thrown);
                DeleteBucketReturnsOk();
                var emptied = await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object);
                VerifyDeleteBucket(Times.Never());
                return Split(emptied, _ => "Right");
            case "DeleteBucket":
                ListVersionsServes(_ => VersionsPage([]));
                DeleteBucketThrows(thrown);
                return Split(await S3Interactions.DestroyBucketAsync(Bucket, _provider.Object), _ => "Right");
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "no wrapper sends it");
        }
    }

    private static (DomainError? Error, string? Right) Split<T>(Either<DomainError, T> result, Func<T, string> right) =>
        result.Match(Right: value => ((DomainError?)null, (string?)right(value)), Left: error => (error, null));
}
