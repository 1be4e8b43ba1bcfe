using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>What <see cref="AwsClientProvider.Create"/> checks and resolves before it builds anything.</summary>
public sealed class ProviderSetupTests
{
    private static readonly AwsClientProviderOptions Base = new()
    {
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        Region = "us-east-1",
    };

    private static IEnumerable<(string Field, AwsClientProviderOptions Options, string Rule)> BadOptionRows() =>
    [
        ("role ARN", Base with { AssumeRoleArn = "arn:aws:iam::123:role/x" }, "12-digit"),
        ("role ARN", Base with { AssumeRoleArn = "arn:aws:iam::123456789012:user/x" }, "role"),
        ("role session name", Base with { AssumeRoleArn = "arn:aws:iam::123456789012:role/x", RoleSessionName = "a" }, "2 to 64"),
        ("role session name", Base with { RoleSessionName = "valid-name" }, "only when a role is assumed"),
        ("external id", Base with { AssumeRoleArn = "arn:aws:iam::123456789012:role/x", ExternalId = "e" }, "2 to 1224"),
        ("external id", Base with { ExternalId = "ext-123" }, "only when a role is assumed"),
        ("session duration", Base with { AssumeRoleArn = "arn:aws:iam::123456789012:role/x", SessionDuration = TimeSpan.FromMinutes(5) }, "900 to 43200"),
        ("session duration", Base with { SessionDuration = TimeSpan.FromHours(1) }, "only when a role is assumed"),
        ("region", Base with { Region = "aws-global" }, "pseudo-region"),
        ("region", Base with { Region = "Frankfurt" }, "not a region name"),
        ("endpoint", Base with { Endpoint = new EndpointOverride("http://minio.lan:9000") }, "plain http"),
        ("endpoint", Base with { Endpoint = new EndpointOverride("localhost:9000") }, "http or https"),
        ("endpoint", Base with { Endpoint = new EndpointOverride("https://key:pass@s3.example.internal") }, "user information"),
        ("region", Base with { Endpoint = new EndpointOverride("https://s3.example.internal") { AuthenticationRegion = "nowhere" } }, "not a region name"),
        ("credentials", Base with { Credentials = null, Profile = "dev", Compute = true }, "not both"),
        ("credentials", Base with { Profile = "dev" }, "not both"),
        ("profile", Base with { Credentials = null, Profile = " " }, "must not be empty"),
        ("credential refresh window", Base with { AssumeRoleArn = "arn:aws:iam::123456789012:role/x", CredentialRefreshWindow = TimeSpan.FromSeconds(-1) }, "negative"),
        ("timeout", Base with { Timeout = TimeSpan.Zero }, "from 00:00:00.0010000 to 1.00:00:00"),
        ("timeout", Base with { Timeout = TimeSpan.FromDays(100) }, "from 00:00:00.0010000 to 1.00:00:00"),
        ("call deadline", Base with { CallDeadline = TimeSpan.Zero }, "from 00:00:00.0010000 to 1.00:00:00"),
        ("idle timeout", Base with { IdleTimeout = TimeSpan.FromHours(2) }, "from 00:00:00.0010000 to 01:00:00"),
        ("endpoint", Base with { Endpoint = new EndpointOverride(null!) }, "must name a URL"),
        ("endpoint", Base with { Endpoint = new EndpointOverride("https://s3.example.internal/?X-Amz-Security-Token=secret") }, "query string"),
        ("endpoint", Base with { Endpoint = new EndpointOverride("https://s3.example.internal/#frag") }, "fragment"),
        ("credential refresh window", Base with { AssumeRoleArn = "arn:aws:iam::123456789012:role/x", SessionDuration = TimeSpan.FromMinutes(15), CredentialRefreshWindow = TimeSpan.FromMinutes(8) }, "at most half the session duration"),
        ("max error retry", Base with { MaxErrorRetry = -1 }, "0 to 10"),
        ("max error retry", Base with { MaxErrorRetry = 11 }, "0 to 10"),
    ];

    public static TheoryData<string> BadOptions => Rows.Named(BadOptionRows(), r => $"{r.Field}: {r.Rule}");

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Create_WithBadOptions_IsAnInvalidInputLeft_NamingTheFieldAndRule(string row)
    {
        var (field, options, rule) = Rows.Pick(BadOptionRows(), row);
        var error = Assert.IsType<DomainError.InvalidInput>(AwsClientProvider.Create(options).Left());
        Assert.Equal(field, error.Field);
        Assert.Contains(rule, error.Rule);
    }

    [Fact]
    public void ARefreshWindow_MattersOnlyWhenARoleIsAssumed()
    {
        using var provider = AwsClientProvider.Create(Base with { CredentialRefreshWindow = TimeSpan.FromHours(3) }).Right();
        Assert.Equal(0, provider.AssumeRoleCalls);
    }

    [Fact]
    public void PlainHttpToAnotherHost_IsAccepted_WhenExplicitlyAllowed()
    {
        using var provider = AwsClientProvider.Create(Base with
        {
            Endpoint = new EndpointOverride("http://minio.lan:9000"),
            AllowInsecureHttp = true,
        }).Right();
        Assert.Equal("http://minio.lan:9000", provider.DescribeCredentialSource().Endpoint);
    }

    [Fact]
    public void AMissingProfile_IsALeftNamingIt_WithNoFallbackToAnotherSource()
    {
        using var files = new ProfileFiles();
        var error = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "missing", ProfilesLocation = files.CredentialsPath, Region = "us-east-1",
        }).Left();

        var unavailable = Assert.IsType<DomainError.CredentialsUnavailable>(error);
        Assert.Equal("profile 'missing'", unavailable.Source);
        Assert.Contains("no other source was tried", unavailable.Reason);
        Assert.Equal(ErrorCategory.Credentials, error.Category);
    }

    [Fact]
    public void AProfileWhoseSourceProfileIsMissing_IsALeft_NotASilentDefaultChain()
    {
        using var files = new ProfileFiles();
        var error = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "broken", ProfilesLocation = files.CredentialsPath, Region = "us-east-1",
        }).Left();

        var unavailable = Assert.IsType<DomainError.CredentialsUnavailable>(error);
        Assert.Equal("profile 'broken'", unavailable.Source);
        Assert.Contains("nowhere", unavailable.Reason);
    }

    [Fact]
    public void AMalformedProfileFile_IsALeft_ThatNeverQuotesTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("awsaio-malformed-").FullName;
        try
        {
            var credentials = Path.Combine(folder, "credentials");
            File.WriteAllText(credentials, "[dev]\naws_access_key_id = AKIDMALFORMED\n<aws_secret_access_key wJalrXUtnFEMITOPSECRET\n");
            var error = AwsClientProvider.Create(new AwsClientProviderOptions
            {
                Profile = "dev", ProfilesLocation = credentials, Region = "us-east-1",
            }).Left();

            var unavailable = Assert.IsType<DomainError.CredentialsUnavailable>(error);
            Assert.Equal("profile 'dev'", unavailable.Source);
            Assert.DoesNotContain("TOPSECRET", error.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AnSsoProfile_ResolvesThroughTheSdk_WithoutAnyRequestYet()
    {
        using var files = new ProfileFiles();
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "sso-dev", ProfilesLocation = files.CredentialsPath,
        }).Right();

        Assert.Equal("profile 'sso-dev' (SSO)", provider.DescribeCredentialSource().Detail);
    }

    [Fact]
    public void TheEndpointsAuthenticationRegion_ServesAsTheRegion_WhenNoneIsSet()
    {
        using var provider = AwsClientProvider.Create(Base with
        {
            Region = null,
            Endpoint = new EndpointOverride("http://127.0.0.1:4566") { AuthenticationRegion = "eu-north-1" },
        }).Right();
        Assert.Equal("eu-north-1", provider.Region);
        Assert.Equal("the endpoint's authentication region", provider.DescribeCredentialSource().RegionSource);
    }

    [Fact]
    public void ComputeMode_UsesTheSdksChain_AndSaysWhy()
    {
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions { Compute = true, Region = "us-west-2" }).Right();
        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.Compute, report.Source);
        Assert.Contains("default chain on a compute platform", report.Detail);
        Assert.Contains(report.Skipped, s => s.StartsWith("named profile: none named", StringComparison.Ordinal));
    }

    [Fact]
    public void ARoleOnTopOfComputeCredentials_IsSupported_UnlikeTheOriginal()
    {
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Compute = true, Region = "us-west-2", AssumeRoleArn = "arn:aws:iam::210987654321:role/cluster/Capture",
        }).Right();
        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.Compute, report.Source);
        Assert.Equal("arn:aws:iam::210987654321:role/cluster/Capture", report.AssumeRoleArn);
        Assert.Equal(0, provider.AssumeRoleCalls);
    }

    [Fact]
    public void NullOptions_AreAnInvalidInputLeft_NotAnException()
    {
        var error = Assert.IsType<DomainError.InvalidInput>(AwsClientProvider.Create(null).Left());
        Assert.Equal("options", error.Field);
    }

    [Fact]
    public void NoSourceNamed_UsesTheSdksDefaultChain_WithoutAskingInstanceMetadataForTheRegion()
    {
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions { Region = "ap-south-1" }).Right();
        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.DefaultChain, report.Source);
        Assert.Contains(report.Skipped, s => s.StartsWith("instance metadata: not asked", StringComparison.Ordinal));
    }

    [Fact]
    public void ExplicitCredentials_SkipTheProfileAndTheChain()
    {
        using var provider = AwsClientProvider.Create(Base).Right();
        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.Explicit, report.Source);
        Assert.Equal("set in the options", report.RegionSource);
        Assert.Contains(report.Skipped, s => s.Contains("credentials were given directly"));
    }
}
