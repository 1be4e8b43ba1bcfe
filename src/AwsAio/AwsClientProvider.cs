using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>
/// The client factory of the pattern, done right: validated options, one refreshing assumed-role credential shared by
/// every client (one STS call per credential lifetime, single-flight on refresh, failures backed off), clients built
/// lazily once and reused, a region that is real or an error, bounded calls (deadline, body idle timeout, no
/// redirects followed), and no secret in anything it renders. Thread-safe; disposing it disposes the clients it built.
/// </summary>
public sealed class AwsClientProvider : IAwsClientProvider, ICredentialLifetime, IDisposable
{
    private readonly AwsClientProviderOptions _options;
    private readonly AWSCredentials _credentials;
    private readonly AssumedRoleCredentials? _assumed;
    private readonly ConcurrentDictionary<Type, Lazy<IDisposable>> _clients = new();
    private readonly CallSettings _callSettings;
    private readonly S3Settings _s3Settings;
    private readonly BoundedHttpClientFactory _http;
    private readonly SemaphoreSlim _environmentGate = new(1, 1);
    private readonly CredentialSourceReport _report;
    private readonly AwsClientProvider? _root;
    private ProviderTargets? _targets;
    private AwsEnvironment? _environment;
    private int _disposed;

    private AwsClientProvider(
        AwsClientProviderOptions options, AWSCredentials baseCredentials, string region, CredentialSourceReport report,
        ILogger logger)
    {
        _options = options;
        Region = region;
        _report = report;
        _callSettings = new CallSettings(
            options.CallDeadline ?? CallSettings.DefaultDeadline, options.IdleTimeout ?? CallSettings.DefaultIdleTimeout, logger)
        {
            HttpLayerTracksSends = true,
        };
        _s3Settings = new S3Settings(options.Endpoint?.UseChunkEncoding ?? true, options.AllowDotSegmentKeys);
        _http = new BoundedHttpClientFactory(_callSettings.IdleTimeout);
        if (options.AssumeRoleArn is { } roleArn)
        {
            // The role's own STS client signs with the base credentials; it is one of the provider's clients, so it is
            // configured and disposed like the others.
            var roleSts = Client<RoleStsClient, AmazonSecurityTokenServiceConfig>((_, config) => new RoleStsClient(baseCredentials, config));
            _assumed = new AssumedRoleCredentials(
                roleSts, roleArn, options.RoleSessionName ?? AwsClientProviderOptions.DefaultRoleSessionName,
                options.ExternalId, options.SessionDuration, options.CredentialRefreshWindow, _callSettings);
            _credentials = _assumed;
        }
        else
        {
            _credentials = baseCredentials;
        }

        logger.LogDebug("AWS client provider ready: {Report}", report.ToString());
    }

    /// <summary>A provider for another target of <paramref name="root"/>: the root's options and settings (HTTP
    /// included), another region, and the role's shared credentials (or the root's own).</summary>
    private AwsClientProvider(AwsClientProvider root, TargetKey key, AWSCredentials credentials)
    {
        _root = root;
        // The child's role lives in its report and its credentials; its options are the root's (endpoint, timeouts,
        // retries, client hook, profile) in the target's region, and nothing reads their role fields.
        _options = root._options with { Region = key.Region };
        Region = key.Region;
        _report = root._report with
        {
            AssumeRoleArn = key.RoleArn ?? root._report.AssumeRoleArn,
            Region = key.Region,
            RegionSource = key.Region == root.Region ? root._report.RegionSource : "the target",
        };
        _callSettings = root._callSettings;
        _s3Settings = root._s3Settings;
        _http = root._http;
        _credentials = credentials;
    }

    /// <summary>The region the provider works in (never the pseudo-region aws-global).</summary>
    public string Region { get; }

    /// <summary>The profile named in the options, if any (an environment names it).</summary>
    internal string? ProfileName => _options.Profile;

    /// <summary>How many AssumeRole calls the shared credentials have made so far (0 without a role).</summary>
    public int AssumeRoleCalls => _assumed?.AssumeCalls ?? 0;

    /// <summary>
    /// Validates the options, resolves the credential source and the region, and builds a provider; nothing is sent
    /// anywhere. Bad input is an <c>InvalidInput</c> Left, a missing profile a <c>CredentialsUnavailable</c> Left naming
    /// it, and no region a <c>RegionUnresolved</c> Left.
    /// </summary>
    /// <param name="options">How to find credentials, region and endpoints.</param>
    /// <param name="loggerFactory">Where the provider and its calls log (Debug: one line per call); null for none.</param>
    public static Either<DomainError, AwsClientProvider> Create(
        AwsClientProviderOptions? options, ILoggerFactory? loggerFactory = null)
    {
        if (options is null) return DomainError.NewInvalidInput("options", "are required");
        var logger = (ILogger?)loggerFactory?.CreateLogger<AwsClientProvider>() ?? NullLogger.Instance;
        return
            from valid in ProviderSetup.CheckOptions(options)
            from source in ProviderSetup.ResolveCredentials(valid)
            from region in ProviderSetup.ResolveRegion(valid, source.Profile)
            from hooked in ProviderSetup.CheckClientHook(valid, region.Name)
            select new AwsClientProvider(valid, source.Credentials, region.Name,
                ProviderSetup.Report(valid, source, region), logger);
    }

    /// <inheritdoc />
    public IAmazonS3 GetS3() => Client<AmazonS3Client, AmazonS3Config>((c, config) => new AmazonS3Client(c, ForS3(config)));

    /// <inheritdoc />
    public IAmazonEC2 GetEc2() => Client<AmazonEC2Client, AmazonEC2Config>((c, config) => new AmazonEC2Client(c, config));

    /// <inheritdoc />
    public IAmazonSecurityTokenService GetSts() =>
        Client<AmazonSecurityTokenServiceClient, AmazonSecurityTokenServiceConfig>((c, config) => new AmazonSecurityTokenServiceClient(c, config));

    /// <inheritdoc />
    public TSettings? GetSettings<TSettings>() where TSettings : class =>
        _callSettings as TSettings ?? _s3Settings as TSettings;

    /// <summary>
    /// Any SDK client, built once with the provider's credentials (the shared refreshing role credentials included),
    /// region or endpoint, timeouts, retries and bounded HTTP, then reused and disposed with the provider — for a
    /// service AwsAio does not wrap, or a client the provider's getters do not offer.
    /// </summary>
    /// <typeparam name="TClient">The client type; one instance per type and provider.</typeparam>
    /// <typeparam name="TConfig">The client's configuration type.</typeparam>
    /// <param name="create">Builds the client from the credentials and the configured configuration.</param>
    /// <example><code>provider.Client&lt;AmazonSQSClient, AmazonSQSConfig&gt;((credentials, config) =&gt; new AmazonSQSClient(credentials, config))</code></example>
    public TClient Client<TClient, TConfig>(Func<AWSCredentials, TConfig, TClient> create)
        where TClient : class, IDisposable
        where TConfig : ClientConfig, new()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var lazy = _clients.GetOrAdd(typeof(TClient),
            _ => new Lazy<IDisposable>(() => create(_credentials, Configure(new TConfig())), LazyThreadSafetyMode.ExecutionAndPublication));
        return (TClient)lazy.Value;
    }

    /// <summary>
    /// A provider for another account and/or region: the target's role assumed from this provider's credentials (with
    /// its external id; one refreshing credential per role and external id, shared by every region), and/or another
    /// region; every other option as this provider's. The target is checked first, with the same errors
    /// <see cref="Create"/> gives. Providers are cached by target (at most <c>MaxCachedTargets</c> kept unused, each
    /// kept at most <c>TargetIdleTimeout</c> unused, never evicted while a call uses it) and disposed with this one;
    /// the one handed out stays usable as long as this provider lives. Nothing is sent until a call needs it.
    /// </summary>
    /// <param name="target">The role and/or region.</param>
    /// <example><code>provider.For(AwsTarget.Role("arn:aws:iam::210987654321:role/Audit", "awsaio-7f3c").InRegion("eu-west-1"))</code></example>
    public Either<DomainError, IAwsClientProvider> For(AwsTarget target)
    {
        if (_root is { } root) return root.For(target);
        if (target is null) return DomainError.NewInvalidInput("target", "is required");
        if (Volatile.Read(ref _disposed) == 1) return DomainError.NewInvalidInput("provider", "has been disposed");
        var check = TargetRules.CheckTarget(target.Facts());
        if (check.IsError) return check.ErrorValue;
        var key = new TargetKey(target.RoleArn, target.ExternalId, target.Region ?? Region);
        if (key is { RoleArn: null } && key.Region == Region) return this;
        return new TargetProvider(this, Targets(), key);
    }

    /// <summary>The clock the cache of targets uses (tests replace it before the first <see cref="For"/>).</summary>
    internal TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The cache of targets, made on first use.</summary>
    internal ProviderTargets Targets()
    {
        if (Volatile.Read(ref _targets) is { } existing) return existing;
        var made = new ProviderTargets(
            (key, credentials) => new AwsClientProvider(this, key, credentials),
            role =>
            {
                var (duration, window) = TargetRules.TargetSession(_assumed is not null, _options.SessionDuration, _options.CredentialRefreshWindow);
                return new AssumedRoleCredentials(
                    GetSts(), role.RoleArn, _options.RoleSessionName ?? AwsClientProviderOptions.DefaultRoleSessionName,
                    role.ExternalId, duration, window, _callSettings);
            },
            _credentials, _options.MaxCachedTargets, _options.TargetIdleTimeout, Time);
        return Interlocked.CompareExchange(ref _targets, made, null) ?? made;
    }

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
            return Left<DomainError, AwsEnvironment>(DomainError.NewCancelled(StsOperations.GetCallerIdentity));
        }

        try
        {
            if (_environment is { } again)
            {
                return again;
            }

            var identity = await CallerIdentityAsync(this, ct).ConfigureAwait(false);
            return identity.Map(id =>
            {
                var environment = new AwsEnvironment(id.Account, Region, ProfileName);
                Volatile.Write(ref _environment, environment);
                return environment;
            });
        }
        finally
        {
            _environmentGate.Release();
        }
    }

    /// <inheritdoc />
    async Task<Either<DomainError, CredentialExpiry>> ICredentialLifetime.CredentialExpiryAsync(CancellationToken ct)
    {
        if (_assumed is not { } assumed) return new CredentialExpiry(null);
        var fetched = await AwsCall.RunAsync(_callSettings,
            CallInfo.Of(StsOperations.Service, StsOperations.AssumeRole, ErrorTarget.Of(_options.AssumeRoleArn ?? "")),
            async _ => await assumed.GetCredentialsAsync().ConfigureAwait(false), ct).ConfigureAwait(false);
        return fetched.Map(_ => new CredentialExpiry(assumed.Expiry));
    }

    /// <summary>Names the source, region and role; never a secret.</summary>
    public override string ToString() =>
        $"AwsClientProvider({_report.Detail}; region {Region}"
        + (_report.AssumeRoleArn is { } role ? $"; role {role}" : "")
        + (_options.Endpoint is { } endpoint ? $"; endpoint {endpoint.SafeUrl}" : "") + ")";

    /// <summary>Disposes the clients this provider built and its refreshing credentials.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Volatile.Read(ref _targets)?.Dispose();
        _assumed?.Dispose();
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        // The environment gate is not disposed: it holds no wait handle, and a GetEnvironmentAsync still in flight
        // must be able to release it.
    }

    /// <summary>GetCallerIdentity through the call runner, read by the core: the one definition the provider's
    /// environment and <see cref="StsInteractions.GetCallerIdentityAsync"/> share.</summary>
    /// <param name="provider">Supplies the STS client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    internal static async Task<Either<DomainError, CallerIdentity>> CallerIdentityAsync(IAwsClientProvider provider, CancellationToken ct)
    {
        var response = await AwsCall.RunAsync(provider, CallInfo.Of(StsOperations.Service, StsOperations.GetCallerIdentity, ErrorTarget.None),
            c => provider.GetSts().GetCallerIdentityAsync(new GetCallerIdentityRequest(), c), ct).ConfigureAwait(false);
        return response.Bind(r =>
            StsRules.CallerIdentity(r.Account, r.Arn, r.UserId, (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId).ToEither());
    }

    private AmazonS3Config ForS3(AmazonS3Config config)
    {
        if (_options.Endpoint is { } endpoint)
        {
            config.ForcePathStyle = endpoint.ForcePathStyle;
        }

        return config;
    }

    private T Configure<T>(T config) where T : ClientConfig => ClientSetup.Configure(config, _options, Region, _http);

    /// <summary>The STS client a role is assumed with (signed by the base credentials); a type of its own so that it is
    /// cached apart from the STS client <see cref="GetSts"/> hands out (signed by the role).</summary>
    private sealed class RoleStsClient(AWSCredentials credentials, AmazonSecurityTokenServiceConfig config)
        : AmazonSecurityTokenServiceClient(credentials, config);
}
