namespace AwsAio.Core

open System

/// What a refreshing credential knows between two uses: when its credentials expire (if it has any) and how its
/// recent refresh attempts went.
type RefreshState =
    {
        /// When the current credentials expire; null when there are none yet.
        Expiry: Nullable<DateTimeOffset>
        /// How many refresh attempts in a row have failed (0 after a success).
        Failures: int
        /// When the last failed attempt ended; meaningful only when <c>Failures</c> &gt; 0.
        FailedAt: DateTimeOffset
    }

    /// No credentials yet and no failure.
    static member Initial = { Expiry = Nullable(); Failures = 0; FailedAt = DateTimeOffset.MinValue }

/// What a caller of a refreshing credential does now.
type RefreshDecision =
    /// Use the current credentials.
    | UseCurrent = 0
    /// Use the current credentials, and start one refresh in the background (they are near expiry).
    | UseCurrentAndRefresh = 1
    /// Wait for a refresh: there are no usable credentials (one attempt serves every waiting caller).
    | MustRefresh = 2
    /// Fail at once with the last failure: a refresh failed moments ago and the back-off has not passed, so a broken
    /// STS sees a bounded number of calls.
    | FailWithLastError = 3

/// The rules behind credentials: what a complete STS answer is, when to refresh, and how long to back off after a
/// failed refresh.
[<RequireQualifiedAccess>]
module CredentialRules =

    /// The SDK treats the last minute before expiry as expired (clock skew); so do these rules.
    let ExpiryMargin = TimeSpan.FromMinutes 1.0

    /// The first back-off after a failed refresh; it doubles with each further failure.
    let BackoffBase = TimeSpan.FromSeconds 1.0

    /// The longest back-off.
    let BackoffCap = TimeSpan.FromSeconds 30.0

    /// Whether STS answered with everything temporary credentials need: key id, secret, session token and expiry.
    /// A partial answer is a failure to assume, never credentials that fail later.
    /// <example><code>CredentialRules.isComplete ("ASIA…", "secret", null, Nullable DateTime.UtcNow) = false</code></example>
    [<CompiledName("IsComplete")>]
    let isComplete (accessKeyId: string | null, secretAccessKey: string | null, sessionToken: string | null,
                    expiration: Nullable<DateTime>) : bool =
        not (String.IsNullOrEmpty accessKeyId) && not (String.IsNullOrEmpty secretAccessKey)
        && not (String.IsNullOrEmpty sessionToken) && expiration.HasValue

    /// How long to answer with the remembered failure after <paramref name="failures"/> failures in a row:
    /// 1 s, 2 s, 4 s, … at most 30 s; zero when nothing failed.
    /// <example><code>CredentialRules.backoff 3 = TimeSpan.FromSeconds 4.0</code></example>
    [<CompiledName("Backoff")>]
    let backoff (failures: int) : TimeSpan =
        if failures <= 0 then TimeSpan.Zero
        else
            let doublings = min (failures - 1) 16
            let ticks = BackoffBase.Ticks * (1L <<< doublings)
            if ticks > BackoffCap.Ticks then BackoffCap else TimeSpan.FromTicks ticks

    /// What a caller does at <paramref name="now"/>: credentials valid beyond the refresh window are used;
    /// inside the window they are used while one background refresh starts (unless a refresh failed within its
    /// back-off); expired or absent credentials need a refresh, unless one failed within its back-off, in which case
    /// the caller fails at once with that failure.
    /// <example><code>CredentialRules.decide (now, RefreshState.Initial, TimeSpan.FromMinutes 5.0) = RefreshDecision.MustRefresh</code></example>
    [<CompiledName("Decide")>]
    let decide (now: DateTimeOffset, state: RefreshState, refreshWindow: TimeSpan) : RefreshDecision =
        let backingOff = state.Failures > 0 && now < state.FailedAt + backoff state.Failures
        let usable = state.Expiry.HasValue && now < state.Expiry.Value - ExpiryMargin
        let fresh = state.Expiry.HasValue && now < state.Expiry.Value - ExpiryMargin - refreshWindow
        if fresh then RefreshDecision.UseCurrent
        elif usable then (if backingOff then RefreshDecision.UseCurrent else RefreshDecision.UseCurrentAndRefresh)
        elif backingOff then RefreshDecision.FailWithLastError
        else RefreshDecision.MustRefresh

    /// The state after a successful refresh.
    [<CompiledName("Succeeded")>]
    let succeeded (expiry: DateTimeOffset) : RefreshState = { Expiry = Nullable expiry; Failures = 0; FailedAt = DateTimeOffset.MinValue }

    /// The state after a failed refresh at <paramref name="now"/> (the current credentials, if any, are kept).
    [<CompiledName("Failed")>]
    let failed (state: RefreshState, now: DateTimeOffset) : RefreshState =
        { state with Failures = state.Failures + 1; FailedAt = now }

    let private exitValue = System.Text.RegularExpressions.Regex(@"exit (?:value|code) (-?\d{1,10})", System.Text.RegularExpressions.RegexOptions.CultureInvariant)

    /// The error for a profile whose <c>credential_process</c> failed: that it failed, and its exit code when the
    /// failure names one — never what the process printed, which may be a secret. <paramref name="failureText"/> is
    /// read only for the exit code.
    /// <example><code>CredentialRules.processFailed ("dev", "Command returned non-zero exit value 3 with the error - s3cr3t") // exit code 3, no text</code></example>
    [<CompiledName("ProcessFailed")>]
    let processFailed (profile: string, failureText: string | null) : DomainError =
        let exitCode =
            match failureText with
            | null -> None
            | text ->
                let m = exitValue.Match text
                if m.Success then Some m.Groups.[1].Value else None
        let reason =
            match exitCode with
            | Some code -> $"its credential_process failed with exit code {code} (its output is not shown: it may hold secrets)"
            | None -> "its credential_process failed (its output is not shown: it may hold secrets)"
        CredentialsUnavailable($"profile '{profile}'", reason, AwsErrorDetails.NoResponse("", ""))
