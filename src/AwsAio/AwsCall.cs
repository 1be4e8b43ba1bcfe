using System.Diagnostics;
using Amazon.Runtime;
using AwsAio.Core;
using LanguageExt;
using Microsoft.Extensions.Logging;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>
/// The one place the shell turns an SDK call into <c>Either</c>: it bounds the call by the provider's deadline, hands
/// the SDK's exceptions to the core as raw facts (the core decides what they mean, once), and logs one Debug line.
/// </summary>
internal static class AwsCall
{
    /// <summary>Runs one SDK call; never throws. Every failure is a Left, whatever the core says it means.</summary>
    /// <param name="provider">Supplies the call settings (deadline, logger); the call itself gets its client from it.</param>
    /// <param name="call">What is called, about what.</param>
    /// <param name="sdk">The SDK call, given the token that carries the caller's cancellation and the deadline.</param>
    /// <param name="ct">The caller's cancellation.</param>
    internal static async Task<Either<DomainError, T>> RunAsync<T>(
        IAwsClientProvider provider, CallInfo call, Func<CancellationToken, Task<T>> sdk, CancellationToken ct)
    {
        var outcome = await RunStepAsync(provider, call, sdk, ct).ConfigureAwait(false);
        return outcome.MapLeft(failure => failure.Error);
    }

    /// <summary>
    /// Runs one SDK call made toward a goal; never throws. A failure comes back as the core's
    /// <see cref="FailureOutcome"/>: failed, goal already holds, or not supported by the store.
    /// </summary>
    /// <param name="provider">Supplies the call settings (deadline, logger); the call itself gets its client from it.</param>
    /// <param name="call">What is called, about what, toward which goal.</param>
    /// <param name="sdk">The SDK call, given the token that carries the caller's cancellation and the deadline.</param>
    /// <param name="ct">The caller's cancellation.</param>
    internal static Task<Either<FailureOutcome, T>> RunStepAsync<T>(
        IAwsClientProvider provider, CallInfo call, Func<CancellationToken, Task<T>> sdk, CancellationToken ct) =>
        RunStepAsync(CallSettings.Of(provider), provider as TargetProvider, call, sdk, ct);

    /// <summary>Runs one SDK call under the given settings (for code that runs below a provider, such as its refreshing
    /// credentials); never throws.</summary>
    /// <param name="settings">The deadline and logger.</param>
    /// <param name="call">What is called, about what.</param>
    /// <param name="sdk">The SDK call, given the token that carries the caller's cancellation and the deadline.</param>
    /// <param name="ct">The caller's cancellation.</param>
    internal static async Task<Either<DomainError, T>> RunAsync<T>(
        CallSettings settings, CallInfo call, Func<CancellationToken, Task<T>> sdk, CancellationToken ct)
    {
        var outcome = await RunStepAsync(settings, null, call, sdk, ct).ConfigureAwait(false);
        return outcome.MapLeft(failure => failure.Error);
    }

    private static async Task<Either<FailureOutcome, T>> RunStepAsync<T>(
        CallSettings settings, TargetProvider? target, CallInfo call, Func<CancellationToken, Task<T>> sdk, CancellationToken ct)
    {
        // A provider for another account or region keeps its clients while a call uses them.
        using var lease = target?.Lease();
        if (ct.IsCancellationRequested)
        {
            // An operation's deadline that passed before the call started is a timeout, and nothing was sent.
            return OpDeadline.Passed
                ? ErrorMapping.Classify(call, new FailureFacts(AwsErrorDetails.NoResponse(call.Service, call.Operation), "", "", null, false, true, false))
                : FailureOutcome.NewFailed(DomainError.NewCancelled(call.Operation));
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.Deadline);
        var started = Stopwatch.GetTimestamp();
        var context = new CallContext(deadline.Token, ServiceTables.AnswerIsDocument(call.Service, call.Operation))
        {
            RequestMayHaveLeft = !settings.HttpLayerTracksSends,
        };
        // Not restored by hand: a change an async method makes to the flow's context never reaches its caller (the
        // method's builder restores the caller's context), so the scope ends with this method.
        CallScope.Enter(context);
        try
        {
            var result = await sdk(deadline.Token).ConfigureAwait(false);
            if (result is null)
            {
                var none = FailureOutcome.NewFailed(DomainError.NewUnexpected(
                    AwsErrorDetails.Of(call.Service, call.Operation, "", "the SDK returned no response", 0, "").On(call.Target), null));
                Log(settings, call, started, none.Error.ToString(), "");
                return none;
            }

            Log(settings, call, started, "ok", (result as AmazonWebServiceResponse)?.ResponseMetadata?.RequestId ?? "");
            return Right<FailureOutcome, T>(result);
        }
        catch (Exception e)
        {
            // The caller's token also carries the deadlines of the operations around this call: one of those passing
            // is a deadline, not the caller cancelling.
            var operationDeadline = OpDeadline.Passed;
            var outcome = Classify(call, e, context, ct.IsCancellationRequested && !operationDeadline,
                (deadline.IsCancellationRequested && !ct.IsCancellationRequested) || operationDeadline);
            Log(settings, call, started, outcome.Error.ToString(), outcome.Error.ErrorDetails.RequestId);
            return outcome;
        }
    }

    /// <summary>
    /// The facts an exception carries, handed to the core: the error response if AWS answered (code, message, status,
    /// request id, and the headers that matter), else the exception chain with who ended the call. A failure of
    /// AwsAio's own credential objects is already a domain error and is returned as it is.
    /// </summary>
    /// <param name="call">The call that failed.</param>
    /// <param name="e">What the SDK or the call threw.</param>
    /// <param name="context">What the HTTP layer saw of the last error answer (headers the SDK does not expose).</param>
    /// <param name="cancellationRequested">Whether the caller cancelled.</param>
    /// <param name="deadlineExceeded">Whether the call deadline passed.</param>
    internal static FailureOutcome Classify(
        CallInfo call, Exception e, CallContext context, bool cancellationRequested, bool deadlineExceeded)
    {
        if (FindDecided(e) is { } decided && !cancellationRequested)
        {
            return FailureOutcome.NewFailed(decided);
        }

        var details = e is AmazonServiceException ase
            ? AwsErrorDetails.Of(call.Service, call.Operation, ase.ErrorCode ?? "", ase.Message ?? "", (int)ase.StatusCode, ase.RequestId ?? "")
            : AwsErrorDetails.NoResponse(call.Service, call.Operation);
        var facts = new FailureFacts(details, context.ErrorCodeHeader ?? "", context.BucketRegionHeader ?? "", e,
            cancellationRequested, deadlineExceeded, context.RequestMayHaveLeft);
        return ErrorMapping.Classify(call, facts);
    }

    private static void Log(CallSettings settings, CallInfo call, long started, string outcome, string requestId)
    {
        try
        {
            if (!settings.Logger.IsEnabled(LogLevel.Debug))
            {
                return;
            }

            settings.Logger.LogDebug(
                "{Service} {Operation} on {Resource} took {ElapsedMs} ms: {Outcome} (request id {RequestId})",
                call.Service, call.Operation, call.Target.ToString(), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                outcome, requestId.Length == 0 ? "none" : requestId);
        }
        catch (Exception)
        {
            // The caller's logger failing is not the call failing: the outcome stands, and nothing is thrown.
        }
    }

    /// <summary>A domain error already decided below the call (credentials, a local file), if the chain holds one.</summary>
    private static DomainError? FindDecided(Exception? e)
    {
        for (var depth = 0; e is not null && depth < 16; depth++, e = e.InnerException)
        {
            switch (e)
            {
                case CredentialsFailedException credentials:
                    return credentials.Error;
                case DecidedFailure decided:
                    return decided.Error;
            }
        }

        return null;
    }
}
