module AwsAio.Core.Tests.S3RulesTests

open System
open System.Collections.Generic
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private d = { Service = "S3"; Operation = "HeadBucket"; Code = "x"; Message = ""; HttpStatus = 404; RequestId = "r"; Target = ErrorTarget.None }

module ``Bucket status`` =

    [<Fact>]
    let ``not found is DoesNotExist, denied is ExistsNoAccess, anything else stays an error`` () =
        Assert.Equal(Ok BucketStatus.DoesNotExist, S3Rules.bucketStatusOf (BucketDoesNotExist("b", d)))
        Assert.Equal(Ok BucketStatus.ExistsNoAccess, S3Rules.bucketStatusOf (BucketAccessDenied("b", d)))
        Assert.Equal(Error(Throttled d), S3Rules.bucketStatusOf (Throttled d))

module ``Ensuring a bucket`` =

    [<Fact>]
    let ``HeadBucket's answer decides the next step`` () =
        Assert.Equal(AlreadyThere, S3Rules.ensureStep ("b", null))
        Assert.Equal(CreateIt, S3Rules.ensureStep ("b", BucketDoesNotExist("b", d)))
        Assert.Equal(Stop(CouldNotEnsureBucketExists("b", BucketAccessDenied("b", d))), S3Rules.ensureStep ("b", BucketAccessDenied("b", d)))
        Assert.Equal(Stop(Throttled d), S3Rules.ensureStep ("b", Throttled d))

    [<Fact>]
    let ``a name owned by another account cannot be ensured; other failures pass through`` () =
        Assert.Equal(CouldNotEnsureBucketExists("b", BucketNameNotAvailable("b", d)), S3Rules.ensureCreateFailed ("b", BucketNameNotAvailable("b", d)))
        Assert.Equal(AccessDenied d, S3Rules.ensureCreateFailed ("b", AccessDenied d))

module ``Creating a bucket`` =

    [<Fact>]
    let ``us-east-1 sends no LocationConstraint, every other region its own name`` () =
        Assert.Null(S3Rules.locationConstraint "us-east-1")
        Assert.Equal("eu-west-1", S3Rules.locationConstraint "eu-west-1")
        Assert.Equal("us-gov-west-1", S3Rules.locationConstraint "us-gov-west-1")

module ``Listing entries`` =

    [<Fact>]
    let ``an entry keeps key, size, UTC date, bare ETag and storage class`` () =
        let when' = DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc)
        let o = S3Rules.objectOf ("k", Nullable 42L, Nullable when', "\"abc\"", "STANDARD_IA")
        Assert.Equal(S3Object("k", 42L, DateTimeOffset(when'), "abc", S3StorageClass.StandardInfrequentAccess), o)
        Assert.Equal("abc", o.ETag)

    [<Fact>]
    let ``absent fields read as empty values instead of failing the listing`` () =
        let o = S3Rules.objectOf (null, Nullable(), Nullable(), null, null)
        Assert.Equal(S3Object("", 0L, DateTimeOffset.MinValue, "", S3StorageClass.Standard), o)
        Assert.Equal("", o.ETag)

module ``Metadata`` =

    [<Fact>]
    let ``the x-amz-meta- prefix goes, keys compare without case`` () =
        let m = S3Rules.userMetadata [ KeyValuePair("x-amz-meta-Owner", "ops"); KeyValuePair("plain", "kept") ]
        Assert.Equal("ops", m.["owner"])
        Assert.Equal("kept", m.["plain"])

module ``Version markers`` =

    [<Property(MaxTest = Cases)>]
    let ``a version token always splits back into the markers it was made of`` () =
        Prop.forAll (Arb.fromGen (Gen.zip anyString anyString)) (fun (key, version) ->
            let orEmpty (s: string) = match s with | null -> "" | s -> s
            let struct (k, v) = S3Rules.versionMarkers (S3Rules.versionToken (key, version))
            k = orEmpty key && v = orEmpty version)

    [<Fact>]
    let ``a token that was not made by versionToken is read as a bare key marker`` () =
        Assert.Equal(struct ("plain", ""), S3Rules.versionMarkers "plain")
        Assert.Equal(struct ("99:x", ""), S3Rules.versionMarkers "99:x")

module ``Listing limits and failures`` =

    [<Theory>]
    [<InlineData(1, true)>]
    [<InlineData(1000, true)>]
    [<InlineData(0, false)>]
    [<InlineData(1001, false)>]
    let ``a page size is 1 to 1000`` (size: int, valid: bool) =
        Assert.Equal(valid, Result.isOk (S3Rules.pageSize (Nullable size)))
        Assert.True(Result.isOk (S3Rules.pageSize (Nullable())))

    [<Fact>]
    let ``a failure on the first request is the cause itself; later it is an interruption with what came before`` () =
        let cause = BucketDoesNotExist("b", d)
        Assert.Equal(cause, S3Rules.listingFailure ("b", cause, ResumePoint.At(null, 0), [||], 0))
        match S3Rules.listingFailure ("b", Throttled d, ResumePoint.At("t2", 0), [||], 7) with
        | ObjectListingInterrupted(_, Throttled _, point, _, delivered) ->
            Assert.Equal("t2", point.Token)
            Assert.Equal(7, delivered)
        | other -> failwith $"expected an interruption, got {other}"
        match S3Rules.listingFailure ("b", Throttled d, ResumePoint.At(null, 5), [||], 5) with
        | ObjectListingInterrupted(_, _, point, _, 5) -> Assert.Equal(ResumePoint.At(null, 5), point)
        | other -> failwith $"expected an interruption that restarts and skips 5, got {other}"

    [<Fact>]
    let ``a version page without markers has no token`` () =
        Assert.Null(S3Rules.versionPageToken (null, null))
        Assert.Equal("1:kv", S3Rules.versionPageToken ("k", "v"))

module ``What a listing page must be`` =

    [<Theory>]
    [<InlineData("b", true, true)>]
    [<InlineData(null, true, false)>]      // no <Name>: an HTML page or another document parsed into an empty listing
    [<InlineData("other", true, false)>]   // a listing of another bucket
    [<InlineData("b", false, false)>]      // no <IsTruncated>
    let ``a 200 is a listing only when it names the bucket and says whether it is truncated`` (name: string, hasTruncated: bool, valid: bool) =
        let truncated = if hasTruncated then Nullable false else Nullable()
        let result = S3Rules.listingPage ("ListObjectsV2", "b", name, truncated, 200, "REQ")
        Assert.Equal(valid, Result.isOk result)
        match result with
        | Error(MalformedResponse(_, d)) ->
            Assert.Equal(("S3", "ListObjectsV2", 200, "REQ", ErrorTarget.Of "b"), (d.Service, d.Operation, d.HttpStatus, d.RequestId, d.Target))
        | Error other -> failwith $"expected MalformedResponse, got {other}"
        | Ok() -> ()

module ``What a DeleteObjects answer must account for`` =

    let private v k ver = ObjectVersion.Of(k, ver)

    [<Property(MaxTest = Cases)>]
    let ``a batch succeeds only when every key came back deleted or refused, and every refusal is reported`` () =
        let keys = Gen.listOf (Gen.zip (Gen.elements [ "a"; "b"; "c"; "d/e"; "f g" ]) (Gen.elements [ ""; "v1"; "v2" ])) |> Gen.map List.distinct
        let fate = Gen.elements [ "deleted"; "refused"; "missing" ]
        Prop.forAll (Arb.fromGen (keys |> Gen.bind (fun ks -> Gen.listOfLength ks.Length fate |> Gen.map (List.zip ks))))
            (fun batch ->
                let requested = batch |> List.map (fun ((k, ver), _) -> v k ver) |> Array.ofList
                let deleted = batch |> List.filter (fun (_, f) -> f = "deleted") |> List.map (fun ((k, ver), _) -> v k ver) |> Array.ofList
                let refused = batch |> List.filter (fun (_, f) -> f = "refused")
                                    |> List.map (fun ((k, ver), _) -> { Key = k; VersionId = ver; Code = "AccessDenied"; Message = "no" }) |> Array.ofList
                // A missing key is "answered" only when another entry of the batch for the same key came back, and
                // only if the missing one named no version (an unversioned delete is answered by key).
                let answeredKeys = Set.ofSeq ((deleted |> Seq.map _.Key) |> Seq.append (refused |> Seq.map _.Key))
                let unaccounted =
                    batch |> List.exists (fun ((k, ver), f) -> f = "missing" && (ver <> "" || not (answeredKeys.Contains k)))
                match S3Rules.deleteOutcome ("bkt", requested, deleted, refused, 200, "REQ") with
                | Ok failures ->
                    not unaccounted && failures.Count = refused.Length
                    && failures |> Seq.forall (fun f -> f.Error.Category = ErrorCategory.Access && string f.Error |> fun t -> t.Contains "bkt")
                | Error(MalformedResponse _) -> unaccounted
                | Error _ -> false)

    [<Fact>]
    let ``a refusal keeps its own code, key and version`` () =
        match S3Rules.deleteOutcome ("bkt", [| v "k" "v1" |], [||], [| { Key = "k"; VersionId = "v1"; Code = "InternalError"; Message = "oops" } |], 200, "R") with
        | Ok failures ->
            let f = Assert.Single failures
            Assert.Equal(("k", "v1"), (f.Key, f.VersionId))
            match f.Error with
            | ServiceUnavailable d -> Assert.Equal(("InternalError", "DeleteObject", ErrorTarget.Of("bkt", "k")), (d.Code, d.Operation, d.Target))
            | other -> failwith $"expected ServiceUnavailable, got {other}"
        | Error e -> failwith $"{e}"

module ``Metadata values on the way back`` =

    [<Theory>]
    [<InlineData("=?UTF-8?B?Wm/Dqw==?=", "Zoë")>]
    [<InlineData("=?utf-8?Q?Zo=C3=AB_Smith?=", "Zoë Smith")>]
    [<InlineData("=?UTF-8?B?Wm8=?= =?UTF-8?B?w6s=?=", "Zoë")>]
    [<InlineData("plain", "plain")>]
    [<InlineData("=?UTF-8?B?not base64!?=", "=?UTF-8?B?not base64!?=")>]
    [<InlineData("=?no-such-charset?B?eA==?=", "=?no-such-charset?B?eA==?=")>]
    let ``encoded words are decoded, anything else is kept`` (wire: string, expected: string) =
        Assert.Equal(expected, S3Rules.decodeMetadataValue wire)

    [<Fact>]
    let ``user metadata read back is decoded`` () =
        Assert.Equal("Zoë", (S3Rules.userMetadata [ Collections.Generic.KeyValuePair("x-amz-meta-owner", "=?UTF-8?B?Wm/Dqw==?=") ]).["owner"])

module ``Where a bucket is created`` =

    [<Fact>]
    let ``the provider's region first, then the client's, never a guess`` () =
        let asked = ref 0
        let client r = Func<string | null>(fun () -> asked.Value <- asked.Value + 1; r)
        Assert.Equal(Ok "eu-west-1", S3Rules.createBucketRegion ("eu-west-1", client "us-east-1"))
        Assert.Equal(0, asked.Value)
        Assert.Equal(Ok "ap-south-1", S3Rules.createBucketRegion (null, client "ap-south-1"))
        Assert.True(match S3Rules.createBucketRegion ("", client null) with
                    | Error(RegionUnresolved _) -> true
                    | _ -> false)

    [<Property(MaxTest = Cases)>]
    let ``the constraint is the region verbatim, never an alias, and none in us-east-1`` () =
        Prop.forAll (Arb.fromGen (Gen.elements [ "us-east-1"; "eu-west-1"; "eu-central-1"; "us-gov-west-1"; "cn-north-1"; "ap-southeast-5" ])) (fun region ->
            match S3Rules.locationConstraint region with
            | null -> region = "us-east-1"
            | c -> c = region)
