using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>
/// A description of AWS work: given a provider and a cancellation token, it yields <c>Either&lt;DomainError, T&gt;</c>.
/// Building one sends nothing; <see cref="RunAsync"/> runs it, and running it twice runs it twice. Operations compose
/// (<see cref="Map{TResult}"/>, <see cref="Bind{TResult}"/>, LINQ, <see cref="AwsOp.Sequence{T}"/>), recover
/// (<see cref="Catch{TError}"/>, <see cref="OrElse(AwsOp{T})"/>), are bounded (<see cref="Timeout"/>), retried
/// (<see cref="Retry"/>) and run against many accounts and regions (<see cref="RunAcrossAsync"/>). Like every AwsAio
/// call, running one never throws.
/// </summary>
/// <typeparam name="T">What the operation yields.</typeparam>
public sealed partial class AwsOp<T>
{
    private readonly Func<IAwsClientProvider, CancellationToken, Task<Either<DomainError, T>>> _run;

    /// <summary>An operation that runs <paramref name="run"/> each time it is run.</summary>
    /// <param name="run">The work.</param>
    internal AwsOp(Func<IAwsClientProvider, CancellationToken, Task<Either<DomainError, T>>> run) => _run = run;

    /// <summary>
    /// Runs the operation with <paramref name="provider"/>; never throws. A missing provider is an
    /// <c>InvalidInput</c> Left; an exception thrown by code inside the operation (a user's mapping function, say)
    /// is an <c>Unexpected</c> Left that keeps the exception; cancellation is a <c>Cancelled</c> Left.
    /// </summary>
    /// <param name="provider">Supplies the clients and settings of every call the operation makes.</param>
    /// <param name="ct">Cancels the operation.</param>
    public async Task<Either<DomainError, T>> RunAsync(IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (provider is null)
        {
            return DomainError.NewInvalidInput("provider", "is required");
        }

        try
        {
            var result = await _run(provider, ct).ConfigureAwait(false);
            return result.IsBottom
                ? Left<DomainError, T>(Failed("returned an uninitialised Either", null))
                : result;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return DomainError.NewCancelled(OperationName);
        }
        catch (Exception e)
        {
            return Failed($"threw {e.GetType().Name}", e);
        }
    }

    /// <summary>Applies <paramref name="f"/> to the value of a Right; a Left stays as it is.</summary>
    /// <typeparam name="TResult">What the new operation yields.</typeparam>
    /// <param name="f">The function (runs each time the operation runs).</param>
    public AwsOp<TResult> Map<TResult>(Func<T, TResult> f) =>
        new(async (p, ct) => (await RunAsync(p, ct).ConfigureAwait(false)).Map(f));

    /// <summary>Runs the operation <paramref name="f"/> makes of this one's value; a Left stops here.</summary>
    /// <typeparam name="TResult">What the new operation yields.</typeparam>
    /// <param name="f">Makes the next operation from the value.</param>
    public AwsOp<TResult> Bind<TResult>(Func<T, AwsOp<TResult>> f) =>
        new(async (p, ct) =>
        {
            var first = await RunAsync(p, ct).ConfigureAwait(false);
            return first.TryGetRight(out var value, out var error)
                ? await f(value).RunAsync(p, ct).ConfigureAwait(false)
                : Left<DomainError, TResult>(error);
        });

    /// <summary>Applies <paramref name="f"/> to the error of a Left; a Right stays as it is.</summary>
    /// <param name="f">The function.</param>
    public AwsOp<T> MapLeft(Func<DomainError, DomainError> f) =>
        new(async (p, ct) => (await RunAsync(p, ct).ConfigureAwait(false)).MapLeft(f));

    /// <summary>
    /// Recovers from the errors <paramref name="when"/> picks by running the operation <paramref name="recover"/>
    /// makes of them; other errors stay.
    /// </summary>
    /// <param name="when">Which errors to recover from.</param>
    /// <param name="recover">The operation to run instead.</param>
    public AwsOp<T> Catch(Func<DomainError, bool> when, Func<DomainError, AwsOp<T>> recover) =>
        new(async (p, ct) =>
        {
            var result = await RunAsync(p, ct).ConfigureAwait(false);
            return result.ErrorOrNull() is { } error && when(error)
                ? await recover(error).RunAsync(p, ct).ConfigureAwait(false)
                : result;
        });

    /// <summary>Recovers from one case of error, for example
    /// <c>op.Catch&lt;DomainError.BucketDoesNotExist&gt;(_ =&gt; AwsOp.Right(0))</c>; other errors stay.</summary>
    /// <typeparam name="TError">The case to recover from.</typeparam>
    /// <param name="recover">The operation to run instead.</param>
    public AwsOp<T> Catch<TError>(Func<TError, AwsOp<T>> recover) where TError : DomainError =>
        Catch(error => error is TError, error => recover((TError)error));

    /// <summary>Runs <paramref name="fallback"/> when this operation fails with an error
    /// <paramref name="when"/> picks.</summary>
    /// <param name="when">Which errors to fall back on.</param>
    /// <param name="fallback">The operation to run instead.</param>
    public AwsOp<T> OrElse(Func<DomainError, bool> when, AwsOp<T> fallback) => Catch(when, _ => fallback);

    /// <summary>Runs <paramref name="fallback"/> when this operation fails, unless it was cancelled (a cancellation
    /// is never recovered from).</summary>
    /// <param name="fallback">The operation to run instead.</param>
    public AwsOp<T> OrElse(AwsOp<T> fallback) => OrElse(error => error is not DomainError.Cancelled, fallback);

    /// <summary>The name errors raised by the operation itself (not by its calls) give it.</summary>
    internal const string OperationName = "operation";

    private static DomainError Failed(string what, Exception? e) =>
        DomainError.NewUnexpected(AwsErrorDetails.Of("", OperationName, "", $"the operation {what}", 0, ""), e);
}

/// <summary>Builds operations (<see cref="AwsOp{T}"/>) and combines lists of them.</summary>
public static partial class AwsOp
{
    /// <summary>An operation that runs <paramref name="run"/> each time it is run: the way to make any
    /// <c>Task&lt;Either&gt;</c> call an operation, for example
    /// <c>AwsOp.Of((p, ct) =&gt; S3Interactions.GetBucketStatusAsync("logs", p, ct))</c>.</summary>
    /// <typeparam name="T">What the operation yields.</typeparam>
    /// <param name="run">The work, given the provider and the token at each run.</param>
    public static AwsOp<T> Of<T>(Func<IAwsClientProvider, CancellationToken, Task<Either<DomainError, T>>> run) =>
        run is null
            ? Left<T>(DomainError.NewInvalidInput("run", "is required"))
            : new AwsOp<T>(run);

    /// <summary>An operation that yields <paramref name="value"/> and sends nothing.</summary>
    /// <typeparam name="T">What the operation yields.</typeparam>
    /// <param name="value">The value (not null).</param>
    public static AwsOp<T> Right<T>(T value) =>
        value is null
            ? Left<T>(DomainError.NewInvalidInput("value", "must not be null"))
            : new AwsOp<T>((_, _) => Task.FromResult(Either<DomainError, T>.Right(value)));

    /// <summary>An operation that fails with <paramref name="error"/> and sends nothing.</summary>
    /// <typeparam name="T">What the operation would yield.</typeparam>
    /// <param name="error">The error.</param>
    public static AwsOp<T> Left<T>(DomainError error)
    {
        var left = error ?? DomainError.NewInvalidInput("error", "must not be null");
        return new AwsOp<T>((_, _) => Task.FromResult(Either<DomainError, T>.Left(left)));
    }

    /// <summary>An operation that yields an <c>Either</c> already known (an input check, say) and sends nothing.</summary>
    /// <typeparam name="T">What the operation yields.</typeparam>
    /// <param name="either">The result.</param>
    public static AwsOp<T> FromEither<T>(Either<DomainError, T> either) =>
        new((_, _) => Task.FromResult(either));
}
