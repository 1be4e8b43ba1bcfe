using System.Diagnostics;
using AwsAio.Core;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace AwsAio;

/// <summary>Trying a whole operation again.</summary>
public sealed partial class AwsOp<T>
{
    /// <summary>
    /// Runs the whole operation again while it fails with an error that may go away by itself (throttled,
    /// transient, transport; never one of unknown outcome, never a cancellation), as the core's
    /// <see cref="RetrySchedule"/> decides from <paramref name="policy"/>: at most its attempts, exponential waits with
    /// jitter up to its cap, and no wait that would end past its overall deadline (an attempt still running when the
    /// deadline passes is ended, as <see cref="Timeout"/> ends it). The answer is the first success or the last error.
    /// The caller cancelling stops it at once, waits included. Each retry is logged (Information) through the
    /// provider's logger. An invalid policy is an <c>InvalidInput</c> Left, and nothing is sent.
    /// </summary>
    /// <param name="policy">The attempts, delays and deadline; <see cref="Backoff.Default"/> when null.</param>
    public AwsOp<T> Retry(Backoff? policy = null)
    {
        var rules = policy ?? Backoff.Default;
        var check = RetrySchedule.Check(rules);
        if (check.IsError) return AwsOp.Left<T>(check.ErrorValue);
        var loop = new AwsOp<T>((p, ct) => RetryLoopAsync(rules, p, ct));
        return rules.Deadline is { } deadline ? loop.Timeout(deadline) : loop;
    }

    private async Task<Either<DomainError, T>> RetryLoopAsync(Backoff rules, IAwsClientProvider provider, CancellationToken ct)
    {
        var logger = CallSettings.Of(provider).Logger;
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var result = await RunAsync(provider, ct).ConfigureAwait(false);
            if (result.ErrorOrNull() is not { } error) return result;

            var decision = RetrySchedule.Next(rules, attempt, Stopwatch.GetElapsedTime(started), error, Random.Shared.NextDouble());
            if (decision is not RetryDecision.RetryAfter { Delay: var wait })
            {
                if (attempt > 1)
                {
                    logger.LogInformation("Gave up after {Attempts} attempts ({Reason}): {Error}", attempt,
                        ((RetryDecision.GiveUp)decision).Reason, error.ToString());
                }

                return error;
            }

            logger.LogInformation("Attempt {Attempt} of {MaxAttempts} failed, retrying in {DelayMs} ms: {Error}", attempt,
                rules.MaxAttempts, (long)wait.TotalMilliseconds, error.ToString());
            try
            {
                await Task.Delay(wait, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return DomainError.NewCancelled(error.ErrorDetails.Operation is { Length: > 0 } operation ? operation : OperationName);
            }
        }
    }
}
