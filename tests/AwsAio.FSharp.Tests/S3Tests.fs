module AwsAio.FSharp.Tests.S3Tests

open System
open System.Net
open System.Threading
open System.Threading.Tasks
open Amazon.Runtime
open Amazon.S3
open Amazon.S3.Model
open AwsAio
open AwsAio.Core
open AwsAio.FSharp
open AwsAio.FSharp.Tests.Doubles
open Moq
open Xunit

let private notFound () =
    AmazonS3Exception("Not Found", ErrorType.Sender, "NoSuchBucket", "REQ1", HttpStatusCode.NotFound)

[<Fact>]
let ``every call gives a Result, equal to the wrapper's Either`` () =
    task {
        let s3 = Mock<IAmazonS3>()
        s3.Setup(fun s -> s.HeadBucketAsync(It.IsAny<HeadBucketRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(notFound ()) |> ignore
        s3.Setup(fun s -> s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(notFound ()) |> ignore
        let provider = providerFor s3.Object
        let ct = CancellationToken.None

        let! status = S3.getBucketStatus "awsaio-b" provider ct
        let! listed = S3.listObjects "awsaio-b" (Some "logs/") provider ct
        let! wrapped = S3Interactions.ListObjectsAsync("awsaio-b", provider, "logs/")
        let! invalid = S3.ensureBucketExists "Not A Bucket" provider ct
        let! missing = S3.putFile "/no/such/file" "awsaio-b" "k" None None provider ct

        Assert.Equal(Ok BucketStatus.DoesNotExist, status)
        Assert.Equal(string (Interop.toResult wrapped |> Result.map List.ofSeq), string listed)
        Assert.True(Result.isError listed)
        Assert.True(match invalid with Error(InvalidInput _) -> true | _ -> false)
        Assert.True(match missing with Error(LocalFileDoesNotExist _) -> true | _ -> false)
    }

[<Fact>]
let ``inside awsOp, the S3 operations compose and send nothing until run`` () =
    task {
        let s3 = Mock<IAmazonS3>()
        s3.Setup(fun s -> s.HeadBucketAsync(It.IsAny<HeadBucketRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(HeadBucketResponse(HttpStatusCode = HttpStatusCode.OK)) |> ignore
        let provider = providerFor s3.Object
        let op =
            awsOp {
                let! first = S3Ops.GetBucketStatus "awsaio-a"
                let! second = S3Ops.GetBucketStatus "awsaio-b"
                return [ first; second ]
            }
        Assert.Empty s3.Invocations
        let! result = op |> AwsOp.run provider CancellationToken.None
        Assert.Equal(Ok [ BucketStatus.ExistsHaveAccess; BucketStatus.ExistsHaveAccess ], result)
        Assert.Equal(2, s3.Invocations.Count)
    }

// ---- the README's F# example, verbatim ----
let archive logFile =
    awsOp {
        do! S3Ops.EnsureBucketExists "awsaio-logs"
        do! S3Ops.PutFile(logFile, "awsaio-logs", "2026/11/24/app.log.gz")
        let! objects = S3Ops.ListObjects("awsaio-logs", prefix = "2026/")
        return objects.Count
    }

let report provider ct =
    task {
        let! count = archive "/var/log/app.log.gz" |> AwsOp.retry Backoff.Default |> AwsOp.run provider ct   // Result<int, DomainError>
        let! status = S3.getBucketStatus "awsaio-logs" provider ct                                         // Result<BucketStatus, DomainError>
        return count, status
    }
// ---- end of the README's example ----

[<Fact>]
let ``the README's F# example runs: an existing bucket, then a file that is not there`` () =
    task {
        let s3 = Mock<IAmazonS3>()
        s3.Setup(fun s -> s.HeadBucketAsync(It.IsAny<HeadBucketRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(HeadBucketResponse(HttpStatusCode = HttpStatusCode.OK)) |> ignore
        let missing = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "awsaio-no-such-" + string (Guid.NewGuid()))
        let! count = archive missing |> AwsOp.run (providerFor s3.Object) CancellationToken.None
        let! _, status = report (providerFor s3.Object) CancellationToken.None
        Assert.True(match count with Error(LocalFileDoesNotExist _) -> true | _ -> false)
        Assert.Equal(Ok BucketStatus.ExistsHaveAccess, status)
    }

[<Fact>]
let ``the object calls give Results too: each equal to its wrapper's Either`` () =
    task {
        let s3 = Mock<IAmazonS3>()
        let gone () = AmazonS3Exception("Not Found", ErrorType.Sender, "NoSuchKey", "REQ2", HttpStatusCode.NotFound)
        s3.Setup(fun s -> s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(gone ()) |> ignore
        s3.Setup(fun s -> s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(gone ()) |> ignore
        let provider = providerFor s3.Object
        let ct = CancellationToken.None
        let here = match S3Location.Create("awsaio-b", "logs/a.txt") with
                   | Ok l -> l
                   | Error e -> failwith $"{e}"

        let! info = S3.getObjectInfo here provider ct
        let! wrapped = S3Interactions.GetObjectInfoAsync(here, provider)
        let! read = S3.readObject here (fun _ _ -> Task.FromResult 1) (Some(0L, Some 10L)) provider ct
        let! lifetime = S3.presignGet here (TimeSpan.FromDays 8.0) provider ct
        let! refused = S3.deleteObjects "Not A Bucket" [ "k" ] provider ct

        Assert.Equal(string (Interop.toResult wrapped), string info)
        Assert.True(match info with Error(ObjectDoesNotExist _) -> true | _ -> false)
        Assert.True(match read with Error(ObjectDoesNotExist _) -> true | _ -> false)
        Assert.True(match lifetime with Error(InvalidInput("presigned URL lifetime", _)) -> true | _ -> false)
        Assert.True(match refused with Error(InvalidInput("bucket name", _)) -> true | _ -> false)
    }
