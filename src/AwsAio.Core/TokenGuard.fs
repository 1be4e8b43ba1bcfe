namespace AwsAio.Core

open System
open System.Threading

/// 64-bit fingerprints of continuation tokens: FNV-1a over the UTF-16 code units, then the splitmix64 finaliser so
/// that every bit of the result depends on every character. Stable across processes and runs.
module internal Fingerprint =

    /// The fingerprint of a token (null reads as empty).
    let ofToken (token: string) : uint64 =
        let text = if isNull (box token) then "" else token
        let mutable h = 14695981039346656037UL
        for i in 0 .. text.Length - 1 do
            h <- (h ^^^ uint64 text.[i]) * 1099511628211UL
        h <- (h ^^^ (h >>> 30)) * 0xbf58476d1ce4e5b9UL
        h <- (h ^^^ (h >>> 27)) * 0x94d049bb133111ebUL
        h ^^^ (h >>> 31)

/// An append-only run of fingerprints shared by the guards of one run. A guard sees only the first entries it was
/// made with; entries are written once and never changed, so every guard's view is immutable. A guard that is not the
/// newest of its log (an older state stepped again) copies its view before appending.
[<Sealed>]
type internal FingerprintLog(capacity: int) =
    let items: uint64[] = Array.zeroCreate capacity
    [<DefaultValue>]
    val mutable private filled: int

    member _.Capacity = capacity

    /// Appends at position <c>at</c> when the log holds exactly <c>at</c> entries; false when it is full or another
    /// guard has already appended there.
    member this.TryAppend(at: int, fingerprint: uint64) =
        if at < capacity && Interlocked.CompareExchange(&this.filled, at + 1, at) = at then
            items.[at] <- fingerprint
            true
        else
            false

    /// Whether the first <c>length</c> entries hold the fingerprint.
    member _.Contains(length: int, fingerprint: uint64) = MemoryExtensions.Contains(ReadOnlySpan<uint64>(items, 0, length), fingerprint)

    /// The first <c>length</c> entries.
    member _.View(length: int) = ReadOnlySpan<uint64>(items, 0, length)

    /// A new log holding the first <c>length</c> entries of this one, with room for <c>capacity</c>.
    member _.CopyTo(length: int, newCapacity: int) =
        let copy = FingerprintLog(newCapacity)
        Array.blit items 0 copy.Items 0 length
        copy.filled <- length
        copy

    member internal _.Items = items

/// Exact fingerprints: a view of a shared log.
[<Struct>]
type internal Window =
    { Log: FingerprintLog | null
      Length: int }

    static member Empty = { Log = null; Length = 0 }

    member w.Contains(fingerprint: uint64) =
        match w.Log with
        | null -> false
        | log -> log.Contains(w.Length, fingerprint)

    member w.View =
        match w.Log with
        | null -> ReadOnlySpan<uint64>.Empty
        | log -> log.View w.Length

    /// The window with one more fingerprint, in place when this is the newest view of its log, else on a copy (logs
    /// start at 16 entries and double).
    member w.Append(fingerprint: uint64) =
        match w.Log with
        | null ->
            let log = FingerprintLog(16)
            log.TryAppend(0, fingerprint) |> ignore
            { Log = log; Length = 1 }
        | log when log.TryAppend(w.Length, fingerprint) -> { Log = log; Length = w.Length + 1 }
        | log ->
            let capacity = if w.Length < log.Capacity then log.Capacity else log.Capacity * 2
            let copy = log.CopyTo(w.Length, capacity)
            copy.TryAppend(w.Length, fingerprint) |> ignore
            { Log = copy; Length = w.Length + 1 }

/// <summary>
/// The tokens a run has requested so far, so that a token handed back again is caught as a cycle — also across a
/// resume, so that a resumed run never delivers an item twice. Immutable, and small whatever the tokens: it keeps a
/// 64-bit fingerprint of each token, never the token itself (tokens are opaque and may be hundreds of characters), in
/// an append-only log shared by the guards of one run — 8 bytes per page (16 at most while the log doubles): 8 KB at
/// a million keys listed 1,000 per page, against the old set of strings' ~170 bytes per page.
/// </summary>
/// <remarks>
/// A repeated token is always caught (nothing is ever forgotten). A token never requested is taken for a repeat only
/// when its fingerprint equals an earlier one's: about <c>N² / 2^65</c> over a listing of <c>N</c> pages — 3e-14 at
/// 1,000 pages (a million keys), 3e-8 at a million pages (a billion keys). The fingerprint is a fixed function, so
/// such a collision would recur on a retry of the same listing; at these odds we accept that rather than keep the
/// tokens themselves.
/// </remarks>
[<Sealed>]
type TokenGuard private (count: int, seen: Window) =

    static let empty = TokenGuard(0, Window.Empty)

    /// A guard that has seen no token.
    static member Empty = empty

    /// Whether the token was requested before in this run.
    member _.Contains(token: string) = seen.Contains(Fingerprint.ofToken token)

    /// The guard after the token has been requested (this guard itself when it already holds the token).
    member this.Add(token: string) =
        let fingerprint = Fingerprint.ofToken token
        if seen.Contains fingerprint then this
        else TokenGuard(count + 1, seen.Append fingerprint)

    /// How many distinct tokens the guard was given.
    member _.Count = count

    member private _.Sorted =
        let all = seen.View.ToArray()
        Array.sortInPlace all
        all

    override this.Equals(other: obj) =
        match other with
        | :? TokenGuard as g ->
            obj.ReferenceEquals(this, g)
            || (g.Count = count && MemoryExtensions.SequenceEqual(ReadOnlySpan<uint64>(g.Sorted), ReadOnlySpan<uint64>(this.Sorted)))
        | _ -> false

    override _.GetHashCode() =
        let view = seen.View
        let mutable h = uint64 count
        for i in 0 .. view.Length - 1 do
            h <- h ^^^ view.[i]
        int h ^^^ int (h >>> 32)

    /// The number of tokens, never the tokens themselves (they are opaque and may be long).
    override _.ToString() = $"TokenGuard({count} tokens)"
