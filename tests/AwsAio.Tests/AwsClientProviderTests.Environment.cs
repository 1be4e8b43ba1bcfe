using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>The provider where the environment decides the outcome: each test sets the environment it needs.</summary>
[Collection(nameof(EnvironmentVariables))]
public sealed class AwsClientProviderEnvironmentTests
{
    [Fact]
    public async Task AStaticProfile_SignsWithItsOwnKeys_InTheProfilesRegion()
    {
        using var environment = new EnvironmentScope();
        using var stub = new AwsWireStub().CallerIdentity();
        using var files = new ProfileFiles();
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "static",
            ProfilesLocation = files.CredentialsPath,
            Endpoint = new EndpointOverride(stub.Url),
            MaxErrorRetry = 0,
        }).Right();

        (await StsInteractions.GetCallerIdentityAsync(provider)).Right();

        var authorization = stub.Server.LogEntries.Single().RequestMessage.Headers!["Authorization"].Single();
        Assert.Contains("Credential=AKIDSTATICEXAMPLE/", authorization);
        Assert.Contains("/eu-west-3/sts/aws4_request", authorization);
        Assert.Equal("eu-west-3", provider.Region);
    }

    [Fact]
    public void TheReadmesFourProviders_CompileAndAnswerWithEither()
    {
        // As in README.md, in an environment that names a region and a credentials file with a "dev" profile.
        using var files = new ProfileFiles();
        using var environment = new EnvironmentScope(("AWS_REGION", "eu-west-1"), ("AWS_SHARED_CREDENTIALS_FILE", files.CredentialsPath));
        using var dev = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "dev" }).Right();
        using var lambda = AwsClientProvider.Create(new AwsClientProviderOptions { Compute = true }).Right();
        using var capture = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "dev",
            AssumeRoleArn = "arn:aws-us-gov:iam::210987654321:role/cluster/Capture",
            ExternalId = "awsaio-7f3c",
            SessionDuration = TimeSpan.FromHours(2),
        }).Right();
        using var local = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("S3RVER", "S3RVER"),
            Region = "us-east-1",
            Endpoint = new EndpointOverride("http://127.0.0.1:4568"),
        }).Right();

        Assert.Equal((CredentialSource.Profile, "eu-west-1"), (dev.DescribeCredentialSource().Source, dev.Region));
        Assert.Equal((CredentialSource.Compute, "eu-west-1"), (lambda.DescribeCredentialSource().Source, lambda.Region));
        Assert.Equal("arn:aws-us-gov:iam::210987654321:role/cluster/Capture", capture.DescribeCredentialSource().AssumeRoleArn);
        Assert.Equal(CredentialSource.Explicit, local.DescribeCredentialSource().Source);
        Assert.Equal("http://127.0.0.1:4568", local.DescribeCredentialSource().Endpoint);
    }

    [Fact]
    public void TheReadmesProfileProvider_WithoutThatProfile_IsALeftNamingIt()
    {
        using var files = new ProfileFiles();
        using var environment = new EnvironmentScope(("AWS_REGION", "eu-west-1"), ("AWS_SHARED_CREDENTIALS_FILE", files.CredentialsPath));

        var error = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "prod" }).Left();

        var unavailable = Assert.IsType<DomainError.CredentialsUnavailable>(error);
        Assert.Equal("profile 'prod'", unavailable.Source);
    }
}
