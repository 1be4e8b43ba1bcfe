using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using AwsAio.Core;
using LanguageExt;
using Microsoft.FSharp.Core;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>
/// Thrown by AwsAio's own credential objects when credentials cannot be obtained, carrying the domain error so that a
/// failed role assumption during, say, an S3 call is reported as what it is and not as an S3 error.
/// </summary>
public sealed class CredentialsFailedException : AmazonClientException
{
    /// <summary>Creates the exception around the domain error that explains it.</summary>
    public CredentialsFailedException(DomainError error, Exception? inner = null)
        : base(error.ToString(), inner) => Error = error;

    /// <summary>Why credentials could not be obtained.</summary>
    public DomainError Error { get; }
}

/// <summary>
/// The one place the shell turns an SDK call into <c>Either</c>: the SDK's exceptions become raw facts, and the core
/// decides what they mean.
/// </summary>
internal static class AwsCall
{
    /// <summary>Runs one SDK call; never throws.</summary>
    internal static async Task<Either<DomainError, T>> RunAsync<T>(
        string service, string operation, ErrorTarget target, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Left<DomainError, T>(DomainError.NewCancelled(operation));
        }

        try
        {
            var result = await call(ct).ConfigureAwait(false);
            return result is null
                ? Left<DomainError, T>(DomainError.NewUnexpected(
                    AwsErrorDetails.Of(service, operation, "", "the SDK returned no response", 0, "").On(target), null))
                : Right<DomainError, T>(result);
        }
        catch (Exception e)
        {
            return Left<DomainError, T>(Failure(service, operation, target, e, ct));
        }
    }

    /// <summary>Reads what an exception says about a failed call and lets the core map it.</summary>
    internal static DomainError Failure(string service, string operation, ErrorTarget target, Exception e, CancellationToken ct)
    {
        if (FindCredentialsFailure(e) is { } credentials)
        {
            return credentials.Error;
        }

        if (e is AmazonServiceException ase && (ase.StatusCode != 0 || !string.IsNullOrEmpty(ase.ErrorCode)))
        {
            return ErrorMapping.Map(target, Facts(service, operation, ase), ase);
        }

        return ErrorMapping.OfException(target, service, operation, e, ct.IsCancellationRequested);
    }

    /// <summary>The error of a core check, or null when it passed (for checks chained with <c>??</c>).</summary>
    internal static DomainError? ErrorOf<T>(FSharpResult<T, DomainError> result) => result.IsError ? result.ErrorValue : null;

    /// <summary>The error of a core check on an optional value; an absent value passes.</summary>
    internal static DomainError? ErrorOf<T>(string? value, Func<string, FSharpResult<T, DomainError>> check) =>
        value is null ? null : ErrorOf(check(value));

    /// <summary>A missing provider as an <c>InvalidInput</c> (nothing throws across the public API), or null.</summary>
    internal static DomainError? NoProvider(IAwsClientProvider? provider) =>
        provider is null ? DomainError.NewInvalidInput("provider", "is required") : null;

    /// <summary>The Left of a result, or null for a Right (LanguageExt's Match refuses null results).</summary>
    internal static DomainError? ErrorOrNull<T>(this Either<DomainError, T> result) =>
        result.MatchUnsafe(Right: _ => null, Left: error => error);

    /// <summary>Splits a result for imperative code: true with the value, or false with the error.</summary>
    internal static bool TryGetRight<T>(this Either<DomainError, T> result, [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out DomainError? error)
    {
        T? right = default;
        DomainError? left = null;
        result.Match(Right: r => right = r, Left: e => left = e);
        value = right;
        error = left;
        return left is null && right is not null;
    }

    /// <summary>The raw facts of an AWS error response; the SDK's nulls become empty strings here.</summary>
    internal static AwsErrorDetails Facts(string service, string operation, AmazonServiceException e) =>
        AwsErrorDetails.Of(service, operation, e.ErrorCode ?? "", e.Message ?? "", (int)e.StatusCode, e.RequestId ?? "");

    private static CredentialsFailedException? FindCredentialsFailure(Exception? e)
    {
        for (var depth = 0; e is not null && depth < 16; depth++, e = e.InnerException)
        {
            if (e is CredentialsFailedException found)
            {
                return found;
            }
        }

        return null;
    }
}
