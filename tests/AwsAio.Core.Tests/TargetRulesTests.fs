module AwsAio.Core.Tests.TargetRulesTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private role = "arn:aws:iam::210987654321:role/ops/Reader"
let private target roleArn externalId region : TargetFacts = { RoleArn = roleArn; ExternalId = externalId; Region = region }

let private field (result: Result<unit, DomainError>) =
    match result with
    | Error(InvalidInput(f, _)) -> f
    | Error other -> failwith $"expected InvalidInput, got {other}"
    | Ok() -> "ok"

module ``Targets`` =

    [<Fact>]
    let ``a role with an external id, a region, both, or neither are all targets`` () =
        Assert.Equal(Ok(), TargetRules.checkTarget (target role "awsaio-7f3c" null))
        Assert.Equal(Ok(), TargetRules.checkTarget (target null null "eu-west-1"))
        Assert.Equal(Ok(), TargetRules.checkTarget (target role null "us-gov-west-1"))
        Assert.Equal(Ok(), TargetRules.checkTarget (target null null null))

    [<Fact>]
    let ``a target is refused with the same errors Create gives for the same options`` () =
        let create (facts: TargetFacts) =
            ProviderRules.checkOptions
                { Profile = null; Compute = false; HasCredentials = false; AssumeRoleArn = facts.RoleArn
                  ExternalId = facts.ExternalId; RoleSessionName = null; SessionDuration = Nullable()
                  CredentialRefreshWindow = TimeSpan.FromMinutes 5.0; Region = facts.Region; HasEndpoint = false
                  EndpointUrl = null; EndpointAuthenticationRegion = null; AllowInsecureHttp = false; Timeout = Nullable()
                  MaxErrorRetry = Nullable(); CallDeadline = Nullable(); IdleTimeout = Nullable() }
        for facts in [ target "arn:aws:iam::12:role/x" null null; target null "x-1" null; target role "a" null
                       target role null "mars-north-1x"; target role "bad id with spaces" "eu-west-1" ] do
            Assert.Equal(create facts, TargetRules.checkTarget facts)
            Assert.NotEqual<string>("ok", field (TargetRules.checkTarget facts))

    [<Fact>]
    let ``a null target is refused, not thrown`` () =
        Assert.Equal("target", field (TargetRules.checkTarget Unchecked.defaultof<TargetFacts>))

    [<Fact>]
    let ``the cache bounds are checked`` () =
        Assert.Equal(Ok(), TargetRules.checkCache (256, TimeSpan.FromMinutes 10.0))
        Assert.Equal("max cached targets", field (TargetRules.checkCache (0, TimeSpan.FromMinutes 10.0)))
        Assert.Equal("max cached targets", field (TargetRules.checkCache (TargetRules.MaxCapacity + 1, TimeSpan.FromMinutes 10.0)))
        Assert.Equal("target idle timeout", field (TargetRules.checkCache (1, TimeSpan.FromMilliseconds 10.0)))
        Assert.Equal("target idle timeout", field (TargetRules.checkCache (1, TimeSpan.FromDays 2.0)))

module ``Eviction`` =

    let private now = DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)
    let private idle = TimeSpan.FromMinutes 10.0

    /// Up to 40 entries with distinct keys, used up to 20 minutes ago, a third of them in use.
    let private cache =
        gen {
            let! count = Gen.choose (0, 40)
            let! ages = Gen.listOfLength count (Gen.choose (0, 1200))
            let! uses = Gen.listOfLength count (Gen.frequency [ 2, Gen.constant 0; 1, Gen.choose (1, 3) ])
            let! capacity = Gen.choose (0, 30)
            let entries =
                List.zip ages uses
                |> List.mapi (fun i (age, inUse) -> { Key = i; LastUsed = now.AddSeconds(-(float age)); InUse = inUse })
                |> Array.ofList
            return entries, capacity
        }

    let private evict (entries: CacheEntry<int>[]) capacity =
        TargetRules.evictions (entries, now, idle, capacity) |> Set.ofArray

    [<Property(MaxTest = Cases)>]
    let ``an entry in use is never evicted`` () =
        Prop.forAll (Arb.fromGen cache) (fun (entries, capacity) ->
            let gone = evict entries capacity
            entries |> Array.forall (fun e -> e.InUse = 0 || not (gone.Contains e.Key)))

    [<Property(MaxTest = Cases)>]
    let ``what remains fits the capacity, unless only entries in use are left over`` () =
        Prop.forAll (Arb.fromGen cache) (fun (entries, capacity) ->
            let gone = evict entries capacity
            let kept = entries |> Array.filter (fun e -> not (gone.Contains e.Key))
            kept.Length <= capacity || kept |> Array.forall (fun e -> e.InUse > 0))

    [<Property(MaxTest = Cases)>]
    let ``every idle entry not in use goes, and nothing is evicted for room within the capacity`` () =
        Prop.forAll (Arb.fromGen cache) (fun (entries, capacity) ->
            let gone = evict entries capacity
            let idleFree = entries |> Array.filter (fun e -> e.InUse = 0 && now - e.LastUsed >= idle)
            let busyOrFresh = entries.Length - idleFree.Length
            let forRoom = gone.Count - idleFree.Length
            idleFree |> Array.forall (fun e -> gone.Contains e.Key)
            && (if busyOrFresh <= capacity then forRoom = 0 else forRoom <= busyOrFresh - TargetRules.lowWater capacity))

    [<Property(MaxTest = Cases)>]
    let ``a cache over its capacity is brought down to the low-water mark, unless what is left is in use`` () =
        Prop.forAll (Arb.fromGen cache) (fun (entries, capacity) ->
            let gone = evict entries capacity
            let kept = entries |> Array.filter (fun e -> not (gone.Contains e.Key))
            let busyOrFresh = entries |> Array.filter (fun e -> e.InUse > 0 || now - e.LastUsed < idle) |> Array.length
            busyOrFresh <= capacity || kept.Length <= TargetRules.lowWater capacity || kept |> Array.forall (fun e -> e.InUse > 0))

    [<Property(MaxTest = Cases)>]
    let ``the low-water mark is three quarters of the capacity, never more than it`` () =
        Prop.forAll (Arb.fromGen (Gen.choose (0, 100000))) (fun capacity ->
            let low = TargetRules.lowWater capacity
            low <= capacity && low >= capacity * 3 / 4 && (capacity = 0 || low >= 1))

    [<Property(MaxTest = Cases)>]
    let ``entries evicted for room are never more recently used than a free entry that stays`` () =
        Prop.forAll (Arb.fromGen cache) (fun (entries, capacity) ->
            let gone = evict entries capacity
            let evicted = entries |> Array.filter (fun e -> gone.Contains e.Key)
            let keptFree = entries |> Array.filter (fun e -> e.InUse = 0 && not (gone.Contains e.Key))
            evicted |> Array.forall (fun g -> keptFree |> Array.forall (fun k -> g.LastUsed <= k.LastUsed)))

    [<Fact>]
    let ``no entries, nothing to evict`` () =
        Assert.Empty(TargetRules.evictions (([||]: CacheEntry<string>[]), now, idle, 4))
        Assert.Empty(TargetRules.evictions ((null: Collections.Generic.IReadOnlyList<CacheEntry<string>>), now, idle, 4))

module ``Chained sessions`` =

    [<Property(MaxTest = Cases)>]
    let ``a target's session fits STS's chaining limit when the parent assumes a role, and its window fits the session`` () =
        let hours = Gen.elements [ None; Some 0.25; Some 1.0; Some 2.0; Some 12.0 ]
        let minutes = Gen.elements [ 0.0; 5.0; 29.0; 45.0; 120.0 ]
        Prop.forAll (Arb.fromGen (Gen.zip3 (Gen.elements [ true; false ]) hours minutes)) (fun (chained, h, m) ->
            let asked = h |> Option.map TimeSpan.FromHours |> Option.toNullable
            let struct (duration, window) = TargetRules.targetSession (chained, asked, TimeSpan.FromMinutes m)
            let lifetime = if duration.HasValue then duration.Value else TimeSpan.FromHours 1.0
            (not chained || not duration.HasValue || duration.Value <= TimeSpan.FromHours 1.0)
            && (chained || duration = asked)
            && window + window <= lifetime + lifetime && window <= TimeSpan.FromMinutes m
            && (window + window <= lifetime))
