using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using static AwsAio.Tests.Support.S3Doubles;
using LanguageExt;
using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>GetObjectMetadata over a mocked IAmazonS3, and what every object call refuses before any request.</summary>
public sealed partial class S3InteractionsObjectsTests
{
    // ---- GetObjectMetadata ----------------------------------------------------------------------------------------

    [Fact]
    public async Task GetObjectMetadata_ReturnsUserMetadataWithoutThePrefix()
    {
        GetObjectMetadataRequest? sent = null;
        var response = new GetObjectMetadataResponse
        {
            ETag = "\"abc\"", ContentLength = 12, HttpStatusCode = HttpStatusCode.OK,
            ResponseMetadata = new ResponseMetadata { RequestId = "REQ-HEAD" },
        };
        response.Metadata.Add("x-amz-meta-owner", "ops");
        response.Metadata.Add("x-amz-meta-retention", "90d");
        _s3.Setup(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()))
            .Callback((GetObjectMetadataRequest r, CancellationToken _) => sent = r)
            .ReturnsAsync(response);

        var metadata = await S3Interactions.GetObjectMetadataAsync(Bucket, Key, _provider.Object).Right();

        Assert.Equal(new Dictionary<string, string> { ["owner"] = "ops", ["retention"] = "90d" },
            metadata.ToDictionary(p => p.Key, p => p.Value));
        Assert.Equal(Bucket, sent!.BucketName);
        Assert.Equal(Key, sent.Key);
    }

    [Fact]
    public async Task GetObjectMetadata_When404NotFound_ReturnsObjectDoesNotExist_WithBucketAndKey()
    {
        _s3.Setup(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(S3Error("NotFound", HttpStatusCode.NotFound, "Not Found"));

        var error = await S3Interactions.GetObjectMetadataAsync(Bucket, Key, _provider.Object).Left();

        var missing = Assert.IsType<DomainError.ObjectDoesNotExist>(error);
        Assert.Equal(Bucket, missing.Bucket);
        Assert.Equal(Key, missing.Key);
        Assert.Equal(AwsErrorDetails.Of("S3", "HeadObject", "NotFound", "Not Found", 404, RequestId).On(ErrorTarget.Of(Bucket, Key)), missing.Details);
    }

    [Fact]
    public async Task GetObjectMetadata_When403_ReturnsAccessDenied()
    {
        _s3.Setup(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(S3Error("Forbidden", HttpStatusCode.Forbidden, "Forbidden"));

        var error = await S3Interactions.GetObjectMetadataAsync(Bucket, Key, _provider.Object).Left();

        var denied = Assert.IsType<DomainError.AccessDenied>(error);
        Assert.Equal("HeadObject", denied.Details.Operation);
        Assert.Equal(403, denied.Details.HttpStatus);
    }

    [Fact]
    public async Task GetObjectMetadata_WhenNoSuchBucket_ReturnsBucketDoesNotExist()
    {
        _s3.Setup(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(NoSuchBucket());

        var error = await S3Interactions.GetObjectMetadataAsync(Bucket, Key, _provider.Object).Left();

        Assert.Equal(Bucket, Assert.IsType<DomainError.BucketDoesNotExist>(error).Bucket);
    }

    [Fact]
    public async Task GetObjectToFile_WhenThePathNamesAFolder_IsALeftBeforeAnyRequest()
    {
        var provider = new Mock<IAwsClientProvider>(MockBehavior.Strict);
        provider.Setup(p => p.GetSettings<S3Settings>()).Returns(S3Settings.Default);
        var folder = Directory.CreateTempSubdirectory("awsaio-folder-").FullName;
        try
        {
            var asFolder = await S3Interactions.GetObjectToFileAsync("awsaio-bucket", "k", folder + Path.DirectorySeparatorChar, provider.Object).Left();
            Assert.Equal("local path", Assert.IsType<DomainError.InvalidInput>(asFolder).Field);
            var existing = await S3Interactions.GetObjectToFileAsync("awsaio-bucket", "k", folder, provider.Object).Left();
            Assert.IsType<DomainError.LocalFileAlreadyExists>(existing);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task EveryWrapper_WithoutAProvider_IsAnInvalidInputLeft_NotAnException()
    {
        IAwsClientProvider provider = null!;
        var errors = new[]
        {
            await S3Interactions.GetBucketStatusAsync("awsaio-bucket", provider).Left(),
            await S3Interactions.CreateBucketAsync("awsaio-bucket", provider).Left(),
            await S3Interactions.EnsureBucketExistsAsync("awsaio-bucket", provider).Left(),
            await S3Interactions.PutFileAsync("/tmp/x", "awsaio-bucket", "k", provider).Left(),
            await S3Interactions.GetObjectToFileAsync("awsaio-bucket", "k", "/tmp/x", provider).Left(),
            await S3Interactions.GetObjectMetadataAsync("awsaio-bucket", "k", provider).Left(),
            await S3Interactions.ListObjectsAsync("awsaio-bucket", provider).Left(),
            await S3Interactions.DestroyBucketAsync("awsaio-bucket", provider).Left(),
            await StsInteractions.GetCallerIdentityAsync(provider).Left(),
            await StsInteractions.AssumeRoleAsync("arn:aws:iam::123456789012:role/r", provider).Left(),
        };
        Assert.All(errors, e => Assert.Equal("provider", Assert.IsType<DomainError.InvalidInput>(e).Field));
        await foreach (var item in S3Interactions.StreamObjects("awsaio-bucket", provider))
        {
            Assert.Equal("provider", Assert.IsType<DomainError.InvalidInput>(item.Left()).Field);
        }
    }

    [Fact]
    public async Task LocalPathsTheSystemCannotUse_AreInvalidInput_NotExceptions()
    {
        var provider = new Mock<IAwsClientProvider>(MockBehavior.Strict);
        provider.Setup(p => p.GetSettings<S3Settings>()).Returns(S3Settings.Default);
        var withNul = Path.Combine(_folder, "bad\0name.txt");

        var put = await S3Interactions.PutFileAsync(withNul, Bucket, Key, provider.Object).Left();
        var get = await S3Interactions.GetObjectToFileAsync(Bucket, Key, withNul, provider.Object).Left();

        Assert.Equal("local path", Assert.IsType<DomainError.InvalidInput>(put).Field);
        Assert.Equal("local path", Assert.IsType<DomainError.InvalidInput>(get).Field);
    }

    [Fact]
    public async Task PutFile_OfAFolder_IsNotReportedAsAFileThatAlreadyExists()
    {
        var error = await S3Interactions.PutFileAsync(_folder, Bucket, Key, _provider.Object).Left();
        var invalid = Assert.IsType<DomainError.InvalidInput>(error);
        Assert.Equal("local path", invalid.Field);
        Assert.Contains("not a folder", invalid.Rule);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task AProviderWhoseClientCannotBeBuilt_GivesLefts_NotExceptions()
    {
        var broken = new Mock<IAwsClientProvider>();
        broken.Setup(p => p.Region).Returns("eu-west-1");
        broken.Setup(p => p.GetS3()).Throws(new InvalidOperationException("no client today"));
        broken.Setup(p => p.GetSts()).Throws(new InvalidOperationException("no client today"));

        var errors = new[]
        {
            await S3Interactions.GetBucketStatusAsync(Bucket, broken.Object).Left(),
            await S3Interactions.ListObjectsAsync(Bucket, broken.Object).Left(),
            await S3Interactions.GetObjectMetadataAsync(Bucket, Key, broken.Object).Left(),
            await StsInteractions.GetCallerIdentityAsync(broken.Object).Left(),
        };

        Assert.All(errors, e => Assert.IsType<DomainError.Unexpected>(e));
        Assert.Contains("no client today", errors[0].ToString());
    }
}
