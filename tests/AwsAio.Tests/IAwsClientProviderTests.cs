using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>What a provider of the caller's making gets from the interface when it implements only the getters.</summary>
public sealed class IAwsClientProviderTests
{
    private static readonly IAwsClientProvider Minimal = new JournalProvider();

    [Fact]
    public void Region_IsNone_SoTheClientsOwnRegionApplies()
    {
        Assert.Null(Minimal.Region);
    }

    [Fact]
    public void GetSettings_AreNone_SoEveryCallUsesTheDefaults()
    {
        Assert.Null(Minimal.GetSettings<CallSettings>());
        Assert.Null(Minimal.GetSettings<S3Settings>());
    }

    [Fact]
    public void Client_IsNotSupported_NamingTheProviderAndTheClient()
    {
        var refused = Assert.Throws<NotSupportedException>(() =>
            Minimal.Client<Amazon.SQS.AmazonSQSClient, Amazon.SQS.AmazonSQSConfig>((c, config) => new Amazon.SQS.AmazonSQSClient(c, config)));

        Assert.Equal("JournalProvider builds no clients other than its getters' (AmazonSQSClient was asked for)", refused.Message);
    }

    [Fact]
    public void For_IsAnInvalidInput_NamingTheProvider()
    {
        Assert.Equal(
            DomainError.NewInvalidInput("target", "JournalProvider cannot work for other accounts or regions"),
            Minimal.For(AwsTarget.Regional("eu-west-1")).Left());
    }
}
