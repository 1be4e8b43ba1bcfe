using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>
/// Any AWS SDK call under AwsAio's rules, for services and operations AwsAio does not wrap: a cancelled token is
/// answered before anything is sent; the call is bounded by the provider's call deadline; an exception becomes the
/// error's facts (code, HTTP status, request id, headers), which the core maps to a <see cref="DomainError"/> naming
/// the service, the operation and the resource; one Debug line is logged. Exactly what the built-in wrappers do, because
/// they run through the same code. Get the client with <see cref="IAwsClientProvider.Client{TClient, TConfig}"/> so it
/// shares the provider's credentials and settings.
/// </summary>
/// <example><code>
/// AwsSdk.CallAsync(CallInfo.Of("SQS", "SendMessage", ErrorTarget.Of(queueUrl)).Mutating(),
///     ct =&gt; Sqs(provider).SendMessageAsync(queueUrl, body, ct), provider, ct)
/// </code></example>
public static class AwsSdk
{
    /// <summary>Runs one SDK call; never throws. Mark a call that changes something with
    /// <c>CallInfo.Mutating()</c>, so that a lost answer is <c>OutcomeUnknown</c> rather than a retryable timeout.</summary>
    /// <typeparam name="TResponse">The SDK's response.</typeparam>
    /// <param name="call">The service, operation and resource (and whether it changes something, and its
    /// idempotency token).</param>
    /// <param name="sdk">The SDK call, given the token that carries the caller's cancellation and the deadline.</param>
    /// <param name="provider">Supplies the call settings (deadline, logger).</param>
    /// <param name="ct">Cancels the call.</param>
    public static Task<Either<DomainError, TResponse>> CallAsync<TResponse>(
        CallInfo call, Func<CancellationToken, Task<TResponse>> sdk, IAwsClientProvider provider, CancellationToken ct = default)
    {
        var invalid = Inputs.Check(provider,
            call is null ? DomainError.NewInvalidInput("call", "is required") : null,
            sdk is null ? DomainError.NewInvalidInput("sdk", "is required") : null);
        return invalid is not null
            ? Task.FromResult(Left<DomainError, TResponse>(invalid))
            : AwsCall.RunAsync(provider, call!, sdk!, ct);
    }

    /// <summary>The same call as an operation: nothing is sent until it runs, and each run calls again.</summary>
    /// <typeparam name="TResponse">The SDK's response.</typeparam>
    /// <param name="call">The service, operation and resource.</param>
    /// <param name="sdk">The SDK call, given the provider the operation runs with and the token.</param>
    public static AwsOp<TResponse> Call<TResponse>(CallInfo call, Func<IAwsClientProvider, CancellationToken, Task<TResponse>> sdk) =>
        AwsOp.Of((provider, ct) => CallAsync(call, c => sdk(provider, c), provider, ct));
}
