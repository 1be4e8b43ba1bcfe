using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;
using S3Object = AwsAio.Core.S3Object;

namespace AwsAio;

public static partial class S3Interactions
{
    /// <summary>
    /// Lists every object of a bucket (optionally under a prefix), all pages, through the core's pagination engine
    /// (which stops on repeated tokens rather than looping). A failure after some pages is
    /// <c>ObjectListingInterrupted</c> with what was listed and where to resume (pass it back as
    /// <paramref name="resumeFrom"/>); a failure on the first page is the cause itself (NoSuchBucket is
    /// <c>BucketDoesNotExist</c>).
    /// </summary>
    public static async Task<Either<DomainError, Seq<S3Object>>> ListObjectsAsync(
        string bucket, IAwsClientProvider provider, string? prefix = null, int? pageSize = null, ResumePoint? resumeFrom = null,
        CancellationToken ct = default)
    {
        var listed = new List<S3Object>();
        await foreach (var page in ObjectPagesAsync(bucket, provider, prefix, pageSize, resumeFrom, ct).ConfigureAwait(false))
        {
            if (page.Failure is { } failure)
            {
                return S3Rules.ListingFailure(bucket, failure, page.Resume, listed, listed.Count);
            }

            listed.AddRange(page.Objects);
        }

        return toSeq(listed);
    }

    /// <summary>
    /// Streams the objects of a bucket page by page in constant memory: each object as it arrives, then, if the listing
    /// fails, one Left (as in <see cref="ListObjectsAsync"/>, with an empty <c>Listed</c>: the objects were delivered).
    /// </summary>
    public static async IAsyncEnumerable<Either<DomainError, S3Object>> StreamObjects(
        string bucket, IAwsClientProvider provider, string? prefix = null, int? pageSize = null, ResumePoint? resumeFrom = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var delivered = 0;
        await foreach (var page in ObjectPagesAsync(bucket, provider, prefix, pageSize, resumeFrom, ct).ConfigureAwait(false))
        {
            if (page.Failure is { } failure)
            {
                yield return S3Rules.ListingFailure(bucket, failure, page.Resume, [], delivered);
                yield break;
            }

            foreach (var item in page.Objects)
            {
                delivered++;
                yield return item;
            }
        }
    }

    /// <summary>One step of a listing: the objects of a page, or the failure that ended it and where to resume.</summary>
    private sealed record ObjectPage(IReadOnlyList<S3Object> Objects, DomainError? Failure, ResumePoint? Resume);

    /// <summary>
    /// The one driver behind both listing calls: ListObjectsV2 requests chosen by the core's step function. The SDK's
    /// own paginator is not used: it mutates the request and has no guard against a token that comes back.
    /// </summary>
    private static async IAsyncEnumerable<ObjectPage> ObjectPagesAsync(
        string bucket, IAwsClientProvider provider, string? prefix, int? pageSize, ResumePoint? resumeFrom,
        [EnumeratorCancellation] CancellationToken ct)
    {
        prefix = string.IsNullOrEmpty(prefix) ? null : prefix;
        var invalid = AwsCall.NoProvider(provider)
                      ?? AwsCall.ErrorOf(Validate.BucketName(bucket))
                      ?? AwsCall.ErrorOf(prefix, p => Validate.ObjectKey(p))
                      ?? AwsCall.ErrorOf(S3Rules.PageSize(pageSize));
        if (invalid is not null)
        {
            yield return new ObjectPage([], invalid, null);
            yield break;
        }

        var state = resumeFrom is { } point ? Pagination.Resume(PageLimits.Unlimited, point) : Pagination.Start(PageLimits.Unlimited);
        var first = resumeFrom is null;
        while (true)
        {
            var request = new ListObjectsV2Request
            {
                BucketName = bucket, Prefix = prefix, MaxKeys = pageSize, ContinuationToken = state.RequestToken,
            };
            var response = await AwsCall.RunAsync(S3, "ListObjectsV2", ErrorTarget.Of(bucket), c => provider.GetS3().ListObjectsV2Async(request, c), ct)
                .ConfigureAwait(false);
            if (!response.TryGetRight(out var listing, out var failure))
            {
                yield return new ObjectPage([], failure, first ? null : new ResumePoint(state.RequestToken, state.Skip));
                yield break;
            }

            var page = Page<S3Object>.Create(
                (listing.S3Objects ?? []).Select(o => S3Rules.ObjectOf(o.Key, o.Size, o.LastModified, o.ETag, o.StorageClass?.Value)).ToArray(),
                listing.IsTruncated, listing.NextContinuationToken);
            var step = Pagination.Step(state, page);
            yield return new ObjectPage(step.Deliver, null, null);
            first = false;

            switch (step.Decision)
            {
                case PageDecision.Continue:
                    state = step.State;
                    continue;
                case PageDecision.Done { Outcome: PageRunOutcome.Interrupted stopped }:
                    yield return new ObjectPage([], DomainError.NewPaginationAnomaly("ListObjectsV2", stopped.Anomaly, stopped.Resume), stopped.Resume);
                    yield break;
                default:
                    yield break;
            }
        }
    }

    /// <summary>
    /// Deletes every object version and delete marker, a page of at most 1000 at a time, each page in one DeleteObjects;
    /// every key S3 refuses is collected and reported, never ignored. A store without versioning (it refuses
    /// ListObjectVersions, as s3rver does) is emptied through ListObjectsV2 instead.
    /// </summary>
    private static async Task<Either<DomainError, Unit>> DeleteAllVersionsAsync(string bucket, IAwsClientProvider provider, CancellationToken ct)
    {
        var emptied = await DeletePagesAsync(bucket, provider, "ListObjectVersions", VersionPageAsync, ct).ConfigureAwait(false);
        return emptied.Match(Right: _ => false, Left: S3Rules.VersioningUnsupported)
            ? await DeletePagesAsync(bucket, provider, "ListObjectsV2", ObjectKeyPageAsync, ct).ConfigureAwait(false)
            : emptied;
    }

    private delegate Task<Either<DomainError, Page<KeyVersion>>> KeyPageFetch(
        string bucket, IAwsClientProvider provider, string? token, CancellationToken ct);

    private static async Task<Either<DomainError, Unit>> DeletePagesAsync(
        string bucket, IAwsClientProvider provider, string listOperation, KeyPageFetch fetch, CancellationToken ct)
    {
        var state = Pagination.Start(PageLimits.Unlimited);
        var failures = new List<DeleteFailure>();
        while (true)
        {
            var fetched = await fetch(bucket, provider, state.RequestToken, ct).ConfigureAwait(false);
            if (!fetched.TryGetRight(out var page, out var listFailure)) return listFailure;

            var step = Pagination.Step(state, page);
            foreach (var batch in step.Deliver.Chunk(S3Rules.MaxDeleteBatch))
            {
                var deleted = await DeleteBatchAsync(bucket, batch, provider, ct).ConfigureAwait(false);
                if (!deleted.TryGetRight(out var refused, out var batchFailure)) return batchFailure;
                failures.AddRange(refused);
            }

            switch (step.Decision)
            {
                case PageDecision.Continue:
                    state = step.State;
                    continue;
                case PageDecision.Done { Outcome: PageRunOutcome.Interrupted stopped }:
                    return DomainError.NewPaginationAnomaly(listOperation, stopped.Anomaly, stopped.Resume);
            }

            return failures.Count == 0 ? unit : DomainError.NewObjectsNotDeleted(bucket, failures);
        }
    }

    private static async Task<Either<DomainError, Page<KeyVersion>>> VersionPageAsync(
        string bucket, IAwsClientProvider provider, string? token, CancellationToken ct)
    {
        var (keyMarker, versionMarker) = token is null ? ("", "") : S3Rules.VersionMarkers(token);
        var request = new ListVersionsRequest
        {
            BucketName = bucket,
            KeyMarker = keyMarker.Length == 0 ? null : keyMarker,
            VersionIdMarker = versionMarker.Length == 0 ? null : versionMarker,
            MaxKeys = S3Rules.MaxDeleteBatch,
        };
        var listed = await AwsCall.RunAsync(S3, "ListObjectVersions", ErrorTarget.Of(bucket), c => provider.GetS3().ListVersionsAsync(request, c), ct)
            .ConfigureAwait(false);
        return listed.Map(r => Page<KeyVersion>.Create(
            (r.Versions ?? []).Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToArray(),
            r.IsTruncated,
            S3Rules.VersionPageToken(r.NextKeyMarker, r.NextVersionIdMarker)));
    }

    private static async Task<Either<DomainError, Page<KeyVersion>>> ObjectKeyPageAsync(
        string bucket, IAwsClientProvider provider, string? token, CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token, MaxKeys = S3Rules.MaxDeleteBatch };
        var listed = await AwsCall.RunAsync(S3, "ListObjectsV2", ErrorTarget.Of(bucket), c => provider.GetS3().ListObjectsV2Async(request, c), ct)
            .ConfigureAwait(false);
        return listed.Map(r => Page<KeyVersion>.Create(
            (r.S3Objects ?? []).Select(o => new KeyVersion { Key = o.Key }).ToArray(), r.IsTruncated, r.NextContinuationToken));
    }

    /// <summary>One DeleteObjects; the keys S3 refused come back as failures (the SDK throws them as an exception).</summary>
    private static async Task<Either<DomainError, IReadOnlyList<DeleteFailure>>> DeleteBatchAsync(
        string bucket, IReadOnlyList<KeyVersion> batch, IAwsClientProvider provider, CancellationToken ct)
    {
        var request = new DeleteObjectsRequest { BucketName = bucket, Objects = batch.ToList(), Quiet = true };
        var result = await AwsCall.RunAsync(S3, "DeleteObjects", ErrorTarget.Of(bucket), async c =>
        {
            try
            {
                return await provider.GetS3().DeleteObjectsAsync(request, c).ConfigureAwait(false);
            }
            catch (Amazon.S3.DeleteObjectsException partial) when (partial.Response is not null)
            {
                return partial.Response;
            }
        }, ct).ConfigureAwait(false);

        return result.Map(response => (IReadOnlyList<DeleteFailure>)(response.DeleteErrors ?? [])
            .Select(e => new DeleteFailure(e.Key ?? "", e.VersionId ?? "", ErrorMapping.Map(
                ErrorTarget.Of(bucket, e.Key ?? ""),
                AwsErrorDetails.Of(S3, "DeleteObject", e.Code ?? "", e.Message ?? "", 0, response.ResponseMetadata?.RequestId ?? ""),
                null)))
            .ToList());
    }
}
