using System.Runtime.CompilerServices;
using AwsAio.Core;
using LanguageExt;

namespace AwsAio;

/// <summary>One event of a paged call: the items a page delivered, or the end of the run (a failure, with where to
/// resume, or a clean end when both are null).</summary>
/// <param name="Items">The items to hand to the caller (empty for the end).</param>
/// <param name="Failure">Why the run stopped early; null for items and for a completed run.</param>
/// <param name="Resume">Where to continue after a failure.</param>
internal sealed record PageEvent<T>(IReadOnlyList<T> Items, DomainError? Failure, ResumePoint? Resume);

/// <summary>One request of a paged run: the items it delivered, and the state for the next request, or the end of the
/// run (a failure with where to resume, or a clean end when its failure is null).</summary>
/// <param name="Items">The items to hand to the caller.</param>
/// <param name="Next">The state to request the next page in; null when the run is over.</param>
/// <param name="End">The end of the run; null when it goes on.</param>
internal readonly record struct PageTurn<T>(IReadOnlyList<T> Items, PagingState? Next, PageEvent<T>? End);

/// <summary>
/// A page's items made from the SDK's answer as they are read, not copied into an array first: a stream hands each one
/// on as it is made, and an accumulating call makes each one once, into its final array.
/// </summary>
/// <param name="source">The SDK's items (null reads as none).</param>
/// <param name="map">Makes the domain item from an SDK item.</param>
internal sealed class PageItems<TSource, T>(IReadOnlyList<TSource>? source, Func<TSource, T> map) : IReadOnlyList<T>
{
    /// <inheritdoc />
    public int Count => source?.Count ?? 0;

    /// <inheritdoc />
    public T this[int index] => source is null ? throw new ArgumentOutOfRangeException(nameof(index)) : map(source[index]);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The one driver behind every paged call (S3 listings, the destroy's version pages, EC2 descriptions): it asks for
/// pages with the tokens the core's step function chooses and stops where the core says, on the same conditions for
/// accumulating calls and for streams. The SDK's own paginators are not used: they mutate the request and have no
/// guard against a token that comes back.
/// </summary>
internal static class PageDriver
{
    /// <summary>Fetches the page answered to a token (null: the first page).</summary>
    internal delegate Task<Either<DomainError, Page<T>>> Fetch<T>(string? token, CancellationToken ct);

    /// <summary>Runs pages from <paramref name="start"/> until the core says stop; yields each page's items, then one
    /// end event only when the run stopped early (its failure and resume point).</summary>
    /// <param name="start">A fresh start or a resume point's state.</param>
    /// <param name="operation">The paged operation, named in pagination anomalies.</param>
    /// <param name="fetch">Fetches one page.</param>
    /// <param name="ct">Cancels the run (the next fetch returns Cancelled).</param>
    internal static async IAsyncEnumerable<PageEvent<T>> RunAsync<T>(
        PagingState start, string operation, Fetch<T> fetch, [EnumeratorCancellation] CancellationToken ct)
    {
        var state = start;
        while (true)
        {
            var turn = await TurnAsync(state, operation, fetch, ct).ConfigureAwait(false);
            if (turn.Items.Count > 0)
            {
                yield return new PageEvent<T>(turn.Items, null, null);
            }

            if (turn.End is { } end)
            {
                if (end.Failure is not null)
                {
                    yield return end;
                }

                yield break;
            }

            state = turn.Next!;
        }
    }

    /// <summary>One request of a run and what the core makes of it: the items to deliver, and either the state for the
    /// next request or the end of the run. The loop around it is the caller's, so that a stream is one iterator and an
    /// accumulating call none.</summary>
    /// <param name="state">The state to request the next page in.</param>
    /// <param name="operation">The paged operation, named in pagination anomalies.</param>
    /// <param name="fetch">Fetches one page.</param>
    /// <param name="ct">Cancels the request.</param>
    internal static async Task<PageTurn<T>> TurnAsync<T>(PagingState state, string operation, Fetch<T> fetch, CancellationToken ct)
    {
        var fetched = await fetch(state.RequestToken, ct).ConfigureAwait(false);
        var (step, end) = Advance(state, fetched, operation);
        return new PageTurn<T>(step?.Deliver ?? [], end is null ? step!.State : null, end);
    }

    /// <summary>Runs every page and gathers what they delivered into one array of exactly their number. Each page's
    /// domain items are made as the page arrives, so the SDK's answer for it can go at once (holding every SDK page to
    /// the end would keep objects far larger than the domain items); a run of one page hands back that page's array.</summary>
    /// <param name="start">A fresh start or a resume point's state.</param>
    /// <param name="operation">The paged operation, named in pagination anomalies.</param>
    /// <param name="fetch">Fetches one page.</param>
    /// <param name="ct">Cancels the run.</param>
    /// <returns>Every delivered item, and the end event when the run stopped early (null when it completed).</returns>
    internal static async Task<(T[] Items, PageEvent<T>? Stopped)> CollectAsync<T>(
        PagingState start, string operation, Fetch<T> fetch, CancellationToken ct)
    {
        T[]? first = null;
        List<T[]>? more = null;
        var total = 0;
        var state = start;
        while (true)
        {
            var turn = await TurnAsync(state, operation, fetch, ct).ConfigureAwait(false);
            if (turn.Items.Count > 0)
            {
                var page = Materialise(turn.Items);
                if (first is null) first = page;
                else (more ??= []).Add(page);
                total += page.Length;
            }

            if (turn.End is { } end)
            {
                T[] items;
                if (more is null)
                {
                    items = first ?? [];
                }
                else
                {
                    items = new T[total];
                    first!.CopyTo(items, 0);
                    var at = first.Length;
                    foreach (var page in more)
                    {
                        page.CopyTo(items, at);
                        at += page.Length;
                    }
                }

                return (items, end.Failure is null ? null : end);
            }

            state = turn.Next!;
        }
    }

    private static T[] Materialise<T>(IReadOnlyList<T> page)
    {
        if (page is T[] array) return array;
        var items = new T[page.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = page[i];
        }

        return items;
    }

    /// <summary>
    /// What one fetch means for the run: the core's step, and the end event when the run is over (kept out of the
    /// iterator so that every decision here is plain code).
    /// </summary>
    /// <param name="state">The state the page was requested in.</param>
    /// <param name="fetched">The page, or why it could not be had.</param>
    /// <param name="operation">The paged operation.</param>
    internal static (PageStep<T>? Step, PageEvent<T>? End) Advance<T>(
        PagingState state, Either<DomainError, Page<T>> fetched, string operation)
    {
        if (!fetched.TryGetRight(out var page, out var failure))
        {
            return (null, new PageEvent<T>([], failure, Pagination.FailedAt(state)));
        }

        var step = Pagination.Step(state, page);
        if (step.Decision.IsContinue)
        {
            return (step, null);
        }

        return step.Decision is PageDecision.Done { Outcome: PageRunOutcome.Interrupted stopped }
            ? (step, new PageEvent<T>([], DomainError.NewPaginationAnomaly(operation, stopped.Anomaly, stopped.Resume), stopped.Resume))
            : (step, new PageEvent<T>([], null, null));
    }
}
