using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio;

public static partial class S3Interactions
{
    /// <summary>
    /// Copies an object inside S3 (no byte passes through the caller): one HeadObject of the source, then one CopyObject
    /// up to 5 GiB, or above that a multipart copy (UploadPartCopy, parts of 512 MiB, at most four in flight) carrying
    /// the source's Content-Type, Content-Encoding, Cache-Control and user metadata. Every request names the source's
    /// ETag, so a source rewritten meanwhile stops the copy (<c>Conflict</c>) instead of mixing two versions. A multipart
    /// copy that stops is aborted and reported as <c>TransferInterrupted</c>. A missing source is
    /// <c>ObjectDoesNotExist</c>; the destination's errors name the destination.
    /// </summary>
    /// <param name="from">The source object.</param>
    /// <param name="to">The object to write (overwritten if it exists).</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="progress">Where progress goes (bytes copied of the total), or null.</param>
    /// <param name="ct">Cancels the copy (a multipart copy is aborted).</param>
    public static async Task<Either<DomainError, UploadedObject>> CopyObjectAsync(
        S3Location from, S3Location to, IAwsClientProvider provider, IProgress<TransferProgress>? progress = null, CancellationToken ct = default)
    {
        if (from is null || to is null) return NoLocation<UploadedObject>();
        if ((Inputs.S3(provider, from.Bucket, from.Key) ?? Inputs.S3(provider, to.Bucket, to.Key)) is { } invalid) return invalid;

        var head = await AwsCall.RunAsync(provider, S3Call(S3Operations.HeadObject, from.Bucket, from.Key),
            c => provider.GetS3().GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = from.Bucket, Key = from.Key }, c), ct)
            .ConfigureAwait(false);
        if (!head.TryGetRight(out var source, out var notFound)) return notFound;

        var size = source.ContentLength;
        return S3Transfers.IsMultipartCopy(size)
            ? await CopyMultipartAsync(from, to, source, provider, progress, ct).ConfigureAwait(false)
            : await CopyOnceAsync(from, to, source, provider, progress, ct).ConfigureAwait(false);
    }

    private static async Task<Either<DomainError, UploadedObject>> CopyOnceAsync(
        S3Location from, S3Location to, GetObjectMetadataResponse source, IAwsClientProvider provider, IProgress<TransferProgress>? progress,
        CancellationToken ct)
    {
        var size = source.ContentLength;
        Report(progress, 0, size);
        var request = new CopyObjectRequest
        {
            SourceBucket = from.Bucket, SourceKey = from.Key, DestinationBucket = to.Bucket, DestinationKey = to.Key, ETagToMatch = source.ETag,
        };
        var copied = await AwsCall.RunAsync(provider, S3Call(S3Operations.CopyObject, to.Bucket, to.Key),
            c => provider.GetS3().CopyObjectAsync(request, c), ct).ConfigureAwait(false);
        return copied.Map(r =>
        {
            Report(progress, size, size);
            return S3Objects.Uploaded(to.Bucket, to.Key, r.ETag, r.VersionId, size, 1);
        });
    }

    private static Task<Either<DomainError, UploadedObject>> CopyMultipartAsync(
        S3Location from, S3Location to, GetObjectMetadataResponse source, IAwsClientProvider provider, IProgress<TransferProgress>? progress,
        CancellationToken ct)
    {
        var size = source.ContentLength;
        var planned = S3Transfers.PartPlan(size, S3Transfers.CopyPartSize);
        if (planned.IsError) return Task.FromResult(Left<DomainError, UploadedObject>(planned.ErrorValue));
        var plan = planned.ResultValue;

        var checksums = ChecksumsOnWrite(provider);
        var initiate = new InitiateMultipartUploadRequest { BucketName = to.Bucket, Key = to.Key, ContentType = source.Headers?.ContentType };
        if (source.Headers?.ContentEncoding is { } encoding) initiate.Headers.ContentEncoding = encoding;
        if (source.Headers?.CacheControl is { } cacheControl) initiate.Headers.CacheControl = cacheControl;
        foreach (var (name, value) in MetadataOf(source.Metadata))
        {
            // As S3 sent them (non-ASCII values stay RFC 2047-encoded), so they are stored again as they were.
            initiate.Metadata.Add(name, value);
        }

        if (checksums) initiate.ChecksumAlgorithm = ChecksumAlgorithm.CRC32;

        Task<Either<DomainError, Option<PartJob>>> Next(int number, CancellationToken _)
        {
            if (number > plan.Length) return Task.FromResult(Right<DomainError, Option<PartJob>>(None));
            var part = plan[number - 1];
            var job = new PartJob(number, part.Length, async (uploadId, c) =>
            {
                var request = new CopyPartRequest
                {
                    SourceBucket = from.Bucket, SourceKey = from.Key, DestinationBucket = to.Bucket, DestinationKey = to.Key,
                    UploadId = uploadId, PartNumber = number, FirstByte = part.Offset, LastByte = part.Offset + part.Length - 1,
                    ETagToMatch = [source.ETag],
                };
                var sent = await AwsCall.RunAsync(provider, S3Call(S3Operations.UploadPartCopy, to.Bucket, to.Key),
                    x => provider.GetS3().CopyPartAsync(request, x), c).ConfigureAwait(false);
                return sent.Map(r => new PartETag(number, r.ETag) { ChecksumCRC32 = r.ChecksumCRC32 });
            }, null);
            return Task.FromResult(Right<DomainError, Option<PartJob>>(Some(job)));
        }

        return RunMultipartAsync(provider, to.Bucket, to.Key, initiate, S3Operations.UploadPartCopy, size, plan.Length, Next,
            S3Transfers.DefaultParallelParts, progress, ct);
    }
}
