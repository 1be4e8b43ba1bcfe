using System.Text;
using Amazon.Runtime;
using AwsAio.Core;

namespace AwsAio;

/// <summary>
/// How an <see cref="AwsClientProvider"/> finds credentials, region and endpoints. Every property is optional: with
/// none set, the SDK's default credential chain and region resolution apply. <c>ToString()</c> never shows the
/// external id or the credentials.
/// </summary>
public sealed record AwsClientProviderOptions
{
    /// <summary>A named profile from the shared config and credentials files (static keys, <c>source_profile</c> +
    /// <c>role_arn</c> and SSO profiles work as the SDK defines them).</summary>
    public string? Profile { get; init; }

    /// <summary>The shared credentials file to read profiles from (its folder's <c>config</c> file is read too); null
    /// means the SDK's own locations (<c>AWS_SHARED_CREDENTIALS_FILE</c>, <c>AWS_CONFIG_FILE</c>, <c>~/.aws</c>).</summary>
    public string? ProfilesLocation { get; init; }

    /// <summary>The region; null means the SDK's own resolution (environment, profile, and on compute the instance
    /// metadata). No region found is a <c>RegionUnresolved</c> error, never a made-up region.</summary>
    public string? Region { get; init; }

    /// <summary>Use the credentials of the machine the code runs on (environment, web identity, container or instance
    /// credentials, through the SDK's default chain), and allow the instance metadata to supply the region.</summary>
    public bool Compute { get; init; }

    /// <summary>Credentials given directly (for example an emulator's fixed keys, or keys from a vault).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>A role to assume on top of the base credentials (any partition; compute credentials included).</summary>
    public string? AssumeRoleArn { get; init; }

    /// <summary>The external id the role's trust policy asks for; never shown by <c>ToString()</c>.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The role session name; null means <see cref="DefaultRoleSessionName"/>.</summary>
    public string? RoleSessionName { get; init; }

    /// <summary>How long assumed-role credentials last (900 to 43200 seconds); null means STS's default (one hour).</summary>
    public TimeSpan? SessionDuration { get; init; }

    /// <summary>How long before expiry assumed-role credentials are refreshed in the background (default 5 minutes; at
    /// most half the session duration). The SDK also treats the last minute as expired, so the refresh starts this window
    /// plus one minute early. Calls never wait for that refresh; only a credential that has expired makes callers wait,
    /// and then for exactly one STS call between them.</summary>
    public TimeSpan CredentialRefreshWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Points S3, EC2 and STS at one S3-compatible store, emulator or test server.</summary>
    public EndpointOverride? Endpoint { get; init; }

    /// <summary>Accept a plain <c>http://</c> endpoint on a host that is not loopback (off by default, so that a
    /// session token never travels in clear text by accident).</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>Per-attempt HTTP timeout for every client, up to the response headers (1 ms to 24 hours); null means
    /// each SDK client's default (100 s for EC2 and STS; S3 sets none of its own, about 24.8 days). Bodies are bounded by
    /// <see cref="IdleTimeout"/>, whole calls by <see cref="CallDeadline"/>, so no call hangs either way.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many times the SDK retries a failed request (0 to 10); null means the SDK's default.</summary>
    public int? MaxErrorRetry { get; init; }

    /// <summary>
    /// The longest one request of a call may take, the SDK's retries and the credential fetch included (paged calls:
    /// each page; a download: the request and its whole body), 1 ms to 24 hours. When it passes, the call ends with
    /// <c>Timeout</c> and leaves nothing half-written. Null means <see cref="CallSettings.DefaultDeadline"/> (two
    /// minutes); raise it for large transfers.
    /// </summary>
    public TimeSpan? CallDeadline { get; init; }

    /// <summary>The longest wait for the next bytes of a response body (1 ms to 1 hour); null means
    /// <see cref="CallSettings.DefaultIdleTimeout"/> (thirty seconds).</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Accept object keys with <c>.</c> or <c>..</c> path segments (off by default: such keys are normalised by
    /// HTTP layers and path-style stores and can land outside the bucket; turn on only for a store that keeps them
    /// literally).</summary>
    public bool AllowDotSegmentKeys { get; init; }

    /// <summary>
    /// Adjusts the configuration of every client the provider builds (S3, EC2, STS, and any other through
    /// <see cref="IAwsClientProvider.Client{TClient, TConfig}"/>), after AwsAio's own settings: for example a proxy,
    /// or an <c>HttpClientFactory</c> with a handler of your own. Such a factory is wrapped, so response bodies keep
    /// their idle timeout and a redirect its handler follows is refused (set <c>AllowAutoRedirect = false</c> on it:
    /// AwsAio never follows redirects). <c>Create</c> runs the hook once on each built-in client's configuration: a hook
    /// that throws, or leaves a timeout, a retry count or a service URL outside the bounds these options obey, is an
    /// <c>InvalidInput</c> there.
    /// </summary>
    public Action<ClientConfig>? ConfigureClient { get; init; }

    /// <summary>How many providers for other targets (<see cref="AwsClientProvider.For"/>) are kept while not in use,
    /// and as many role credentials (1 to 65536; default 256). The least recently used go first; one in use never
    /// goes.</summary>
    public int MaxCachedTargets { get; init; } = 256;

    /// <summary>How long a provider for another target, or a role's credentials, is kept unused (1 second to 24 hours;
    /// default 15 minutes).</summary>
    public TimeSpan TargetIdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The role session name used when none is given: <c>awsaio-</c> and the local user name, so that
    /// CloudTrail shows both the tool and the person.</summary>
    public static string DefaultRoleSessionName => ProviderRules.DefaultRoleSessionName(Environment.UserName);

    /// <summary>The options as the core's facts, for its checks.</summary>
    internal ProviderOptionFacts Facts() => new(
        Profile, Compute, Credentials is not null, AssumeRoleArn, ExternalId, RoleSessionName, SessionDuration,
        CredentialRefreshWindow, Region, Endpoint is not null, Endpoint?.Url, Endpoint?.AuthenticationRegion, AllowInsecureHttp,
        Timeout, MaxErrorRetry, CallDeadline, IdleTimeout);

    /// <summary>Renders the options without the external id or the credentials.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Profile = {Profile}, ProfilesLocation = {ProfilesLocation}, Region = {Region}, Compute = {Compute}, ");
        builder.Append($"Credentials = {(Credentials is null ? "none" : "given (hidden)")}, AssumeRoleArn = {AssumeRoleArn}, ");
        builder.Append($"ExternalId = {(ExternalId is null ? "none" : "given (hidden)")}, RoleSessionName = {RoleSessionName}, ");
        builder.Append($"SessionDuration = {SessionDuration}, CredentialRefreshWindow = {CredentialRefreshWindow}, ");
        builder.Append($"Endpoint = {Endpoint}, AllowInsecureHttp = {AllowInsecureHttp}, Timeout = {Timeout}, MaxErrorRetry = {MaxErrorRetry}, ");
        builder.Append($"CallDeadline = {CallDeadline}, IdleTimeout = {IdleTimeout}, AllowDotSegmentKeys = {AllowDotSegmentKeys}, ");
        builder.Append($"ConfigureClient = {(ConfigureClient is null ? "none" : "given")}, MaxCachedTargets = {MaxCachedTargets}, ");
        builder.Append($"TargetIdleTimeout = {TargetIdleTimeout}");
        return true;
    }
}

/// <summary>
/// One endpoint for S3, EC2 and STS: an S3-compatible store, an emulator or a test server. The defaults suit
/// emulators: path-style addressing, checksums only when an operation requires them, and uploads without the SDK's
/// chunked signing (s3rver, for one, would store the chunk framing as the object's content).
/// </summary>
/// <param name="Url">The absolute http(s) URL of the endpoint.</param>
public sealed record EndpointOverride(string Url)
{
    /// <summary>The region to sign requests for; null means the provider's region.</summary>
    public string? AuthenticationRegion { get; init; }

    /// <summary>Address buckets as <c>/bucket/key</c> rather than <c>bucket.host/key</c> (default true).</summary>
    public bool ForcePathStyle { get; init; } = true;

    /// <summary>Calculate and validate checksums only when the operation requires them (default true).</summary>
    public bool ChecksumsOnlyWhenRequired { get; init; } = true;

    /// <summary>Send uploads with the SDK's chunked signing (default false; see the type's remarks).</summary>
    public bool UseChunkEncoding { get; init; }

    /// <summary>The URL as it may be shown: scheme, host, port and path only — never user information, a query string
    /// or a fragment (such URLs are refused, but may still be printed).</summary>
    internal string SafeUrl => Validate.SafeUrl(Url);

    /// <summary>Renders the endpoint without user information.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Url = {SafeUrl}, AuthenticationRegion = {AuthenticationRegion}, ForcePathStyle = {ForcePathStyle}, ");
        builder.Append($"ChecksumsOnlyWhenRequired = {ChecksumsOnlyWhenRequired}, UseChunkEncoding = {UseChunkEncoding}");
        return true;
    }
}
