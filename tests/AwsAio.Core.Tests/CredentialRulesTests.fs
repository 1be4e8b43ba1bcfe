module AwsAio.Core.Tests.CredentialRulesTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private now = DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)
let private window = TimeSpan.FromMinutes 5.0

let private state (expiresIn: float option) (failures: int) (failedAgo: float) =
    { Expiry = (match expiresIn with
                | Some s -> Nullable(now.AddSeconds s)
                | None -> Nullable())
      Failures = failures
      FailedAt = now.AddSeconds(-failedAgo) }

module ``Refresh decisions`` =

    [<Fact>]
    let ``no credentials yet means one refresh`` () =
        Assert.Equal(RefreshDecision.MustRefresh, CredentialRules.decide (now, RefreshState.Initial, window))

    [<Theory>]
    [<InlineData(3600.0, 0)>]   // fresh
    [<InlineData(361.0, 0)>]    // just outside window + margin
    let ``fresh credentials are used as they are`` (expiresIn: float, decision: int) =
        Assert.Equal(enum<RefreshDecision> decision, CredentialRules.decide (now, state (Some expiresIn) 0 0.0, window))

    [<Fact>]
    let ``inside the window the current credentials serve while one refresh starts`` () =
        Assert.Equal(RefreshDecision.UseCurrentAndRefresh, CredentialRules.decide (now, state (Some 200.0) 0 0.0, window))

    [<Fact>]
    let ``the last minute counts as expired`` () =
        Assert.Equal(RefreshDecision.MustRefresh, CredentialRules.decide (now, state (Some 59.0) 0 0.0, window))

    [<Fact>]
    let ``a failure moments ago is answered at once, until its back-off has passed`` () =
        Assert.Equal(RefreshDecision.FailWithLastError, CredentialRules.decide (now, state None 1 0.5, window))
        Assert.Equal(RefreshDecision.MustRefresh, CredentialRules.decide (now, state None 1 1.5, window))
        Assert.Equal(RefreshDecision.FailWithLastError, CredentialRules.decide (now, state None 3 3.0, window))

    [<Fact>]
    let ``usable credentials keep serving through a back-off, without a new refresh`` () =
        Assert.Equal(RefreshDecision.UseCurrent, CredentialRules.decide (now, state (Some 200.0) 2 0.5, window))

    [<Property(MaxTest = Cases)>]
    let ``a caller is never asked to wait when usable credentials exist, and never fails without a recent failure`` () =
        let gen =
            Gen.zip3 (Gen.oneof [ Gen.constant None; Gen.choose (-600, 7200) |> Gen.map (float >> Some) ]) (Gen.choose (0, 8))
                     (Gen.choose (0, 120) |> Gen.map float)
        Prop.forAll (Arb.fromGen gen) (fun (expiresIn, failures, ago) ->
            let s = state expiresIn failures ago
            let usable = expiresIn |> Option.exists (fun e -> e > 60.0)
            let recentFailure = failures > 0 && ago < (CredentialRules.backoff failures).TotalSeconds
            match CredentialRules.decide (now, s, window) with
            | RefreshDecision.MustRefresh -> not usable && not recentFailure
            | RefreshDecision.FailWithLastError -> not usable && recentFailure
            | RefreshDecision.UseCurrent | RefreshDecision.UseCurrentAndRefresh -> usable
            | _ -> false)

module ``Back-off`` =

    [<Property(MaxTest = Cases)>]
    let ``the back-off doubles from one second and never passes thirty`` () =
        Prop.forAll (Arb.fromGen (Gen.choose (1, 200))) (fun failures ->
            let b = CredentialRules.backoff failures
            let expected = Math.Min(30.0, Math.Pow(2.0, float (min (failures - 1) 20)))
            b.TotalSeconds = expected)

    [<Fact>]
    let ``nothing failed, no back-off`` () =
        Assert.Equal(TimeSpan.Zero, CredentialRules.backoff 0)

    [<Fact>]
    let ``a success forgets the failures; a failure keeps the credentials`` () =
        let failed = CredentialRules.failed (state (Some 200.0) 2 10.0, now)
        Assert.Equal(3, failed.Failures)
        Assert.Equal(now, failed.FailedAt)
        Assert.Equal(Nullable(now.AddSeconds 200.0), failed.Expiry)
        Assert.Equal(0, (CredentialRules.succeeded (now.AddHours 1.0)).Failures)

module ``Complete answers`` =

    [<Property(MaxTest = Cases)>]
    let ``credentials are complete exactly when every part is present`` () =
        Prop.forAll (Arb.fromGen (Gen.zip3 anyString anyString (Gen.zip anyString (Gen.elements [ true; false ])))) (fun (key, secret, (token, hasExpiry)) ->
            let present (s: string) = not (String.IsNullOrEmpty s)
            CredentialRules.isComplete (key, secret, token, (if hasExpiry then Nullable DateTime.UtcNow else Nullable()))
                = (present key && present secret && present token && hasExpiry))

module ``credential_process failures`` =

    [<Property(MaxTest = Cases)>]
    let ``what the process printed never reaches the error; its exit code does`` () =
        let secretChars = Gen.elements ([ 'A' .. 'Z' ] @ [ 'a' .. 'z' ] @ [ '0' .. '9' ] @ [ '/'; '+'; '=' ])
        let generated = Gen.choose (12, 60) |> Gen.bind (fun n -> Gen.arrayOfLength n secretChars) |> Gen.map String
        let printed =
            Gen.oneof [ generated
                        generated |> Gen.map (fun s -> $"{{\"Version\": 1, \"SecretAccessKey\": \"{s}\"}}")
                        generated |> Gen.map (fun s -> "token=" + s) ]
        Prop.forAll (Arb.fromGen (Gen.zip printed (Gen.choose (-5, 300)))) (fun (secret, code) ->
            let error = CredentialRules.processFailed ("dev", $"Command returned non-zero exit value {code} with the error - {secret}")
            let text = string error
            not (text.Contains secret) && text.Contains $"exit code {code}" && text.Contains "profile 'dev'"
            && error.Category = ErrorCategory.Credentials)

    [<Fact>]
    let ``a failure without an exit code still says the process failed`` () =
        let text = string (CredentialRules.processFailed ("dev", "s3cr3t output"))
        Assert.Contains("credential_process failed", text)
        Assert.DoesNotContain("s3cr3t", text)
