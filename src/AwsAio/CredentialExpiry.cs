namespace AwsAio;

/// <summary>When the credentials a provider signs with expire: known for the role a provider assumes itself; null for
/// credentials from elsewhere (static keys never expire; the SDK's own refreshing sources — SSO, credential_process,
/// web identity, container and instance roles — do not say).</summary>
/// <param name="At">The expiry, or null when unknown.</param>
internal sealed record CredentialExpiry(DateTimeOffset? At);

/// <summary>A provider that can say when its signing credentials expire (the presigner asks, so that no URL outlives
/// them).</summary>
internal interface ICredentialLifetime
{
    /// <summary>Fetches the current credentials if needed (an AssumeRole, through the call runner) and says when they
    /// expire.</summary>
    /// <param name="ct">Cancels the fetch.</param>
    Task<LanguageExt.Either<AwsAio.Core.DomainError, CredentialExpiry>> CredentialExpiryAsync(CancellationToken ct);
}
