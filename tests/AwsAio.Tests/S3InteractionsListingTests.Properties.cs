using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using static AwsAio.Tests.Support.S3Doubles;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Moq;
using Xunit;
using DomainObject = AwsAio.Core.S3Object;
using DomainStorageClass = AwsAio.Core.S3StorageClass;
using SdkObject = Amazon.S3.Model.S3Object;
using SdkStorageClass = Amazon.S3.S3StorageClass;

namespace AwsAio.Tests;

/// <summary>Listing properties over generated page sequences: what is served is what is listed, in order, or an anomaly.</summary>
public sealed partial class S3InteractionsListingTests
{
    // ---- properties -----------------------------------------------------------------------------------------------

    /// <summary>A generated listing: the keys of each page, and the distinct token each page but the last hands on.</summary>
    public sealed record Listing(string[][] Pages, string[] Tokens)
    {
        public override string ToString() => $"pages [{Render(Pages)}], tokens [{string.Join(", ", Tokens)}]";
    }

    private static string Render(string[][] pages) => string.Join(" | ", pages.Select(keys => "{" + string.Join(", ", keys) + "}"));

    private static readonly Gen<string> Text =
        Gen.Elements("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789/+=-_.:é ".ToCharArray())
            .ArrayOf()
            .Where(cs => cs.Length > 0)
            .Select(cs => new string(cs));

    /// <summary>1–8 pages of 0–5 keys each, and one distinct token per page boundary.</summary>
    private static readonly Gen<Listing> Listings =
        from count in Gen.Choose(1, 8)
        from pages in Gen.Choose(0, 5).SelectMany(n => Text.ArrayOf(n)).ArrayOf(count)
        from raw in Text.ArrayOf(count)
        select new Listing(pages, raw.Select((t, i) => $"{i}|{t}").Take(count - 1).ToArray());

    private static (Mock<IAmazonS3> S3, Mock<IAwsClientProvider> Provider, List<ListObjectsV2Request> Requests) Serving(
        Func<string?, ListObjectsV2Response> answer)
    {
        var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
        var requests = new List<ListObjectsV2Request>();
        Serve(s3, requests, answer);
        var provider = new Mock<IAwsClientProvider>();
        provider.Setup(p => p.GetS3()).Returns(s3.Object);
        return (s3, provider, requests);
    }

    /// <summary>Serves page i to the request carrying the token of page i-1 (null for page 0).</summary>
    private static Func<string?, ListObjectsV2Response> Answers(string[][] pages, Func<int, string?> nextOf, string?[] requestTokens)
    {
        var byToken = new Dictionary<string, ListObjectsV2Response>(StringComparer.Ordinal);
        ListObjectsV2Response? first = null;
        for (var i = 0; i < pages.Length; i++)
        {
            var page = Page(pages[i].Select(k => Sdk(k)), nextOf(i));
            if (requestTokens[i] is { } token) byToken[token] = page;
            else first = page;
        }

        return token => token is null ? first! : byToken[token];
    }

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property ListObjects_AndStreamObjects_ReturnTheConcatenationInOrder_InOneRequestPerPage() =>
        Prop.ForAll(Listings.ToArbitrary(), listing =>
        {
            var pages = listing.Pages;
            var requestTokens = new string?[] { null }.Concat(listing.Tokens).ToArray();
            var answer = Answers(pages, i => i < listing.Tokens.Length ? listing.Tokens[i] : null, requestTokens);
            var expected = pages.SelectMany(keys => keys.Select(k => Domain(k))).ToArray();

            var listed = Serving(answer);
            var result = S3Interactions.ListObjectsAsync(Bucket, listed.Provider.Object).GetAwaiter().GetResult();
            var streamed = Serving(answer);
            var items = Collect(S3Interactions.StreamObjects(Bucket, streamed.Provider.Object)).GetAwaiter().GetResult();

            return (result.IsRight && result.Right().SequenceEqual(expected)).Label("ListObjects returns the concatenation")
                .And((listed.Requests.Count == pages.Length).Label($"ListObjects made {listed.Requests.Count} requests for {pages.Length} pages"))
                .And(listed.Requests.Select(r => r.ContinuationToken).SequenceEqual(requestTokens).Label("ListObjects sent each token once, in order"))
                .And((items.All(i => i.IsRight) && Rights(items).SequenceEqual(expected)).Label("StreamObjects yields the same"))
                .And((streamed.Requests.Count == pages.Length).Label($"StreamObjects made {streamed.Requests.Count} requests"));
        });

    /// <summary>A chain of distinct tokens whose last page hands back one of them again.</summary>
    public sealed record Cycle(string[][] Pages, string[] Tokens, int RepeatedIndex)
    {
        public override string ToString() =>
            $"pages [{Render(Pages)}], tokens [{string.Join(", ", Tokens)}], last page repeats token #{RepeatedIndex}";
    }

    private static readonly Gen<Cycle> Cycles =
        from distinct in Gen.Choose(1, 6)
        from pages in Gen.Choose(0, 3).SelectMany(n => Text.ArrayOf(n)).ArrayOf(distinct + 1)
        from raw in Text.ArrayOf(distinct)
        from repeated in Gen.Choose(0, distinct - 1)
        select new Cycle(pages, raw.Select((t, i) => $"{i}|{t}").ToArray(), repeated);

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property ListObjects_WhenATokenRepeats_StopsWithRepeatedToken_WithinDistinctTokensPlusOneRequests() =>
        Prop.ForAll(Cycles.ToArbitrary(), cycle =>
        {
            var tokens = cycle.Tokens;
            var requestTokens = new string?[] { null }.Concat(tokens).ToArray();
            var answer = Answers(cycle.Pages, i => i < tokens.Length ? tokens[i] : tokens[cycle.RepeatedIndex], requestTokens);
            var expectedListed = cycle.Pages.SelectMany(keys => keys.Select(k => Domain(k))).ToArray();

            var listed = Serving(answer);
            var result = S3Interactions.ListObjectsAsync(Bucket, listed.Provider.Object).GetAwaiter().GetResult();

            var repeated = result.IsLeft
                           && result.Left() is DomainError.ObjectListingInterrupted
                           {
                               Cause: DomainError.PaginationAnomaly { Anomaly: PaginationAnomaly.RepeatedToken r },
                           } interrupted
                           && r.Token == tokens[cycle.RepeatedIndex]
                           && interrupted.Listed.SequenceEqual(expectedListed);
            return repeated.Label($"stops with RepeatedToken({tokens[cycle.RepeatedIndex]}) and what was listed")
                .And((listed.Requests.Count <= tokens.Length + 1).Label($"{listed.Requests.Count} requests for {tokens.Length} distinct tokens"))
                .And(listed.Requests.Select(r => r.ContinuationToken).SequenceEqual(requestTokens).Label("each token requested once"));
        });
}
