using Amazon.Runtime;
using AwsAio.Core;

namespace AwsAio;

/// <summary>
/// The SDK's default credential chain, resolved on first use rather than when the provider is built (the chain may
/// probe instance metadata), and reported as <c>CredentialsUnavailable</c> when it finds nothing.
/// </summary>
internal sealed class DefaultChainCredentials : AWSCredentials
{
    /// <inheritdoc />
    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try
        {
            // The resolver caches what it finds and looks again when the environment or the profile files change.
            var source = await Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync()
                .ConfigureAwait(false);
            return await source.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (ProcessAWSCredentialException e)
        {
            // A credential_process of the default profile: its output may be a secret; only the exit code is kept.
            throw new CredentialsFailedException(CredentialRules.ProcessFailed("default", e.Message));
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
