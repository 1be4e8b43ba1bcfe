using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;

namespace AwsAio;

public static partial class S3Interactions
{
    /// <summary>
    /// Lists one "folder": the objects directly under <paramref name="prefix"/> and the common prefixes below it (the
    /// AWS CLI's <c>PRE</c> lines), every page, through the same paging driver and guards as
    /// <see cref="ListObjectsAsync"/> (repeated tokens stop the run, a page that is not a listing of the bucket is
    /// <c>MalformedResponse</c>). A failure after some pages is <c>FolderListingInterrupted</c> with what was listed and
    /// where to resume; a failure on the first page is the cause itself.
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="provider">Supplies the S3 client and the call settings (the deadline bounds each page).</param>
    /// <param name="prefix">The folder, usually ending in the delimiter (<c>logs/2026/</c>); null or empty for the top.</param>
    /// <param name="delimiter">What separates folders; <c>/</c> by default.</param>
    /// <param name="pageSize">Entries per request, 1 to 1000; null for S3's default (1000).</param>
    /// <param name="resumeFrom">Where an interrupted listing stopped; null to start at the beginning.</param>
    /// <param name="ct">Cancels the listing.</param>
    public static async Task<Either<DomainError, FolderListing>> ListFolderAsync(
        string bucket, IAwsClientProvider provider, string? prefix = null, string delimiter = "/", int? pageSize = null,
        ResumePoint? resumeFrom = null, CancellationToken ct = default)
    {
        prefix = string.IsNullOrEmpty(prefix) ? null : prefix;
        var invalid = Inputs.Check(provider, Inputs.Of(Validate.BucketName(bucket)), Inputs.OfOptional(prefix, p => Validate.ObjectKeyWith(p, true)),
            Inputs.Of(S3Objects.Delimiter(delimiter)), Inputs.Of(S3Rules.PageSize(pageSize)));
        if (invalid is not null) return invalid;

        var start = resumeFrom is { } point ? Pagination.Resume(PageLimits.Unlimited, point) : Pagination.Start(PageLimits.Unlimited);
        var listed = new List<FolderEntry>();
        await foreach (var page in PageDriver.RunAsync(start, S3Operations.ListObjectsV2, (token, c) =>
                           ObjectPageAsync(bucket, provider, new ListObjectsV2Request
                           {
                               BucketName = bucket, Prefix = prefix, Delimiter = delimiter, MaxKeys = pageSize, ContinuationToken = token,
                           }, FolderEntries, c), ct).ConfigureAwait(false))
        {
            if (page.Failure is { } failure)
            {
                return S3Objects.FolderListingFailure(bucket, failure, page.Resume ?? ResumePoint.At(null, 0), listed, listed.Count);
            }

            listed.AddRange(page.Items);
        }

        return S3Objects.FolderListing(listed);
    }

    /// <summary>A page's entries in a fixed order (its objects, then its common prefixes), so that a resume point's
    /// count of entries already delivered means the same entries when the page is asked for again.</summary>
    private static FolderEntry[] FolderEntries(ListObjectsV2Response page) =>
        (page.S3Objects ?? [])
            .Select(o => FolderEntry.NewObjectEntry(S3Rules.ObjectOf(o.Key, o.Size, o.LastModified, o.ETag, o.StorageClass?.Value)))
            .Concat((page.CommonPrefixes ?? []).Where(p => p is not null).Select(FolderEntry.NewPrefixEntry))
            .ToArray();
}
