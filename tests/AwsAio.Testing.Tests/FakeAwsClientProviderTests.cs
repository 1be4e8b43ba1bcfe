using Amazon.EC2;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsAio.Core;
using Moq;
using Xunit;

namespace AwsAio.Testing.Tests;

/// <summary>The fake provider hands out what it was given, and what it was not given becomes a Left in a wrapper.</summary>
public sealed class FakeAwsClientProviderTests
{
    [Fact]
    public void Getters_HandOutTheGivenClients()
    {
        var s3 = Mock.Of<IAmazonS3>();
        var ec2 = Mock.Of<IAmazonEC2>();
        var sts = Mock.Of<IAmazonSecurityTokenService>();

        var provider = new FakeAwsClientProvider(s3, ec2, sts);

        Assert.Same(s3, provider.GetS3());
        Assert.Same(ec2, provider.GetEc2());
        Assert.Same(sts, provider.GetSts());
    }

    [Fact]
    public void AClientNotGiven_IsAnInvalidOperationException_NamingIt()
    {
        var provider = new FakeAwsClientProvider();

        Assert.Contains("S3", Assert.Throws<InvalidOperationException>(provider.GetS3).Message);
        Assert.Contains("EC2", Assert.Throws<InvalidOperationException>(provider.GetEc2).Message);
        Assert.Contains("STS", Assert.Throws<InvalidOperationException>(provider.GetSts).Message);
    }

    [Fact]
    public async Task AClientNotGiven_IsALeftInAWrapper_NeverAnException()
    {
        var result = await S3Interactions.GetBucketStatusAsync("awsaio-logs", new FakeAwsClientProvider());

        Assert.True(result.IsLeft);
    }

    [Fact]
    public void Region_DefaultsToUsEast1_AndCanBeSet()
    {
        IAwsClientProvider byDefault = new FakeAwsClientProvider();
        IAwsClientProvider set = new FakeAwsClientProvider { Region = null };

        Assert.Equal("us-east-1", byDefault.Region);
        Assert.Null(set.Region);
    }

    [Fact]
    public void GetSettings_HandsOutTheGivenSettingsOfEachKind_AndNoneForOthers()
    {
        var s3 = new S3Settings(UseChunkEncoding: false);
        IAwsClientProvider provider = new FakeAwsClientProvider { Settings = [s3] };

        Assert.Same(s3, provider.GetSettings<S3Settings>());
        Assert.Null(provider.GetSettings<CallSettings>());
        Assert.Null(((IAwsClientProvider)new FakeAwsClientProvider()).GetSettings<S3Settings>());
    }

    [Fact]
    public async Task GetEnvironment_IsTheGivenOne_OrTheDefaultAccountInTheRegion_OrCancelled()
    {
        var given = new AwsEnvironment("210987654321", "eu-west-1", "dev");

        var byDefault = await new FakeAwsClientProvider { Region = "ap-south-2" }.GetEnvironmentAsync();
        var explicitly = await new FakeAwsClientProvider { Environment = given }.GetEnvironmentAsync();
        var cancelled = await new FakeAwsClientProvider().GetEnvironmentAsync(new CancellationToken(true));

        Assert.Equal(new AwsEnvironment(FakeAwsClientProvider.DefaultAccount, "ap-south-2", null), byDefault.Match(e => e, e => throw new InvalidOperationException(e.ToString())));
        Assert.Equal(given, explicitly.Match(e => e, e => throw new InvalidOperationException(e.ToString())));
        Assert.True(cancelled.Match(_ => false, e => e is DomainError.Cancelled));
    }

    [Fact]
    public void ToString_SaysWhichClientsItHolds()
    {
        Assert.Equal("FakeAwsClientProvider(region us-east-1, s3 yes, ec2 no, sts no)", new FakeAwsClientProvider(Mock.Of<IAmazonS3>()).ToString());
    }
}
