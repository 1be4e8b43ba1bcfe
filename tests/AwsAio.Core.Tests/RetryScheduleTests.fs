module AwsAio.Core.Tests.RetryScheduleTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private ms (n: float) = TimeSpan.FromMilliseconds n
let private throttled = Throttled(AwsErrorDetails.Of("S3", "HeadBucket", "SlowDown", "", 503, "r"))

/// Policies that pass the check: 1 to 12 attempts, delays up to 10 s, any jitter, a deadline half the time.
let private policy : Gen<Backoff> =
    gen {
        let! attempts = Gen.choose (1, 12)
        let! baseMs = Gen.choose (0, 2000)
        let! extraMs = Gen.choose (0, 8000)
        let! jitter = Gen.choose (0, 100) |> Gen.map (fun p -> float p / 100.0)
        let! deadline = Gen.oneof [ Gen.constant (Nullable()); Gen.choose (1, 60000) |> Gen.map (fun d -> Nullable(ms (float d))) ]
        return { MaxAttempts = attempts; BaseDelay = ms (float baseMs); MaxDelay = ms (float (baseMs + extraMs))
                 Jitter = jitter; Deadline = deadline }
    }

let private sample : Gen<float> = Gen.choose (0, 9999) |> Gen.map (fun n -> float n / 10000.0)

/// Runs the schedule against attempts that each fail with the next error after the given duration: the attempts
/// made, the waits, and the elapsed time at each decision.
let private simulate (p: Backoff) (errors: DomainError list) (durations: TimeSpan list) (samples: float list) =
    let rec go attempt (elapsed: TimeSpan) errors durations samples waits =
        match errors, durations, samples with
        | error :: errors', duration :: durations', s :: samples' ->
            let elapsed = elapsed + duration
            match RetrySchedule.next (p, attempt, elapsed, error, s) with
            | RetryAfter wait -> go (attempt + 1) (elapsed + wait) errors' durations' samples' ((elapsed, wait) :: waits)
            | GiveUp reason -> attempt, List.rev waits, Some reason
        | _ -> attempt - 1, List.rev waits, None
    go 1 TimeSpan.Zero errors durations samples []

let private scenario =
    gen {
        let! p = policy
        let! errors = Gen.listOfLength 20 (Gen.frequency [ 4, Gen.constant throttled; 1, anyError ])
        let! durations = Gen.listOfLength 20 (Gen.choose (0, 3000) |> Gen.map (float >> ms))
        let! samples = Gen.listOfLength 20 sample
        return p, errors, durations, samples
    }

module ``The schedule's laws`` =

    [<Property(MaxTest = Cases)>]
    let ``never more attempts than the policy asks for`` () =
        Prop.forAll (Arb.fromGen scenario) (fun (p, errors, durations, samples) ->
            let attempts, _, _ = simulate p errors durations samples
            attempts <= p.MaxAttempts)

    [<Property(MaxTest = Cases)>]
    let ``without a deadline, a retryable error is tried exactly as often as asked`` () =
        Prop.forAll (Arb.fromGen (Gen.zip policy (Gen.listOfLength 20 sample))) (fun (p, samples) ->
            let p = { p with Deadline = Nullable() }
            let attempts, waits, reason = simulate p (List.replicate 20 throttled) (List.replicate 20 TimeSpan.Zero) samples
            attempts = p.MaxAttempts && waits.Length = p.MaxAttempts - 1 && reason = Some RetryStop.AttemptsExhausted)

    [<Property(MaxTest = Cases)>]
    let ``every delay lies between its floor and its ceiling, and no ceiling passes the cap`` () =
        Prop.forAll (Arb.fromGen (Gen.zip3 policy (Gen.choose (1, 200)) sample)) (fun (p, attempt, s) ->
            let d = RetrySchedule.delay (p, attempt, s)
            let floor = RetrySchedule.floor (p, attempt)
            let ceiling = RetrySchedule.ceiling (p, attempt)
            floor <= d && d <= ceiling && ceiling <= p.MaxDelay && d >= TimeSpan.Zero
            && floor >= TimeSpan.FromTicks(int64 (float ceiling.Ticks * (1.0 - p.Jitter)) - 1L))

    [<Property(MaxTest = Cases)>]
    let ``the ceiling doubles from the base delay until it reaches the cap, and never shrinks`` () =
        Prop.forAll (Arb.fromGen (Gen.zip policy (Gen.choose (1, 100)))) (fun (p, attempt) ->
            let c = RetrySchedule.ceiling (p, attempt)
            let c' = RetrySchedule.ceiling (p, attempt + 1)
            let expected = Math.Min(float p.MaxDelay.Ticks, float p.BaseDelay.Ticks * Math.Pow(2.0, float (attempt - 1)))
            c <= c' && abs (float c.Ticks - expected) <= 1.0)

    [<Property(MaxTest = Cases)>]
    let ``no wait is ever scheduled to end at or past the deadline`` () =
        Prop.forAll (Arb.fromGen scenario) (fun (p, errors, durations, samples) ->
            let _, waits, _ = simulate p errors durations samples
            not p.Deadline.HasValue || waits |> List.forall (fun (elapsed, wait) -> elapsed + wait < p.Deadline.Value))

    [<Property(MaxTest = Cases)>]
    let ``an error that is not retryable, or of unknown outcome, is never retried`` () =
        Prop.forAll (Arb.fromGen (Gen.zip3 policy anyError sample)) (fun (p, error, s) ->
            match RetrySchedule.next (p, 1, TimeSpan.Zero, error, s) with
            | RetryAfter _ -> error.IsRetryable && error.Category <> ErrorCategory.OutcomeUnknown
            | GiveUp RetryStop.OutcomeUnknown -> error.Category = ErrorCategory.OutcomeUnknown
            | GiveUp RetryStop.NotRetryable -> not error.IsRetryable && error.Category <> ErrorCategory.OutcomeUnknown
            | GiveUp _ -> error.IsRetryable)

    [<Property(MaxTest = Cases)>]
    let ``the schedule is a function: the same inputs give the same decision`` () =
        Prop.forAll (Arb.fromGen (Gen.zip3 policy anyError sample)) (fun (p, error, s) ->
            RetrySchedule.next (p, 2, ms 10.0, error, s) = RetrySchedule.next (p, 2, ms 10.0, error, s))

module ``Cases`` =

    [<Fact>]
    let ``the default policy waits 200 ms then 400 ms without jitter, then stops`` () =
        let p = Backoff.Default.WithJitter 0.0
        Assert.Equal(RetryAfter(ms 200.0), RetrySchedule.next (p, 1, TimeSpan.Zero, throttled, 0.5))
        Assert.Equal(RetryAfter(ms 400.0), RetrySchedule.next (p, 2, TimeSpan.Zero, throttled, 0.5))
        Assert.Equal(GiveUp RetryStop.AttemptsExhausted, RetrySchedule.next (p, 3, TimeSpan.Zero, throttled, 0.5))

    [<Fact>]
    let ``full jitter may shorten a delay to nothing, half jitter to half`` () =
        let p = Backoff.Exponential(5, TimeSpan.FromSeconds 1.0, TimeSpan.FromSeconds 10.0)
        Assert.Equal(TimeSpan.Zero, RetrySchedule.floor (p.WithJitter 1.0, 1))
        Assert.Equal(ms 500.0, RetrySchedule.floor (p, 1))
        Assert.Equal(TimeSpan.FromSeconds 1.0, RetrySchedule.delay (p, 1, 0.0))

    [<Fact>]
    let ``a huge attempt number reaches the cap without overflowing`` () =
        let p = Backoff.Exponential(100, TimeSpan.FromHours 1.0, TimeSpan.FromHours 1.0)
        Assert.Equal(TimeSpan.FromHours 1.0, RetrySchedule.ceiling (p, Int32.MaxValue))

    [<Fact>]
    let ``a wait that would end exactly at the deadline is not started`` () =
        let p = (Backoff.Default.WithJitter 0.0).WithDeadline(ms 300.0)
        Assert.Equal(GiveUp RetryStop.DeadlineReached, RetrySchedule.next (p, 1, ms 100.0, throttled, 0.0))
        Assert.Equal(RetryAfter(ms 200.0), RetrySchedule.next (p, 1, ms 99.0, throttled, 0.0))

    [<Fact>]
    let ``an unknown outcome stops even when its cause would be retryable`` () =
        let lost = OutcomeUnknown(Timeout(AwsErrorDetails.NoResponse("S3", "PutObject")), "")
        Assert.Equal(GiveUp RetryStop.OutcomeUnknown, RetrySchedule.next (Backoff.Default, 1, TimeSpan.Zero, lost, 0.0))
        Assert.False(RetrySchedule.mayRetry lost)

    [<Fact>]
    let ``a cancelled attempt is never retried`` () =
        Assert.Equal(GiveUp RetryStop.NotRetryable, RetrySchedule.next (Backoff.Default, 1, TimeSpan.Zero, Cancelled "HeadBucket", 0.0))

    [<Fact>]
    let ``a null error stops`` () =
        Assert.Equal(GiveUp RetryStop.NotRetryable, RetrySchedule.next (Backoff.Default, 1, TimeSpan.Zero, Unchecked.defaultof<DomainError>, 0.0))

module ``Policy checks`` =

    let private rule (p: Backoff) =
        match RetrySchedule.check p with
        | Error(InvalidInput("retry policy", why)) -> why
        | Error other -> failwith $"expected InvalidInput, got {other}"
        | Ok _ -> "ok"

    [<Property(MaxTest = Cases)>]
    let ``every generated policy passes the check unchanged`` () =
        Prop.forAll (Arb.fromGen policy) (fun p -> RetrySchedule.check p = Ok p)

    [<Fact>]
    let ``out-of-bounds policies are refused, each with its reason`` () =
        let d = Backoff.Default
        Assert.StartsWith("max attempts", rule { d with MaxAttempts = 0 })
        Assert.StartsWith("max attempts", rule { d with MaxAttempts = 101 })
        Assert.StartsWith("base delay", rule { d with BaseDelay = ms -1.0 })
        Assert.StartsWith("max delay", rule { d with MaxDelay = ms 100.0 })
        Assert.StartsWith("max delay", rule { d with MaxDelay = TimeSpan.FromHours 2.0 })
        Assert.StartsWith("jitter", rule { d with Jitter = Double.NaN })
        Assert.StartsWith("jitter", rule { d with Jitter = 1.5 })
        Assert.StartsWith("deadline", rule (d.WithDeadline TimeSpan.Zero))
        Assert.StartsWith("deadline", rule (d.WithDeadline(TimeSpan.FromDays 2.0)))
        Assert.Equal("is required", rule (Unchecked.defaultof<Backoff>))
