using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>Lists of operations: one after another, or several at a time within a bound.</summary>
public static partial class AwsOp
{
    /// <summary>Runs the operations one after another and yields their values in order; the first Left stops the
    /// run (later operations are not run) and is the answer.</summary>
    /// <typeparam name="T">What each operation yields.</typeparam>
    /// <param name="ops">The operations (enumerated each time the result runs).</param>
    public static AwsOp<Seq<T>> Sequence<T>(IEnumerable<AwsOp<T>> ops) => Traverse(ops, op => op);

    /// <summary>Makes an operation of each item with <paramref name="f"/> and runs them one after another, as
    /// <see cref="Sequence{T}"/> does.</summary>
    /// <typeparam name="TItem">The items.</typeparam>
    /// <typeparam name="T">What each operation yields.</typeparam>
    /// <param name="items">The items (enumerated each time the result runs).</param>
    /// <param name="f">Makes an item's operation.</param>
    public static AwsOp<Seq<T>> Traverse<TItem, T>(IEnumerable<TItem> items, Func<TItem, AwsOp<T>> f) =>
        new(async (p, ct) =>
        {
            if (items is null) return DomainError.NewInvalidInput("items", "are required");
            var values = new List<T>();
            foreach (var item in items)
            {
                var result = await f(item).RunAsync(p, ct).ConfigureAwait(false);
                if (!result.TryGetRight(out var value, out var error)) return error;
                values.Add(value);
            }

            return toSeq(values);
        });

    /// <summary>
    /// Runs the operations with at most <paramref name="maxConcurrency"/> in flight and yields their values in the
    /// operations' order. The first failure to happen is the answer: no further operation starts, and those in
    /// flight are cancelled. With a bound of 1 it is <see cref="Sequence{T}"/>.
    /// </summary>
    /// <typeparam name="T">What each operation yields.</typeparam>
    /// <param name="ops">The operations (enumerated each time the result runs).</param>
    /// <param name="maxConcurrency">The most operations in flight at once (1 to 1024).</param>
    public static AwsOp<Seq<T>> SequenceParallel<T>(IEnumerable<AwsOp<T>> ops, int maxConcurrency) =>
        TraverseParallel(ops, op => op, maxConcurrency);

    /// <summary>Makes an operation of each item with <paramref name="f"/> and runs them as
    /// <see cref="SequenceParallel{T}"/> does.</summary>
    /// <typeparam name="TItem">The items.</typeparam>
    /// <typeparam name="T">What each operation yields.</typeparam>
    /// <param name="items">The items (enumerated each time the result runs).</param>
    /// <param name="f">Makes an item's operation.</param>
    /// <param name="maxConcurrency">The most operations in flight at once (1 to 1024).</param>
    public static AwsOp<Seq<T>> TraverseParallel<TItem, T>(IEnumerable<TItem> items, Func<TItem, AwsOp<T>> f, int maxConcurrency) =>
        new(async (p, ct) =>
        {
            if (items is null) return DomainError.NewInvalidInput("items", "are required");
            if (CheckConcurrency(maxConcurrency) is { } invalid) return invalid;
            var all = items.ToArray();
            var values = new T[all.Length];
            DomainError? firstFailure = null;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var next = -1;

            async Task Worker()
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < all.Length && Volatile.Read(ref firstFailure) is null)
                {
                    var result = await f(all[i]).RunAsync(p, stop.Token).ConfigureAwait(false);
                    if (result.TryGetRight(out var value, out var error))
                    {
                        values[i] = value;
                    }
                    else if (Interlocked.CompareExchange(ref firstFailure, error, null) is null)
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Math.Min(maxConcurrency, all.Length)).Select(_ => Task.Run(Worker, CancellationToken.None)))
                .ConfigureAwait(false);
            return firstFailure is { } failure ? Left<DomainError, Seq<T>>(failure) : toSeq(values);
        });

    /// <summary>The largest concurrency bound an operation accepts.</summary>
    public const int MaxConcurrency = 1024;

    /// <summary>The bound's problem, or null when it is 1 to <see cref="MaxConcurrency"/>.</summary>
    internal static DomainError? CheckConcurrency(int maxConcurrency) =>
        maxConcurrency is < 1 or > MaxConcurrency
            ? DomainError.NewInvalidInput("max concurrency", $"must be 1 to {MaxConcurrency} (was {maxConcurrency})")
            : null;
}
