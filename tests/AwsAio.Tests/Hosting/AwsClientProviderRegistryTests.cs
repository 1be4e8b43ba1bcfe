using AwsAio.Core;
using AwsAio.Hosting;
using AwsAio.Tests.Support;
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
        using var container = LocalContainer();
        var registry = container.GetRequiredService<AwsClientProviderRegistry>();
        var provider = registry.Get(Options.DefaultName);

        registry.Dispose();

        Assert.Equal("Invalid provider: has been disposed.", (await provider.GetEnvironmentAsync()).Match(_ => "", e => e.ToString()));
        Assert.Throws<ObjectDisposedException>(() => registry.Get(Options.DefaultName));
    }

    private static async Task<string> Disposal(AwsClientProvider provider) =>
        (await provider.GetEnvironmentAsync()).Match(_ => "not disposed", e => e.ToString());

    [Fact]
    public async Task OptionsValidatedAgain_BeforeTheProviderIsHandedOut_DisposeTheOneBuiltFirst()
    {
        using var registry = Registry(Options.DefaultName);
        Assert.True(registry.Validate(Options.DefaultName, Valid).Succeeded);
        var first = Assert.Single(registry.Providers);

        Assert.True(registry.Validate(Options.DefaultName, new AwsAioOptions { Region = "eu-west-1", ServiceURL = "http://127.0.0.1:4566" }).Succeeded);

        var second = Assert.Single(registry.Providers);
        Assert.NotSame(first, second);
        Assert.Equal("eu-west-1", second.Region);
        Assert.Equal("Invalid provider: has been disposed.", await Disposal(first));
    }

    [Fact]
    public void OptionsValidatedAgain_AfterTheProviderIsHandedOut_KeepIt()
    {
        using var container = LocalContainer();
        var registry = container.GetRequiredService<AwsClientProviderRegistry>();
        var handedOut = registry.Get(Options.DefaultName);

        Assert.True(registry.Validate(Options.DefaultName, new AwsAioOptions { Region = "eu-west-1", ServiceURL = "http://127.0.0.1:4566" }).Succeeded);

        Assert.Equal(2, registry.Providers.Count);
        Assert.Same(handedOut, registry.Providers[0]);
        Assert.Equal("eu-west-1", registry.Providers[1].Region);
        Assert.NotNull(handedOut.GetS3());
    }

    [Fact]
    public void Get_OfOptionsThisRegistryNeverValidated_Throws_NamingTheProvider()
    {
        var services = new ServiceCollection();
        services.AddOptions<AwsAioOptions>("audit").Configure(o => o.Region = "us-east-1");
        using var container = services.BuildServiceProvider();
        using var registry = new AwsClientProviderRegistry(container, [new AwsAioRegistration("audit", "Audit")]);

        var never = Assert.Throws<InvalidOperationException>(() => registry.Get("audit"));
        Assert.Equal("The options of AWS provider 'audit' were not validated.", never.Message);

        // Validating other options under the name is not validating the ones the container holds.
        Assert.True(registry.Validate("audit", new AwsAioOptions { Region = "us-east-1" }).Succeeded);
        var other = Assert.Throws<InvalidOperationException>(() => registry.Get("audit"));
        Assert.Equal("The options of AWS provider 'audit' were not validated.", other.Message);
    }

    [Fact]
    public void Get_OfAnUnknownName_Throws_SayingHowToRegisterIt()
    {
        using var registry = Registry(Options.DefaultName);

        var unknown = Assert.Throws<InvalidOperationException>(() => registry.Get("billing"));

        Assert.Equal("No AWS provider named 'billing' is registered; call services.AddAwsAio(\"billing\", section) first.", unknown.Message);
        Assert.Throws<ArgumentNullException>(() => registry.Get(null!));
    }

    [Fact]
    public void Validate_AfterDispose_ThrowsObjectDisposed()
    {
        var registry = Registry(Options.DefaultName);
        registry.Dispose();

        Assert.Throws<ObjectDisposedException>(() => registry.Validate(Options.DefaultName, Valid));
        registry.Dispose();
        Assert.Empty(registry.Providers);
    }

    [Fact]
    public void LastRegistrationOfAName_GivesThePathItsFailuresName()
    {
        using var registry = new AwsClientProviderRegistry(new ServiceCollection().BuildServiceProvider(),
            [new AwsAioRegistration("audit", "First"), new AwsAioRegistration("audit", "Audit")]);
        var options = new AwsAioOptions { Region = "us-east-1", MaxErrorRetry = -1 };

        var failed = registry.Validate("audit", options);

        Assert.Equal($"Audit:MaxErrorRetry: {Refusal(options)}", failed.FailureMessage);
    }

    [Fact]
    public void ARootSectionsFailure_NamesTheKeyAlone()
    {
        using var registry = new AwsClientProviderRegistry(new ServiceCollection().BuildServiceProvider(), [new AwsAioRegistration("", "")]);
        var options = new AwsAioOptions { Region = "us-east-1", Endpoint = new AwsAioEndpointOptions { Url = "ftp://127.0.0.1" } };

        var failed = registry.Validate(null, options);

        Assert.Equal($"Endpoint:Url: {Refusal(options)}", failed.FailureMessage);
    }

    [Fact]
    public void ComputeWithAProfile_FailsNamingCompute()
    {
        using var registry = Registry(Options.DefaultName);
        var options = new AwsAioOptions { Region = "us-east-1", Compute = true, Profile = "dev" };

        var failed = registry.Validate(Options.DefaultName, options);

        Assert.Equal($"AWS:Compute: {Refusal(options)}", failed.FailureMessage);
    }

    /// <summary>The library's own sentence for options it refuses.</summary>
    internal static string Refusal(AwsAioOptions options) =>
        options.ToProviderOptions().Bind(o => AwsClientProvider.Create(o)).Match(_ => "accepted", e => e.ToString());

    [Fact]
    public void Get_OfNull_ThrowsNamingTheArgument()
    {
        using var registry = Registry(Options.DefaultName);

        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => registry.Get(null!)).ParamName);
    }

    /// <summary>A container with AwsAio registered from configuration: us-east-1 and a loopback endpoint.</summary>
    private static ServiceProvider LocalContainer()
    {
        var services = new ServiceCollection();
        services.AddAwsAio(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("Region", (string?)"us-east-1"), KeyValuePair.Create("ServiceURL", (string?)"http://127.0.0.1:4566")])
            .Build());
        return services.BuildServiceProvider();
    }
}

/// <summary>Failures that depend on the environment: no region anywhere, a missing profile in the default files.</summary>
[Collection(nameof(EnvironmentVariables))]
public sealed class AwsClientProviderRegistryEnvironmentTests
{
    private static AwsClientProviderRegistry Registry() =>
        new(new ServiceCollection().BuildServiceProvider(), [new AwsAioRegistration(Options.DefaultName, "AWS")]);

    [Fact]
    public void NoRegionAnywhere_FailsNamingTheRegionKey()
    {
        using var files = new SharedFilesScope("");
        using var registry = Registry();
        var options = new AwsAioOptions();

        var failed = registry.Validate(Options.DefaultName, options);

        Assert.IsType<DomainError.RegionUnresolved>(options.ToProviderOptions().Bind(o => AwsClientProvider.Create(o)).Left());
        Assert.Equal($"AWS:Region: {AwsClientProviderRegistryTests.Refusal(options)}", failed.FailureMessage);
    }

    [Fact]
    public void AMissingProfile_FailsNamingTheProfileKey()
    {
        using var files = new SharedFilesScope("");
        using var registry = Registry();
        var options = new AwsAioOptions { Profile = "ghost", Region = "us-east-1" };

        var failed = registry.Validate(Options.DefaultName, options);

        Assert.IsType<DomainError.CredentialsUnavailable>(options.ToProviderOptions().Bind(o => AwsClientProvider.Create(o)).Left());
        Assert.Equal($"AWS:Profile: {AwsClientProviderRegistryTests.Refusal(options)}", failed.FailureMessage);
    }
}
