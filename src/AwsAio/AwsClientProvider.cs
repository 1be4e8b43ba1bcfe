using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using Amazon.SecurityToken;
using AwsAio.Core;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>
/// Hands out AWS clients configured for one set of credentials, region and endpoint. Wrappers take it as their last
/// domain argument, so tests pass a Moq mock that returns mock clients.
/// </summary>
public interface IAwsClientProvider
{
    /// <summary>The S3 client (created once, then reused).</summary>
    IAmazonS3 GetS3();

    /// <summary>The EC2 client (created once, then reused).</summary>
    IAmazonEC2 GetEc2();

    /// <summary>The STS client (created once, then reused).</summary>
    IAmazonSecurityTokenService GetSts();

    /// <summary>The account, region and profile the provider works in (one STS call, then cached).</summary>
    Task<Either<DomainError, AwsEnvironment>> GetEnvironmentAsync(CancellationToken ct = default);

    /// <summary>The region the provider works in, known without any request; null means the S3 client's own
    /// configured region is used.</summary>
    string? Region => null;

    /// <summary>Whether S3 uploads use the SDK's chunked signing (false for endpoint overrides such as emulators).</summary>
    bool UseChunkEncoding => true;
}

/// <summary>
/// The client factory of the pattern, done right: validated options, one refreshing assumed-role credential shared by
/// every client (one STS call per credential lifetime, single-flight on expiry), clients built lazily once and reused,
/// a region that is real or an error, and no secret in anything it renders. Thread-safe; disposing it disposes the
/// clients it built.
/// </summary>
public sealed class AwsClientProvider : IAwsClientProvider, IDisposable
{
    private readonly AwsClientProviderOptions _options;
    private readonly AWSCredentials _credentials;
    private readonly IAmazonSecurityTokenService? _roleSts;
    private readonly AssumedRoleCredentials? _assumed;
    private readonly Lazy<AmazonS3Client> _s3;
    private readonly Lazy<AmazonEC2Client> _ec2;
    private readonly Lazy<AmazonSecurityTokenServiceClient> _sts;
    private readonly SemaphoreSlim _environmentGate = new(1, 1);
    private readonly CredentialSourceReport _report;
    private AwsEnvironment? _environment;
    private int _disposed;

    private AwsClientProvider(
        AwsClientProviderOptions options, AWSCredentials baseCredentials, string region, CredentialSourceReport report,
        ILogger logger)
    {
        _options = options;
        Region = region;
        _report = report;
        if (options.AssumeRoleArn is { } roleArn)
        {
            _roleSts = new AmazonSecurityTokenServiceClient(baseCredentials, Configure(new AmazonSecurityTokenServiceConfig()));
            _assumed = new AssumedRoleCredentials(
                _roleSts, roleArn, options.RoleSessionName ?? AwsClientProviderOptions.DefaultRoleSessionName,
                options.ExternalId, options.SessionDuration, options.CredentialRefreshWindow, logger);
            _credentials = _assumed;
        }
        else
        {
            _credentials = baseCredentials;
        }

        _s3 = new(() => new AmazonS3Client(_credentials, ConfigureS3()), LazyThreadSafetyMode.ExecutionAndPublication);
        _ec2 = new(() => new AmazonEC2Client(_credentials, Configure(new AmazonEC2Config())), LazyThreadSafetyMode.ExecutionAndPublication);
        _sts = new(() => new AmazonSecurityTokenServiceClient(_credentials, Configure(new AmazonSecurityTokenServiceConfig())),
            LazyThreadSafetyMode.ExecutionAndPublication);
        logger.LogDebug("AWS client provider ready: {Report}", report.ToString());
    }

    /// <summary>The region the provider works in (never the pseudo-region aws-global).</summary>
    public string Region { get; }

    /// <inheritdoc />
    public bool UseChunkEncoding => _options.Endpoint?.UseChunkEncoding ?? true;

    /// <summary>How many AssumeRole calls the shared credentials have made so far (0 without a role).</summary>
    public int AssumeRoleCalls => _assumed?.AssumeCalls ?? 0;

    /// <summary>
    /// Validates the options, resolves the credential source and the region, and builds a provider; nothing is sent
    /// anywhere. Bad input is an <c>InvalidInput</c> Left, a missing profile a <c>CredentialsUnavailable</c> Left naming
    /// it, and no region a <c>RegionUnresolved</c> Left.
    /// </summary>
    public static Either<DomainError, AwsClientProvider> Create(
        AwsClientProviderOptions? options, ILoggerFactory? loggerFactory = null)
    {
        if (options is null) return DomainError.NewInvalidInput("options", "are required");
        var logger = (ILogger?)loggerFactory?.CreateLogger<AwsClientProvider>() ?? NullLogger.Instance;
        return
            from valid in ProviderSetup.CheckOptions(options)
            from source in ProviderSetup.ResolveCredentials(valid)
            from region in ProviderSetup.ResolveRegion(valid, source.Profile)
            select new AwsClientProvider(valid, source.Credentials, region.Name,
                ProviderSetup.Report(valid, source, region), logger);
    }

    /// <inheritdoc />
    public IAmazonS3 GetS3() => _s3.Value;

    /// <inheritdoc />
    public IAmazonEC2 GetEc2() => _ec2.Value;

    /// <inheritdoc />
    public IAmazonSecurityTokenService GetSts() => _sts.Value;

    /// <summary>Which source supplies credentials and region, and why the others were skipped; holds no secret.</summary>
    public CredentialSourceReport DescribeCredentialSource() => _report;

    /// <inheritdoc />
    public async Task<Either<DomainError, AwsEnvironment>> GetEnvironmentAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _environment) is { } cached)
        {
            return cached;
        }

        if (Volatile.Read(ref _disposed) == 1)
        {
            return DomainError.NewInvalidInput("provider", "has been disposed");
        }

        try
        {
            await _environmentGate.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Left<DomainError, AwsEnvironment>(DomainError.NewCancelled("GetCallerIdentity"));
        }
        catch (ObjectDisposedException)
        {
            return DomainError.NewInvalidInput("provider", "has been disposed");
        }

        try
        {
            if (_environment is { } again)
            {
                return again;
            }

            var identity = await StsInteractions.GetCallerIdentityAsync(this, ct).ConfigureAwait(false);
            return identity.Map(id =>
            {
                var environment = new AwsEnvironment(id.Account, Region, _options.Profile);
                Volatile.Write(ref _environment, environment);
                return environment;
            });
        }
        finally
        {
            _environmentGate.Release();
        }
    }

    /// <summary>Names the source, region and role; never a secret.</summary>
    public override string ToString() =>
        $"AwsClientProvider({_report.Detail}; region {Region}"
        + (_options.AssumeRoleArn is { } role ? $"; role {role}" : "")
        + (_options.Endpoint is { } endpoint ? $"; endpoint {endpoint.SafeUrl}" : "") + ")";

    /// <summary>Disposes the clients this provider built and its refreshing credentials.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_s3.IsValueCreated) _s3.Value.Dispose();
        if (_ec2.IsValueCreated) _ec2.Value.Dispose();
        if (_sts.IsValueCreated) _sts.Value.Dispose();
        _roleSts?.Dispose();
        _assumed?.Dispose();
        // The environment gate is not disposed: it holds no wait handle, and a GetEnvironmentAsync still in flight
        // must be able to release it.
    }

    private AmazonS3Config ConfigureS3()
    {
        var config = Configure(new AmazonS3Config());
        if (_options.Endpoint is { } endpoint)
        {
            config.ForcePathStyle = endpoint.ForcePathStyle;
        }

        return config;
    }

    private T Configure<T>(T config) where T : ClientConfig
    {
        if (_options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.Url;
            config.AuthenticationRegion = endpoint.AuthenticationRegion ?? Region;
            if (endpoint.ChecksumsOnlyWhenRequired)
            {
                config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
                config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
            }
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }

        if (_options.Timeout is { } timeout) config.Timeout = timeout;
        if (_options.MaxErrorRetry is { } retries) config.MaxErrorRetry = retries;
        return config;
    }
}
