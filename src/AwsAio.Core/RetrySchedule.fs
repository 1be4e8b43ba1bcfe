namespace AwsAio.Core

open System

/// How a whole operation is tried again (the retry policy of <c>AwsOp.Retry</c>): at most <c>MaxAttempts</c> attempts, waiting between them an exponentially
/// growing delay (<c>BaseDelay</c>, doubled per attempt, never more than <c>MaxDelay</c>) shortened by up to
/// <c>Jitter</c> of itself at random, and never starting a wait that would end past <c>Deadline</c> (counted from the
/// first attempt). Only errors that may succeed when simply tried again are retried, and never one whose outcome is
/// unknown.
type Backoff =
    {
        /// How many attempts in all, the first included (1 to 100; 1 means no retry).
        MaxAttempts: int
        /// The delay after the first failed attempt, before jitter (0 to 1 hour).
        BaseDelay: TimeSpan
        /// The cap on any one delay (at least <c>BaseDelay</c>, at most 1 hour).
        MaxDelay: TimeSpan
        /// The fraction of each delay taken off at random (0 to 1): 0 waits the full delay, 1 anything from nothing
        /// to the full delay ("full jitter").
        Jitter: float
        /// The overall deadline from the first attempt (1 ms to 24 hours); null for none.
        Deadline: Nullable<TimeSpan>
    }

    /// Three attempts, 200 ms then 400 ms (each up to half shorter at random), no delay above 5 s, no deadline.
    static member Default =
        { MaxAttempts = 3; BaseDelay = TimeSpan.FromMilliseconds 200.0; MaxDelay = TimeSpan.FromSeconds 5.0
          Jitter = 0.5; Deadline = Nullable() }

    /// A policy of <paramref name="maxAttempts"/> attempts with exponential delays from
    /// <paramref name="baseDelay"/> up to <paramref name="maxDelay"/>, half jitter, and no overall deadline (add one
    /// with <c>WithDeadline</c>).
    /// <example><code>Backoff.Exponential(5, TimeSpan.FromMilliseconds 100.0, TimeSpan.FromSeconds 2.0)</code></example>
    static member Exponential(maxAttempts: int, baseDelay: TimeSpan, maxDelay: TimeSpan) =
        { Backoff.Default with MaxAttempts = maxAttempts; BaseDelay = baseDelay; MaxDelay = maxDelay }

    /// The same policy with an overall deadline.
    member this.WithDeadline(deadline: TimeSpan) = { this with Deadline = Nullable deadline }

    /// The same policy with another jitter fraction.
    member this.WithJitter(jitter: float) = { this with Jitter = jitter }

    /// The same policy with another number of attempts.
    member this.WithMaxAttempts(maxAttempts: int) = { this with MaxAttempts = maxAttempts }

/// Why a retrying operation stops with the error it has.
type RetryStop =
    /// The error would not go away by trying again (not found, denied, invalid, cancelled, …).
    | NotRetryable = 0
    /// A change may or may not have taken effect: repeating it blindly could do it twice.
    | OutcomeUnknown = 1
    /// Every attempt the policy allows has been made.
    | AttemptsExhausted = 2
    /// The next attempt could not start before the overall deadline.
    | DeadlineReached = 3

/// What a retrying operation does after a failed attempt.
[<NoComparison>]
type RetryDecision =
    /// Wait this long, then try again.
    | RetryAfter of Delay: TimeSpan
    /// Give up, and answer with the error of the last attempt.
    | GiveUp of Reason: RetryStop

/// The retry schedule: a pure function from a policy, the attempts made, the time spent and the last error (and a
/// random sample for the jitter) to the next step.
[<RequireQualifiedAccess>]
module RetrySchedule =

    /// The most attempts a policy may ask for.
    [<Literal>]
    let MaxAttemptsLimit = 100

    /// The longest delay a policy may name.
    let MaxDelayLimit = TimeSpan.FromHours 1.0

    /// The longest overall deadline a policy may name.
    let DeadlineLimit = TimeSpan.FromHours 24.0

    let private invalid rule = Some(InvalidInput("retry policy", rule))

    /// The policy if it makes sense, else the first problem as <c>InvalidInput</c>.
    /// <example><code>RetrySchedule.check { Backoff.Default with MaxAttempts = 0 } |> Result.isError = true</code></example>
    [<CompiledName("Check")>]
    let check (policy: Backoff) : Result<Backoff, DomainError> =
        let problem =
            if isNull (box policy) then invalid "is required"
            elif policy.MaxAttempts < 1 || policy.MaxAttempts > MaxAttemptsLimit then
                invalid $"max attempts must be 1 to {MaxAttemptsLimit} (was {policy.MaxAttempts})"
            elif policy.BaseDelay < TimeSpan.Zero || policy.BaseDelay > MaxDelayLimit then
                invalid $"base delay must be from 0 to {MaxDelayLimit} (was {policy.BaseDelay})"
            elif policy.MaxDelay < policy.BaseDelay || policy.MaxDelay > MaxDelayLimit then
                invalid $"max delay must be from the base delay to {MaxDelayLimit} (was {policy.MaxDelay})"
            elif Double.IsNaN policy.Jitter || policy.Jitter < 0.0 || policy.Jitter > 1.0 then
                invalid $"jitter must be from 0 to 1 (was {policy.Jitter})"
            elif policy.Deadline.HasValue
                 && (policy.Deadline.Value < TimeSpan.FromMilliseconds 1.0 || policy.Deadline.Value > DeadlineLimit) then
                invalid $"deadline must be from 1 ms to {DeadlineLimit} (was {policy.Deadline.Value})"
            else None
        match problem with
        | Some error -> Error error
        | None -> Ok policy

    /// The longest delay after attempt <paramref name="attempt"/> (1 for the first): the base delay doubled
    /// <c>attempt - 1</c> times, never above the cap.
    /// <example><code>RetrySchedule.ceiling ({ Backoff.Default with BaseDelay = TimeSpan.FromSeconds 1.0 }, 3) = TimeSpan.FromSeconds 4.0</code></example>
    [<CompiledName("Ceiling")>]
    let ceiling (policy: Backoff, attempt: int) : TimeSpan =
        let cap = max 0L policy.MaxDelay.Ticks
        let baseTicks = min cap (max 0L policy.BaseDelay.Ticks)
        let doublings = min (max 0 (attempt - 1)) 62
        // Doubling past the cap is the cap, checked before shifting so that nothing overflows.
        if baseTicks = 0L then TimeSpan.Zero
        elif baseTicks > (cap >>> doublings) then TimeSpan.FromTicks cap
        else TimeSpan.FromTicks(min cap (baseTicks <<< doublings))

    let private jitterOf (policy: Backoff) =
        if Double.IsNaN policy.Jitter then 0.0 else Math.Clamp(policy.Jitter, 0.0, 1.0)

    /// The shortest delay after attempt <paramref name="attempt"/>: the ceiling less the whole jitter fraction.
    [<CompiledName("Floor")>]
    let floor (policy: Backoff, attempt: int) : TimeSpan =
        let c = (ceiling (policy, attempt)).Ticks
        TimeSpan.FromTicks(c - int64 (float c * jitterOf policy))

    /// The delay after attempt <paramref name="attempt"/> for a random <paramref name="sample"/> in [0, 1): the
    /// ceiling less <c>sample × jitter</c> of it, so always between <see cref="floor"/> and <see cref="ceiling"/>.
    /// <example><code>RetrySchedule.delay ({ Backoff.Default with Jitter = 0.0 }, 1, 0.7) = Backoff.Default.BaseDelay</code></example>
    [<CompiledName("Delay")>]
    let delay (policy: Backoff, attempt: int, sample: float) : TimeSpan =
        let c = (ceiling (policy, attempt)).Ticks
        let s = if Double.IsNaN sample then 0.0 else Math.Clamp(sample, 0.0, 1.0)
        TimeSpan.FromTicks(c - int64 (float c * jitterOf policy * s))

    /// Whether trying the same operation again may succeed: a retryable error whose outcome is known.
    /// <example><code>RetrySchedule.mayRetry (OutcomeUnknown(Timeout d, "")) = false</code></example>
    [<CompiledName("MayRetry")>]
    let mayRetry (error: DomainError) : bool =
        not (isNull (box error)) && error.Category <> ErrorCategory.OutcomeUnknown && error.IsRetryable

    /// What to do after attempt <paramref name="attempt"/> (1 for the first) failed with <paramref name="error"/>,
    /// <paramref name="elapsed"/> after the first attempt started: stop on an error that is not retryable or of
    /// unknown outcome, when the attempts are used up, or when the wait would end at or past the deadline; otherwise
    /// wait <see cref="delay"/> and try again.
    /// <example><code>RetrySchedule.next (Backoff.Default, 1, TimeSpan.Zero, Throttled d, 0.0) = RetryAfter(TimeSpan.FromMilliseconds 200.0)</code></example>
    [<CompiledName("Next")>]
    let next (policy: Backoff, attempt: int, elapsed: TimeSpan, error: DomainError, sample: float) : RetryDecision =
        if isNull (box error) || error.Category = ErrorCategory.OutcomeUnknown then
            (if isNull (box error) then GiveUp RetryStop.NotRetryable else GiveUp RetryStop.OutcomeUnknown)
        elif not (mayRetry error) then GiveUp RetryStop.NotRetryable
        elif attempt >= policy.MaxAttempts then GiveUp RetryStop.AttemptsExhausted
        else
            let wait = delay (policy, attempt, sample)
            if policy.Deadline.HasValue && elapsed + wait >= policy.Deadline.Value then GiveUp RetryStop.DeadlineReached
            else RetryAfter wait
