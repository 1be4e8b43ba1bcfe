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
        Prop.forAll (Arb.fromGen chain) (fun pages ->
            let fetch, requests = serve pages
            let run = Pagination.fold (PageLimits.Unlimited, fetch)
            List.ofSeq run.Items = concat pages && requests () = pages.Length && run.PagesRequested = pages.Length
            && run.Outcome = Completed)

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
