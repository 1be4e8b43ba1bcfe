using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>S3's own settings, read through the provider's one settings mechanism.</summary>
public sealed class S3SettingsTests
{
    [Fact]
    public void WithoutSettings_UploadsUseChunkedSigning_AsAwsExpects()
    {
        Assert.True(S3Settings.Of(new Mock<IAwsClientProvider>().Object).UseChunkEncoding);
    }

    [Fact]
    public void AProvidersSettings_AreUsed()
    {
        var provider = new Mock<IAwsClientProvider>();
        provider.Setup(p => p.GetSettings<S3Settings>()).Returns(new S3Settings(UseChunkEncoding: false));
        Assert.False(S3Settings.Of(provider.Object).UseChunkEncoding);
    }
}
