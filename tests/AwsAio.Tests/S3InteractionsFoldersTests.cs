using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using static AwsAio.Tests.Support.S3Doubles;
using Moq;
using Xunit;
using SdkObject = Amazon.S3.Model.S3Object;

namespace AwsAio.Tests;

/// <summary>
/// Folder listings (S3Interactions.Folders.cs) over a mocked IAmazonS3 answering by continuation token: objects and
/// common prefixes through the same paging driver and guards, interruption with what was listed, and resume.
/// </summary>
public sealed class S3InteractionsFoldersTests
{
    private const string Bucket = "awsaio-unit-folders";

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;
    private readonly List<ListObjectsV2Request> _requests = [];

    public S3InteractionsFoldersTests() => _provider = ProviderFor(_s3.Object);

    private static ListObjectsV2Response Page(string[] keys, string[] prefixes, string? next) =>
        new()
        {
            Name = Bucket, IsTruncated = next is not null, NextContinuationToken = next, Delimiter = "/",
            S3Objects = keys.Select(k => new SdkObject { Key = k, Size = 3, ETag = "\"e\"", LastModified = DateTime.UtcNow }).ToList(),
            CommonPrefixes = prefixes.ToList(), HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-LIST" },
        };

    private void Serve(Func<string?, ListObjectsV2Response> answer) =>
        _s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
            .Returns((ListObjectsV2Request r, CancellationToken _) =>
            {
                _requests.Add(r);
                try
                {
                    return Task.FromResult(answer(r.ContinuationToken));
                }
                catch (Exception e)
                {
                    return Task.FromException<ListObjectsV2Response>(e);
                }
            });

    [Fact]
    public async Task ListFolder_GivesTheObjectsAndTheFoldersBelow_AcrossPages()
    {
        Serve(token => token is null
            ? Page(["logs/readme.txt"], ["logs/2025/"], "t1")
            : Page(["logs/zz.txt"], ["logs/2026/"], null));

        var folder = await S3Interactions.ListFolderAsync(Bucket, _provider.Object, prefix: "logs/").Right();

        Assert.Equal(["logs/readme.txt", "logs/zz.txt"], folder.Objects.Select(o => o.Key));
        Assert.Equal(["logs/2025/", "logs/2026/"], folder.Prefixes);
        Assert.All(_requests, r => Assert.Equal(("logs/", "/"), (r.Prefix, r.Delimiter)));
        Assert.Equal([null, "t1"], _requests.Select(r => r.ContinuationToken));
    }

    [Fact]
    public async Task ListFolder_WhenAPageFails_SaysWhatWasListed_AndResumesWithoutRepeatingOrLosing()
    {
        var fail = true;
        Serve(token => token switch
        {
            null => Page(["a.txt"], ["p/"], "t1"),
            "t1" when fail => throw S3Error("SlowDown", HttpStatusCode.ServiceUnavailable, "Please reduce your request rate."),
            _ => Page(["b.txt"], ["q/"], null),
        });

        var stopped = Assert.IsType<DomainError.FolderListingInterrupted>(await S3Interactions.ListFolderAsync(Bucket, _provider.Object).Left());
        Assert.IsType<DomainError.Throttled>(stopped.Cause);
        Assert.Equal(["a.txt"], stopped.Listed.Objects.Select(o => o.Key));
        Assert.Equal(["p/"], stopped.Listed.Prefixes);
        Assert.Equal(2, stopped.Delivered);
        fail = false;

        var rest = await S3Interactions.ListFolderAsync(Bucket, _provider.Object, resumeFrom: stopped.Resume).Right();

        Assert.Equal(["b.txt"], rest.Objects.Select(o => o.Key));
        Assert.Equal(["q/"], rest.Prefixes);
    }

    [Fact]
    public async Task ListFolder_WhenATokenComesBack_StopsInsteadOfLooping()
    {
        Serve(token => Page([$"k{token}"], [], "same"));

        var stopped = Assert.IsType<DomainError.FolderListingInterrupted>(await S3Interactions.ListFolderAsync(Bucket, _provider.Object).Left());

        Assert.IsType<DomainError.PaginationAnomaly>(stopped.Cause);
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task ListFolder_WhenTheFirstAnswerIsNotAListing_IsMalformed_NeverAnEmptyFolder()
    {
        Serve(_ => new ListObjectsV2Response { HttpStatusCode = HttpStatusCode.OK });

        Assert.IsType<DomainError.MalformedResponse>(await S3Interactions.ListFolderAsync(Bucket, _provider.Object).Left());
    }

    [Fact]
    public async Task ListFolder_OfAMissingBucket_IsBucketDoesNotExist()
    {
        Serve(_ => throw new NoSuchBucketException("The specified bucket does not exist", ErrorType.Sender, "NoSuchBucket", RequestId, HttpStatusCode.NotFound));

        Assert.IsType<DomainError.BucketDoesNotExist>(await S3Interactions.ListFolderAsync(Bucket, _provider.Object).Left());
    }

    [Theory]
    [InlineData("", null, "delimiter")]
    [InlineData("\n", null, "delimiter")]
    [InlineData("/", 0, "page size")]
    public async Task ListFolder_WithInvalidInput_IsRefused_BeforeAnyRequest(string delimiter, int? pageSize, string field)
    {
        var error = await S3Interactions.ListFolderAsync(Bucket, _provider.Object, delimiter: delimiter, pageSize: pageSize).Left();

        Assert.Equal(field, Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }
    [Fact]
    public async Task ListFolder_WithAnEmptyPrefix_SendsNoPrefix()
    {
        Serve(_ => Page(["a.txt"], [], null));

        var folder = await S3Interactions.ListFolderAsync(Bucket, _provider.Object, prefix: "").Right();

        Assert.Equal(["a.txt"], folder.Objects.Select(o => o.Key));
        Assert.Null(Assert.Single(_requests).Prefix);
    }

    [Fact]
    public async Task ListFolder_UnderADotSegmentPrefix_IsAllowed_AsS3KeepsSuchKeys()
    {
        Serve(_ => Page([], [], null));

        await S3Interactions.ListFolderAsync(Bucket, _provider.Object, prefix: "logs/../").Right();

        Assert.Equal("logs/../", Assert.Single(_requests).Prefix);
    }

    [Fact]
    public async Task ListFolder_APageWithoutObjectOrPrefixLists_IsAnEmptyFolder()
    {
        Serve(_ => new ListObjectsV2Response
        {
            Name = Bucket, IsTruncated = false, Delimiter = "/", S3Objects = null, CommonPrefixes = null,
            HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-LIST" },
        });

        var folder = await S3Interactions.ListFolderAsync(Bucket, _provider.Object).Right();

        Assert.Empty(folder.Objects);
        Assert.Empty(folder.Prefixes);
    }
}
