using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using Microsoft.Extensions.Logging;

namespace AwsAio;

/// <summary>
/// Assumed-role credentials that refresh themselves, shared by every client of one provider. The SDK's
/// <see cref="RefreshingAWSCredentials"/> does the hard part: a background refresh inside the preempt window and one
/// single-flight refresh (a <c>SemaphoreSlim</c>) once the credentials have expired. This subclass exists only because
/// the SDK's own <c>AssumeRoleAWSCredentials</c> builds a fresh STS client on every refresh from process-wide settings,
/// so it cannot be pointed at an endpoint override; here the STS client is the provider's.
/// </summary>
internal sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    private readonly IAmazonSecurityTokenService _sts;
    private readonly string _roleArn;
    private readonly string _sessionName;
    private readonly string? _externalId;
    private readonly int? _durationSeconds;
    private readonly ILogger _logger;
    private int _assumeCalls;

    internal AssumedRoleCredentials(
        IAmazonSecurityTokenService sts, string roleArn, string sessionName, string? externalId, TimeSpan? duration,
        TimeSpan refreshWindow, ILogger logger)
    {
        _sts = sts;
        _roleArn = roleArn;
        _sessionName = sessionName;
        _externalId = externalId;
        _durationSeconds = duration is { } d ? (int)d.TotalSeconds : null;
        _logger = logger;
        PreemptExpiryTime = refreshWindow;
    }

    /// <summary>How many AssumeRole calls these credentials have made (for diagnostics and tests).</summary>
    internal int AssumeCalls => Volatile.Read(ref _assumeCalls);

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        Interlocked.Increment(ref _assumeCalls);
        var request = new AssumeRoleRequest
        {
            RoleArn = _roleArn,
            RoleSessionName = _sessionName,
            ExternalId = _externalId,
            DurationSeconds = _durationSeconds,
        };

        var result = await AwsCall.RunAsync(
            "STS", "AssumeRole", ErrorTarget.Of(_roleArn), ct => _sts.AssumeRoleAsync(request, ct), CancellationToken.None)
            .ConfigureAwait(false);

        return result.Match(
            Right: response => Refreshed(response),
            Left: error =>
            {
                _logger.LogWarning("Could not assume role {RoleArn}: {Error}", _roleArn, error.ToString());
                throw new CredentialsFailedException(error);
            });
    }

    private CredentialsRefreshState Refreshed(AssumeRoleResponse response)
    {
        var credentials = response.Credentials;
        if (credentials?.AccessKeyId is null || credentials.SecretAccessKey is null || credentials.SessionToken is null
            || credentials.Expiration is not { } expiration)
        {
            throw new CredentialsFailedException(DomainError.NewAssumeRoleFailed(
                _roleArn,
                AwsErrorDetails.Of("STS", "AssumeRole", "", "STS answered without complete credentials",
                    (int)response.HttpStatusCode, response.ResponseMetadata?.RequestId ?? "")));
        }

        _logger.LogInformation(
            "Assumed role {RoleArn} as session {SessionName}; the credentials expire at {Expiration:O}",
            _roleArn, _sessionName, expiration);
        return new CredentialsRefreshState(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            expiration.ToUniversalTime());
    }

    /// <summary>Names the role only; never the credentials.</summary>
    public override string ToString() => $"assumed role {_roleArn} (session {_sessionName})";
}

/// <summary>
/// The SDK's default credential chain, resolved on first use rather than when the provider is built (the chain may
/// probe instance metadata), and reported as <c>CredentialsUnavailable</c> when it finds nothing.
/// </summary>
internal sealed class DefaultChainCredentials : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try
        {
            // The resolver caches what it finds and looks again when the environment or the profile files change.
            var source = await Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync()
                .ConfigureAwait(false);
            return await source.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e) when (e is not CredentialsFailedException)
        {
            // The SDK's message gathers every provider's message, and a profile file's parse error quotes the file:
            // it stays on the inner exception for debugging and is not copied into the domain error.
            throw new CredentialsFailedException(
                DomainError.NewCredentialsUnavailable(
                    "the SDK's default credential chain",
                    "no source had credentials (environment, web identity, profile, container, instance metadata)",
                    AwsErrorDetails.NoResponse("", "")), e);
        }
    }

    /// <summary>Names the chain only.</summary>
    public override string ToString() => "the SDK's default credential chain";
}
