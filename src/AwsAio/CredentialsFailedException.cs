using Amazon.Runtime;
using AwsAio.Core;

namespace AwsAio;

/// <summary>
/// Thrown by AwsAio's own credential objects when credentials cannot be obtained, carrying the domain error so that a
/// failed role assumption during, say, an S3 call is reported as what it is and not as an S3 error. Its message is the
/// domain error's sentence, which never holds a secret.
/// </summary>
public sealed class CredentialsFailedException : AmazonClientException
{
    /// <summary>Creates the exception around the domain error that explains it.</summary>
    /// <param name="error">Why credentials could not be obtained.</param>
    /// <param name="inner">The exception behind it, kept for debugging (never copied into messages).</param>
    public CredentialsFailedException(DomainError error, Exception? inner = null)
        : base(error.ToString(), inner) => Error = error;

    /// <summary>Why credentials could not be obtained.</summary>
    public DomainError Error { get; }
}
