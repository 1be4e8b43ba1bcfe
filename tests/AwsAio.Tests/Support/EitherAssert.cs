using AwsAio.Core;
using LanguageExt;
using Xunit.Sdk;

namespace AwsAio.Tests.Support;

/// <summary>Unwraps <c>Either</c> in tests, failing with the rendered error rather than a bare "was Left".</summary>
internal static class EitherAssert
{
    internal static T Right<T>(this Either<DomainError, T> either) =>
        either.Match(Right: value => value, Left: error => throw new XunitException($"expected Right, got Left: {error}"));

    internal static DomainError Left<T>(this Either<DomainError, T> either) =>
        either.Match(Right: value => throw new XunitException($"expected Left, got Right: {value}"), Left: error => error);

    internal static async Task<T> Right<T>(this Task<Either<DomainError, T>> either) => (await either).Right();

    internal static async Task<DomainError> Left<T>(this Task<Either<DomainError, T>> either) => (await either).Left();
}
