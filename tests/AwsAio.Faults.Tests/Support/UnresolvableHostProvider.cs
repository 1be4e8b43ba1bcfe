using System.Net.Sockets;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsAio.Core;
using LanguageExt;

namespace AwsAio.Faults.Tests.Support;

/// <summary>
/// A provider whose real SDK clients point at a host name that does not resolve, without any DNS query ever leaving
/// the machine: their HTTP handler's connect step answers "host not found" itself, as the resolver would, and counts
/// how often it was asked.
/// </summary>
internal sealed class UnresolvableHostProvider : IAwsClientProvider, IDisposable
{
    private readonly NoDnsHttpClientFactory _factory = new();
    private readonly Lazy<AmazonS3Client> _s3;
    private readonly Lazy<AmazonSecurityTokenServiceClient> _sts;
    private readonly Lazy<AmazonEC2Client> _ec2;

    internal UnresolvableHostProvider(int maxErrorRetry = 2)
    {
        var credentials = new BasicAWSCredentials(Secrets.AccessKeyId, Secrets.BaseSecretKey);
        _s3 = new(() => new AmazonS3Client(credentials, Configure(new AmazonS3Config { ForcePathStyle = true }, maxErrorRetry)));
        _sts = new(() => new AmazonSecurityTokenServiceClient(credentials, Configure(new AmazonSecurityTokenServiceConfig(), maxErrorRetry)));
        _ec2 = new(() => new AmazonEC2Client(credentials, Configure(new AmazonEC2Config(), maxErrorRetry)));
    }

    /// <summary>The host the clients are pointed at (the reserved .invalid domain, never queried).</summary>
    internal const string Host = "storage.awsaio-faults.invalid";

    /// <summary>How many connections the clients tried to open.</summary>
    internal int ConnectAttempts => _factory.ConnectAttempts;

    public IAmazonS3 GetS3() => _s3.Value;

    public IAmazonEC2 GetEc2() => _ec2.Value;

    public IAmazonSecurityTokenService GetSts() => _sts.Value;

    public string? Region => "us-east-1";

    public async Task<Either<DomainError, AwsEnvironment>> GetEnvironmentAsync(CancellationToken ct = default)
    {
        var identity = await StsInteractions.GetCallerIdentityAsync(this, ct).ConfigureAwait(false);
        return identity.Map(id => new AwsEnvironment(id.Account, "us-east-1", null));
    }

    public void Dispose()
    {
        if (_s3.IsValueCreated) _s3.Value.Dispose();
        if (_sts.IsValueCreated) _sts.Value.Dispose();
        if (_ec2.IsValueCreated) _ec2.Value.Dispose();
    }

    private T Configure<T>(T config, int maxErrorRetry) where T : ClientConfig
    {
        config.ServiceURL = $"http://{Host}";
        config.AuthenticationRegion = "us-east-1";
        config.MaxErrorRetry = maxErrorRetry;
        config.Timeout = TimeSpan.FromSeconds(5);
        config.HttpClientFactory = _factory;
        return config;
    }

    /// <summary>Builds the SDK's HTTP clients with a connect step that fails as an unresolvable name does.</summary>
    private sealed class NoDnsHttpClientFactory : HttpClientFactory
    {
        private int _connectAttempts;

        internal int ConnectAttempts => Volatile.Read(ref _connectAttempts);

        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = (_, _) =>
                {
                    Interlocked.Increment(ref _connectAttempts);
                    return ValueTask.FromException<Stream>(new SocketException((int)SocketError.HostNotFound));
                },
            };
            return new HttpClient(handler) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(5) };
        }
    }
}
