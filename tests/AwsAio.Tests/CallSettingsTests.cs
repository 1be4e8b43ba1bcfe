using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>The settings every call reads, and their defaults for providers (and mocks) without them.</summary>
public sealed class CallSettingsTests
{
    [Fact]
    public void AProviderWithoutSettings_GetsTheDocumentedDefaults()
    {
        var settings = CallSettings.Of(new Mock<IAwsClientProvider>().Object);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.IdleTimeout);
        Assert.Same(CallSettings.Default, settings);
    }

    [Fact]
    public void SettingsThatCouldNotBound_AreReplacedByTheDefaults()
    {
        var provider = new Mock<IAwsClientProvider>();
        provider.Setup(p => p.GetSettings<CallSettings>()).Returns(new CallSettings(TimeSpan.Zero, TimeSpan.FromSeconds(1), NullLogger.Instance));
        Assert.Same(CallSettings.Default, CallSettings.Of(provider.Object));
    }

    [Fact]
    public void AProvidersOwnSettings_AreUsed()
    {
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKID", "SECRET"), Region = "eu-west-1",
            CallDeadline = TimeSpan.FromSeconds(7), IdleTimeout = TimeSpan.FromSeconds(3),
        }).Match(p => p, e => throw new InvalidOperationException(e.ToString()));
        var settings = CallSettings.Of(provider);
        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3)), (settings.Deadline, settings.IdleTimeout));
    }
}
