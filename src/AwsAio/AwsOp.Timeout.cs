using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>Bounding an operation in time.</summary>
public sealed partial class AwsOp<T>
{
    /// <summary>How long an operation cancelled by its deadline has to stop before it is abandoned.</summary>
    internal static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Bounds the whole operation (every call it makes, and any waits between them) by <paramref name="span"/>. When
    /// the span passes, the operation's calls are cancelled and the answer is a <c>Timeout</c> Left — never an
    /// exception. A change whose request had already left when the span passed is <c>OutcomeUnknown</c>, as the
    /// call deadline reports it; and an operation that ignores cancellation for a further second is abandoned with
    /// <c>OutcomeUnknown</c> (it may still be running). The caller cancelling is still <c>Cancelled</c>.
    /// </summary>
    /// <param name="span">The bound (1 ms to 24 hours).</param>
    public AwsOp<T> Timeout(TimeSpan span) =>
        new(async (p, ct) =>
        {
            if (Validate.Timeout(span) is { IsError: true } invalid) return invalid.ErrorValue;
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timer.CancelAfter(span);
            Task<Either<DomainError, T>> running;
            using (OpDeadline.Enter(timer, ct))
            {
                running = RunAsync(p, timer.Token);
            }

            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (timer.Token.Register(() => ended.TrySetResult()))
            {
                if (await Task.WhenAny(running, ended.Task).ConfigureAwait(false) == running)
                {
                    return Late(await running.ConfigureAwait(false), span, timer, ct);
                }
            }

            // The span passed (or the caller cancelled): give the operation a moment to answer for itself.
            if (await Task.WhenAny(running, Task.Delay(AbandonAfter, CancellationToken.None)).ConfigureAwait(false) == running)
            {
                return Late(await running.ConfigureAwait(false), span, timer, ct);
            }

            return ct.IsCancellationRequested
                ? DomainError.NewCancelled(OperationName)
                : DomainError.NewOutcomeUnknown(TimedOut(span, "and did not stop when cancelled"), "");
        });

    /// <summary>An answer given once the deadline may have passed: a cancellation the deadline caused is a timeout.</summary>
    private static Either<DomainError, T> Late(
        Either<DomainError, T> result, TimeSpan span, CancellationTokenSource timer, CancellationToken ct) =>
        timer.IsCancellationRequested && !ct.IsCancellationRequested
            ? result.MapLeft(error => error is DomainError.Cancelled ? TimedOut(span, "") : error)
            : result;

    private static DomainError TimedOut(TimeSpan span, string more) =>
        DomainError.NewTimeout(AwsErrorDetails.Of("", OperationName, "",
            $"the operation did not finish within {span.TotalMilliseconds:0.###} ms{(more.Length > 0 ? " " + more : "")}", 0, ""));
}
