using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Testing;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Moq;
using Xunit;
using static AwsAio.Tests.Support.NeverThrowsAssert;
using DomainObject = AwsAio.Core.S3Object;

namespace AwsAio.Tests.NeverThrows;

/// <summary>
/// The listings of S3Interactions.Listing.cs never throw, never loop and never lie, by property over generated page
/// scripts played by the kit's fake pager (empty and null pages, missing flags, truncated pages without a token,
/// repeated tokens and cycles, throttles and transport failures at any page): a Right holds exactly the items served,
/// in order; a Left says why the listing stopped, what it had listed and where to resume.
/// </summary>
public sealed class S3InteractionsListingNeverThrowsTests
{
    /// <summary>A listing: its pages, and the page size asked for.</summary>
    public sealed record ListingCase(PageScript<Amazon.S3.Model.S3Object> Script, int? PageSize)
    {
        /// <summary>Describes the case for counterexamples.</summary>
        public override string ToString() => $"page size {PageSize?.ToString() ?? "none"}: {Script}";
    }

    private static readonly Gen<ListingCase> Cases =
        from script in PageScripts.Objects()
        from size in Gen.Elements<int?>(null, 1, 2, 1000)
        select new ListingCase(script, size);

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property ListObjects_AnyPageScript_ListsExactlyWhatWasServed_OrSaysWhyItStopped() =>
        Prop.ForAll(Cases.ToArbitrary(), async c =>
        {
            var (pager, provider) = Serve(c.Script);

            var result = await S3Interactions.ListObjectsAsync(Bucket, provider, pageSize: c.PageSize);

            var error = Classified(result);
            CheckRequests(pager, c);
            var served = Keys(c.Script.ItemsUntilEnd);
            if (c.Script.Completes)
            {
                Assert.Null(error);
                Assert.Equal(served, RightOf(result).Select(o => (o.Key, o.Size)));
                return;
            }

            CheckStop(c.Script, error ?? LeftOf(result), listed: served);
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property StreamObjects_AnyPageScript_StreamsExactlyWhatWasServed_ThenAtMostOneLeft() =>
        Prop.ForAll(Cases.ToArbitrary(), async c =>
        {
            var (pager, provider) = Serve(c.Script);
            var items = new List<Either<DomainError, DomainObject>>();

            await foreach (var item in S3Interactions.StreamObjects(Bucket, provider, pageSize: c.PageSize))
            {
                items.Add(item);
            }

            items.ForEach(i => Classified(i));
            CheckRequests(pager, c);
            var rights = items.TakeWhile(i => i.IsRight).Select(RightOf).ToList();
            Assert.Equal(Keys(c.Script.ItemsUntilEnd), rights.Select(o => (o.Key, o.Size)));
            var lefts = items.Skip(rights.Count).ToList();
            if (c.Script.Completes)
            {
                Assert.Empty(lefts);
                return;
            }

            var left = LeftOf(Assert.Single(lefts));
            CheckStop(c.Script, left, listed: []);
        });

    private static (FakePager<ListObjectsV2Request, ListObjectsV2Response, Amazon.S3.Model.S3Object>, IAwsClientProvider) Serve(
        PageScript<Amazon.S3.Model.S3Object> script)
    {
        var pager = FakePager.ListObjectsV2(script);
        var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
        s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
            .Returns((ListObjectsV2Request r, CancellationToken ct) => pager.Answer(r, ct));
        return (pager, new FakeAwsClientProvider(s3.Object));
    }

    /// <summary>One request per page up to where the script ends (never beyond: no loop), each carrying the token the
    /// page before it named, the bucket and the page size.</summary>
    private static void CheckRequests(FakePager<ListObjectsV2Request, ListObjectsV2Response, Amazon.S3.Model.S3Object> pager, ListingCase c)
    {
        Assert.False(pager.Overrun, "the listing asked beyond the script (it would have looped)");
        Assert.True(pager.FollowedTokens, $"a request did not carry the previous page's token: {string.Join(", ", pager.RequestTokens)}");
        Assert.Equal(c.Script.EndsAt + 1, pager.Requests.Count);
        Assert.All(pager.Requests, r => Assert.Equal((Bucket, c.PageSize), (r.BucketName, r.MaxKeys)));
    }

    /// <summary>Checks the Left of a listing that stopped early: the cause and where to resume (the request that
    /// stopped, skipping what its page already delivered); the cause itself when nothing at all was delivered from the
    /// very start, else ObjectListingInterrupted with the items listed.</summary>
    private static void CheckStop(PageScript<Amazon.S3.Model.S3Object> script, DomainError error, IReadOnlyList<(string, long)> listed)
    {
        var at = script.EndsAt;
        var delivered = Keys(script.ItemsUntilEnd).Count;
        // The token of the request that stopped: the one the last page before it named (none for the first request).
        var requested = Normal(script.Pages.Take(at).LastOrDefault(p => !p.IsFailure)?.NextToken);
        var skip = script.End is ScriptEnd.TruncatedWithoutToken or ScriptEnd.RepeatedToken ? script.Pages[at].ItemsOrEmpty.Count : 0;
        Action<DomainError> cause = script.End switch
        {
            ScriptEnd.Failure => e => Same(Expected("S3", "ListObjectsV2", ErrorTarget.Of(Bucket), script.Pages[at].Failure!), e),
            ScriptEnd.MalformedPage => e => Assert.Equal("ListObjectsV2", Assert.IsType<DomainError.MalformedResponse>(e).Details.Operation),
            ScriptEnd.TruncatedWithoutToken => e =>
                Assert.Equal(PaginationAnomaly.NewTruncatedWithoutToken(at + 1), Assert.IsType<DomainError.PaginationAnomaly>(e).Anomaly),
            _ => e => Assert.Equal(PaginationAnomaly.NewRepeatedToken(script.Pages[at].NextToken!, at + 1), Assert.IsType<DomainError.PaginationAnomaly>(e).Anomaly),
        };
        if (delivered == 0 && requested is null && skip == 0)
        {
            cause(error);
            return;
        }

        var interrupted = Assert.IsType<DomainError.ObjectListingInterrupted>(error);
        Assert.Equal(Bucket, interrupted.Bucket);
        Assert.Equal(delivered, interrupted.Delivered);
        Assert.Equal(listed, Keys(interrupted.Listed));
        Assert.Equal(requested, Normal(interrupted.Resume.Token));
        Assert.Equal(skip, interrupted.Resume.SkipItems);
        cause(interrupted.Cause);
    }

    private static string? Normal(string? token) => string.IsNullOrEmpty(token) ? null : token;

    private static IReadOnlyList<(string, long)> Keys(IEnumerable<Amazon.S3.Model.S3Object> items) =>
        items.Select(o => (o.Key ?? "", o.Size ?? 0)).ToArray();

    private static IReadOnlyList<(string, long)> Keys(IEnumerable<DomainObject> items) =>
        items.Select(o => (o.Key, o.Size)).ToArray();
}
