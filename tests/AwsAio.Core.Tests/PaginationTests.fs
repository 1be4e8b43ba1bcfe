module AwsAio.Core.Tests.PaginationTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

/// A resume point's place (request token, items to skip), without the tokens it guards.
let private spot (outcome: PageRunOutcome) =
    match outcome with
    | Interrupted(anomaly, point) -> Some(anomaly, point.Token, point.SkipItems)
    | Completed -> None

let private concat (pages: (string | null * Page<int>) list) = pages |> List.collect (fun (_, p) -> List.ofSeq p.Items)

/// Continues a run from its resume point with the core's own resume.
let private resume (limits: PageLimits) fetch (point: ResumePoint) = Pagination.foldFrom (Pagination.resume (limits, point), fetch)

module ``Accumulation`` =

    [<Property(MaxTest = Cases)>]
    let ``accumulation equals concatenation, after exactly as many requests as pages`` () =
        Prop.forAll (Arb.fromGen chainOf) (fun (shape, pages) ->
            let fetch, requests = serve pages
            let run = Pagination.fold (PageLimits.Unlimited, fetch)
            (List.ofSeq run.Items = concat pages && requests () = pages.Length && run.PagesRequested = pages.Length
             && run.Outcome = Completed)
            |> Prop.collect (shapeName shape))

    [<Property(MaxTest = Cases)>]
    let ``every chain ends as its shape says: completed, or stopped at the anomalous page with where to resume`` () =
        Prop.forAll (Arb.fromGen shapedChain) (fun (shape, pages) ->
            let fetch, requests = serve pages
            let run = Pagination.fold (PageLimits.Unlimited, fetch)
            // What the run must end with, read off the shape the chain was built with (not from the engine).
            let expected =
                match shape with
                | S3Complete | S3StrayToken | Ec2NullToken | Ec2EmptyToken -> None
                | RepeatsToken(at, token) -> Some(RepeatedToken(token, at), tokenOf (at - 1), (snd pages.[at - 1]).Items.Count)
                | TruncatedNoToken at -> Some(TruncatedWithoutToken at, tokenOf (at - 1), (snd pages.[at - 1]).Items.Count)
            (List.ofSeq run.Items = concat pages && requests () = pages.Length && spot run.Outcome = expected)
            |> Prop.classify (expected.IsNone) "completes"
            |> Prop.collect (shapeName shape))

    [<Property(MaxTest = Cases)>]
    let ``the step function delivers each page's items as they come (what a stream yields)`` () =
        Prop.forAll (Arb.fromGen chain) (fun pages ->
            let fetch, _ = serve pages
            let rec drive (state: PagingState) acc =
                let step = Pagination.step (state, fetch state.RequestToken)
                let acc = acc @ [ List.ofSeq step.Deliver ]
                match step.Decision with
                | Continue _ -> drive step.State acc
                | Done _ -> acc
            let delivered = drive (Pagination.start PageLimits.Unlimited) []
            delivered = (pages |> List.map (fun (_, p) -> List.ofSeq p.Items)))

    [<Fact>]
    let ``a null item list is an empty page, not a failure`` () =
        let page = Page.Create(null, Nullable false, null)
        let step = Pagination.step (Pagination.start PageLimits.Unlimited, page)
        Assert.Empty step.Deliver
        Assert.Equal(Done Completed, step.Decision)

    [<Fact>]
    let ``IsTruncated false ends the run even if a token came along`` () =
        let step = Pagination.step (Pagination.start PageLimits.Unlimited, Page.Create([| 1 |], Nullable false, "stray"))
        Assert.Equal(Done Completed, step.Decision)

module ``Termination`` =

    [<Property(MaxTest = Cases)>]
    let ``a repeated token terminates the run, within distinct tokens plus one requests`` () =
        Prop.forAll (Arb.fromGen cyclicChain) (fun (pages, k) ->
            let fetch, requests = serve pages
            let run = Pagination.fold (PageLimits.Unlimited, fetch)
            let distinctTokens = k
            let stoppedOnRepeat =
                match run.Outcome with
                | Interrupted(RepeatedToken(_, page), _) -> page = k + 1
                | _ -> false
            stoppedOnRepeat && requests () <= distinctTokens + 1 && List.ofSeq run.Items = concat pages)

    [<Fact>]
    let ``a page that says truncated without a token stops with that anomaly and its resume point`` () =
        let pages = [ (null, Page.Create([| 1; 2 |], Nullable true, "a")); ("a", Page.Create([| 3 |], Nullable true, null)) ]
        let fetch, requests = serve pages
        let run = Pagination.fold (PageLimits.Unlimited, fetch)
        Assert.Equal(Some(TruncatedWithoutToken 2, "a", 1), spot run.Outcome)
        Assert.Equal<int list>([ 1; 2; 3 ], List.ofSeq run.Items)
        Assert.Equal(2, requests ())

    [<Fact>]
    let ``a page that hands back its own token is caught at once`` () =
        let pages = [ (null, Page.Create([| 1 |], Nullable(), "a")); ("a", Page.Create([| 2 |], Nullable(), "a")) ]
        let fetch, requests = serve pages
        let run = Pagination.fold (PageLimits.Unlimited, fetch)
        Assert.Equal(Some(RepeatedToken("a", 2), "a", 1), spot run.Outcome)
        Assert.Equal(2, requests ())

module ``Caps`` =

    [<Property(MaxTest = Cases)>]
    let ``with page cap N the run makes at most N requests and says where to resume`` () =
        Prop.forAll (Arb.fromGen (Gen.zip chain (Gen.choose (1, 14)))) (fun (pages, cap) ->
            let fetch, requests = serve pages
            let run = Pagination.fold ({ PageLimits.Unlimited with MaxPages = cap }, fetch)
            let expected =
                if pages.Length <= cap then None
                else Some(PageCapReached cap, fst pages.[cap], 0)
            requests () <= cap && spot run.Outcome = expected
            && List.ofSeq run.Items = (pages |> List.truncate cap |> concat))

    [<Property(MaxTest = Cases)>]
    let ``with item cap K the run delivers exactly min(K, total) items and a resume token when stopped early`` () =
        Prop.forAll (Arb.fromGen (Gen.zip chain (Gen.choose (1, 40)))) (fun (pages, cap) ->
            let fetch, _ = serve pages
            let all = concat pages
            let run = Pagination.fold ({ PageLimits.Unlimited with MaxItems = cap }, fetch)
            let countRight = run.Items.Count = min cap all.Length && List.ofSeq run.Items = List.truncate cap all
            match run.Outcome with
            | Completed -> countRight
            | Interrupted(ItemCapReached c, point) ->
                // Resuming from the point delivers the rest: nothing lost, nothing repeated.
                let fetch2, _ = serve pages
                let rest = resume PageLimits.Unlimited fetch2 point
                countRight && c = cap && List.ofSeq run.Items @ List.ofSeq rest.Items = all
            | Interrupted _ -> false)

    [<Property(MaxTest = Cases)>]
    let ``resuming after any cap loses nothing and repeats nothing, however often it is cut`` () =
        Prop.forAll (Arb.fromGen (Gen.zip chain (Gen.choose (1, 7)))) (fun (pages, cap) ->
            let fetch, _ = serve pages
            let limits = { PageLimits.Unlimited with MaxItems = cap }
            let rec drain (run: PageRun<int>) acc rounds =
                let acc = acc @ List.ofSeq run.Items
                match run.Outcome with
                | Interrupted(ItemCapReached _, point) when rounds < 200 -> drain (resume limits fetch point) acc (rounds + 1)
                | Completed -> Some acc
                | _ -> None
            drain (Pagination.fold (limits, fetch)) [] 0 = Some(concat pages))

    [<Fact>]
    let ``caps below one count as one`` () =
        let state = Pagination.start { MaxPages = 0; MaxItems = -5 }
        Assert.Equal({ MaxPages = 1; MaxItems = 1 }, state.Limits)

module ``Resuming after a cycle`` =

    /// A chain that cycles: pages 0..k, the last handing back the token of an earlier page, served by token (so asking
    /// again for a token in the cycle gets the same page again, as a broken service would).
    let private cycling = cyclicChain

    [<Property(MaxTest = Cases)>]
    let ``resuming a run stopped by a repeated token never hands back an item twice, and stops again`` () =
        Prop.forAll (Arb.fromGen cycling) (fun (pages, _) ->
            let fetch, _ = serve pages
            let first = Pagination.fold (PageLimits.Unlimited, fetch)
            match first.Outcome with
            | Interrupted(RepeatedToken _, point) ->
                let fetch2, requests = serve pages
                let again = Pagination.foldFrom (Pagination.resume (PageLimits.Unlimited, point), fetch2)
                let all = List.ofSeq first.Items @ List.ofSeq again.Items
                let stoppedAgain =
                    match again.Outcome with
                    | Interrupted(RepeatedToken _, _) -> true
                    | _ -> false
                List.length all = List.length (List.distinct all) && stoppedAgain && requests () = 1
            | _ -> false)

    [<Property(MaxTest = Cases)>]
    let ``resuming over and over from each new stop never loops and never repeats an item`` () =
        Prop.forAll (Arb.fromGen cycling) (fun (pages, _) ->
            let fetch, requests = serve pages
            let rec go (run: PageRun<int>) acc rounds =
                let acc = acc @ List.ofSeq run.Items
                match run.Outcome with
                | Interrupted(_, point) when rounds < 20 -> go (Pagination.foldFrom (Pagination.resume (PageLimits.Unlimited, point), fetch)) acc (rounds + 1)
                | _ -> acc
            let all = go (Pagination.fold (PageLimits.Unlimited, fetch)) [] 0
            List.length all = List.length (List.distinct all) && requests () <= pages.Length + 20)

    [<Fact>]
    let ``the example from the hardening issue: [1;2;3] then nothing more`` () =
        // Page "a" hands back "b", page "b" hands back "a" again: a cycle of two.
        let pages = [ (null, Page.Create([| 1 |], Nullable true, "a")); ("a", Page.Create([| 2 |], Nullable true, "b"))
                      ("b", Page.Create([| 3 |], Nullable true, "a")) ]
        let fetch, _ = serve pages
        let first = Pagination.fold (PageLimits.Unlimited, fetch)
        Assert.Equal<int list>([ 1; 2; 3 ], List.ofSeq first.Items)
        match first.Outcome with
        | Interrupted(RepeatedToken("a", 3), point) ->
            let again = Pagination.foldFrom (Pagination.resume (PageLimits.Unlimited, point), fetch)
            Assert.Empty again.Items
            Assert.True(again.Outcome.IsInterrupted)
        | other -> failwith $"expected a repeated token, got {other}"

    [<Fact>]
    let ``a resume point made by hand guards nothing but its own token`` () =
        let point = ResumePoint.At("tok-9f3a", 2)
        Assert.Equal(0, point.Seen.Count)
        Assert.Equal(ResumePoint.At("tok-9f3a", 2), point)
        let resumed = Pagination.resume (PageLimits.Unlimited, point)
        Assert.Equal("tok-9f3a", resumed.RequestToken)
        // The guard prints its size, never the tokens (they are opaque and may be long).
        Assert.DoesNotContain("tok-9f3a", string (point.Seen.Add "tok-9f3a"))
