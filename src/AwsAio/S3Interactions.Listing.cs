using System.Runtime.CompilerServices;
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
    /// (which stops on repeated tokens rather than looping). A page that is not a listing of this bucket (an HTML page,
    /// an empty body) is <c>MalformedResponse</c>, never an empty bucket. A failure after some pages is
    /// <c>ObjectListingInterrupted</c> with what was listed and where to resume (pass it back as
    /// <paramref name="resumeFrom"/>); a failure on the first page is the cause itself (NoSuchBucket is
    /// <c>BucketDoesNotExist</c>).
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="provider">Supplies the S3 client and the call settings (the deadline bounds each page).</param>
    /// <param name="prefix">Only keys that begin with this prefix; null or empty for all.</param>
    /// <param name="pageSize">Keys per request, 1 to 1000; null for S3's default (1000).</param>
    /// <param name="resumeFrom">Where an interrupted listing stopped; null to start at the beginning.</param>
    /// <param name="ct">Cancels the listing.</param>
    public static async Task<Either<DomainError, Seq<S3Object>>> ListObjectsAsync(
        string bucket, IAwsClientProvider provider, string? prefix = null, int? pageSize = null, ResumePoint? resumeFrom = null,
        CancellationToken ct = default)
    {
        var listed = new List<S3Object>();
        await foreach (var page in ObjectPagesAsync(bucket, provider, prefix, pageSize, resumeFrom, ct).ConfigureAwait(false))
        {
            if (page.Failure is { } failure)
            {
                return S3Rules.ListingFailure(bucket, failure, page.Resume ?? ResumePoint.At(null, 0), listed, listed.Count);
            }

            listed.AddRange(page.Items);
        }

        return toSeq(listed);
    }

    /// <summary>
    /// Streams the objects of a bucket page by page in constant memory: each object as it arrives, then, if the listing
    /// fails, one Left (as in <see cref="ListObjectsAsync"/>, with an empty <c>Listed</c>: the objects were delivered).
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="provider">Supplies the S3 client and the call settings (the deadline bounds each page).</param>
    /// <param name="prefix">Only keys that begin with this prefix; null or empty for all.</param>
    /// <param name="pageSize">Keys per request, 1 to 1000; null for S3's default (1000).</param>
    /// <param name="resumeFrom">Where an interrupted listing stopped; null to start at the beginning.</param>
    /// <param name="ct">Cancels the listing.</param>
    public static async IAsyncEnumerable<Either<DomainError, S3Object>> StreamObjects(
        string bucket, IAwsClientProvider provider, string? prefix = null, int? pageSize = null, ResumePoint? resumeFrom = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var delivered = 0;
        await foreach (var page in ObjectPagesAsync(bucket, provider, prefix, pageSize, resumeFrom, ct).ConfigureAwait(false))
        {
            if (page.Failure is { } failure)
            {
                yield return S3Rules.ListingFailure(bucket, failure, page.Resume ?? ResumePoint.At(null, 0), [], delivered);
                yield break;
            }

            foreach (var item in page.Items)
            {
                delivered++;
                yield return item;
            }
        }
    }

    /// <summary>The pages of a listing: the input check, then the one paging driver over ListObjectsV2.</summary>
    private static IAsyncEnumerable<PageEvent<S3Object>> ObjectPagesAsync(
        string bucket, IAwsClientProvider provider, string? prefix, int? pageSize, ResumePoint? resumeFrom, CancellationToken ct)
    {
        prefix = string.IsNullOrEmpty(prefix) ? null : prefix;
        var invalid = Inputs.Check(provider, Inputs.Of(Validate.BucketName(bucket)), Inputs.OfOptional(prefix, p => Validate.ObjectKeyWith(p, true)),
            Inputs.Of(S3Rules.PageSize(pageSize)));
        if (invalid is not null)
        {
            return One(new PageEvent<S3Object>([], invalid, null));
        }

        var start = resumeFrom is { } point ? Pagination.Resume(PageLimits.Unlimited, point) : Pagination.Start(PageLimits.Unlimited);
        return PageDriver.RunAsync(start, S3Operations.ListObjectsV2, (token, c) =>
            ObjectPageAsync(bucket, provider, new ListObjectsV2Request
            {
                BucketName = bucket, Prefix = prefix, MaxKeys = pageSize, ContinuationToken = token,
            }, r => (r.S3Objects ?? []).Select(o => S3Rules.ObjectOf(o.Key, o.Size, o.LastModified, o.ETag, o.StorageClass?.Value)).ToArray(), c), ct);
    }

    /// <summary>One ListObjectsV2 page, shaped by <paramref name="items"/>, refused when it is not a listing of the bucket.</summary>
    private static async Task<Either<DomainError, Page<T>>> ObjectPageAsync<T>(
        string bucket, IAwsClientProvider provider, ListObjectsV2Request request, Func<ListObjectsV2Response, T[]> items, CancellationToken ct)
    {
        var listed = await AwsCall.RunAsync(provider, S3Call(S3Operations.ListObjectsV2, bucket),
            c => provider.GetS3().ListObjectsV2Async(request, c), ct).ConfigureAwait(false);
        return listed.Bind(r =>
            S3Rules.ListingPage(S3Operations.ListObjectsV2, bucket, r.Name, r.IsTruncated, (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId)
                .ToEither()
                .Map(_ => Page<T>.Create(items(r), r.IsTruncated, r.NextContinuationToken)));
    }

    private static async IAsyncEnumerable<T> One<T>(T item)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return item;
    }

    /// <summary>
    /// Deletes every object version and delete marker, a page of at most 1000 at a time, each page in one DeleteObjects
    /// whose answer must account for every key; every key S3 refuses is collected and reported, never ignored. A store
    /// without versioning (it refuses ListObjectVersions, as s3rver does) is emptied through ListObjectsV2 instead.
    /// </summary>
    private static async Task<Either<FailureOutcome, Unit>> DeleteAllVersionsAsync(string bucket, IAwsClientProvider provider, CancellationToken ct)
    {
        var emptied = await DeletePagesAsync(bucket, provider, S3Operations.ListObjectVersions,
            (token, c) => VersionPageAsync(bucket, provider, token, c), ct).ConfigureAwait(false);
        return emptied.Match(Right: _ => false, Left: outcome => outcome.IsNotSupported)
            ? await DeletePagesAsync(bucket, provider, S3Operations.ListObjectsV2,
                (token, c) => ObjectKeyPageAsync(bucket, provider, token, c), ct).ConfigureAwait(false)
            : emptied;
    }

    private static async Task<Either<FailureOutcome, Unit>> DeletePagesAsync(
        string bucket, IAwsClientProvider provider, string listOperation,
        Func<string?, CancellationToken, Task<Either<FailureOutcome, Page<ObjectVersion>>>> fetch, CancellationToken ct)
    {
        var failures = new List<DeleteFailure>();
        FailureOutcome? stopped = null;
        var requests = 0;
        await foreach (var page in PageDriver.RunAsync<ObjectVersion>(Pagination.Start(PageLimits.Unlimited), listOperation,
                           async (token, c) =>
                           {
                               var fetched = await fetch(token, c).ConfigureAwait(false);
                               // Only the very first answer can say the store has no such listing at all; a refusal
                               // later, after pages were listed and deleted, is an error like any other.
                               stopped = fetched.MatchUnsafe(Right: _ => null,
                                   Left: outcome => outcome.IsNotSupported && requests > 0 ? FailureOutcome.NewFailed(outcome.Error) : outcome);
                               requests++;
                               return fetched.MapLeft(outcome => outcome.Error);
                           }, ct).ConfigureAwait(false))
        {
            if (page.Failure is { } failure)
            {
                // A failed listing request keeps the core's outcome (gone, not supported); an anomaly is an error.
                return stopped ?? FailureOutcome.NewFailed(failure);
            }

            foreach (var batch in page.Items.Chunk(S3Rules.MaxDeleteBatch))
            {
                var deleted = await DeleteBatchAsync(bucket, batch, provider, ct).ConfigureAwait(false);
                if (!deleted.TryGetRight(out var refused, out var batchFailure))
                {
                    // A store that refuses DeleteObjects itself has no fallback here: that is an error.
                    return batchFailure.IsNotSupported ? FailureOutcome.NewFailed(batchFailure.Error) : batchFailure;
                }

                failures.AddRange(refused);
            }
        }

        return failures.Count == 0 ? unit : FailureOutcome.NewFailed(DomainError.NewObjectsNotDeleted(bucket, failures));
    }

    private static async Task<Either<FailureOutcome, Page<ObjectVersion>>> VersionPageAsync(
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
        var listed = await AwsCall.RunStepAsync(provider, S3Call(S3Operations.ListObjectVersions, bucket).Toward(CallGoal.BucketGone),
            c => provider.GetS3().ListVersionsAsync(request, c), ct).ConfigureAwait(false);
        return listed.Bind(r =>
            S3Rules.ListingPage(S3Operations.ListObjectVersions, bucket, r.Name, r.IsTruncated, (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId)
                .ToEither()
                .MapLeft(FailureOutcome.NewFailed)
                .Map(_ => Page<ObjectVersion>.Create(
                    (r.Versions ?? []).Select(v => ObjectVersion.Of(v.Key ?? "", v.VersionId)).ToArray(),
                    r.IsTruncated,
                    S3Rules.VersionPageToken(r.NextKeyMarker, r.NextVersionIdMarker))));
    }

    private static async Task<Either<FailureOutcome, Page<ObjectVersion>>> ObjectKeyPageAsync(
        string bucket, IAwsClientProvider provider, string? token, CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token, MaxKeys = S3Rules.MaxDeleteBatch };
        var listed = await AwsCall.RunStepAsync(provider, S3Call(S3Operations.ListObjectsV2, bucket).Toward(CallGoal.BucketGone),
            c => provider.GetS3().ListObjectsV2Async(request, c), ct).ConfigureAwait(false);
        return listed.Bind(r =>
            S3Rules.ListingPage(S3Operations.ListObjectsV2, bucket, r.Name, r.IsTruncated, (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId)
                .ToEither()
                .MapLeft(FailureOutcome.NewFailed)
                .Map(_ => Page<ObjectVersion>.Create(
                    (r.S3Objects ?? []).Select(o => ObjectVersion.Of(o.Key ?? "", null)).ToArray(), r.IsTruncated, r.NextContinuationToken)));
    }

    /// <summary>One DeleteObjects; the answer must account for every key (deleted or refused), and the refused keys come
    /// back as failures (the SDK throws them as an exception carrying the response).</summary>
    private static async Task<Either<FailureOutcome, IReadOnlyList<DeleteFailure>>> DeleteBatchAsync(
        string bucket, IReadOnlyList<ObjectVersion> batch, IAwsClientProvider provider, CancellationToken ct, CallGoal goal = CallGoal.BucketGone)
    {
        var request = new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = batch.Select(o => new KeyVersion { Key = o.Key, VersionId = o.VersionId.Length == 0 ? null : o.VersionId }).ToList(),
            Quiet = false,
        };
        var result = await AwsCall.RunStepAsync(provider, S3Call(S3Operations.DeleteObjects, bucket).Toward(goal), async c =>
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

        return result.Bind(response => S3Rules.DeleteOutcome(
                bucket,
                batch,
                (response.DeletedObjects ?? []).Select(d => ObjectVersion.Of(d.Key ?? "", d.VersionId)).ToArray(),
                (response.DeleteErrors ?? []).Select(e => new RefusedDelete(e.Key ?? "", e.VersionId ?? "", e.Code ?? "", e.Message ?? "")).ToArray(),
                (int)response.HttpStatusCode,
                response.ResponseMetadata?.RequestId)
            .ToEither()
            .MapLeft(FailureOutcome.NewFailed));
    }
}
