using AwsAio.Core;
using AwsAio.Hosting;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests.Hosting;

/// <summary>Configuration settings into provider options: the endpoint's two spellings, defaults, and no secret shown.</summary>
public sealed class AwsAioOptionsTests
{
    [Fact]
    public void ServiceUrl_IsTheEndpoint_WithTheEmulatorDefaults()
    {
        var options = new AwsAioOptions { ServiceURL = "http://127.0.0.1:4566" }.ToProviderOptions().Right();

        Assert.Equal(new EndpointOverride("http://127.0.0.1:4566"), options.Endpoint);
    }

    [Fact]
    public void NoEndpoint_MeansAwsItself()
    {
        Assert.Null(new AwsAioOptions { Region = "eu-west-1" }.ToProviderOptions().Right().Endpoint);
    }

    [Fact]
    public void ServiceUrlAndEndpointUrl_NamingOneEndpoint_Agree()
    {
        var options = new AwsAioOptions
        {
            ServiceURL = "http://127.0.0.1:4566",
            Endpoint = new AwsAioEndpointOptions { Url = "http://127.0.0.1:4566", UseChunkEncoding = true },
        }.ToProviderOptions().Right();

        Assert.True(options.Endpoint!.UseChunkEncoding);
    }

    [Fact]
    public void ServiceUrlAndEndpointUrl_NamingTwoEndpoints_AreRefused()
    {
        var error = new AwsAioOptions
        {
            ServiceURL = "http://127.0.0.1:4566",
            Endpoint = new AwsAioEndpointOptions { Url = "http://127.0.0.1:9000" },
        }.ToProviderOptions().Left();

        Assert.Equal(DomainError.NewInvalidInput("ServiceURL", "names another endpoint than Endpoint:Url; set one of them"), error);
    }

    [Fact]
    public void AnEndpointSectionWithoutUrl_IsRefused()
    {
        var error = new AwsAioOptions { Endpoint = new AwsAioEndpointOptions { AuthenticationRegion = "us-east-1" } }.ToProviderOptions().Left();

        Assert.Equal("Invalid endpoint: must name a URL (Endpoint:Url, or ServiceURL).", error.ToString());
    }

    [Fact]
    public void NoRefreshWindow_KeepsTheProvidersDefault()
    {
        Assert.Equal(new AwsClientProviderOptions().CredentialRefreshWindow, new AwsAioOptions().ToProviderOptions().Right().CredentialRefreshWindow);
    }

    [Fact]
    public void ToString_HidesTheExternalId()
    {
        var text = new AwsAioOptions { AssumeRoleArn = "arn:aws:iam::123456789012:role/R", ExternalId = "ext-secret-4711" }.ToString();

        Assert.Contains("arn:aws:iam::123456789012:role/R", text);
        Assert.DoesNotContain("ext-secret-4711", text);
    }

    private static IEnumerable<(AwsAioOptions Options, string Field, string Key)> KeyRows() =>
    [
        (new AwsAioOptions(), "profile", "Profile"),
        (new AwsAioOptions { Compute = true }, "profile", "Compute"),
        (new AwsAioOptions(), "credentials", "Profile"),
        (new AwsAioOptions { Compute = true }, "credentials", "Compute"),
        (new AwsAioOptions(), "role ARN", "AssumeRoleArn"),
        (new AwsAioOptions(), "external id", "ExternalId"),
        (new AwsAioOptions(), "role session name", "RoleSessionName"),
        (new AwsAioOptions(), "session duration", "SessionDuration"),
        (new AwsAioOptions(), "credential refresh window", "CredentialRefreshWindow"),
        (new AwsAioOptions(), "region", "Region"),
        (new AwsAioOptions { Endpoint = new AwsAioEndpointOptions { Url = "http://127.0.0.1:4566" } }, "region", "Region"),
        (new AwsAioOptions { Endpoint = new AwsAioEndpointOptions { AuthenticationRegion = "eu-west-1" } }, "region", "Endpoint:AuthenticationRegion"),
        (new AwsAioOptions { Region = "us-east-1", Endpoint = new AwsAioEndpointOptions { AuthenticationRegion = "eu-west-1" } }, "region", "Region"),
        (new AwsAioOptions(), "endpoint", "Endpoint:Url"),
        (new AwsAioOptions { ServiceURL = "http://127.0.0.1:4566" }, "endpoint", "ServiceURL"),
        (new AwsAioOptions(), "timeout", "Timeout"),
        (new AwsAioOptions(), "max error retry", "MaxErrorRetry"),
        (new AwsAioOptions(), "call deadline", "CallDeadline"),
        (new AwsAioOptions(), "idle timeout", "IdleTimeout"),
        (new AwsAioOptions(), "options", "options"),
    ];

    public static TheoryData<string> Keys => Rows.Named(KeyRows(), r => $"{r.Field} -> {r.Key}");

    [Theory]
    [MemberData(nameof(Keys))]
    public void KeyOf_NamesTheConfigurationKeyOfEachField(string row)
    {
        var (options, field, key) = Rows.Pick(KeyRows(), row);
        Assert.Equal(key, options.KeyOf(field));
    }

    [Fact]
    public void ToProviderOptions_CarriesEverySetting()
    {
        var options = new AwsAioOptions
        {
            Profile = "dev", ProfilesLocation = "/tmp/awsaio/credentials", Region = "eu-west-1", Compute = true,
            AssumeRoleArn = "arn:aws:iam::123456789012:role/R", ExternalId = "ext-4711", RoleSessionName = "svc",
            SessionDuration = TimeSpan.FromHours(2), CredentialRefreshWindow = TimeSpan.FromMinutes(7),
            Endpoint = new AwsAioEndpointOptions
            {
                Url = "https://s3.example.internal", AuthenticationRegion = "us-east-1", ForcePathStyle = false,
                ChecksumsOnlyWhenRequired = false, UseChunkEncoding = true,
            },
            AllowInsecureHttp = true, Timeout = TimeSpan.FromSeconds(30), MaxErrorRetry = 2,
            CallDeadline = TimeSpan.FromSeconds(40), IdleTimeout = TimeSpan.FromSeconds(50),
        }.ToProviderOptions().Right();

        Assert.Equal(new AwsClientProviderOptions
        {
            Profile = "dev", ProfilesLocation = "/tmp/awsaio/credentials", Region = "eu-west-1", Compute = true,
            AssumeRoleArn = "arn:aws:iam::123456789012:role/R", ExternalId = "ext-4711", RoleSessionName = "svc",
            SessionDuration = TimeSpan.FromHours(2), CredentialRefreshWindow = TimeSpan.FromMinutes(7),
            Endpoint = new EndpointOverride("https://s3.example.internal")
            {
                AuthenticationRegion = "us-east-1", ForcePathStyle = false, ChecksumsOnlyWhenRequired = false, UseChunkEncoding = true,
            },
            AllowInsecureHttp = true, Timeout = TimeSpan.FromSeconds(30), MaxErrorRetry = 2,
            CallDeadline = TimeSpan.FromSeconds(40), IdleTimeout = TimeSpan.FromSeconds(50),
        }, options);
    }

    [Fact]
    public void ToString_RendersEverySetting_Exactly()
    {
        var bare = new AwsAioOptions().ToString();
        Assert.Equal("AwsAioOptions(Profile = , Region = , ServiceURL = , Compute = False, AssumeRoleArn = , ExternalId = none, " +
            "RoleSessionName = , SessionDuration = , Endpoint = , Timeout = , MaxErrorRetry = , CallDeadline = , IdleTimeout = )", bare);
        var given = new AwsAioOptions { AssumeRoleArn = "arn:aws:iam::123456789012:role/R", ExternalId = "ext-secret-4711" }.ToString();
        Assert.Contains("AssumeRoleArn = arn:aws:iam::123456789012:role/R, ExternalId = given (hidden), RoleSessionName = ", given);
    }
}
