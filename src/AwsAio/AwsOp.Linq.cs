using AwsAio.Core;
using LanguageExt;

namespace AwsAio;

/// <summary>LINQ over operations: <c>from … in … select …</c> builds an operation and sends nothing; a
/// <c>where</c> that does not hold is a Left (never LanguageExt's "Bottom").</summary>
public sealed partial class AwsOp<T>
{
    /// <summary>LINQ's <c>select</c>: the same as <see cref="Map{TResult}"/>.</summary>
    /// <typeparam name="TResult">What the new operation yields.</typeparam>
    /// <param name="f">The function.</param>
    public AwsOp<TResult> Select<TResult>(Func<T, TResult> f) => Map(f);

    /// <summary>LINQ's second <c>from</c>: the same as <see cref="Bind{TResult}"/>.</summary>
    /// <typeparam name="TResult">What the new operation yields.</typeparam>
    /// <param name="f">Makes the next operation from the value.</param>
    public AwsOp<TResult> SelectMany<TResult>(Func<T, AwsOp<TResult>> f) => Bind(f);

    /// <summary>LINQ's second <c>from</c> with its <c>select</c>: binds, then projects both values.</summary>
    /// <typeparam name="TNext">What the next operation yields.</typeparam>
    /// <typeparam name="TResult">What the new operation yields.</typeparam>
    /// <param name="f">Makes the next operation from the value.</param>
    /// <param name="project">Combines both values.</param>
    public AwsOp<TResult> SelectMany<TNext, TResult>(Func<T, AwsOp<TNext>> f, Func<T, TNext, TResult> project) =>
        Bind(value => f(value).Map(next => project(value, next)));

    /// <summary>
    /// LINQ's <c>where</c>: a value that fails <paramref name="predicate"/> becomes an <c>InvalidInput</c> Left
    /// ("condition: was not met"; the value itself is never shown). Use <see cref="Where(Func{T, bool}, Func{T, DomainError})"/>
    /// to say which error.
    /// </summary>
    /// <param name="predicate">The condition.</param>
    public AwsOp<T> Where(Func<T, bool> predicate) =>
        Where(predicate, _ => DomainError.NewInvalidInput("condition", "was not met"));

    /// <summary>Keeps a value that passes <paramref name="predicate"/>; any other becomes the Left
    /// <paramref name="otherwise"/> makes of it.</summary>
    /// <param name="predicate">The condition.</param>
    /// <param name="otherwise">The error for a value that fails it.</param>
    public AwsOp<T> Where(Func<T, bool> predicate, Func<T, DomainError> otherwise) =>
        Bind(value => predicate(value) ? AwsOp.Right(value) : AwsOp.Left<T>(otherwise(value)));
}
