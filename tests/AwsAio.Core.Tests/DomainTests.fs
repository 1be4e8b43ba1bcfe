module AwsAio.Core.Tests.DomainTests

open System
open AwsAio.Core
open Xunit

module ``AwsEnvironment`` =

    [<Fact>]
    let ``renders as the CDK environment string`` () =
        let env = { Account = "123456789012"; Region = "eu-west-1"; Profile = "dev" }
        Assert.Equal("aws://123456789012/eu-west-1", string env)

module ``Storage classes`` =

    [<Theory>]
    [<InlineData(null, S3StorageClass.Standard)>]
    [<InlineData("", S3StorageClass.Standard)>]
    [<InlineData("STANDARD", S3StorageClass.Standard)>]
    [<InlineData("GLACIER_IR", S3StorageClass.GlacierInstantRetrieval)>]
    [<InlineData("DEEP_ARCHIVE", S3StorageClass.DeepArchive)>]
    [<InlineData("EXPRESS_ONEZONE", S3StorageClass.ExpressOneZone)>]
    [<InlineData("SOMETHING_NEW", S3StorageClass.Unknown)>]
    let ``S3 names read as the domain enum`` (name: string, expected: S3StorageClass) =
        Assert.Equal(expected, DomainNames.storageClass name)

module ``Tenancy and ETags`` =

    [<Fact>]
    let ``tenancy names read as the domain enum, unknown ones as Unknown`` () =
        Assert.Equal(VpcTenancy.Default, DomainNames.tenancy "default")
        Assert.Equal(VpcTenancy.Dedicated, DomainNames.tenancy "dedicated")
        Assert.Equal(VpcTenancy.Host, DomainNames.tenancy "host")
        Assert.Equal(VpcTenancy.Unknown, DomainNames.tenancy "moon")

    [<Fact>]
    let ``ETags lose S3's quotes and null becomes empty`` () =
        Assert.Equal("abc", DomainNames.etag "\"abc\"")
        Assert.Equal("", DomainNames.etag null)

module ``Listed objects`` =

    open FsCheck
    open FsCheck.FSharp
    open FsCheck.Xunit

    let private at = DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)

    /// Listed objects with ETags quoted or bare, dates in any whole-minute offset, and fields often shared.
    let private listed =
        gen {
            let! key = Gen.elements [ "a"; "b"; "logs/x.gz"; "" ]
            let! size = Gen.elements [ 0L; 1L; 42L; Int64.MaxValue ]
            let! minutes = Gen.choose (-840, 840)
            let! days = Gen.choose (0, 3)
            let! etag = Gen.elements [ "abc"; "\"abc\""; "def"; "\"def\""; ""; "\"\"" ]
            let! storage = Gen.elements [ S3StorageClass.Standard; S3StorageClass.Glacier ]
            return S3Object(key, size, at.AddDays(float days).ToOffset(TimeSpan.FromMinutes(float minutes)), etag, storage)
        }

    /// The record it replaced, written out: equal and ordered field by field, ETags without quotes.
    let private asRecord (o: S3Object) = (o.Key, o.Size, o.LastModified.UtcTicks, o.ETag.Trim('"'), o.StorageClass)

    [<Property(MaxTest = 1000)>]
    let ``equal exactly when every field is, with equal hashes, whether or not the ETag was read first`` () =
        Prop.forAll (Arb.fromGen (Gen.zip3 listed listed (Gen.elements [ true; false ]))) (fun (a, b, readFirst) ->
            if readFirst then a.ETag |> ignore
            let same = asRecord a = asRecord b
            ((a = b) = same && (not same || a.GetHashCode() = b.GetHashCode()))
            |> Prop.classify same "equal")

    [<Property(MaxTest = 1000)>]
    let ``ordered as the record was: key, size, date, ETag, storage class`` () =
        Prop.forAll (Arb.fromGen (Gen.zip listed listed)) (fun (a, b) ->
            sign (compare a b) = sign (compare (asRecord a) (asRecord b)))

    [<Fact>]
    let ``the ETag reads bare, the date keeps its offset, and it prints like the record`` () =
        let o = S3Object("k", 42L, at.ToOffset(TimeSpan.FromHours 5.5), "\"abc\"", S3StorageClass.Standard)
        Assert.Equal("abc", o.ETag)
        Assert.Equal(TimeSpan.FromHours 5.5, o.LastModified.Offset)
        Assert.Equal(at, o.LastModified)
        Assert.Equal("{ Key = k; Size = 42; LastModified = 2026-11-24T17:30:00.0000000+05:30; ETag = abc; StorageClass = Standard }", string o)
        Assert.Equal(S3Object(null, 0L, at, null, S3StorageClass.Standard), S3Object("", 0L, at, "", S3StorageClass.Standard))
        Assert.Equal(1, compare o (Unchecked.defaultof<S3Object>))
