using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Tests that change process-wide environment variables, kept away from every other test.</summary>
[CollectionDefinition(nameof(EnvironmentVariables), DisableParallelization = true)]
public sealed class EnvironmentVariables;

/// <summary>
/// What provider setup reads from the environment: AWS_SHARED_CREDENTIALS_FILE per provider (the SDK alone reads it
/// once per process), AWS_REGION against a profile's region, compute credentials and instance metadata. Each test
/// sets the environment it needs (<see cref="EnvironmentScope"/>), so none depends on the machine's.
/// </summary>
[Collection(nameof(EnvironmentVariables))]
public sealed class ProviderSetupEnvironmentTests
{
    [Fact]
    public void ASourceProfilePlusRoleProfile_ResolvesThroughTheSdk_AndSaysSo()
    {
        using var environment = new EnvironmentScope();
        using var files = new ProfileFiles();
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "dev", ProfilesLocation = files.CredentialsPath,
        }).Right();

        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.Profile, report.Source);
        Assert.Equal("profile 'dev' (assumes arn:aws-us-gov:iam::123456789012:role/dev from source profile 'base')", report.Detail);
        Assert.Equal("us-gov-west-1", provider.Region);
        Assert.Equal("profile 'dev'", report.RegionSource);
    }

    [Fact]
    public void AwsRegion_WinsOverTheProfilesRegion_AndSaysSo()
    {
        using var environment = new EnvironmentScope(("AWS_REGION", "ap-south-1"));
        using var files = new ProfileFiles();
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "dev", ProfilesLocation = files.CredentialsPath,
        }).Right();

        Assert.Equal("ap-south-1", provider.Region);
        Assert.Equal("the AWS_REGION environment variable", provider.DescribeCredentialSource().RegionSource);
    }

    [Fact]
    public void AProfileWithoutRegion_AndNoOtherRegion_IsRegionUnresolved_NeverAMadeUpRegion()
    {
        using var environment = new EnvironmentScope();
        using var files = new ProfileFiles();
        File.AppendAllText(files.CredentialsPath, "\n[regionless]\naws_access_key_id = AKIDX\naws_secret_access_key = x\n");

        var error = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "regionless", ProfilesLocation = files.CredentialsPath,
        }).Left();

        var unresolved = Assert.IsType<DomainError.RegionUnresolved>(error);
        Assert.Contains("AWS_REGION", unresolved.Reason);
        Assert.DoesNotContain("aws-global", error.ToString());
    }

    [Fact]
    public void AProfileWithoutRegion_TakesAwsRegion_WhenTheEnvironmentNamesOne()
    {
        using var environment = new EnvironmentScope(("AWS_REGION", "eu-south-2"));
        using var files = new ProfileFiles();
        File.AppendAllText(files.CredentialsPath, "\n[regionless]\naws_access_key_id = AKIDX\naws_secret_access_key = x\n");

        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "regionless", ProfilesLocation = files.CredentialsPath,
        }).Right();

        Assert.Equal("eu-south-2", provider.Region);
    }

    [Fact]
    public void AMalformedAwsRegion_IsAnInvalidInput_NamingWhereItCameFrom()
    {
        using var environment = new EnvironmentScope(("AWS_REGION", "Frankfurt"));

        var error = AwsClientProvider.Create(new AwsClientProviderOptions { Credentials = new BasicAWSCredentials("AKID", "SECRET") }).Left();

        var invalid = Assert.IsType<DomainError.InvalidInput>(error);
        Assert.Equal("region", invalid.Field);
        Assert.Contains("AWS_REGION", invalid.Rule);
    }

    [Fact]
    public void AwsSharedCredentialsFile_IsReadWhenTheProviderIsCreated()
    {
        using var files = new ProfileFiles();
        var before = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", files.CredentialsPath);
        try
        {
            using var provider = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "static" }).Right();
            Assert.Equal("profile 'static' (static keys)", provider.DescribeCredentialSource().Detail);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", before);
        }
    }

    [Fact]
    public async Task ARoleOnTopOfComputeCredentials_AssumesWithTheMachinesKeys_AndCallsWithTheRoles()
    {
        using var stub = new Peers.AwsWireStub().CallerIdentity().AssumeRole(TimeSpan.FromHours(1));
        var saved = (Key: Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Secret: Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "environment-secret");
        try
        {
            using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
            {
                Compute = true, Region = "us-east-1", Endpoint = new EndpointOverride(stub.Url),
                AssumeRoleArn = "arn:aws:iam::210987654321:role/cluster/Capture", MaxErrorRetry = 0,
            }).Right();

            (await StsInteractions.GetCallerIdentityAsync(provider)).Right();

            string SignedBy(string action) => stub.Server.LogEntries
                .Single(e => e.RequestMessage.Body?.Contains($"Action={action}") == true).RequestMessage.Headers!["Authorization"].Single();
            Assert.Contains("Credential=AKIDFROMENVIRONMENT/", SignedBy("AssumeRole"));
            Assert.Contains("Credential=ASIAEXAMPLE", SignedBy("GetCallerIdentity"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", saved.Key);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", saved.Secret);
        }
    }

    [Fact]
    public void ComputeMode_TakesTheRegionFromInstanceMetadata_WhenNothingElseNamesOne()
    {
        using var imds = new Peers.AwsWireStub();
        imds.Server.Given(WireMock.RequestBuilders.Request.Create().UsingPut().WithPath("/latest/api/token"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody("AQAEAexampletoken=="));
        imds.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet().WithPath("/latest/dynamic/instance-identity/document"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/plain").WithBody("""
                {"accountId":"123456789012","architecture":"x86_64","availabilityZone":"ap-northeast-3a","imageId":"ami-0123456789abcdef0",
                 "instanceId":"i-0123456789abcdef0","instanceType":"m7g.large","privateIp":"10.0.0.12","region":"ap-northeast-3",
                 "version":"2017-09-30"}
                """));
        var names = new[] { "AWS_REGION", "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_PROFILE" };
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        Environment.SetEnvironmentVariable("AWS_REGION", null);
        Environment.SetEnvironmentVariable("AWS_PROFILE", null);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", null);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.Url);
        Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
        FallbackRegionFactory.Reset();
        try
        {
            // Outside compute mode the metadata service is never asked (asked first: the SDK caches what it finds).
            var workstation = AwsClientProvider.Create(new AwsClientProviderOptions { Credentials = new BasicAWSCredentials("AKID", "SECRET") });
            workstation.Match(
                Right: p => { Assert.NotEqual("ap-northeast-3", p.Region); p.Dispose(); },
                Left: e => Assert.IsType<DomainError.RegionUnresolved>(e));
            Assert.Equal(0, imds.Total);

            using var provider = AwsClientProvider.Create(new AwsClientProviderOptions { Compute = true }).Right();
            Assert.Equal("ap-northeast-3", provider.Region);
            Assert.Contains("instance metadata", provider.DescribeCredentialSource().RegionSource);
            Assert.True(imds.Total >= 2);
        }
        finally
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
            Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
            FallbackRegionFactory.Reset();
        }
    }
}
