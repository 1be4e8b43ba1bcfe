module AwsAio.FSharp.Tests.AwsOpBuilderTests

open Xunit
open System.Threading
open AwsAio
open AwsAio.Core
open AwsAio.FSharp
open AwsAio.FSharp.Tests.Doubles
open FsCheck
open FsCheck.FSharp
open LanguageExt

let private ops =
    gen {
        let! effects = Gen.listOf (Gen.choose (0, 99)) |> Gen.map (List.truncate 4)
        let! fails = Gen.frequency [ 3, Gen.constant false; 1, Gen.constant true ]
        let! value = Gen.choose (-1000, 1000)
        return effects, (if fails then Error(InvalidInput("code", string value)) else Ok value)
    }

/// Functions to operations: record the input, fail on multiples of k (never for k = 0), else x * m + a.
let private fns =
    gen {
        let! k = Gen.elements [ 0; 0; 2; 3 ]
        let! m = Gen.choose (-5, 5)
        let! a = Gen.choose (-50, 50)
        return k, m, a
    }

let private build (effects, outcome) = recording effects outcome

let private apply (k, m, a) (x: int) =
    recording [ x ] (if k <> 0 && x % k = 0 then Error(InvalidInput("code", string x)) else Ok(x * m + a))

let private equivalent (a: AwsOp<'T>) (b: AwsOp<'T>) = runFresh a = runFresh b

module ``The computation expression's laws`` =

    [<FsCheck.Xunit.Property(MaxTest = 500)>]
    let ``return is ok`` (x: int) = equivalent (awsOp { return x }) (AwsOp.ok x)

    [<FsCheck.Xunit.Property(MaxTest = 500)>]
    let ``left identity: let! of a returned value is the function applied`` () =
        Prop.forAll (Arb.fromGen (Gen.zip (Gen.choose (-100, 100)) fns)) (fun (x, f) ->
            equivalent (awsOp { let! y = AwsOp.ok x in return! apply f y }) (apply f x))

    [<FsCheck.Xunit.Property(MaxTest = 500)>]
    let ``right identity: let! then return changes nothing`` () =
        Prop.forAll (Arb.fromGen ops) (fun spec -> equivalent (awsOp { let! x = build spec in return x }) (build spec))

    [<FsCheck.Xunit.Property(MaxTest = 500)>]
    let ``associativity: nesting the binds does not matter`` () =
        Prop.forAll (Arb.fromGen (Gen.zip3 ops fns fns)) (fun (spec, f, g) ->
            equivalent
                (awsOp {
                    let! y = awsOp { let! x = build spec in return! apply f x }
                    return! apply g y })
                (awsOp {
                    let! x = build spec
                    let! y = apply f x
                    return! apply g y }))

    [<FsCheck.Xunit.Property(MaxTest = 500)>]
    let ``let! is Bind`` () =
        Prop.forAll (Arb.fromGen (Gen.zip ops fns)) (fun (spec, f) ->
            equivalent (awsOp { let! x = build spec in return! apply f x }) ((build spec).Bind(fun x -> apply f x)))

module ``What it accepts`` =

    [<Fact>]
    let ``the body runs when the operation runs, each time, never when it is built`` () =
        let runs = ref 0
        let op =
            awsOp {
                Interlocked.Increment runs |> ignore
                let! x = recording [ 1 ] (Ok 2)
                return x * 10
            }
        Assert.Equal(0, runs.Value)
        Assert.Equal((Ok 20, [ 1 ]), runFresh op)
        Assert.Equal((Ok 20, [ 1 ]), runFresh op)
        Assert.Equal(2, runs.Value)

    [<Fact>]
    let ``do! runs an operation whose value is Unit, and an error stops the rest`` () =
        let unitOp effect = recording [ effect ] (Ok 0) |> AwsOp.ignore
        let both =
            awsOp {
                do! unitOp 1
                do! unitOp 2
                return 5
            }
        Assert.Equal((Ok 5, [ 1; 2 ]), runFresh both)
        let failing = AwsOp.error<Unit> (Cancelled "x")
        let stopped =
            awsOp {
                do! unitOp 1
                do! failing
                do! unitOp 2
                return 5
            }
        Assert.Equal((Error(Cancelled "x"), [ 1 ]), runFresh stopped)

    [<Fact>]
    let ``let! over a Result binds a value already known, and an Error stops the rest`` () =
        Assert.Equal((Ok 4, []), runFresh (awsOp { let! x = Ok 2 in return x * 2 }))
        let stop : Result<int, DomainError> = Error(InvalidInput("bucket", "bad"))
        Assert.Equal((Error(InvalidInput("bucket", "bad")), []), runFresh (awsOp { let! x = stop in return! recording [ 9 ] (Ok x) }))

    [<Fact>]
    let ``for runs one operation per item in turn`` () =
        let op =
            awsOp {
                for i in [ 1; 2; 3 ] do
                    do! recording [ i ] (Ok i) |> AwsOp.ignore
            }
        Assert.Equal((Ok Unit.Default, [ 1; 2; 3 ]), runFresh op)

    [<Fact>]
    let ``an if without else is fine`` () =
        let op flag =
            awsOp {
                if flag then
                    do! recording [ 1 ] (Ok 1) |> AwsOp.ignore
            }
        Assert.Equal((Ok Unit.Default, [ 1 ]), runFresh (op true))
        Assert.Equal((Ok Unit.Default, []), runFresh (op false))
