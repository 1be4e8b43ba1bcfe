using System.Diagnostics.CodeAnalysis;
using AwsAio.Core;
using LanguageExt;

namespace AwsAio;

/// <summary>Splits an <c>Either</c> for the imperative code of the shell (loops that stop at the first Left).</summary>
internal static class EitherSplit
{
    /// <summary>True with the value for a Right, or false with the error for a Left.</summary>
    /// <param name="result">The result to split.</param>
    /// <param name="value">The Right value.</param>
    /// <param name="error">The Left error.</param>
    internal static bool TryGetRight<TLeft, T>(this Either<TLeft, T> result, [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out TLeft? error)
        where TLeft : class
    {
        T? right = default;
        TLeft? left = null;
        result.Match(Right: r => right = r, Left: e => left = e);
        value = right;
        error = left;
        return left is null && right is not null;
    }

    /// <summary>The Left of a result, or null for a Right (LanguageExt's Match refuses null results).</summary>
    /// <param name="result">The result.</param>
    internal static DomainError? ErrorOrNull<T>(this Either<DomainError, T> result) =>
        result.MatchUnsafe(Right: _ => null, Left: error => error);
}
