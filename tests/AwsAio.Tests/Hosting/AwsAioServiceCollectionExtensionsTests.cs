using AwsAio.Hosting;
using AwsAio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace AwsAio.Tests.Hosting;

/// <summary>
/// services.AddAwsAio(section): what AWSSDK.Extensions.NETCore.Setup users write binds, refused options stop the start
/// naming the key and the rule, providers are singletons disposed with the container, and named providers sit beside
/// the default one.
/// </summary>
public sealed class AwsAioServiceCollectionExtensionsTests : IDisposable
{
    private const string LocalStore = "http://127.0.0.1:4566";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("awsaio-hosting-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>An in-memory configuration; a key given twice keeps its last value.</summary>
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.GroupBy(v => v.Key).Select(g => KeyValuePair.Create(g.Key, (string?)g.Last().Value)))
            .Build();

    private static ServiceProvider Container(IConfiguration configuration, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddAwsAio(configuration.GetSection("AWS"));
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>What a host does when it starts: run every ValidateOnStart check.</summary>
    private static void Start(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();

    private string Credentials()
    {
        var path = Path.Combine(_folder.FullName, "credentials");
        File.WriteAllText(path, "[dev]\naws_access_key_id = AKIDDEVEXAMPLE\naws_secret_access_key = dev-secret-wJalrXUtnFEMI\nregion = eu-west-3\n");
        return path;
    }

    [Fact]
    public void TheSdkSetupKeys_ProfileRegionAndServiceUrl_Bind()
    {
        using var container = Container(Configuration(
            ("AWS:Profile", "dev"), ("AWS:ProfilesLocation", Credentials()), ("AWS:Region", "eu-north-1"), ("AWS:ServiceURL", LocalStore)));
        Start(container);

        var report = ((AwsClientProvider)container.GetRequiredService<IAwsClientProvider>()).DescribeCredentialSource();

        Assert.Equal(CredentialSource.Profile, report.Source);
        Assert.Contains("profile 'dev'", report.Detail);
        Assert.Equal("eu-north-1", report.Region);
        Assert.Equal(LocalStore, report.Endpoint);
    }

    [Fact]
    public void OurKeys_Bind_IntoTheProviderOptions()
    {
        using var container = Container(Configuration(
            ("AWS:Compute", "true"), ("AWS:Region", "us-gov-west-1"), ("AWS:AssumeRoleArn", "arn:aws-us-gov:iam::210987654321:role/ops/Capture"),
            ("AWS:ExternalId", "ext-4711"), ("AWS:RoleSessionName", "svc-capture"), ("AWS:SessionDuration", "02:00:00"),
            ("AWS:Timeout", "00:00:30"), ("AWS:MaxErrorRetry", "2"), ("AWS:Endpoint:Url", LocalStore),
            ("AWS:Endpoint:AuthenticationRegion", "us-east-1"), ("AWS:Endpoint:ForcePathStyle", "false")));

        var options = container.GetRequiredService<IOptionsMonitor<AwsAioOptions>>().Get(Options.DefaultName);
        var provider = options.ToProviderOptions().Right();

        Assert.True(provider.Compute);
        Assert.Equal("arn:aws-us-gov:iam::210987654321:role/ops/Capture", provider.AssumeRoleArn);
        Assert.Equal("ext-4711", provider.ExternalId);
        Assert.Equal("svc-capture", provider.RoleSessionName);
        Assert.Equal(TimeSpan.FromHours(2), provider.SessionDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), provider.Timeout);
        Assert.Equal(2, provider.MaxErrorRetry);
        Assert.Equal(new EndpointOverride(LocalStore) { AuthenticationRegion = "us-east-1", ForcePathStyle = false }, provider.Endpoint);
    }

    [Theory]
    [InlineData("AssumeRoleArn", "not-an-arn", "AWS:AssumeRoleArn: Invalid role ARN: must look like arn:PARTITION:iam::ACCOUNT:role/NAME.")]
    [InlineData("Region", "aws-global", "AWS:Region: Invalid region: 'aws-global' is a pseudo-region")]
    [InlineData("ServiceURL", "http://s3.example.internal", "AWS:ServiceURL: Invalid endpoint: uses plain http to a non-loopback host")]
    [InlineData("Endpoint:Url", "ftp://127.0.0.1", "AWS:Endpoint:Url: Invalid endpoint: must use http or https (was ftp).")]
    [InlineData("Timeout", "-00:00:01", "AWS:Timeout: Invalid timeout: must be from")]
    [InlineData("CallDeadline", "2.00:00:00", "AWS:CallDeadline: Invalid call deadline: must be from")]
    [InlineData("IdleTimeout", "00:00:00", "AWS:IdleTimeout: Invalid idle timeout: must be from")]
    [InlineData("ExternalId", "x", "AWS:ExternalId: Invalid external id: applies only when a role is assumed.")]
    public void ARefusedOption_StopsTheStart_NamingTheKeyAndTheRule(string key, string value, string message)
    {
        using var container = Container(Configuration(("AWS:Region", "us-east-1"), ($"AWS:{key}", value)));

        var refused = Assert.Throws<OptionsValidationException>(() => Start(container));

        Assert.Contains(message, refused.Message);
        Assert.Equal(typeof(AwsAioOptions), refused.OptionsType);
    }

    [Fact]
    public void AMissingProfile_StopsTheStart_NamingTheProfileKey()
    {
        using var container = Container(Configuration(("AWS:Profile", "prod"), ("AWS:ProfilesLocation", Credentials())));

        var refused = Assert.Throws<OptionsValidationException>(() => Start(container));

        Assert.Contains("AWS:Profile: No usable credentials from profile 'prod'", refused.Message);
    }

    [Fact]
    public void ResolvingARefusedProvider_ThrowsTheSameValidationError()
    {
        using var container = Container(Configuration(("AWS:Region", "aws-global")));

        var refused = Assert.Throws<OptionsValidationException>(() => container.GetRequiredService<IAwsClientProvider>());

        Assert.Contains("AWS:Region", refused.Message);
    }

    [Fact]
    public void TheProvider_IsOneSingleton_BuiltWithTheContainersLoggerFactory()
    {
        var logs = new CapturingLoggerFactory();
        using var container = Container(Configuration(("AWS:Region", "us-east-1"), ("AWS:ServiceURL", LocalStore)),
            services => services.AddSingleton<ILoggerFactory>(logs));
        Start(container);

        var first = container.GetRequiredService<IAwsClientProvider>();
        var second = container.GetRequiredService<IAwsClientProvider>();
        var byName = container.GetRequiredService<IAwsClientProviders>().Get(Options.DefaultName);

        Assert.Same(first, second);
        Assert.Same(first, byName);
        Assert.Contains(logs.Lines, l => l.Contains(nameof(AwsClientProvider), StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisposingTheContainer_DisposesTheProvider()
    {
        var container = Container(Configuration(("AWS:Region", "us-east-1"), ("AWS:ServiceURL", LocalStore)));
        var provider = container.GetRequiredService<IAwsClientProvider>();

        await container.DisposeAsync();

        var error = await provider.GetEnvironmentAsync().Left();
        Assert.Equal("Invalid provider: has been disposed.", error.ToString());
    }

    [Fact]
    public void NamedProviders_ResolveByKeyAndByName_BesideTheDefault()
    {
        var configuration = Configuration(
            ("AWS:Region", "us-east-1"), ("AWS:ServiceURL", LocalStore),
            ("Audit:Region", "eu-central-1"), ("Audit:AssumeRoleArn", "arn:aws:iam::210987654321:role/Auditor"), ("Audit:ServiceURL", LocalStore));
        using var container = Container(configuration, services => services.AddAwsAio("audit", configuration.GetSection("Audit")));
        Start(container);

        var main = (AwsClientProvider)container.GetRequiredService<IAwsClientProvider>();
        var audit = (AwsClientProvider)container.GetRequiredKeyedService<IAwsClientProvider>("audit");

        Assert.Same(audit, container.GetRequiredService<IAwsClientProviders>().Get("audit"));
        Assert.NotSame(main, audit);
        Assert.Equal("us-east-1", main.Region);
        Assert.Equal("eu-central-1", audit.Region);
        Assert.Equal("arn:aws:iam::210987654321:role/Auditor", audit.DescribeCredentialSource().AssumeRoleArn);
    }

    [Fact]
    public void ARefusedNamedProvider_NamesItsOwnSection()
    {
        var configuration = Configuration(("AWS:Region", "us-east-1"), ("Audit:Region", "nowhere"));
        using var container = Container(configuration, services => services.AddAwsAio("audit", configuration.GetSection("Audit")));

        var refused = Assert.Throws<OptionsValidationException>(() => Start(container));

        Assert.Contains("Audit:Region: Invalid region: 'nowhere' is not a region name", refused.Message);
    }

    [Fact]
    public void AnUnknownName_IsRefused()
    {
        using var container = Container(Configuration(("AWS:Region", "us-east-1")));

        var unknown = Assert.Throws<InvalidOperationException>(() => container.GetRequiredService<IAwsClientProviders>().Get("billing"));

        Assert.Contains("No AWS provider named 'billing' is registered", unknown.Message);
    }

    [Fact]
    public void AddAwsAio_NamedWithNullArguments_ThrowsNamingTheArgument()
    {
        var configuration = Configuration(("AWS:Region", "us-east-1"));
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddAwsAio("audit", configuration)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddAwsAio(null!, configuration)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddAwsAio("audit", null!)).ParamName);
    }

    [Fact]
    public void AddAwsAio_FromARootConfiguration_NamesTheBareKey_WhenRefused()
    {
        var services = new ServiceCollection();
        services.AddAwsAio("audit", Configuration(("Region", "nowhere")));
        using var container = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => Start(container));

        Assert.StartsWith("Region: Invalid region: 'nowhere' is not a region name", refused.Message);
    }
}
