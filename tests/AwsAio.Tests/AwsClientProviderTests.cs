using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>The provider: creation, shared clients and credentials, the cached environment, disposal.</summary>
public sealed class AwsClientProviderTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/ops";
    private readonly AwsWireStub _stub = new();

    public void Dispose() => _stub.Dispose();

    private AwsClientProviderOptions Options(string? role = Role) => new()
    {
        Credentials = new BasicAWSCredentials("AKIDBASEEXAMPLE", "base-secret-wJalrXUtnFEMI"),
        Region = "us-east-1",
        Endpoint = new EndpointOverride(_stub.Url),
        AssumeRoleArn = role,
        MaxErrorRetry = 0,
    };

    [Fact]
    public async Task ConcurrentEnvironmentCalls_AskStsOnce_TheWaiterTakingTheAnswerTheFirstCached()
    {
        _stub.Server.Given(WireMock.RequestBuilders.Request.Create().UsingPost().WithBody(new WireMock.Matchers.RegexMatcher("Action=GetCallerIdentity")))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml")
                .WithDelay(TimeSpan.FromMilliseconds(300)).WithBody($"""
                    <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <GetCallerIdentityResult>
                        <Arn>arn:aws:iam::{AwsWireStub.Account}:user/awsaio</Arn>
                        <UserId>AIDAEXAMPLEID</UserId>
                        <Account>{AwsWireStub.Account}</Account>
                      </GetCallerIdentityResult>
                      <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
                    </GetCallerIdentityResponse>
                    """));
        using var provider = AwsClientProvider.Create(Options(role: null)).Right();

        var both = await Task.WhenAll(provider.GetEnvironmentAsync(), provider.GetEnvironmentAsync());

        Assert.Equal(1, _stub.Count("GetCallerIdentity"));
        Assert.Equal(new AwsEnvironment(AwsWireStub.Account, "us-east-1", null), both[0].Right());
        Assert.Equal(both[0].Right(), both[1].Right());
    }

    [Fact]
    public async Task AThousandRequestsFromAThousandGetterCalls_AcrossS3Ec2AndSts_MakeExactlyOneAssumeRole()
    {
        _stub.CallerIdentity().AvailabilityZones().HeadBucket("awsaio-wire").AssumeRole(TimeSpan.FromHours(1));
        var logs = new CapturingLoggerFactory();
        using var provider = AwsClientProvider.Create(Options(), logs).Right();

        for (var i = 0; i < 1000; i++)
        {
            switch (i % 3)
            {
                case 0:
                    await provider.GetS3().HeadBucketAsync(new HeadBucketRequest { BucketName = "awsaio-wire" });
                    break;
                case 1:
                    await provider.GetEc2().DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest());
                    break;
                default:
                    await provider.GetSts().GetCallerIdentityAsync(new GetCallerIdentityRequest());
                    break;
            }
        }

        Assert.Equal(1, _stub.Count("AssumeRole"));
        Assert.Equal(1001, _stub.Total);
        Assert.Equal(1, provider.AssumeRoleCalls);
        Assert.Contains(logs.Lines, line => line.Contains("Assumed role " + Role));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("assumed-secret") || line.Contains("assumed-token")
                                                  || line.Contains("base-secret"));
    }

    [Fact]
    public void Getters_ReturnOneClientEach_EvenUnderConcurrency()
    {
        using var provider = AwsClientProvider.Create(Options()).Right();
        var s3 = Enumerable.Range(0, 64).AsParallel().Select(_ => provider.GetS3()).Distinct().ToList();
        var ec2 = Enumerable.Range(0, 64).AsParallel().Select(_ => provider.GetEc2()).Distinct().ToList();
        var sts = Enumerable.Range(0, 64).AsParallel().Select(_ => provider.GetSts()).Distinct().ToList();
        Assert.Single(s3);
        Assert.Single(ec2);
        Assert.Single(sts);
    }

    [Fact]
    public async Task GetEnvironment_AsksStsOnce_AndRendersTheCdkEnvironment()
    {
        _stub.CallerIdentity();
        using var provider = AwsClientProvider.Create(Options(role: null)).Right();

        var first = await provider.GetEnvironmentAsync().Right();
        var rest = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => provider.GetEnvironmentAsync()));

        Assert.Equal("aws://123456789012/us-east-1", first.ToString());
        Assert.All(rest, r => Assert.Equal(first, r.Right()));
        Assert.Equal(1, _stub.Count("GetCallerIdentity"));
    }

    [Theory]
    [InlineData(400, "ExpiredToken", "The security token included in the request is expired", typeof(DomainError.CredentialsExpired))]
    [InlineData(403, "InvalidClientTokenId", "The security token included in the request is invalid.", typeof(DomainError.CredentialsUnavailable))]
    [InlineData(400, "Throttling", "Rate exceeded", typeof(DomainError.Throttled))]
    [InlineData(418, "SomethingNew", "Never seen before", typeof(DomainError.Unexpected))]
    public async Task GetEnvironment_MapsStsErrorDocuments(int status, string code, string message, Type expected)
    {
        _stub.StsError("GetCallerIdentity", status, code, message);
        using var provider = AwsClientProvider.Create(Options(role: null)).Right();

        var error = await provider.GetEnvironmentAsync().Left();

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorDetails.Code);
        Assert.Equal(status, error.ErrorDetails.HttpStatus);
        Assert.Equal("4f1a5c4e-0000-4000-8000-00000000beef", error.ErrorDetails.RequestId);
    }

    [Fact]
    public async Task GetEnvironment_FailureIsNotCached_SoALaterCallCanSucceed()
    {
        _stub.StsError("GetCallerIdentity", 503, "ServiceUnavailable", "try later");
        using var provider = AwsClientProvider.Create(Options(role: null)).Right();
        Assert.IsType<DomainError.ServiceUnavailable>(await provider.GetEnvironmentAsync().Left());

        _stub.Server.Reset();
        _stub.CallerIdentity();
        Assert.Equal("123456789012", (await provider.GetEnvironmentAsync().Right()).Account);
    }

    [Fact]
    public async Task GetEnvironment_OnANetworkFailure_IsTransport()
    {
        using var provider = AwsClientProvider.Create(Options(role: null) with
        {
            Endpoint = new EndpointOverride(TestEnvironment.NowhereUrl),
        }).Right();

        var error = await provider.GetEnvironmentAsync().Left();

        Assert.IsType<DomainError.Transport>(error);
    }

    [Fact]
    public async Task GetEnvironment_CancelledBeforeItStarts_IsCancelled()
    {
        using var provider = AwsClientProvider.Create(Options(role: null)).Right();
        var error = await provider.GetEnvironmentAsync(new CancellationToken(canceled: true)).Left();
        Assert.IsType<DomainError.Cancelled>(error);
    }

    [Fact]
    public async Task GetEnvironment_AfterDispose_IsALeft_NotAnException()
    {
        var provider = AwsClientProvider.Create(Options(role: null)).Right();
        provider.Dispose();
        var error = await provider.GetEnvironmentAsync().Left();
        Assert.Equal("provider", Assert.IsType<DomainError.InvalidInput>(error).Field);
    }

    [Fact]
    public async Task Dispose_DisposesEachClientItBuiltOnce_AndTheRoleCredentials_AndRefusesNewClients()
    {
        var provider = AwsClientProvider.Create(Options()).Right();
        var probe = provider.Client<ProbeClient, AmazonS3Config>((credentials, _) => new ProbeClient(credentials));
        var s3 = provider.GetS3();

        provider.Dispose();
        provider.Dispose();

        Assert.Equal(1, probe.Disposals);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => s3.HeadBucketAsync(new HeadBucketRequest { BucketName = "awsaio-wire" }));
        Assert.Throws<ObjectDisposedException>(() => provider.GetS3());
        Assert.Throws<ObjectDisposedException>(() => provider.GetSts());
        // The shared role credentials stop too: a client still holding them gets a disposed-provider error, not a new role.
        var failed = await Assert.ThrowsAsync<CredentialsFailedException>(() => probe.Credentials.GetCredentialsAsync());
        Assert.Equal("provider", Assert.IsType<DomainError.InvalidInput>(failed.Error).Field);
        Assert.Equal(0, _stub.Count("AssumeRole"));
    }

    [Fact]
    public void Dispose_SkipsAClientThatWasNeverBuilt_EvenWhenBuildingItFailed()
    {
        var provider = AwsClientProvider.Create(Options()).Right();
        Assert.Throws<InvalidOperationException>(() =>
            provider.Client<ProbeClient, AmazonS3Config>((_, _) => throw new InvalidOperationException("no client")));

        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => provider.GetEc2());
    }

    [Fact]
    public void Clients_WithoutAnEndpoint_UseTheRegionsEndpoint_AndTheOptionsTimeoutsAndRetries()
    {
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKID", "SECRET"), Region = "eu-central-1",
            Timeout = TimeSpan.FromSeconds(7), MaxErrorRetry = 4,
        }).Right();

        foreach (var config in new IClientConfig[] { provider.GetS3().Config, provider.GetEc2().Config, provider.GetSts().Config })
        {
            // (The test assembly's AWS_ENDPOINT_URL still sends these to a closed loopback port.)
            Assert.Equal(Amazon.RegionEndpoint.EUCentral1, config.RegionEndpoint);
            Assert.Equal(TimeSpan.FromSeconds(7), config.Timeout);
            Assert.Equal(4, config.MaxErrorRetry);
            Assert.IsType<BoundedHttpClientFactory>(config.HttpClientFactory);
            Assert.NotEqual(RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        }

        Assert.False(((AmazonS3Config)provider.GetS3().Config).ForcePathStyle);
    }

    [Fact]
    public void Clients_WithAnEndpoint_SendThereSignedForItsRegion_PathStyle_WithChecksumsOnlyWhenRequired()
    {
        using var provider = AwsClientProvider.Create(Options(role: null) with
        {
            Endpoint = new EndpointOverride("http://127.0.0.1:4566") { AuthenticationRegion = "eu-north-1" },
        }).Right();
        using var defaulted = AwsClientProvider.Create(Options(role: null) with
        {
            Endpoint = new EndpointOverride("http://127.0.0.1:4566") { ForcePathStyle = false, ChecksumsOnlyWhenRequired = false },
        }).Right();

        foreach (var config in new IClientConfig[] { provider.GetS3().Config, provider.GetEc2().Config, provider.GetSts().Config })
        {
            Assert.StartsWith("http://127.0.0.1:4566", config.ServiceURL);
            Assert.Equal("eu-north-1", config.AuthenticationRegion);
            Assert.Equal(0, config.MaxErrorRetry);
            Assert.Equal(RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
            Assert.Equal(ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
        }

        Assert.True(((AmazonS3Config)provider.GetS3().Config).ForcePathStyle);
        var plain = (AmazonS3Config)defaulted.GetS3().Config;
        Assert.False(plain.ForcePathStyle);
        Assert.Equal("us-east-1", plain.AuthenticationRegion);
        Assert.NotEqual(RequestChecksumCalculation.WHEN_REQUIRED, plain.RequestChecksumCalculation);
        Assert.NotEqual(ResponseChecksumValidation.WHEN_REQUIRED, plain.ResponseChecksumValidation);
    }

    [Fact]
    public async Task ARole_IsAssumedWithTheConfiguredSessionName_ExternalIdAndDuration_SignedByTheBaseKeys()
    {
        _stub.CallerIdentity().AssumeRole(TimeSpan.FromHours(2));
        using var provider = AwsClientProvider.Create(Options() with
        {
            RoleSessionName = "svc-capture", ExternalId = "ext-4711", SessionDuration = TimeSpan.FromHours(2),
        }).Right();

        (await StsInteractions.GetCallerIdentityAsync(provider)).Right();

        var assume = _stub.Server.LogEntries.Single(e => e.RequestMessage.Body?.Contains("Action=AssumeRole") == true).RequestMessage;
        Assert.Contains("RoleSessionName=svc-capture", assume.Body);
        Assert.Contains("ExternalId=ext-4711", assume.Body);
        Assert.Contains("DurationSeconds=7200", assume.Body);
        Assert.Contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fops", assume.Body);
        Assert.Equal(["AKIDBASEEXAMPLE"], _stub.SigningKeys("AssumeRole"));
        Assert.StartsWith("ASIAEXAMPLE", _stub.SigningKeys("GetCallerIdentity").Single());
    }

    [Fact]
    public async Task ARole_WithoutASessionName_IsAssumedAsTheDefaultName()
    {
        _stub.CallerIdentity().AssumeRole(TimeSpan.FromHours(1));
        using var provider = AwsClientProvider.Create(Options()).Right();

        (await StsInteractions.GetCallerIdentityAsync(provider)).Right();

        var body = _stub.Server.LogEntries.Single(e => e.RequestMessage.Body?.Contains("Action=AssumeRole") == true).RequestMessage.Body!;
        Assert.Contains($"RoleSessionName={Uri.EscapeDataString(AwsClientProviderOptions.DefaultRoleSessionName)}", body);
        Assert.DoesNotContain("ExternalId=", body);
    }

    [Fact]
    public void GetSettings_GivesTheCallSettingsFromTheOptions_TheS3Settings_AndNothingElse()
    {
        using var provider = AwsClientProvider.Create(Options(role: null) with
        {
            CallDeadline = TimeSpan.FromSeconds(42), IdleTimeout = TimeSpan.FromSeconds(9),
        }).Right();
        IAwsClientProvider asInterface = provider;

        var call = asInterface.GetSettings<CallSettings>()!;
        Assert.Equal(TimeSpan.FromSeconds(42), call.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(9), call.IdleTimeout);
        Assert.NotNull(asInterface.GetSettings<S3Settings>());
        Assert.Null(asInterface.GetSettings<string>());
    }

    /// <summary>A client that records the credentials it was built with and how often it was disposed.</summary>
    private sealed class ProbeClient(AWSCredentials credentials) : IDisposable
    {
        internal AWSCredentials Credentials { get; } = credentials;

        internal int Disposals { get; private set; }

        public void Dispose() => Disposals++;
    }

    [Fact]
    public void UseChunkEncoding_IsOffForEndpointOverrides_AndOnForAws()
    {
        using var local = AwsClientProvider.Create(Options()).Right();
        using var aws = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKID", "SECRET"), Region = "eu-west-1",
        }).Right();
        Assert.False(((IAwsClientProvider)local).GetSettings<S3Settings>()!.UseChunkEncoding);
        Assert.True(((IAwsClientProvider)aws).GetSettings<S3Settings>()!.UseChunkEncoding);
        Assert.Equal("eu-west-1", ((IAwsClientProvider)aws).Region);
    }

    [Fact]
    public void Create_OfNullOptions_IsOptionsRequired()
    {
        Assert.Equal(DomainError.NewInvalidInput("options", "are required"), AwsClientProvider.Create(null).Left());
    }

    [Fact]
    public void Create_LogsTheReport_AndToStringWithoutEndpoint_EndsAtTheRegion()
    {
        var logs = new CapturingLoggerFactory();
        using var provider = AwsClientProvider.Create(StubProviders.Options(_stub) with { Endpoint = null }, logs).Right();

        var report = provider.DescribeCredentialSource();
        Assert.Equal($"AwsClientProvider({report.Detail}; region us-east-1)", provider.ToString());
        Assert.Contains($"Debug AwsAio.AwsClientProvider: AWS client provider ready: {report} ", logs.Lines);
    }
}

/// <summary>Temporary shared credentials and config files with a few kinds of profile.</summary>
internal sealed class ProfileFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("awsaio-profiles-").FullName;

    internal ProfileFiles()
    {
        File.WriteAllText(CredentialsPath, """
            [static]
            aws_access_key_id = AKIDSTATICEXAMPLE
            aws_secret_access_key = static-secret-wJalrXUtnFEMI

            [base]
            aws_access_key_id = AKIDBASEPROFILE
            aws_secret_access_key = base-profile-secret
            """);
        File.WriteAllText(Path.Combine(_folder, "config"), """
            [profile static]
            region = eu-west-3

            [profile dev]
            role_arn = arn:aws-us-gov:iam::123456789012:role/dev
            source_profile = base
            region = us-gov-west-1

            [profile broken]
            role_arn = arn:aws:iam::123456789012:role/dev
            source_profile = nowhere

            [profile regionless]
            output = json

            [profile sso-dev]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = ReadOnly
            region = eu-west-1

            [sso-session corp]
            sso_start_url = https://corp.awsapps.example/start
            sso_region = eu-west-1
            sso_registration_scopes = sso:account:access
            """);
    }

    internal string CredentialsPath => Path.Combine(_folder, "credentials");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
