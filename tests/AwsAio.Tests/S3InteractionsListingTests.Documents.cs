using System.Net;
using Amazon.Runtime;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Listings over answers that are not listings: a 200 the SDK parsed from an HTML page, an empty body or
/// another document must never read as an empty bucket.</summary>
public sealed partial class S3InteractionsListingTests
{
    /// <summary>What the SDK makes of a 200 whose body is not a ListBucketResult: no name, no truncation flag, no keys.</summary>
    private static ListObjectsV2Response NotAListing() =>
        new() { HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-HTML" } };

    [Fact]
    public async Task ListObjects_WhenTheFirstAnswerIsNotAListing_IsMalformedResponse_NeverAnEmptyBucket()
    {
        Serve(_ => NotAListing());

        var error = await S3Interactions.ListObjectsAsync(Bucket, _provider.Object).Left();

        var malformed = Assert.IsType<DomainError.MalformedResponse>(error);
        Assert.Equal(("S3", "ListObjectsV2", "REQ-HTML"), (malformed.Details.Service, malformed.Details.Operation, malformed.Details.RequestId));
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task ListObjects_WhenALaterAnswerIsAListingOfAnotherBucket_IsAnInterruption_ResumingAtThatPage()
    {
        Serve(token =>
        {
            var page = token is null ? Page([Sdk("a")], "t1") : Page([Sdk("b")], null);
            if (token is not null) page.Name = "someone-elses-bucket";
            return page;
        });

        var error = await S3Interactions.ListObjectsAsync(Bucket, _provider.Object).Left();

        var stopped = Assert.IsType<DomainError.ObjectListingInterrupted>(error);
        Assert.IsType<DomainError.MalformedResponse>(stopped.Cause);
        Assert.Equal("t1", stopped.Resume.Token);
        Assert.Equal(["a"], stopped.Listed.Select(o => o.Key));
    }

    [Fact]
    public async Task StreamObjects_WhenAnAnswerIsNotAListing_EndsWithOneLeft()
    {
        Serve(_ => NotAListing());

        var items = await Collect(S3Interactions.StreamObjects(Bucket, _provider.Object));

        Assert.IsType<DomainError.MalformedResponse>(Assert.Single(items).Left());
    }
}
