using System.Net;
using Amazon.Runtime;
using Amazon.S3.Model;

namespace AwsAio.Testing;

/// <summary>
/// A paged SDK call played from a <see cref="PageScript{TItem}"/>: request N gets entry N of the script (a page, or a
/// failure), whatever token it carries, so a script can hand out repeated tokens and cycles, truncated pages without a
/// token, empty and null pages, and a throttle at page N; a client that retries after a failure gets the next entry.
/// Every request is recorded. A request beyond the script fails with an <see cref="InvalidOperationException"/> and
/// sets <see cref="Overrun"/>: a client that should have stopped is caught instead of looping forever.
/// </summary>
/// <typeparam name="TRequest">The SDK request type.</typeparam>
/// <typeparam name="TResponse">The SDK response type.</typeparam>
/// <typeparam name="TItem">The item type of a page.</typeparam>
/// <example><code>
/// var pager = FakePager.ListObjectsV2(script);
/// s3.Setup(s =&gt; s.ListObjectsV2Async(It.IsAny&lt;ListObjectsV2Request&gt;(), It.IsAny&lt;CancellationToken&gt;()))
///   .Returns((ListObjectsV2Request r, CancellationToken ct) =&gt; pager.Answer(r, ct));
/// </code></example>
public sealed class FakePager<TRequest, TResponse, TItem>
    where TResponse : class
{
    private readonly object _gate = new();
    private readonly Func<TRequest, ScriptedPage<TItem>, int, TResponse> _render;
    private readonly Func<TRequest, (string? Token, string? VersionMarker)> _position;
    private readonly List<TRequest> _requests = [];
    private readonly List<TItem> _served = [];
    private bool _followed = true;
    private ScriptedPage<TItem>? _lastPage;

    internal FakePager(
        PageScript<TItem> script, Func<TRequest, ScriptedPage<TItem>, int, TResponse> render, Func<TRequest, (string?, string?)> position)
    {
        Script = script;
        _render = render;
        _position = position;
    }

    /// <summary>The script played.</summary>
    public PageScript<TItem> Script { get; }

    /// <summary>The requests received, in order.</summary>
    public IReadOnlyList<TRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>The token each request carried (ContinuationToken or KeyMarker; null for none), in order.</summary>
    public IReadOnlyList<string?> RequestTokens => Requests.Select(r => _position(r).Token).ToArray();

    /// <summary>The items of every page answered so far, in order.</summary>
    public IReadOnlyList<TItem> ServedItems
    {
        get
        {
            lock (_gate)
            {
                return _served.ToArray();
            }
        }
    }

    /// <summary>How many pages (not failures) were answered.</summary>
    public int PagesServed { get; private set; }

    /// <summary>Whether a request came after the script ended.</summary>
    public bool Overrun { get; private set; }

    /// <summary>Whether every request carried the position named by the last page answered before it (no token
    /// before the first page; after a failure, the same position again). Empty strings count as no token.</summary>
    public bool FollowedTokens
    {
        get
        {
            lock (_gate)
            {
                return _followed;
            }
        }
    }

    /// <summary>Answers one request (the signature of the SDK's async methods, for Moq's <c>Returns</c> or a
    /// hand-written fake).</summary>
    /// <param name="request">The request.</param>
    /// <param name="ct">The cancellation token; a cancelled token cancels the answer, as the SDK would.</param>
    public Task<TResponse> Answer(TRequest request, CancellationToken ct)
    {
        ScriptedPage<TItem>? entry;
        int index;
        lock (_gate)
        {
            _requests.Add(request);
            index = _requests.Count - 1;
            var (token, marker) = _position(request);
            var expected = _lastPage is { } last ? (last.NextToken, last.NextVersionIdMarker) : (null, null);
            _followed &= Same(token, expected.Item1) && Same(marker, expected.Item2);
            entry = index < Script.Pages.Count ? Script.Pages[index] : null;
            if (entry is null)
            {
                Overrun = true;
            }
            else if (!entry.IsFailure)
            {
                _lastPage = entry;
                _served.AddRange(entry.ItemsOrEmpty);
                PagesServed++;
            }
        }

        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<TResponse>(ct);
        }

        return entry switch
        {
            null => Task.FromException<TResponse>(new InvalidOperationException(
                $"FakePager: request {index + 1} came after the script's {Script.Pages.Count} entries ({Script})")),
            { Failure: { } failure } => Task.FromException<TResponse>(failure),
            _ => Task.FromResult(_render(request, entry, index)),
        };
    }

    /// <summary>Describes the pager for counterexamples.</summary>
    public override string ToString() => $"FakePager({Script}; {Requests.Count} requests)";

    private static bool Same(string? a, string? b) => string.IsNullOrEmpty(a) ? string.IsNullOrEmpty(b) : a == b;
}

/// <summary>Fake pagers for the paged S3 calls.</summary>
public static class FakePager
{
    /// <summary>A ListObjectsV2 played from <paramref name="script"/>; the request's ContinuationToken is its position.
    /// Pages echo the requested bucket as S3 does.</summary>
    /// <param name="script">The pages.</param>
    public static FakePager<ListObjectsV2Request, ListObjectsV2Response, S3Object> ListObjectsV2(PageScript<S3Object> script) =>
        new(script,
            (request, page, index) => new ListObjectsV2Response
            {
                S3Objects = page.Items?.ToList(),
                KeyCount = page.Items?.Count,
                IsTruncated = page.IsTruncated,
                NextContinuationToken = page.NextToken,
                ContinuationToken = request.ContinuationToken,
                Name = request.BucketName,
                Prefix = request.Prefix,
                MaxKeys = request.MaxKeys,
                HttpStatusCode = HttpStatusCode.OK,
                ResponseMetadata = new ResponseMetadata { RequestId = $"PAGE{index + 1:D4}" },
            },
            request => (request.ContinuationToken, null));

    /// <summary>A ListObjectVersions played from <paramref name="script"/>; the request's KeyMarker and
    /// VersionIdMarker are its position (answered as NextKeyMarker and NextVersionIdMarker). Pages echo the requested
    /// bucket as S3 does.</summary>
    /// <param name="script">The pages.</param>
    public static FakePager<ListVersionsRequest, ListVersionsResponse, S3ObjectVersion> ListVersions(PageScript<S3ObjectVersion> script) =>
        new(script,
            (request, page, index) => new ListVersionsResponse
            {
                Versions = page.Items?.ToList(),
                IsTruncated = page.IsTruncated,
                NextKeyMarker = page.NextToken,
                NextVersionIdMarker = page.NextVersionIdMarker,
                KeyMarker = request.KeyMarker,
                VersionIdMarker = request.VersionIdMarker,
                Name = request.BucketName,
                Prefix = request.Prefix,
                MaxKeys = request.MaxKeys,
                HttpStatusCode = HttpStatusCode.OK,
                ResponseMetadata = new ResponseMetadata { RequestId = $"PAGE{index + 1:D4}" },
            },
            request => (request.KeyMarker, request.VersionIdMarker));

    /// <summary>A pager for any paged call (EC2's Describe* calls, for instance): <paramref name="render"/> turns a
    /// request and the entry it gets (and the entry's index) into a response, <paramref name="position"/> reads the
    /// token a request carries (and a second marker, or null).</summary>
    /// <param name="script">The pages.</param>
    /// <param name="render">Builds the response for a page.</param>
    /// <param name="position">Reads a request's position.</param>
    public static FakePager<TRequest, TResponse, TItem> Of<TRequest, TResponse, TItem>(
        PageScript<TItem> script, Func<TRequest, ScriptedPage<TItem>, int, TResponse> render, Func<TRequest, (string?, string?)> position)
        where TResponse : class =>
        new(script, render, position);
}
