module AwsAio.Core.Tests.TokenGuardTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

/// Tokens as S3 and EC2 hand them out: opaque base64-like text of varied length, with repeats likely.
let private token =
    Gen.oneof
        [ Gen.elements [ "a"; "b"; "1/2"; "eyJ2IjoxfQ=="; String('x', 300) ]
          Gen.map (fun (NonEmptyString s) -> s) (ArbMap.defaults |> ArbMap.generate<NonEmptyString>) ]

/// A run of additions, each applied to the newest guard or to an earlier one (a resume point stepped again).
let private script = Gen.listOf (Gen.zip token (Gen.choose (0, 3)))

/// The guards a script makes, beside what a plain set of the same tokens says (the model, written independently).
let private play (steps: (string * int) list) =
    let guards = ResizeArray [ (TokenGuard.Empty, Set.empty<string>) ]
    for (t, back) in steps do
        let (g, model) = guards.[max 0 (guards.Count - 1 - back)]
        guards.Add((g.Add t, model.Add t))
    guards

module ``Against a set of the tokens`` =

    [<Property(MaxTest = Cases)>]
    let ``every guard, the newest or an earlier one stepped again, holds exactly what a set holds`` () =
        Prop.forAll (Arb.fromGen (Gen.zip script (Gen.listOf token))) (fun (steps, probes) ->
            let guards = play steps
            let repeats = steps.Length + 1 - (guards |> Seq.map snd |> Seq.last |> Set.count)
            (guards
             |> Seq.forall (fun (g, model) ->
                 g.Count = model.Count
                 && Seq.forall g.Contains model
                 && probes |> List.forall (fun p -> g.Contains p = model.Contains p)))
            |> Prop.classify (repeats > 1) "with a repeated token"
            |> Prop.classify (steps |> List.exists (fun (_, back) -> back > 0)) "with an earlier guard stepped again"
            |> Prop.classify (steps.Length > 16) "past the log's first 16 entries")

    [<Property(MaxTest = Cases)>]
    let ``adding a token the guard holds gives the same guard`` () =
        Prop.forAll (Arb.fromGen (Gen.zip (Gen.nonEmptyListOf token) token)) (fun (tokens, extra) ->
            let g = tokens |> List.fold (fun (g: TokenGuard) t -> g.Add t) TokenGuard.Empty
            obj.ReferenceEquals(g.Add(List.head tokens), g) && (g.Contains extra || not (obj.ReferenceEquals(g.Add extra, g))))

    [<Property(MaxTest = Cases)>]
    let ``guards of the same tokens are equal with equal hashes, whatever the order`` () =
        Prop.forAll (Arb.fromGen (Gen.listOf token)) (fun tokens ->
            let build ts = ts |> List.fold (fun (g: TokenGuard) t -> g.Add t) TokenGuard.Empty
            let a, b = build tokens, build (List.rev tokens)
            a = b && a.GetHashCode() = b.GetHashCode())

module ``Memory`` =

    /// Adds a thousand fresh token strings, out of line so that no local of the loop outlives it.
    [<System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)>]
    let private addThousand () =
        let weak = ResizeArray()
        let mutable g = TokenGuard.Empty
        for i in 0..999 do
            let t = String('t', 200) + string i
            weak.Add(WeakReference t)
            g <- g.Add t
        g, weak

    [<Fact>]
    let ``a guard keeps fingerprints, never the tokens: every token string can be collected`` () =
        let g, weak = addThousand ()
        GC.Collect()
        GC.WaitForPendingFinalizers()
        GC.Collect()
        Assert.Equal(1000, g.Count)
        Assert.Equal(0, weak |> Seq.filter (fun w -> w.IsAlive) |> Seq.length)
        Assert.True(g.Contains(String('t', 200) + "999"))
        Assert.False(g.Contains(String('t', 200) + "1000"))

    [<Fact>]
    let ``a hundred thousand tokens are all told apart (no fingerprint collision among them)`` () =
        let mutable g = TokenGuard.Empty
        for i in 0..99_999 do
            g <- g.Add(sprintf "page-%07d" i)
        Assert.Equal(100_000, g.Count)
        Assert.False(g.Contains "page-0100000")

    [<Fact>]
    let ``it prints its count, never a token`` () =
        let g = TokenGuard.Empty.Add("secret-looking-token").Add("another")
        Assert.Equal("TokenGuard(2 tokens)", string g)
