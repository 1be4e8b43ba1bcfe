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
            var fetched = await fetch(state.RequestToken, ct).ConfigureAwait(false);
            var (step, end) = Advance(state, fetched, operation);
            if (step is { Deliver.Count: > 0 })
            {
                yield return new PageEvent<T>(step.Deliver, null, null);
            }

            if (end is not null)
            {
                if (end.Failure is not null)
                {
                    yield return end;
                }

                yield break;
            }

            state = step!.State;
        }
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
