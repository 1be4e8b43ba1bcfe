using AwsAio.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace AwsAio.Tests.Hosting;

/// <summary>The registry builds a provider when its options are validated, hands out that one, and disposes what it built.</summary>
public sealed class AwsClientProviderRegistryTests
{
    private static readonly AwsAioOptions Valid = new() { Region = "us-east-1", ServiceURL = "http://127.0.0.1:4566" };

    private static AwsClientProviderRegistry Registry(params string[] names) =>
        new(new ServiceCollection().BuildServiceProvider(), names.Select(n => new AwsAioRegistration(n, "AWS")));

    [Fact]
    public void OptionsOfAnUnregisteredName_AreNotItsBusiness()
    {
        using var registry = Registry(Options.DefaultName);

        Assert.True(registry.Validate("other", new AwsAioOptions { Region = "aws-global" }).Skipped);
    }

    [Fact]
    public void ValidOptions_PassValidation_AndRefusedOnes_FailNamingTheKey()
    {
        using var registry = Registry(Options.DefaultName);

        Assert.True(registry.Validate(Options.DefaultName, Valid).Succeeded);
        var failed = registry.Validate(Options.DefaultName, new AwsAioOptions { Region = "us-east-1", MaxErrorRetry = -1 });
        Assert.True(failed.Failed);
        Assert.StartsWith("AWS:MaxErrorRetry: ", failed.FailureMessage);
    }

    [Fact]
    public async Task Dispose_DisposesEveryProviderItBuilt()
    {
        var services = new ServiceCollection();
        services.AddAwsAio(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("Region", (string?)"us-east-1"), KeyValuePair.Create("ServiceURL", (string?)"http://127.0.0.1:4566")])
            .Build());
        using var container = services.BuildServiceProvider();
        var registry = container.GetRequiredService<AwsClientProviderRegistry>();
        var provider = registry.Get(Options.DefaultName);

        registry.Dispose();

        Assert.Equal("Invalid provider: has been disposed.", (await provider.GetEnvironmentAsync()).Match(_ => "", e => e.ToString()));
        Assert.Throws<ObjectDisposedException>(() => registry.Get(Options.DefaultName));
    }
}
