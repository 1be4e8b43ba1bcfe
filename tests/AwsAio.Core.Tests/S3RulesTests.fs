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
        Assert.Equal({ Key = "k"; Size = 42L; LastModified = DateTimeOffset(when'); ETag = "abc"; StorageClass = S3StorageClass.StandardInfrequentAccess }, o)

    [<Fact>]
    let ``absent fields read as empty values instead of failing the listing`` () =
        let o = S3Rules.objectOf (null, Nullable(), Nullable(), null, null)
        Assert.Equal({ Key = ""; Size = 0L; LastModified = DateTimeOffset.MinValue; ETag = ""; StorageClass = S3StorageClass.Standard }, o)

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
