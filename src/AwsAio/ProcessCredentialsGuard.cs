using Amazon.Runtime;
using AwsAio.Core;

namespace AwsAio;

/// <summary>
/// A profile's <c>credential_process</c> credentials, with its failures reported without the process's output (which
/// may be a secret echoed back): only that it failed, and its exit code.
/// </summary>
/// <param name="inner">The SDK's process credentials.</param>
/// <param name="profile">The profile's name.</param>
internal sealed class ProcessCredentialsGuard(AWSCredentials inner, string profile) : AWSCredentials
{
    /// <inheritdoc />
    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try
        {
            return await inner.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not CredentialsFailedException and not OperationCanceledException)
        {
            // Not even as an inner exception: its message is the process's error output.
            throw new CredentialsFailedException(CredentialRules.ProcessFailed(profile, e.Message));
        }
    }

    /// <summary>Names the profile only.</summary>
    public override string ToString() => $"the credential_process of profile '{profile}'";
}
