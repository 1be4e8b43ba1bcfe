namespace AwsAio.Core

open System
open System.Collections.Generic

/// Another account and/or region a provider works for, as plain facts (the shell's target type lives in C#).
type TargetFacts =
    {
        /// The role to assume in the other account, or null to keep the provider's own credentials.
        RoleArn: string | null
        /// The external id the role's trust policy asks for, or null.
        ExternalId: string | null
        /// The region, or null to keep the provider's own.
        Region: string | null
    }

/// One entry of a provider's cache of targets, as the eviction rule sees it.
type CacheEntry<'Key> =
    {
        /// The entry's key.
        Key: 'Key
        /// When the entry was last used.
        LastUsed: DateTimeOffset
        /// How many calls or operations are using it now; an entry in use is never evicted.
        InUse: int
    }

/// The rules behind providers for other accounts and regions: which targets make sense, and which cached entries go.
[<RequireQualifiedAccess>]
module TargetRules =

    /// The most targets a provider may be asked to cache.
    [<Literal>]
    let MaxCapacity = 65536

    let private check (result: Result<'T, DomainError>) =
        match result with
        | Ok _ -> None
        | Error e -> Some e

    let private checkOptional (value: string | null) (validate: string -> Result<'T, DomainError>) =
        match value with
        | null -> None
        | v -> check (validate v)

    /// A target against the same rules <c>Create</c> applies to a provider's own role and region: a valid role ARN
    /// (any partition), an external id only with a role and of STS's shape, and a valid region.
    /// <example><code>TargetRules.checkTarget { RoleArn = null; ExternalId = "x-1"; Region = null } // InvalidInput external id</code></example>
    [<CompiledName("CheckTarget")>]
    let checkTarget (target: TargetFacts) : Result<unit, DomainError> =
        let problem =
            if isNull (box target) then Some(InvalidInput("target", "is required"))
            else
                seq {
                    (if isNull target.RoleArn && not (isNull target.ExternalId) then
                         Some(InvalidInput("external id", "applies only when a role is assumed"))
                     else None)
                    checkOptional target.RoleArn Validate.roleArn
                    checkOptional target.ExternalId Validate.externalId
                    checkOptional target.Region Validate.region
                }
                |> Seq.tryPick id
        match problem with
        | Some error -> Error error
        | None -> Ok()

    /// The size bound and idle time of a provider's cache of targets: 1 to 65536 entries, and 1 second to 24 hours.
    /// <example><code>TargetRules.checkCache (0, TimeSpan.FromMinutes 10.0) |> Result.isError = true</code></example>
    [<CompiledName("CheckCache")>]
    let checkCache (capacity: int, idleTimeout: TimeSpan) : Result<unit, DomainError> =
        if capacity < 1 || capacity > MaxCapacity then
            Error(InvalidInput("max cached targets", $"must be 1 to {MaxCapacity} (was {capacity})"))
        elif idleTimeout < TimeSpan.FromSeconds 1.0 || idleTimeout > TimeSpan.FromHours 24.0 then
            Error(InvalidInput("target idle timeout", $"must be from 00:00:01 to 1.00:00:00 (was {idleTimeout})"))
        else Ok()

    /// Where a cache that went over its capacity is brought back to: three quarters of it (at least 1, at most the
    /// capacity), so that one eviction pass makes room for many new entries rather than one.
    /// <example><code>TargetRules.lowWater 256 = 192</code></example>
    [<CompiledName("LowWater")>]
    let lowWater (capacity: int) : int = max 0 (capacity - capacity / 4)

    /// The keys to evict from a cache at <paramref name="now"/>: every entry not in use and idle for at least
    /// <paramref name="idleTimeout"/>; then, if more than <paramref name="capacity"/> remain, the least recently used
    /// entries not in use until <see cref="lowWater"/> remain. An entry in use is never evicted, so a cache whose entries
    /// are all busy may stay above its capacity until they are released.
    /// <example><code>TargetRules.evictions ([| { Key = "a"; LastUsed = now; InUse = 0 } |], now, TimeSpan.FromMinutes 1.0, 0) = [| "a" |]</code></example>
    [<CompiledName("Evictions")>]
    let evictions (entries: IReadOnlyList<CacheEntry<'Key>>, now: DateTimeOffset, idleTimeout: TimeSpan, capacity: int)
        : 'Key[] =
        let all = if isNull (box entries) then [||] else Seq.toArray entries
        let free = all |> Array.filter (fun e -> e.InUse <= 0)
        let idle = free |> Array.filter (fun e -> now - e.LastUsed >= idleTimeout)
        let remaining = all.Length - idle.Length
        let excess = if remaining > max 0 capacity then remaining - lowWater capacity else 0
        let oldest =
            free
            |> Array.filter (fun e -> now - e.LastUsed < idleTimeout)
            |> Array.sortBy (fun e -> e.LastUsed)
            |> Array.truncate excess
        Array.append idle oldest |> Array.map (fun e -> e.Key)

    /// STS's limit on a role assumed with credentials that are themselves an assumed role ("role chaining").
    let ChainedSessionLimit = TimeSpan.FromHours 1.0

    /// The session duration and refresh window a target's role is assumed with. A parent that assumes a role itself
    /// chains roles, and STS refuses chained sessions longer than one hour: the parent's duration is capped there (and
    /// the refresh window kept at most half of it), so targets never fail for a duration only the parent could have.
    /// <example><code>TargetRules.targetSession (true, Nullable(TimeSpan.FromHours 4.0), TimeSpan.FromMinutes 5.0) // 1 h, 5 min</code></example>
    [<CompiledName("TargetSession")>]
    let targetSession (parentAssumesRole: bool, duration: Nullable<TimeSpan>, refreshWindow: TimeSpan)
                      : struct (Nullable<TimeSpan> * TimeSpan) =
        let duration =
            if parentAssumesRole && duration.HasValue && duration.Value > ChainedSessionLimit then Nullable ChainedSessionLimit
            else duration
        let lifetime = if duration.HasValue then duration.Value else ChainedSessionLimit
        let window = if refreshWindow + refreshWindow > lifetime then TimeSpan.FromTicks(lifetime.Ticks / 2L) else refreshWindow
        struct (duration, window)
