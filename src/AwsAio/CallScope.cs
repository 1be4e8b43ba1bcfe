namespace AwsAio;

/// <summary>
/// What the call in progress shares with code below it on the same async flow: its token (caller's cancellation and
/// deadline) for code the SDK calls without a token of its own (the shared refreshing credentials, synchronous body
/// reads), and the headers of its last error answer, which the HTTP layer records because the SDK does not expose them.
/// </summary>
/// <param name="token">The call's token.</param>
/// <param name="answerIsDocument">Whether the answer is a document the SDK parses (read whole, asynchronously, before
/// parsing) rather than data the caller streams.</param>
internal sealed class CallContext(CancellationToken token, bool answerIsDocument = false)
{
    /// <summary>The call's token: the caller's cancellation and the deadline.</summary>
    internal CancellationToken Token { get; } = token;

    /// <summary>Whether the answer is a document to read whole before the SDK parses it (the SDK parses synchronously;
    /// a stalled synchronous read would hold a thread-pool thread).</summary>
    internal bool AnswerIsDocument { get; } = answerIsDocument;

    /// <summary>Whether a request of this call may have left this machine. It starts true (a client the HTTP layer does
    /// not see, such as a test double, may have sent anything); the HTTP layer sets it false when the call starts and
    /// true when it hands a request to the network.</summary>
    internal bool RequestMayHaveLeft { get; set; } = true;

    /// <summary>The <c>x-amz-error-code</c> header of the last error answer (body-less HEAD errors carry their code
    /// only there).</summary>
    internal string? ErrorCodeHeader { get; set; }

    /// <summary>The <c>x-amz-bucket-region</c> header of the last error answer (where S3 says a bucket lives).</summary>
    internal string? BucketRegionHeader { get; set; }
}

/// <summary>The call in progress on this async flow, if any.</summary>
internal static class CallScope
{
    private static readonly AsyncLocal<CallContext?> Current = new();

    /// <summary>The call in progress on this flow; null outside a call.</summary>
    internal static CallContext? Context => Current.Value;

    /// <summary>The token of the call in progress; none outside a call.</summary>
    internal static CancellationToken Token => Current.Value?.Token ?? CancellationToken.None;

    /// <summary>Marks the flow as inside <paramref name="context"/> until the scope is disposed.</summary>
    /// <param name="context">The call.</param>
    internal static Scope Enter(CallContext context)
    {
        var previous = Current.Value;
        Current.Value = context;
        return new Scope(previous);
    }

    /// <summary>Restores the enclosing call.</summary>
    /// <param name="Previous">The call to restore.</param>
    internal readonly record struct Scope(CallContext? Previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Current.Value = Previous;
    }
}
