namespace AwsAio.Core

open System
open System.Collections.Generic

/// One page as a service returned it, already normalised by the shell (null collections become empty ones).
type Page<'T> =
    {
        /// The page's items, in service order.
        Items: IReadOnlyList<'T>
        /// S3-style truncation flag; null for APIs that signal more pages by a token alone (EC2, STS).
        IsTruncated: Nullable<bool>
        /// The token for the next page; null or empty when the service sent none.
        NextToken: string | null
    }

    /// Builds a page; a null item list is an empty page.
    static member Create(items: IReadOnlyList<'T> | null, isTruncated: Nullable<bool>, nextToken: string | null) =
        { Items = (match items with
                   | null -> Array.empty :> IReadOnlyList<'T>
                   | xs -> xs)
          IsTruncated = isTruncated
          NextToken = nextToken }

/// Bounds on one pagination run. Use <see cref="P:AwsAio.Core.PageLimits.Unlimited"/> for none.
type PageLimits =
    {
        /// The most requests the run may make (at least 1).
        MaxPages: int
        /// The most items the run may deliver (at least 1).
        MaxItems: int
    }

    /// No bounds beyond what an Int32 can count.
    static member Unlimited = { MaxPages = Int32.MaxValue; MaxItems = Int32.MaxValue }

/// Where to continue a stopped run: repeat the request that carried <c>Token</c> (null: the first request) and skip
/// its first <c>SkipItems</c> items, which were already delivered. <c>Seen</c> carries the tokens the run had already
/// requested, so that a resumed run that meets one of them again stops instead of delivering items twice.
type ResumePoint =
    {
        /// The token of the request to repeat; null for the first request.
        Token: string | null
        /// How many items of that request's page were already delivered.
        SkipItems: int
        /// The tokens requested before this point (empty when the point was made by hand).
        Seen: TokenGuard
    }

    /// A resume point made by hand (for example from a token kept in a database): repeat the request that carried
    /// <paramref name="token"/> and skip its first <paramref name="skipItems"/> items.
    static member At(token: string | null, skipItems: int) = { Token = token; SkipItems = skipItems; Seen = TokenGuard.Empty }

/// Why a run stopped before the service said it was done. Anomalies are data: the run never loops on them.
type PaginationAnomaly =
    /// The service said the listing is truncated but sent no token to continue with.
    | TruncatedWithoutToken of Page: int
    /// The service handed back a token already used in this run (a cycle, not only a repeat of the last one).
    | RepeatedToken of Token: string * Page: int
    /// The run reached its page cap while the service had more.
    | PageCapReached of MaxPages: int
    /// The run reached its item cap while the service had more.
    | ItemCapReached of MaxItems: int

/// How a run ended.
type PageRunOutcome =
    /// The service said there were no more pages.
    | Completed
    /// The run stopped early; <c>Resume</c> says how to continue.
    | Interrupted of Anomaly: PaginationAnomaly * Resume: ResumePoint

/// What to do after a page.
type PageDecision =
    /// Request the next page with this token.
    | Continue of NextToken: string
    /// Stop: the run is over.
    | Done of Outcome: PageRunOutcome

/// The progress of a run between requests. Immutable: each step returns a new state.
[<Sealed>]
type PagingState internal (limits: PageLimits, pagesRequested: int, itemsDelivered: int, requestToken: string | null,
                           skip: int, seen: TokenGuard) =
    /// The run's bounds.
    member _.Limits = limits
    /// Requests made so far.
    member _.PagesRequested = pagesRequested
    /// Items delivered so far.
    member _.ItemsDelivered = itemsDelivered
    /// The token the next request must carry; null for the first request.
    member _.RequestToken = requestToken
    /// How many items of the next page were delivered before (when resuming); they are dropped, not delivered again.
    member _.Skip = skip
    member internal _.Seen = seen

/// The result of feeding one page to the engine.
type PageStep<'T> =
    {
        /// The state for the next request (meaningful only after <c>Continue</c>).
        State: PagingState
        /// The items of this page to hand to the caller (fewer than the page's when the item cap cut it).
        Deliver: IReadOnlyList<'T>
        /// Whether to request another page.
        Decision: PageDecision
    }

/// The result of a whole accumulating run.
type PageRun<'T> =
    {
        /// Every delivered item, in order.
        Items: IReadOnlyList<'T>
        /// How many requests the run made.
        PagesRequested: int
        /// Completed, or interrupted with an anomaly and a resume point.
        Outcome: PageRunOutcome
    }

/// The pagination engine: a pure next-step function, and a fold built on it. The shell drives the same step function
/// for accumulating calls and for streams, so both stop on exactly the same conditions.
[<RequireQualifiedAccess>]
module Pagination =

    /// The state before the first request of a run within <paramref name="limits"/> (caps below 1 count as 1).
    /// <example><code>(Pagination.start PageLimits.Unlimited).RequestToken = null</code></example>
    [<CompiledName("Start")>]
    let start (limits: PageLimits) : PagingState =
        let limits = { MaxPages = max 1 limits.MaxPages; MaxItems = max 1 limits.MaxItems }
        PagingState(limits, 0, 0, null, 0, TokenGuard.Empty)

    /// The state that continues a stopped run from its resume point: the next request repeats <c>point.Token</c>
    /// and its first <c>point.SkipItems</c> items are dropped, and every token the run had requested before stays
    /// guarded, so nothing is delivered twice even when the service still cycles.
    /// <example><code>(Pagination.resume (PageLimits.Unlimited, ResumePoint.At("t3", 2))).RequestToken = "t3"</code></example>
    [<CompiledName("Resume")>]
    let resume (limits: PageLimits, point: ResumePoint) : PagingState =
        let limits = { MaxPages = max 1 limits.MaxPages; MaxItems = max 1 limits.MaxItems }
        let guard =
            match box point.Seen with
            | null -> TokenGuard.Empty
            | _ -> point.Seen
        let seen =
            match point.Token with
            | null -> guard
            | t -> guard.Add t
        PagingState(limits, 0, 0, point.Token, max 0 point.SkipItems, seen)

    /// Feeds the page answered to <c>state.RequestToken</c> and decides what comes next.
    /// <example><code>
    /// let s = Pagination.start PageLimits.Unlimited
    /// (Pagination.step (s, Page.Create([| 1 |], Nullable(), "t1"))).Decision = Continue "t1"
    /// </code></example>
    [<CompiledName("Step")>]
    let step (state: PagingState, page: Page<'T>) : PageStep<'T> =
        let limits = state.Limits
        let pages = state.PagesRequested + 1
        let room = limits.MaxItems - state.ItemsDelivered
        let fresh =
            if state.Skip = 0 then page.Items
            else page.Items |> Seq.skip (min state.Skip page.Items.Count) |> Array.ofSeq :> IReadOnlyList<'T>
        let skipped = page.Items.Count - fresh.Count
        let deliver =
            if fresh.Count <= room then fresh
            else Seq.take room fresh |> Array.ofSeq :> IReadOnlyList<'T>
        let delivered = state.ItemsDelivered + deliver.Count
        let here delivered = { Token = state.RequestToken; SkipItems = skipped + delivered; Seen = state.Seen }
        let decision =
            if deliver.Count < fresh.Count then
                Done(Interrupted(ItemCapReached limits.MaxItems, here deliver.Count))
            else
                let token =
                    match page.NextToken with
                    | null -> None
                    | t when t.Length = 0 -> None
                    | t -> Some t
                let truncated = page.IsTruncated
                match token with
                | _ when truncated.HasValue && not truncated.Value -> Done Completed
                | None when not truncated.HasValue -> Done Completed
                | None -> Done(Interrupted(TruncatedWithoutToken pages, here deliver.Count))
                | Some t when state.Seen.Contains t -> Done(Interrupted(RepeatedToken(t, pages), here deliver.Count))
                | Some t when delivered >= limits.MaxItems ->
                    Done(Interrupted(ItemCapReached limits.MaxItems, { Token = t; SkipItems = 0; Seen = state.Seen }))
                | Some t when pages >= limits.MaxPages ->
                    Done(Interrupted(PageCapReached limits.MaxPages, { Token = t; SkipItems = 0; Seen = state.Seen }))
                | Some t -> Continue t
        let next =
            match decision with
            | Continue t -> PagingState(limits, pages, delivered, t, 0, state.Seen.Add t)
            | Done _ -> PagingState(limits, pages, delivered, state.RequestToken, 0, state.Seen)
        { State = next; Deliver = deliver; Decision = decision }

    /// Where to resume when the request for <c>state.RequestToken</c> failed: that same request again, skipping what
    /// it had already delivered, with every token seen so far still guarded.
    /// <example><code>(Pagination.failedAt (Pagination.start PageLimits.Unlimited)).Token = null</code></example>
    [<CompiledName("FailedAt")>]
    let failedAt (state: PagingState) : ResumePoint = { Token = state.RequestToken; SkipItems = state.Skip; Seen = state.Seen }

    /// Runs a listing from a given state (a fresh start, or a resume point), accumulating every delivered item.
    /// <example><code>Pagination.foldFrom (Pagination.resume (PageLimits.Unlimited, point), fetch)</code></example>
    [<CompiledName("FoldFrom")>]
    let foldFrom (initial: PagingState, fetch: string | null -> Page<'T>) : PageRun<'T> =
        let items = ResizeArray<'T>()
        let rec loop (state: PagingState) =
            let result = step (state, fetch state.RequestToken)
            items.AddRange result.Deliver
            match result.Decision with
            | Continue _ -> loop result.State
            | Done outcome -> { Items = items.AsReadOnly(); PagesRequested = result.State.PagesRequested; Outcome = outcome }
        loop initial

    /// Runs a whole listing over <paramref name="fetch"/> (token -> page; null asks for the first page),
    /// accumulating every delivered item in order.
    /// <example><code>
    /// let pages = dict [ null, Page.Create([| 1; 2 |], Nullable true, "a"); "a", Page.Create([| 3 |], Nullable false, null) ]
    /// (Pagination.fold (PageLimits.Unlimited, fun t -> pages.[t])).Items = [| 1; 2; 3 |]
    /// </code></example>
    [<CompiledName("Fold")>]
    let fold (limits: PageLimits, fetch: string | null -> Page<'T>) : PageRun<'T> = foldFrom (start limits, fetch)
