using AwsAio.Core;

namespace AwsAio;

/// <summary>
/// Carries a domain error already decided inside an SDK call's callback (for example a local file that could not be
/// written while a body was copied) out through the call runner, so that it is not taken for a network failure.
/// </summary>
/// <param name="error">The decided error.</param>
internal sealed class DecidedFailure(DomainError error) : Exception(error.ToString())
{
    /// <summary>The decided error.</summary>
    internal DomainError Error { get; } = error;
}
