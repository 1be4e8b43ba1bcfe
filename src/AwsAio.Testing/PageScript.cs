namespace AwsAio.Testing;

/// <summary>
/// One entry of a pager's script: a page (its items, truncation flag and next token) or a failed request.
/// </summary>
/// <param name="Items">The page's items; null is the v4 SDK's null collection (an empty page).</param>
/// <param name="IsTruncated">S3's truncation flag; null when the answer lacks it.</param>
/// <param name="NextToken">The next continuation token (ListObjectsV2) or next key marker (ListVersions).</param>
/// <param name="Failure">When set, the request fails with this exception instead of answering a page.</param>
/// <param name="NextVersionIdMarker">ListVersions only: the next version id marker. Leave null for other listings.</param>
/// <typeparam name="TItem">The item type (an SDK <c>S3Object</c>, <c>S3ObjectVersion</c>, …).</typeparam>
public sealed record ScriptedPage<TItem>(
    IReadOnlyList<TItem>? Items, bool? IsTruncated, string? NextToken, Exception? Failure = null, string? NextVersionIdMarker = null)
{
    /// <summary>A request that fails with <paramref name="failure"/> (a throttle, a timeout…).</summary>
    /// <param name="failure">The exception.</param>
    public static ScriptedPage<TItem> Failing(Exception failure) => new(null, null, null, failure);

    /// <summary>Whether this entry is a failed request rather than a page.</summary>
    public bool IsFailure => Failure is not null;

    /// <summary>Whether the page names a next page (a non-empty token or version marker).</summary>
    public bool HasToken => !string.IsNullOrEmpty(NextToken) || !string.IsNullOrEmpty(NextVersionIdMarker);

    /// <summary>The next-page position as one value (token and version marker), for spotting repeats.</summary>
    public string TokenIdentity => $"{NextToken?.Length ?? 0}:{NextToken}{NextVersionIdMarker}";

    /// <summary>The page's items, never null.</summary>
    public IReadOnlyList<TItem> ItemsOrEmpty => Items ?? [];

    /// <summary>Describes the entry for counterexamples.</summary>
    public override string ToString() =>
        Failure is { } f
            ? $"fails({f.GetType().Name}{(f is Amazon.Runtime.AmazonServiceException a ? $" '{a.ErrorCode}' {(int)a.StatusCode}" : "")})"
            : $"page({(Items is null ? "null" : Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} items, truncated {IsTruncated?.ToString() ?? "null"}, next '{NextToken ?? "null"}'{(NextVersionIdMarker is null ? "" : $"/'{NextVersionIdMarker}'")})";
}

/// <summary>The anomalies a page script contains (flags).</summary>
[Flags]
public enum PageAnomaly
{
    /// <summary>None: ordinary pages only.</summary>
    None = 0,

    /// <summary>A page with no items (an empty list).</summary>
    EmptyPage = 1,

    /// <summary>A page whose item list is null (the v4 SDK's null collection).</summary>
    NullItems = 2,

    /// <summary>A page that says it is truncated but names no next page.</summary>
    TruncatedWithoutToken = 4,

    /// <summary>A page that names a next page already named before (a cycle).</summary>
    RepeatedToken = 8,

    /// <summary>A request that fails (a throttle, a timeout…), at any position.</summary>
    Failure = 16,

    /// <summary>A page without a truncation flag.</summary>
    MissingTruncationFlag = 32,

    /// <summary>A last page (not truncated) that still carries a token.</summary>
    TokenOnLastPage = 64,
}

/// <summary>How a listing that follows the script's tokens, and does not retry, ends.</summary>
public enum ScriptEnd
{
    /// <summary>A page said there are no more (not truncated, or no flag and no token).</summary>
    Completed,

    /// <summary>A page said it is truncated but named no next page.</summary>
    TruncatedWithoutToken,

    /// <summary>A page named a next page that was already named before.</summary>
    RepeatedToken,

    /// <summary>A request failed.</summary>
    Failure,

    /// <summary>A page lacked the truncation flag a listing that requires one (S3's: S3 always sends IsTruncated) must
    /// have: the answer is no listing, and its items are not delivered.</summary>
    MalformedPage,

    /// <summary>The script ran out while its last page still pointed to a next page.</summary>
    Exhausted,
}

/// <summary>
/// A script of pages for a <see cref="FakePager{TRequest,TResponse,TItem}"/>: the pages (or failures) answered to
/// successive requests, with what a careful listing makes of them: <see cref="End"/> (where and why it stops),
/// <see cref="ItemsUntilEnd"/> (what it lists), and the <see cref="Anomalies"/> the script contains. A careful listing
/// follows AWS's pagination contract as AwsAio does: it stops when a page is not truncated, or has neither a flag nor
/// a token (where flags are optional, as in EC2's token-only paging); a truncated page without a token, a token named
/// before, a failed request and (where flags are required, as in S3 listings) a page without a flag stop it early.
/// </summary>
/// <typeparam name="TItem">The item type.</typeparam>
public sealed class PageScript<TItem>
{
    /// <summary>Creates a script.</summary>
    /// <param name="pages">The entries, answered to successive requests.</param>
    /// <param name="requiresTruncationFlag">Whether a page without a truncation flag is malformed (S3 listings) rather
    /// than a page that continues by its token alone (EC2).</param>
    public PageScript(IEnumerable<ScriptedPage<TItem>> pages, bool requiresTruncationFlag = false)
    {
        Pages = pages.ToArray();
        RequiresTruncationFlag = requiresTruncationFlag;
        (End, EndsAt) = Analyse(Pages, requiresTruncationFlag);
        Anomalies = AnomaliesOf(Pages);
        ItemsUntilEnd = Pages.Take(End is ScriptEnd.Failure or ScriptEnd.MalformedPage ? EndsAt : EndsAt + 1)
            .SelectMany(p => p.ItemsOrEmpty).ToArray();
    }

    /// <summary>Whether a page without a truncation flag is malformed (S3 listings).</summary>
    public bool RequiresTruncationFlag { get; }

    /// <summary>The entries, in the order requests get them.</summary>
    public IReadOnlyList<ScriptedPage<TItem>> Pages { get; }

    /// <summary>How a careful listing that does not retry ends.</summary>
    public ScriptEnd End { get; }

    /// <summary>The index of the entry where it ends (the script's length for <see cref="ScriptEnd.Exhausted"/>).</summary>
    public int EndsAt { get; }

    /// <summary>The items a careful listing that does not retry delivers, in order (those of the page it stops on
    /// included, those of a failed request or a malformed page excluded).</summary>
    public IReadOnlyList<TItem> ItemsUntilEnd { get; }

    /// <summary>Every item of every page of the script.</summary>
    public IReadOnlyList<TItem> AllItems => Pages.SelectMany(p => p.ItemsOrEmpty).ToArray();

    /// <summary>The anomalies anywhere in the script.</summary>
    public PageAnomaly Anomalies { get; }

    /// <summary>Whether a careful listing that does not retry completes.</summary>
    public bool Completes => End == ScriptEnd.Completed;

    /// <summary>Describes the script for counterexamples.</summary>
    public override string ToString() => $"{End} at {EndsAt}: [{string.Join(", ", Pages)}]";

    private static (ScriptEnd, int) Analyse(IReadOnlyList<ScriptedPage<TItem>> pages, bool requiresTruncationFlag)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            if (page.IsFailure) return (ScriptEnd.Failure, i);
            if (requiresTruncationFlag && page.IsTruncated is null) return (ScriptEnd.MalformedPage, i);
            if (page.IsTruncated == false) return (ScriptEnd.Completed, i);
            if (!page.HasToken) return (page.IsTruncated is null ? ScriptEnd.Completed : ScriptEnd.TruncatedWithoutToken, i);
            if (!named.Add(page.TokenIdentity)) return (ScriptEnd.RepeatedToken, i);
        }

        return (ScriptEnd.Exhausted, pages.Count);
    }

    private static PageAnomaly AnomaliesOf(IReadOnlyList<ScriptedPage<TItem>> pages)
    {
        var found = PageAnomaly.None;
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            if (page.IsFailure)
            {
                found |= PageAnomaly.Failure;
                continue;
            }

            if (page.Items is null) found |= PageAnomaly.NullItems;
            else if (page.Items.Count == 0) found |= PageAnomaly.EmptyPage;
            if (page.IsTruncated is null) found |= PageAnomaly.MissingTruncationFlag;
            if (page.IsTruncated == true && !page.HasToken) found |= PageAnomaly.TruncatedWithoutToken;
            if (page.IsTruncated == false && page.HasToken) found |= PageAnomaly.TokenOnLastPage;
            if (page.IsTruncated != false && page.HasToken && !named.Add(page.TokenIdentity)) found |= PageAnomaly.RepeatedToken;
        }

        return found;
    }
}
