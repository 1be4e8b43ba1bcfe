using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Every client's configuration, and the options' ConfigureClient hook: run on every client, checked at
/// Create like the other options, its own HTTP client factory kept bounded.</summary>
public sealed class ClientSetupTests
{
    private static AwsClientProviderOptions Options(Action<ClientConfig>? hook) => StubProviders.Options(TestEnvironment.NowhereUrl) with
    {
        ConfigureClient = hook,
    };

    [Fact]
    public void TheHook_RunsOnEveryClientTheProviderBuilds_AfterAwsAiosOwnSettings()
    {
        var seen = new List<(Type Config, int? Retries)>();
        using var provider = AwsClientProvider.Create(Options(config => seen.Add((config.GetType(), config.MaxErrorRetry)))).Right();
        seen.Clear();

        _ = provider.GetS3();
        _ = provider.GetEc2();
        _ = provider.GetSts();
        _ = provider.GetS3();

        Assert.Equal([(typeof(AmazonS3Config), 0), (typeof(AmazonEC2Config), 0), (typeof(AmazonSecurityTokenServiceConfig), 0)], seen);
    }

    [Fact]
    public void TheHooksSettings_AreTheOnesTheClientsUse()
    {
        using var provider = AwsClientProvider.Create(Options(config => config.Timeout = TimeSpan.FromSeconds(7))).Right();
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetS3().Config.Timeout);
    }

    [Fact]
    public void AHookThatThrows_IsInvalidInputAtCreate_NamingOnlyTheExceptionsType()
    {
        var error = AwsClientProvider.Create(Options(_ => throw new InvalidOperationException("secret-ish detail"))).Left();
        var input = Assert.IsType<DomainError.InvalidInput>(error);
        Assert.Equal("ConfigureClient", input.Field);
        Assert.Contains("InvalidOperationException", input.Rule);
        Assert.DoesNotContain("secret-ish", error.ToString());
    }

    [Theory]
    [InlineData("retries")]
    [InlineData("timeout")]
    [InlineData("url")]
    public void AHookThatLeavesASettingOutOfBounds_IsInvalidInputAtCreate(string what)
    {
        Action<ClientConfig> hook = what switch
        {
            "retries" => c => c.MaxErrorRetry = 50,
            "timeout" => c => c.Timeout = TimeSpan.FromDays(20),
            _ => c => c.ServiceURL = "http://proxy.example.internal",
        };
        var error = AwsClientProvider.Create(Options(hook)).Left();
        Assert.StartsWith("ConfigureClient: ", Assert.IsType<DomainError.InvalidInput>(error).Field);
    }

    [Fact]
    public void AHookThatSetsItsOwnHttpClientFactory_IsWrapped_SoBodiesStayBoundedAndRedirectsRefused()
    {
        var own = new OwnFactory();
        using var provider = AwsClientProvider.Create(Options(config => config.HttpClientFactory = own)).Right();
        var factory = provider.GetS3().Config.HttpClientFactory;
        var bounded = Assert.IsType<BoundedHttpClientFactory>(factory);
        Assert.EndsWith(":own", bounded.GetConfigUniqueString(provider.GetS3().Config));
    }

    [Fact]
    public void AHookThatClearsTheFactory_GetsAwsAiosBack()
    {
        using var provider = AwsClientProvider.Create(Options(config => config.HttpClientFactory = null)).Right();
        Assert.IsType<BoundedHttpClientFactory>(provider.GetS3().Config.HttpClientFactory);
        Assert.DoesNotContain("awsaio-around", ((BoundedHttpClientFactory)provider.GetS3().Config.HttpClientFactory).GetConfigUniqueString(provider.GetS3().Config));
    }

    [Fact]
    public async Task AnotherServicesClient_SharesTheProvidersCredentialsAndRunsTheHook()
    {
        using var stub = new AwsWireStub().AssumeRole(TimeSpan.FromHours(1)).CallerIdentity();
        var hooked = 0;
        using var provider = AwsClientProvider.Create(StubProviders.Options(stub) with
        {
            AssumeRoleArn = "arn:aws:iam::123456789012:role/ops",
            ConfigureClient = _ => Interlocked.Increment(ref hooked),
        }).Right();
        hooked = 0;

        var other = provider.Client<OtherStsClient, AmazonSecurityTokenServiceConfig>((c, config) => new OtherStsClient(c, config));
        Assert.Same(other, provider.Client<OtherStsClient, AmazonSecurityTokenServiceConfig>((c, config) => new OtherStsClient(c, config)));
        await other.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest());
        await provider.GetSts().GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest());

        Assert.Equal(1, stub.Count("AssumeRole"));
        Assert.All(stub.SigningKeys("GetCallerIdentity"), key => Assert.StartsWith("ASIAEXAMPLE", key));
        Assert.Equal(2, hooked);
    }

    [Fact]
    public void AProviderThatBuildsNoOtherClients_SaysSo()
    {
        IAwsClientProvider double_ = new JournalProvider();
        Assert.Throws<NotSupportedException>(() =>
            double_.Client<AmazonS3Client, AmazonS3Config>((c, config) => new AmazonS3Client(c, config)));
    }

    /// <summary>A client type the provider has no getter for.</summary>
    private sealed class OtherStsClient(AWSCredentials credentials, AmazonSecurityTokenServiceConfig config)
        : AmazonSecurityTokenServiceClient(credentials, config);

    private sealed class OwnFactory : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new();

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "own";
    }
}
