using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using Moq;
using Xunit;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio.Tests;

/// <summary>
/// Presigned URLs (S3Interactions.Presign.cs): the SDK signs, the core bounds the lifetime (7 days, and never past the
/// expiry of the role credentials the provider assumed — proven with a real provider assuming a role at a loopback STS),
/// and the URL's signature never shows in its rendering.
/// </summary>
public sealed class S3InteractionsPresignTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/ops/Presigner";
    private static readonly S3Location Location = S3Location.Create("awsaio-unit-presign", "exports/report.csv").ToEither().Right();

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;
    private readonly List<GetPreSignedUrlRequest> _signed = [];
    private readonly AwsWireStub _sts = new();

    public S3InteractionsPresignTests()
    {
        _provider = S3Doubles.ProviderFor(_s3.Object);
        _s3.Setup(s => s.Config).Returns(new AmazonS3Config());
        _s3.Setup(s => s.GetPreSignedURLAsync(It.IsAny<GetPreSignedUrlRequest>()))
            .Returns((GetPreSignedUrlRequest r) =>
            {
                _signed.Add(r);
                return Task.FromResult($"https://{r.BucketName}.s3.eu-west-1.amazonaws.com/{r.Key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0123abcd");
            });
    }

    public void Dispose() => _sts.Dispose();

    [Fact]
    public async Task PresignGet_SignsAGet_ThatLivesAsLongAsAsked()
    {
        var before = DateTimeOffset.UtcNow;

        var url = await S3Interactions.PresignGetAsync(Location, TimeSpan.FromHours(1), _provider.Object).Right();

        var request = Assert.Single(_signed);
        Assert.Equal((HttpVerb.GET, "awsaio-unit-presign", "exports/report.csv"), (request.Verb, request.BucketName, request.Key));
        Assert.InRange(url.Expires, before.AddHours(1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(url.Expires.UtcDateTime, request.Expires);
        Assert.Equal("GET", url.Method);
        Assert.Contains("X-Amz-Signature", url.Url.Query);
    }

    [Fact]
    public async Task PresignPut_SignsAPut_WithTheContentTypeTheUploadMustSend()
    {
        var url = await S3Interactions.PresignPutAsync(Location, TimeSpan.FromMinutes(15), _provider.Object, "text/csv").Right();

        var request = Assert.Single(_signed);
        Assert.Equal((HttpVerb.PUT, "text/csv"), (request.Verb, request.ContentType));
        Assert.Equal("PUT", url.Method);
    }

    [Fact]
    public async Task Presign_RendersWithoutItsSignature()
    {
        var url = await S3Interactions.PresignGetAsync(Location, TimeSpan.FromHours(1), _provider.Object).Right();

        Assert.DoesNotContain("Signature", url.ToString());
        Assert.DoesNotContain("0123abcd", url.ToString());
        Assert.Contains("exports/report.csv", url.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(7 * 24 * 60 + 1)]
    public async Task Presign_ForALifetimeS3WouldRefuse_IsInvalidInput_WithoutSigning(int minutes)
    {
        var error = await S3Interactions.PresignGetAsync(Location, TimeSpan.FromMinutes(minutes), _provider.Object).Left();

        Assert.Equal("presigned URL lifetime", Assert.IsType<DomainError.InvalidInput>(error).Field);
        Assert.Empty(_signed);
    }

    [Fact]
    public async Task Presign_WithAContentTypeThatWouldInjectAHeader_IsInvalidInput()
    {
        var error = await S3Interactions.PresignPutAsync(Location, TimeSpan.FromMinutes(5), _provider.Object, "text/csv\r\nX: 1").Left();

        Assert.Equal("content type", Assert.IsType<DomainError.InvalidInput>(error).Field);
        Assert.Empty(_signed);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4568", "HTTP")]
    [InlineData("HTTP://127.0.0.1:4568", "HTTP")]
    [InlineData("https://127.0.0.1:4568", "HTTPS")]
    [InlineData("https://127.0.0.1:4568/http://", "HTTPS")]
    public async Task Presign_SaysHttp_ExactlyWhenTheClientTalksPlainHttp(string serviceUrl, string protocol)
    {
        _s3.Setup(s => s.Config).Returns(new AmazonS3Config { ServiceURL = serviceUrl });

        await S3Interactions.PresignGetAsync(Location, TimeSpan.FromHours(1), _provider.Object).Right();

        Assert.Equal(Enum.Parse<Protocol>(protocol), Assert.Single(_signed).Protocol);
    }

    [Theory]
    [InlineData(typeof(AmazonClientException))]
    [InlineData(typeof(InvalidOperationException))]
    public async Task Presign_WhenTheClientsConfigCannotBeRead_SignsHttps(Type thrown)
    {
        _s3.Setup(s => s.Config).Throws((Exception)Activator.CreateInstance(thrown, "the client was disposed")!);

        var url = await S3Interactions.PresignGetAsync(Location, TimeSpan.FromHours(1), _provider.Object).Right();

        Assert.Equal(Protocol.HTTPS, Assert.Single(_signed).Protocol);
        Assert.Equal("https", url.Url.Scheme);
    }

    [Fact]
    public async Task Presign_WithoutALocation_IsInvalidInput_WithoutSigning()
    {
        Assert.Equal(DomainError.NewInvalidInput("location", "is required"), await S3Interactions.PresignGetAsync(null!, TimeSpan.FromHours(1), _provider.Object).Left());
        Assert.Equal(DomainError.NewInvalidInput("location", "is required"), await S3Interactions.PresignPutAsync(null!, TimeSpan.FromHours(1), _provider.Object).Left());
        Assert.Empty(_signed);
    }

    [Fact]
    public async Task Presign_WhenTheSdkMakesNoAbsoluteUrl_IsUnexpected_NamingTheObject()
    {
        _s3.Setup(s => s.GetPreSignedURLAsync(It.IsAny<GetPreSignedUrlRequest>())).ReturnsAsync("exports/report.csv?X-Amz-Signature=0123abcd");

        var error = await S3Interactions.PresignGetAsync(Location, TimeSpan.FromHours(1), _provider.Object).Left();

        var unexpected = Assert.IsType<DomainError.Unexpected>(error);
        Assert.Equal(AwsErrorDetails.Of("S3", "PresignUrl", "", "the SDK made no absolute URL", 0, "").On(ErrorTarget.Of("awsaio-unit-presign", "exports/report.csv")),
            unexpected.Details);
        Assert.Null(unexpected.Exception);
    }

    [Fact]
    public async Task Presign_WithAnAssumedRole_NeverOutlivesTheRolesCredentials()
    {
        _sts.AssumeRole(TimeSpan.FromHours(1));
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDBASEEXAMPLE", "base-secret-wJalrXUtnFEMI"), Region = "us-east-1",
            Endpoint = new EndpointOverride(_sts.Url), AssumeRoleArn = Role, MaxErrorRetry = 0,
        }).Right();

        var refused = await S3Interactions.PresignGetAsync(Location, TimeSpan.FromHours(2), provider).Left();
        var fine = await S3Interactions.PresignGetAsync(Location, TimeSpan.FromMinutes(30), provider).Right();

        Assert.Contains("would outlive the temporary credentials", Assert.IsType<DomainError.InvalidInput>(refused).Rule);
        Assert.Equal(1, _sts.Count("AssumeRole"));
        Assert.StartsWith(_sts.Url.TrimEnd('/'), fine.Url.ToString());
        Assert.StartsWith("http://", fine.Url.ToString());
        Assert.Contains("X-Amz-Security-Token", fine.Url.Query);
    }

    [Fact]
    public async Task Presign_WhenTheRoleCannotBeAssumed_IsThatError()
    {
        _sts.StsError("AssumeRole", 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole");
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDBASEEXAMPLE", "base-secret-wJalrXUtnFEMI"), Region = "us-east-1",
            Endpoint = new EndpointOverride(_sts.Url), AssumeRoleArn = Role, MaxErrorRetry = 0,
        }).Right();

        var error = await S3Interactions.PresignGetAsync(Location, TimeSpan.FromMinutes(5), provider).Left();

        Assert.Equal(Role, Assert.IsType<DomainError.AssumeRoleFailed>(error).RoleArn);
    }
    [Fact]
    public async Task PresignPut_ToADotSegmentKey_WithABadContentType_IsTheKeysError_BeforeSigning()
    {
        var location = S3Location.Create("awsaio-unit-presign", "exports/../report.csv").ToEither().Right();

        var error = await S3Interactions.PresignPutAsync(location, TimeSpan.FromHours(1), _provider.Object, "text/csv\r\nX: 1").Left();

        Assert.Equal("object key", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.Verify(s => s.GetPreSignedURLAsync(It.IsAny<GetPreSignedUrlRequest>()), Times.Never);
    }

    [Fact]
    public async Task PresignGet_ToADotSegmentKey_IsTheKeysError_BeforeSigning()
    {
        var location = S3Location.Create("awsaio-unit-presign", "exports/../report.csv").ToEither().Right();

        var error = await S3Interactions.PresignGetAsync(location, TimeSpan.FromHours(1), _provider.Object).Left();

        Assert.Equal("object key", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.Verify(s => s.GetPreSignedURLAsync(It.IsAny<GetPreSignedUrlRequest>()), Times.Never);
    }
}
