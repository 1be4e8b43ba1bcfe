/// What the shared generators reach, sampled and counted: a generator that stops reaching one of its cases fails here,
/// and every distribution is written to the test output (dotnet test --logger "console;verbosity=detailed").
module AwsAio.Core.Tests.GeneratorsTests

open System
open Xunit
open Xunit.Abstractions
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.FSharp

let private caseName (e: DomainError) = (Reflection.FSharpValue.GetUnionFields(e, typeof<DomainError>) |> fst).Name

/// Draws n values at FsCheck's usual size.
let private sample (n: int) (generator: FsCheck.Gen<'T>) : 'T[] = Gen.sampleWithSize 50 n generator

/// Counts values by label, most frequent first, and writes the table to the output.
let private distribution (output: ITestOutputHelper) (title: string) (labels: string[]) : Map<string, int> =
    let counts = labels |> Array.countBy id
    output.WriteLine $"{title} ({labels.Length} samples):"
    for label, count in counts |> Array.sortByDescending snd do
        output.WriteLine $"  {label,-28} {count,6}  {100.0 * float count / float labels.Length,5:F1}%%"
    Map.ofArray counts

let private share (counts: Map<string, int>) (label: string) (total: int) =
    float (counts |> Map.tryFind label |> Option.defaultValue 0) / float total

type ``Error facts``(output: ITestOutputHelper) =

    [<Fact>]
    member _.``generated details reach every service table and family, and few end as Unexpected`` () =
        let n = 10000
        let mapped = sample n anyDetails |> Array.map (fun d -> caseName (ErrorMapping.map (ErrorTarget.Of("bucket", "key"), d, null)))
        let counts = distribution output "anyDetails, mapped" mapped
        // The cases the service tables name, and the families: each at least 1 in 200 (0.5%).
        for case in [ "BucketDoesNotExist"; "ObjectDoesNotExist"; "BucketAccessDenied"; "AssumeRoleFailed"; "VpcDoesNotExist"
                      "InstanceDoesNotExist"; "MirrorDoesNotExist"; "ResourceDoesNotExist"; "CredentialsExpired"
                      "EncryptionKeyError"; "CredentialsUnavailable"; "Throttled"; "AccessDenied"; "ServiceUnavailable"; "Timeout"
                      "InvalidRequest"; "Conflict"; "WrongRegion" ] do
            Assert.True(share counts case n >= 0.005, $"{case}: {share counts case n:P1} of {n}")
        // Rare by construction (one operation, one code), but reached.
        Assert.True(share counts "BucketNameNotAvailable" n > 0.0, "BucketNameNotAvailable never generated")
        let unexpected = share counts "Unexpected" n
        Assert.True(unexpected <= 0.35, $"Unexpected: {unexpected:P1}")

    [<Fact>]
    member _.``every documented and shared code is generated, in more than one spelling`` () =
        let facts = sample 20000 errorFacts
        let spellingsOf (code: string) =
            facts |> Array.filter (fun d -> d.Code.Contains(code, StringComparison.OrdinalIgnoreCase)) |> Array.map _.Code |> Array.distinct
        let codes = [ "S3"; "EC2"; "STS" ] |> List.collect documentedCodes |> List.append sharedCodes |> List.distinct
        let counts = distribution output "spellings per code" (codes |> List.map (fun c -> $"{(spellingsOf c).Length} spellings") |> Array.ofList)
        Assert.False(counts.IsEmpty)
        for code in codes do
            let seen = String.Join(" | ", spellingsOf code)
            Assert.True((spellingsOf code).Length >= 3, $"{code}: {seen}")

type ``Page chains``(output: ITestOutputHelper) =

    [<Fact>]
    member _.``chains end in every way S3 and EC2 end them, and stop in every anomalous way`` () =
        let n = 2000
        let shapes = sample n shapedChain |> Array.map (fst >> shapeName)
        let counts = distribution output "shapedChain" shapes
        for shape in [ "S3Complete"; "S3StrayToken"; "Ec2NullToken"; "Ec2EmptyToken"; "RepeatsOwnToken"; "RepeatsEarlierToken"
                       "TruncatedNoToken" ] do
            Assert.True(share counts shape n >= 0.03, $"{shape}: {share counts shape n:P1}")

    [<Fact>]
    member _.``well-formed chains hold empty pages, single pages and long runs`` () =
        let chains = sample 1000 chain
        let lengths = chains |> Array.map (fun pages -> if pages.Length = 1 then "one page" elif pages.Length >= 8 then "8+ pages" else "2-7 pages")
        let counts = distribution output "chain lengths" lengths
        for label in [ "one page"; "2-7 pages"; "8+ pages" ] do
            Assert.True(share counts label 1000 >= 0.05, label)
        Assert.True(chains |> Array.exists (List.exists (fun (_, p) -> p.Items.Count = 0)), "no empty page generated")

type ``Validation inputs``(output: ITestOutputHelper) =

    let validShare (title: string) (valid: 'T -> bool) (generator: FsCheck.Gen<'T>) =
        let n = 2000
        let labels = sample n generator |> Array.map (fun x -> if valid x then "valid" else "invalid")
        let counts = distribution output title labels
        share counts "valid" n

    [<Fact>]
    member _.``about half of every validation generator's inputs are valid`` () =
        for title, valid in [ "sessionNames", validShare "sessionNames" Oracles.roleSessionName sessionNames
                              "externalIds", validShare "externalIds" Oracles.externalId externalIds
                              "ec2Ids", validShare "ec2Ids" (fun (kind, id) -> Oracles.ec2Id kind id) ec2Ids
                              "objectKeys", validShare "objectKeys" (Oracles.objectKey false) objectKeys
                              "bucketCandidates", validShare "bucketCandidates" Oracles.bucketName bucketCandidates ] do
            Assert.True(valid >= 0.3 && valid <= 0.75, $"{title}: {valid:P1} valid")
