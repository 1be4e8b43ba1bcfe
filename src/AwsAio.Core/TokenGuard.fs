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

/// One generation of exact fingerprints: a view of a shared log.
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
    /// start small and double up to <c>generation</c> entries).
    member w.Append(fingerprint: uint64, generation: int) =
        match w.Log with
        | null ->
            let log = FingerprintLog(min 16 generation)
            log.TryAppend(0, fingerprint) |> ignore
            { Log = log; Length = 1 }
        | log when log.TryAppend(w.Length, fingerprint) -> { Log = log; Length = w.Length + 1 }
        | log ->
            let capacity = if w.Length < log.Capacity then log.Capacity else min generation (log.Capacity * 2)
            let copy = log.CopyTo(w.Length, capacity)
            copy.TryAppend(w.Length, fingerprint) |> ignore
            { Log = copy; Length = w.Length + 1 }

/// A Bloom filter of fixed size over fingerprints (immutable: adding makes a copy). It never forgets a fingerprint
/// (no false negatives); it may answer yes for one it never held, at the rate <c>(1 - e^(-k n / m))^k</c> for
/// <c>n</c> fingerprints in <c>m</c> bits with <c>k</c> probes.
[<Sealed>]
type internal FingerprintBloom private (words: uint64[], probes: int) =
    let mask = uint32 (words.Length * 64 - 1)

    /// A filter of <c>bits</c> bits (a power of two, at least 64) probing <c>probes</c> positions per fingerprint.
    static member Create(bits: int, probes: int) = FingerprintBloom(Array.zeroCreate (bits / 64), probes)

    member _.Bits = words.Length * 64
    member internal _.Words = words

    /// Whether the fingerprint may have been added (positions by double hashing: h1 + i h2, h2 odd).
    member _.MayContain(fingerprint: uint64) =
        let h1 = uint32 fingerprint
        let h2 = uint32 (fingerprint >>> 32) ||| 1u
        let mutable all = true
        let mutable i = 0
        while all && i < probes do
            let bit = (h1 + uint32 i * h2) &&& mask
            if words.[int (bit >>> 6)] &&& (1UL <<< int (bit &&& 63u)) = 0UL then all <- false
            i <- i + 1
        all

    /// A copy of the filter with the fingerprints added.
    member _.With(fingerprints: ReadOnlySpan<uint64>) =
        let copy = Array.copy words
        for j in 0 .. fingerprints.Length - 1 do
            let fingerprint = fingerprints.[j]
            let h1 = uint32 fingerprint
            let h2 = uint32 (fingerprint >>> 32) ||| 1u
            for i in 0 .. probes - 1 do
                let bit = (h1 + uint32 i * h2) &&& mask
                copy.[int (bit >>> 6)] <- copy.[int (bit >>> 6)] ||| (1UL <<< int (bit &&& 63u))
        FingerprintBloom(copy, probes)

    member _.SameBits(other: FingerprintBloom) =
        obj.ReferenceEquals(words, other.Words) || MemoryExtensions.SequenceEqual(ReadOnlySpan<uint64>(words), ReadOnlySpan<uint64>(other.Words))

/// <summary>
/// The tokens a run has requested so far, so that a token handed back again is caught as a cycle — also across a
/// resume, so that a resumed run never delivers an item twice. Immutable, and bounded in memory whatever the length of
/// the listing: it keeps 64-bit fingerprints of tokens, never the tokens themselves — exactly for the most recent
/// 1,024 to 2,048 tokens (two generations of 8 KB), and in a Bloom filter of 8 MiB (2^26 bits, 10 probes), made when
/// the first generation retires, for every older one.
/// </summary>
/// <remarks>
/// A repeated token is always caught (neither structure ever forgets). The price of constant memory is a small chance
/// of stopping on a token that was never requested: about 2^-64 per fingerprint held exactly, and for the Bloom filter
/// the rate given there. Over a whole listing of N pages the chance of one false stop is below 1e-20 up to 10,000
/// pages, 4e-15 at 100,000 pages, 7e-10 at 300,000 and 3e-4 at 1,000,000 (a billion keys at 1,000 per page); a
/// listing of up to 2,048 pages holds no Bloom filter and only the exact fingerprints.
/// </remarks>
[<Sealed>]
type TokenGuard private (count: int, current: Window, previous: Window, older: FingerprintBloom | null, generation: int,
                         bloomBits: int, probes: int) =

    static let empty = TokenGuard(0, Window.Empty, Window.Empty, null, 1024, 1 <<< 26, 10)

    /// A guard that has seen no token.
    static member Empty = empty

    /// An empty guard with other sizes (for tests: small generations reach the Bloom filter after a few tokens).
    static member internal Sized(generation: int, bloomBits: int, probes: int) =
        TokenGuard(0, Window.Empty, Window.Empty, null, max 1 generation, max 64 bloomBits, max 1 probes)

    member private _.Holds(fingerprint: uint64) =
        current.Contains fingerprint
        || previous.Contains fingerprint
        || (match older with
            | null -> false
            | bloom -> bloom.MayContain fingerprint)

    /// Whether the token was requested before in this run.
    member this.Contains(token: string) = this.Holds(Fingerprint.ofToken token)

    /// The guard after the token has been requested (this guard itself when it already holds the token).
    member this.Add(token: string) =
        let fingerprint = Fingerprint.ofToken token
        if this.Holds fingerprint then
            this
        elif current.Length < generation then
            TokenGuard(count + 1, current.Append(fingerprint, generation), previous, older, generation, bloomBits, probes)
        else
            // The current generation is full: it becomes the previous one, and the previous one retires into the filter.
            let bloom =
                match older with
                | null -> FingerprintBloom.Create(bloomBits, probes)
                | bloom -> bloom
            TokenGuard(count + 1, Window.Empty.Append(fingerprint, generation), current, bloom.With previous.View, generation,
                       bloomBits, probes)

    /// How many distinct tokens the guard was given.
    member _.Count = count

    /// Whether the guard holds a Bloom filter (it has retired a generation of tokens).
    member internal _.HasFilter = not (isNull older)

    member private _.Exact =
        let all = Array.append (current.View.ToArray()) (previous.View.ToArray())
        Array.sortInPlace all
        all

    member private _.Older = older

    override this.Equals(other: obj) =
        match other with
        | :? TokenGuard as g ->
            obj.ReferenceEquals(this, g)
            || (g.Count = count
                && MemoryExtensions.SequenceEqual(ReadOnlySpan<uint64>(g.Exact), ReadOnlySpan<uint64>(this.Exact))
                && (match older, g.Older with
                    | null, null -> true
                    | NonNull a, NonNull b -> a.SameBits b
                    | _ -> false))
        | _ -> false

    static member private Mix(view: ReadOnlySpan<uint64>) =
        let mutable x = 0UL
        for i in 0 .. view.Length - 1 do
            x <- x ^^^ view.[i]
        x

    override this.GetHashCode() =
        let h = uint64 count ^^^ TokenGuard.Mix current.View ^^^ TokenGuard.Mix previous.View
        int h ^^^ int (h >>> 32)

    /// The number of tokens, never the tokens themselves (they are opaque and may be long).
    override _.ToString() = $"TokenGuard({count} tokens)"
