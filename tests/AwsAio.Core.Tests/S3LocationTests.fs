module AwsAio.Core.Tests.S3LocationTests

open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private right (e: LanguageExt.Either<DomainError, S3Location>) : S3Location option =
    if e.IsRight then Some(e.Match(Right = (fun (l: S3Location) -> l), Left = (fun (_: DomainError) -> failwith "left"))) else None

[<Property(MaxTest = Cases)>]
let ``a location parses back from the form it prints`` () =
    let keys = Gen.elements [ "k"; "a/b/c.txt"; "2026/11/30/app.log.gz"; "with space"; "ü/ñ"; "trailing/"; "a//b" ]
    let buckets = Gen.elements [ "logs"; "awsaio-logs"; "a.b.c"; "my-bucket-1" ]
    Prop.forAll (Arb.fromGen (Gen.zip buckets keys)) (fun (bucket, key) ->
        match S3Location.Create(bucket, key) with
        | Ok location -> right (S3Location.Parse(string location)) = Some location && location.Bucket = bucket && location.Key = key
        | Error _ -> false)

[<Theory>]
[<InlineData("logs/app.log")>]
[<InlineData("s3://")>]
[<InlineData("s3:///key")>]
[<InlineData("s3://bucket")>]
[<InlineData("s3://bucket/")>]
[<InlineData("s3://Bad_Bucket/key")>]
[<InlineData("https://bucket.s3.amazonaws.com/key")>]
[<InlineData(null)>]
let ``anything but s3://bucket/key is refused`` (text: string) =
    Assert.Equal(None, right (S3Location.Parse text))

[<Fact>]
let ``two locations are equal when bucket and key are`` () =
    let a = S3Location.Create("logs", "k")
    Assert.Equal(a, S3Location.Create("logs", "k"))
    Assert.NotEqual(a, S3Location.Create("logs", "K"))
