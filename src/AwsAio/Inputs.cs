using AwsAio.Core;
using Microsoft.FSharp.Core;

namespace AwsAio;

/// <summary>
/// The one input check every wrapper makes before its first request: a provider, then the core's checks of each
/// caller string in order; the first problem is the answer.
/// </summary>
internal static class Inputs
{
    /// <summary>The first problem among a missing provider and the given checks, or null when all passed.</summary>
    /// <param name="provider">The provider the wrapper was given (null is an <c>InvalidInput</c>, not an exception).</param>
    /// <param name="checks">The results of the core's checks, in the order they are reported.</param>
    internal static DomainError? Check(IAwsClientProvider? provider, params ReadOnlySpan<DomainError?> checks)
    {
        if (provider is null)
        {
            return DomainError.NewInvalidInput("provider", "is required");
        }

        foreach (var check in checks)
        {
            if (check is not null)
            {
                return check;
            }
        }

        return null;
    }

    /// <summary>The error of a core check, or null when it passed.</summary>
    /// <param name="result">The check's result.</param>
    internal static DomainError? Of<T>(FSharpResult<T, DomainError> result) => result.IsError ? result.ErrorValue : null;

    /// <summary>The error of a core check on an optional value; an absent value passes.</summary>
    /// <param name="value">The value, or null when the caller gave none.</param>
    /// <param name="check">The core's check.</param>
    internal static DomainError? OfOptional<T>(string? value, Func<string, FSharpResult<T, DomainError>> check) =>
        value is null ? null : Of(check(value));

    /// <summary>A bucket name, and optionally an object key, checked by the core.</summary>
    /// <param name="provider">The provider the wrapper was given.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key, or null when the call names none.</param>
    internal static DomainError? S3(IAwsClientProvider? provider, string bucket, string? key = null) =>
        Check(provider, Of(Validate.BucketName(bucket)),
            key is null || provider is null ? null : Of(Validate.ObjectKeyWith(key, S3Settings.Of(provider).AllowDotSegmentKeys)));
}
