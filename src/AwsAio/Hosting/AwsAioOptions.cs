using AwsAio.Core;

namespace AwsAio.Hosting;

/// <summary>
/// A provider's settings as they appear in configuration (for example an <c>"AWS"</c> section of appsettings.json).
/// The keys AWSSDK.Extensions.NETCore.Setup users already write work unchanged (<c>Profile</c>, <c>Region</c>,
/// <c>ServiceURL</c>); the others are <see cref="AwsClientProviderOptions"/>'s, under the same names.
/// <c>ToString()</c> never shows the external id.
/// </summary>
/// <example>
/// <code>
/// "AWS": { "Profile": "dev", "Region": "eu-west-1", "AssumeRoleArn": "arn:aws:iam::123456789012:role/Reader",
///          "ExternalId": "…", "SessionDuration": "01:00:00", "Timeout": "00:00:30", "MaxErrorRetry": 2 }
/// </code>
/// </example>
public sealed class AwsAioOptions
{
    /// <summary>A named profile from the shared config and credentials files.</summary>
    public string? Profile { get; set; }

    /// <summary>The shared credentials file to read profiles from; null means the SDK's own locations.</summary>
    public string? ProfilesLocation { get; set; }

    /// <summary>The region; null means the SDK's own resolution (environment, profile; instance metadata in compute mode).</summary>
    public string? Region { get; set; }

    /// <summary>The endpoint URL, as AWSSDK.Extensions.NETCore.Setup names it: the same as <c>Endpoint:Url</c>.</summary>
    public string? ServiceURL { get; set; }

    /// <summary>Use the credentials of the machine the code runs on.</summary>
    public bool Compute { get; set; }

    /// <summary>A role to assume on top of the base credentials.</summary>
    public string? AssumeRoleArn { get; set; }

    /// <summary>The external id the role's trust policy asks for; never shown.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The role session name; null means <see cref="AwsClientProviderOptions.DefaultRoleSessionName"/>.</summary>
    public string? RoleSessionName { get; set; }

    /// <summary>How long assumed-role credentials last (900 to 43200 seconds; <c>hh:mm:ss</c> in configuration).</summary>
    public TimeSpan? SessionDuration { get; set; }

    /// <summary>How long before expiry assumed-role credentials are refreshed; null means the provider's default.</summary>
    public TimeSpan? CredentialRefreshWindow { get; set; }

    /// <summary>One endpoint for S3, EC2 and STS (an S3-compatible store, an emulator, a test server).</summary>
    public AwsAioEndpointOptions? Endpoint { get; set; }

    /// <summary>Accept a plain <c>http://</c> endpoint on a host that is not loopback.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Per-request timeout for every client.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>How many times the SDK retries a failed request.</summary>
    public int? MaxErrorRetry { get; set; }

    /// <summary>The longest one request of a call may take, retries included; null means the provider's default.</summary>
    public TimeSpan? CallDeadline { get; set; }

    /// <summary>The longest wait for the next bytes of a response body; null means the provider's default.</summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>
    /// The provider options these settings describe, or the configuration key that contradicts itself. The options'
    /// own rules are checked by <see cref="AwsClientProvider.Create"/>.
    /// </summary>
    public LanguageExt.Either<DomainError, AwsClientProviderOptions> ToProviderOptions()
    {
        var url = Endpoint?.Url;
        if (ServiceURL is not null && url is not null && !string.Equals(ServiceURL, url, StringComparison.Ordinal))
        {
            return DomainError.NewInvalidInput(nameof(ServiceURL), "names another endpoint than Endpoint:Url; set one of them");
        }

        url ??= ServiceURL;
        if (url is null && Endpoint is not null)
        {
            return DomainError.NewInvalidInput("endpoint", "must name a URL (Endpoint:Url, or ServiceURL)");
        }

        var defaults = new AwsClientProviderOptions();
        var endpointDefaults = new EndpointOverride("");
        return new AwsClientProviderOptions
        {
            Profile = Profile,
            ProfilesLocation = ProfilesLocation,
            Region = Region,
            Compute = Compute,
            AssumeRoleArn = AssumeRoleArn,
            ExternalId = ExternalId,
            RoleSessionName = RoleSessionName,
            SessionDuration = SessionDuration,
            CredentialRefreshWindow = CredentialRefreshWindow ?? defaults.CredentialRefreshWindow,
            Endpoint = url is null
                ? null
                : new EndpointOverride(url)
                {
                    AuthenticationRegion = Endpoint?.AuthenticationRegion,
                    ForcePathStyle = Endpoint?.ForcePathStyle ?? endpointDefaults.ForcePathStyle,
                    ChecksumsOnlyWhenRequired = Endpoint?.ChecksumsOnlyWhenRequired ?? endpointDefaults.ChecksumsOnlyWhenRequired,
                    UseChunkEncoding = Endpoint?.UseChunkEncoding ?? endpointDefaults.UseChunkEncoding,
                },
            AllowInsecureHttp = AllowInsecureHttp,
            Timeout = Timeout,
            MaxErrorRetry = MaxErrorRetry,
            CallDeadline = CallDeadline,
            IdleTimeout = IdleTimeout,
        };
    }

    /// <summary>
    /// The configuration key a provider option's field is read from, for messages that point at the line to fix: the
    /// library names fields in words ("role ARN"), configuration in keys (<c>AssumeRoleArn</c>).
    /// </summary>
    /// <param name="field">The field an <c>InvalidInput</c> error names.</param>
    internal string KeyOf(string field) => field switch
    {
        "profile" or "credentials" => Compute ? nameof(Compute) : nameof(Profile),
        "role ARN" => nameof(AssumeRoleArn),
        "external id" => nameof(ExternalId),
        "role session name" => nameof(RoleSessionName),
        "session duration" => nameof(SessionDuration),
        "credential refresh window" => nameof(CredentialRefreshWindow),
        "region" => Region is null && Endpoint?.AuthenticationRegion is not null ? "Endpoint:AuthenticationRegion" : nameof(Region),
        "endpoint" => ServiceURL is not null ? nameof(ServiceURL) : "Endpoint:Url",
        "timeout" => nameof(Timeout),
        "max error retry" => nameof(MaxErrorRetry),
        "call deadline" => nameof(CallDeadline),
        "idle timeout" => nameof(IdleTimeout),
        _ => field,
    };

    /// <summary>Names the settings without the external id.</summary>
    public override string ToString() =>
        $"AwsAioOptions(Profile = {Profile}, Region = {Region}, ServiceURL = {ServiceURL}, Compute = {Compute}, " +
        $"AssumeRoleArn = {AssumeRoleArn}, ExternalId = {(ExternalId is null ? "none" : "given (hidden)")}, " +
        $"RoleSessionName = {RoleSessionName}, SessionDuration = {SessionDuration}, Endpoint = {Endpoint?.Url}, " +
        $"Timeout = {Timeout}, MaxErrorRetry = {MaxErrorRetry}, CallDeadline = {CallDeadline}, IdleTimeout = {IdleTimeout})";
}

/// <summary>The endpoint section of <see cref="AwsAioOptions"/>: <see cref="EndpointOverride"/>'s settings.</summary>
public sealed class AwsAioEndpointOptions
{
    /// <summary>The absolute http(s) URL of the endpoint.</summary>
    public string? Url { get; set; }

    /// <summary>The region to sign requests for; null means the provider's region.</summary>
    public string? AuthenticationRegion { get; set; }

    /// <summary>Path-style addressing; null means the endpoint default (true).</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Checksums only when an operation requires them; null means the endpoint default (true).</summary>
    public bool? ChecksumsOnlyWhenRequired { get; set; }

    /// <summary>The SDK's chunked signing for uploads; null means the endpoint default (false).</summary>
    public bool? UseChunkEncoding { get; set; }
}
