using AwsAio.Core;
using LanguageExt;

namespace AwsAio;

/// <summary>What one operation gave in one target of <see cref="AwsOp{T}.RunAcrossAsync"/>.</summary>
/// <typeparam name="T">What the operation yields.</typeparam>
/// <param name="Index">The target's position in the list given.</param>
/// <param name="Target">The target.</param>
/// <param name="Result">The target's own result.</param>
public sealed record TargetResult<T>(int Index, AwsTarget Target, Either<DomainError, T> Result);

/// <summary>Running one operation in many accounts and regions.</summary>
public sealed partial class AwsOp<T>
{
    /// <summary>
    /// Runs the operation once in each target (<see cref="IAwsClientProvider.For"/> of <paramref name="provider"/>),
    /// at most <paramref name="maxConcurrency"/> at a time, and gives every target's own result in the targets' order:
    /// one failing account never hides the others. A target that is not valid gets its <c>InvalidInput</c>; when the
    /// caller cancels, targets not yet started get <c>Cancelled</c> and those in flight are cancelled. Never throws.
    /// Each role is assumed once, whatever the number of regions and operations (the provider caches the targets), and
    /// the credentials of the targets one round ahead are fetched while this round runs, so that STS's latency overlaps
    /// the work: those AssumeRole calls (one per role) are the only requests made outside the bound.
    /// </summary>
    /// <param name="targets">The accounts and/or regions (enumerated once).</param>
    /// <param name="provider">The provider the targets are relative to.</param>
    /// <param name="maxConcurrency">The most targets in flight at once (1 to 1024); every target gets
    /// <c>InvalidInput</c> when it is out of bounds.</param>
    /// <param name="progress">Told each target's result as it finishes (in completion order), or null.</param>
    /// <param name="ct">Cancels the fan-out.</param>
    public async Task<IReadOnlyList<TargetResult<T>>> RunAcrossAsync(
        IEnumerable<AwsTarget> targets, IAwsClientProvider provider, int maxConcurrency,
        IProgress<TargetResult<T>>? progress = null, CancellationToken ct = default)
    {
        var all = targets?.ToArray() ?? [];
        var results = new TargetResult<T>[all.Length];
        var refused = provider is null
            ? DomainError.NewInvalidInput("provider", "is required")
            : AwsOp.CheckConcurrency(maxConcurrency);
        if (refused is not null)
        {
            for (var i = 0; i < all.Length; i++) results[i] = Report(new TargetResult<T>(i, all[i], refused), progress);
            return results;
        }

        var next = -1;

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < all.Length)
            {
                // The target that will start one round later gets its role's credentials fetched now, so that STS's
                // latency overlaps this round's work instead of adding to the next.
                if (i + maxConcurrency < all.Length && !ct.IsCancellationRequested) Warm(all[i + maxConcurrency], provider!);
                var result = ct.IsCancellationRequested
                    ? DomainError.NewCancelled(OperationName)
                    : await InTargetAsync(all[i], provider!, ct).ConfigureAwait(false);
                results[i] = Report(new TargetResult<T>(i, all[i], result), progress);
            }
        }

        var workers = Enumerable.Range(0, Math.Min(maxConcurrency, all.Length)).Select(_ => Task.Run(Worker, CancellationToken.None));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return results;
    }

    private async Task<Either<DomainError, T>> InTargetAsync(AwsTarget target, IAwsClientProvider provider, CancellationToken ct)
    {
        Either<DomainError, IAwsClientProvider> found;
        try
        {
            found = target is null ? DomainError.NewInvalidInput("target", "is required") : provider.For(target);
        }
        catch (Exception e)
        {
            // A provider of the caller's own making may throw; that is its target's error, not the fan-out's.
            return DomainError.NewUnexpected(AwsErrorDetails.Of("", OperationName, "", $"the provider threw {e.GetType().Name} for a target", 0, ""), e);
        }

        if (found.IsBottom) return DomainError.NewInvalidInput("target", "the provider gave no provider for it");
        if (!found.TryGetRight(out var there, out var error)) return error;

        // Held for the whole operation, so that the target's clients are not evicted half-way.
        using var lease = (there as TargetProvider)?.Lease();
        return await RunAsync(there, ct).ConfigureAwait(false);
    }

    /// <summary>Starts fetching a target's role credentials ahead of its turn; a target that is not valid, or a
    /// provider that is not AwsAio's, is simply not warmed (its turn reports whatever is wrong).</summary>
    private static void Warm(AwsTarget target, IAwsClientProvider provider)
    {
        try
        {
            if (target is not null && provider.For(target) is var found && !found.IsBottom
                && found.TryGetRight(out var there, out _) && there is TargetProvider handle)
            {
                handle.Warm();
            }
        }
        catch (Exception)
        {
            // Warming is an optimisation: whatever goes wrong here, the target's own turn meets and reports it.
        }
    }

    private static TargetResult<T> Report(TargetResult<T> result, IProgress<TargetResult<T>>? progress)
    {
        progress?.Report(result);
        return result;
    }
}
