module AwsAio.FSharp.Tests.AwsOpTests

open Xunit
open System
open System.Threading
open System.Threading.Tasks
open AwsAio
open AwsAio.Core
open AwsAio.FSharp
open AwsAio.FSharp.Tests.Doubles
open FsCheck
open FsCheck.FSharp

/// Operations: a few effects, then a value or an error.
let private ops =
    gen {
        let! effects = Gen.listOf (Gen.choose (0, 99)) |> Gen.map (List.truncate 4)
        let! fails = Gen.frequency [ 3, Gen.constant false; 1, Gen.constant true ]
        let! value = Gen.choose (-1000, 1000)
        return effects, (if fails then Error(InvalidInput("code", string value)) else Ok value)
    }

let private build (effects, outcome) = recording effects outcome

let private equivalent (a: AwsOp<'T>) (b: AwsOp<'T>) = runFresh a = runFresh b

let private quick = Backoff.Exponential(3, TimeSpan.FromMilliseconds 1.0, TimeSpan.FromMilliseconds 2.0)
let private throttled = Throttled(AwsErrorDetails.Of("S3", "HeadBucket", "SlowDown", "", 503, "r"))

module ``Functions over operations`` =

    [<FsCheck.Xunit.Property(MaxTest = 300)>]
    let ``map and bind are the operation's own Map and Bind`` () =
        Prop.forAll (Arb.fromGen (Gen.zip ops ops)) (fun (a, b) ->
            equivalent (build a |> AwsOp.map ((+) 1)) ((build a).Map(fun x -> x + 1))
            && equivalent (build a |> AwsOp.bind (fun _ -> build b)) ((build a).Bind(fun _ -> build b)))

    [<FsCheck.Xunit.Property(MaxTest = 300)>]
    let ``mapError changes errors only`` () =
        Prop.forAll (Arb.fromGen ops) (fun spec ->
            let wrapped = build spec |> AwsOp.mapError (fun e -> CouldNotEnsureBucketExists("b", e))
            match runFresh wrapped, runFresh (build spec) with
            | (Ok a, j1), (Ok b, j2) -> a = b && j1 = j2
            | (Error(CouldNotEnsureBucketExists("b", e)), j1), (Error e', j2) -> e = e' && j1 = j2
            | _ -> false)

    [<FsCheck.Xunit.Property(MaxTest = 300)>]
    let ``sequence is traverse of id, and sequenceParallel with one at a time is sequence`` () =
        Prop.forAll (Arb.fromGen (Gen.listOf ops |> Gen.map (List.truncate 8))) (fun specs ->
            let built () = specs |> List.map build
            equivalent (AwsOp.sequence (built ())) (AwsOp.traverse id (built ()))
            && equivalent (AwsOp.sequenceParallel 1 (built ())) (AwsOp.sequence (built ())))

    [<Fact>]
    let ``run gives a Result, and runs again each time`` () =
        task {
            let provider = JournalProvider()
            let op = recording [ 7 ] (Ok 3)
            Assert.Empty provider.Journal
            let! first = AwsOp.run provider CancellationToken.None op
            let! second = AwsOp.run provider CancellationToken.None op
            Assert.Equal(Ok 3, first)
            Assert.Equal(Ok 3, second)
            Assert.Equal<int list>([ 7; 7 ], provider.Journal)
        }

    [<Fact>]
    let ``ofTaskResult lifts an F# function, run each time the operation runs`` () =
        let calls = ref 0
        let op = AwsOp.ofTaskResult (fun _ _ -> Interlocked.Increment calls |> ignore; Task.FromResult(Ok "x"))
        Assert.Equal(0, calls.Value)
        Assert.Equal(Ok "x", fst (runFresh op))
        Assert.Equal(Ok "x", fst (runFresh op))
        Assert.Equal(2, calls.Value)

    [<Fact>]
    let ``catch and orElse recover as chosen`` () =
        let failing = AwsOp.error<int> throttled
        Assert.Equal(Ok 1, fst (runFresh (failing |> AwsOp.catch (fun e -> e.IsRetryable) (fun _ -> AwsOp.ok 1))))
        Assert.Equal(Error throttled, fst (runFresh (failing |> AwsOp.catch (fun _ -> false) (fun _ -> AwsOp.ok 1))))
        Assert.Equal(Ok 2, fst (runFresh (failing |> AwsOp.orElse (AwsOp.ok 2))))

    [<Fact>]
    let ``retry runs the whole operation again while the error may go away`` () =
        let attempts = ref 0
        let flaky =
            AwsOp.ofTaskResult (fun _ _ ->
                let n = Interlocked.Increment attempts
                Task.FromResult(if n < 3 then Error throttled else Ok n))
        Assert.Equal(Ok 3, fst (runFresh (flaky |> AwsOp.retry quick)))

    [<Fact>]
    let ``timeout gives a Timeout error, never an exception`` () =
        let slow =
            AwsOp.ofTaskResult (fun _ ct ->
                task {
                    do! Task.Delay(TimeSpan.FromSeconds 30.0, ct)
                    return Ok 1
                })
        match fst (runFresh (slow |> AwsOp.timeout (TimeSpan.FromMilliseconds 50.0))) with
        | Error(Timeout _) -> ()
        | other -> failwith $"expected Timeout, got {other}"

    [<Fact>]
    let ``runAcross gives every target its own result, in order`` () =
        task {
            let targets = [ AwsTarget.Regional "eu-west-1"; AwsTarget.Regional "eu-west-2" ]
            let! results = AwsOp.ok 1 |> AwsOp.runAcross (JournalProvider()) 2 CancellationToken.None targets
            Assert.Equal<AwsTarget list>(targets, results |> List.map fst)
            Assert.All(results, fun (_, r) -> Assert.True(Result.isError r))
        }

    [<Fact>]
    let ``ignore keeps the effects and drops the value`` () =
        let result, journal = runFresh (recording [ 4 ] (Ok 9) |> AwsOp.ignore)
        Assert.Equal(Ok LanguageExt.Unit.Default, result)
        Assert.Equal<int list>([ 4 ], journal)
