using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>STS wrappers: Moq with SDK-shaped responses and exceptions, a property over error codes, and the wire.</summary>
public sealed class StsInteractionsTests
{
    private const string Role = "arn:aws:iam::210987654321:role/cluster/Capture";
    private readonly Mock<IAmazonSecurityTokenService> _sts = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider = new();

    public StsInteractionsTests() => _provider.Setup(p => p.GetSts()).Returns(_sts.Object);

    private static AmazonSecurityTokenServiceException StsError(string code, HttpStatusCode status, string message = "m") =>
        new(message, ErrorType.Sender, code, "req-7", status);

    private void CallerIdentityThrows(Exception e) =>
        _sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(e);

    private void AssumeRoleThrows(Exception e) =>
        _sts.Setup(s => s.AssumeRoleAsync(It.IsAny<AssumeRoleRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(e);

    [Fact]
    public async Task GetCallerIdentity_ReturnsAccountArnAndUserId()
    {
        _sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetCallerIdentityResponse
            {
                Account = "123456789012", Arn = "arn:aws:iam::123456789012:user/alice", UserId = "AIDAEXAMPLE",
                HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "req-1" },
            });

        var identity = await StsInteractions.GetCallerIdentityAsync(_provider.Object).Right();

        Assert.Equal(new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/alice", "AIDAEXAMPLE"), identity);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenStsSendsNoAccount_IsMalformedResponse_NotAnEmptyAccount()
    {
        _sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetCallerIdentityResponse { HttpStatusCode = HttpStatusCode.OK });
        Assert.IsType<DomainError.MalformedResponse>(await StsInteractions.GetCallerIdentityAsync(_provider.Object).Left());
    }

    [Fact]
    public async Task GetCallerIdentity_WhenExpiredToken_IsCredentialsExpired()
    {
        CallerIdentityThrows(new ExpiredTokenException("The security token included in the request is expired",
            ErrorType.Sender, "ExpiredToken", "req-7", HttpStatusCode.BadRequest));
        var error = Assert.IsType<DomainError.CredentialsExpired>(await StsInteractions.GetCallerIdentityAsync(_provider.Object).Left());
        Assert.Equal("req-7", error.Details.RequestId);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenInvalidClientTokenId_IsCredentialsUnavailable()
    {
        CallerIdentityThrows(StsError("InvalidClientTokenId", HttpStatusCode.Forbidden));
        Assert.IsType<DomainError.CredentialsUnavailable>(await StsInteractions.GetCallerIdentityAsync(_provider.Object).Left());
    }

    [Fact]
    public async Task GetCallerIdentity_WhenThrottled_IsThrottledAndRetryable()
    {
        CallerIdentityThrows(StsError("Throttling", HttpStatusCode.BadRequest, "Rate exceeded"));
        var error = await StsInteractions.GetCallerIdentityAsync(_provider.Object).Left();
        Assert.IsType<DomainError.Throttled>(error);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenTheNetworkFails_IsTransport()
    {
        CallerIdentityThrows(new HttpRequestException("Connection refused (sts.us-east-1.amazonaws.com:443)"));
        Assert.IsType<DomainError.Transport>(await StsInteractions.GetCallerIdentityAsync(_provider.Object).Left());
    }

    [Fact]
    public async Task GetCallerIdentity_WhenCancelled_IsCancelled()
    {
        using var cts = new CancellationTokenSource();
        _sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (GetCallerIdentityRequest _, CancellationToken ct) =>
            {
                await cts.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return new GetCallerIdentityResponse();
            });
        Assert.IsType<DomainError.Cancelled>(await StsInteractions.GetCallerIdentityAsync(_provider.Object, cts.Token).Left());
    }

    [Fact]
    public async Task GetCallerIdentity_WhenTheCodeIsUnknown_KeepsCodeMessageStatusRequestIdAndException()
    {
        var thrown = StsError("BrandNewStsError", HttpStatusCode.BadRequest, "something new");
        CallerIdentityThrows(thrown);

        var error = Assert.IsType<DomainError.Unexpected>(await StsInteractions.GetCallerIdentityAsync(_provider.Object).Left());

        Assert.Equal(AwsErrorDetails.Of("STS", "GetCallerIdentity", "BrandNewStsError", "something new", 400, "req-7"), error.Details);
        Assert.Same(thrown, error.Exception);
    }

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property GetCallerIdentity_NeverThrows_AndKeepsAnyErrorCodeVerbatim() =>
        Prop.ForAll(
            Gen.Elements("ExpiredToken", "InvalidClientTokenId", "Throttling", "AccessDenied", "InternalFailure", "x")
                .Select(c => c)
                .Zip(ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get))
                .SelectMany(pair => Gen.Elements(pair.Item1, pair.Item2))
                .Zip(Gen.Elements(400, 403, 429, 500, 503))
                .ToArbitrary(),
            pair =>
            {
                var (code, status) = pair;
                var sts = new Mock<IAmazonSecurityTokenService>();
                sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>()))
                    .ThrowsAsync(new AmazonSecurityTokenServiceException("m", ErrorType.Sender, code, "r", (HttpStatusCode)status));
                var provider = new Mock<IAwsClientProvider>();
                provider.Setup(p => p.GetSts()).Returns(sts.Object);

                var result = StsInteractions.GetCallerIdentityAsync(provider.Object).GetAwaiter().GetResult();

                return result.IsLeft && result.Left().ErrorDetails.Code == code && result.Left().ErrorDetails.HttpStatus == status;
            });

    [Fact]
    public async Task AssumeRole_SendsTheCheckedArguments_AndReturnsHiddenCredentials()
    {
        AssumeRoleRequest? sent = null;
        var expiration = new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);
        _sts.Setup(s => s.AssumeRoleAsync(It.IsAny<AssumeRoleRequest>(), It.IsAny<CancellationToken>()))
            .Callback((AssumeRoleRequest r, CancellationToken _) => sent = r)
            .ReturnsAsync(new AssumeRoleResponse
            {
                Credentials = new Credentials("ASIAEXAMPLE", "very-secret-key", "very-secret-token", expiration),
                AssumedRoleUser = new AssumedRoleUser { Arn = "arn:aws:sts::210987654321:assumed-role/Capture/s", AssumedRoleId = "AROA:s" },
                HttpStatusCode = HttpStatusCode.OK,
            });

        var role = await StsInteractions.AssumeRoleAsync(Role, _provider.Object, "awsaio-test", "ext-0042", TimeSpan.FromMinutes(30)).Right();

        Assert.Equal(Role, sent!.RoleArn);
        Assert.Equal("awsaio-test", sent.RoleSessionName);
        Assert.Equal("ext-0042", sent.ExternalId);
        Assert.Equal(1800, sent.DurationSeconds);
        Assert.Equal(new DateTimeOffset(expiration), role.Expiration);
        Assert.Equal("very-secret-token", (await role.Credentials.GetCredentialsAsync()).Token);
        Assert.DoesNotContain("very-secret", role.ToString());
    }

    [Theory]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, typeof(DomainError.AssumeRoleFailed))]
    [InlineData("Forbidden", HttpStatusCode.Forbidden, typeof(DomainError.AssumeRoleFailed))]
    [InlineData("com.amazonaws.sts#AccessDeniedException", HttpStatusCode.Forbidden, typeof(DomainError.AssumeRoleFailed))]
    [InlineData("RegionDisabledException", HttpStatusCode.Forbidden, typeof(DomainError.AssumeRoleFailed))]
    [InlineData("MalformedPolicyDocument", HttpStatusCode.BadRequest, typeof(DomainError.InvalidRequest))]
    [InlineData("PackedPolicyTooLarge", HttpStatusCode.BadRequest, typeof(DomainError.InvalidRequest))]
    [InlineData("ExpiredTokenException", HttpStatusCode.BadRequest, typeof(DomainError.CredentialsExpired))]
    [InlineData("Throttling", HttpStatusCode.BadRequest, typeof(DomainError.Throttled))]
    [InlineData("SomethingElse", HttpStatusCode.BadRequest, typeof(DomainError.Unexpected))]
    public async Task AssumeRole_MapsEachStsCode(string code, HttpStatusCode status, Type expected)
    {
        AssumeRoleThrows(StsError(code, status));
        var error = await StsInteractions.AssumeRoleAsync(Role, _provider.Object).Left();
        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorDetails.Code);
    }

    [Theory]
    [InlineData("arn:aws:iam::21098765432:role/Capture", null, "role ARN")]
    [InlineData(Role, "x", "external id")]
    public async Task AssumeRole_WithBadInput_IsALeftBeforeAnyRequest(string arn, string? externalId, string field)
    {
        var error = await StsInteractions.AssumeRoleAsync(arn, _provider.Object, externalId: externalId).Left();
        Assert.Equal(field, Assert.IsType<DomainError.InvalidInput>(error).Field);
        _sts.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task OverTheWire_AssumeRoleAndGetCallerIdentity_ReadRealStsDocuments()
    {
        using var stub = new AwsWireStub().CallerIdentity().AssumeRole(TimeSpan.FromHours(1));
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "base-secret"),
            Region = "us-east-1", Endpoint = new EndpointOverride(stub.Url), MaxErrorRetry = 0,
        }).Right();

        var identity = await StsInteractions.GetCallerIdentityAsync(provider).Right();
        var role = await StsInteractions.AssumeRoleAsync(Role, provider).Right();

        Assert.Equal(AwsWireStub.Account, identity.Account);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/ops/awsaio", role.AssumedRoleArn);
        Assert.StartsWith("ASIAEXAMPLE", (await role.Credentials.GetCredentialsAsync()).AccessKey);
        Assert.True(role.Expiration > DateTimeOffset.UtcNow.AddMinutes(50));
    }
}
