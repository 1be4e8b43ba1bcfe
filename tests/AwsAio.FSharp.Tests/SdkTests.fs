module AwsAio.FSharp.Tests.SdkTests

open System
open System.Net
open System.Threading
open System.Threading.Tasks
open Amazon.Runtime
open Amazon.S3
open AwsAio
open AwsAio.Core
open AwsAio.FSharp
open AwsAio.FSharp.Tests.Doubles
open Xunit

[<Fact>]
let ``an SDK exception becomes the core's error, naming service, operation and resource`` () =
    task {
        let call = CallInfo.Of("SSM", "GetParameter", ErrorTarget.Of "/app/db")
        let! result =
            Sdk.call call (fun _ -> Task.FromException<int>(AmazonServiceException("slow down", ErrorType.Sender, "ThrottlingException", "r-1", HttpStatusCode.BadRequest)))
                (JournalProvider()) CancellationToken.None
        match result with
        | Error(Throttled d) ->
            Assert.Equal("SSM", d.Service)
            Assert.Equal("GetParameter", d.Operation)
            Assert.Equal("/app/db", d.Target.Resource)
        | other -> failwith $"expected Throttled, got {other}"
    }

[<Fact>]
let ``the operation form sends nothing until it runs`` () =
    let calls = ref 0
    let op = Sdk.op (CallInfo.Of("SSM", "GetParameter", ErrorTarget.None)) (fun _ _ -> Interlocked.Increment calls |> ignore; Task.FromResult "v")
    Assert.Equal(0, calls.Value)
    Assert.Equal(Ok "v", fst (runFresh op))
    Assert.Equal(1, calls.Value)

[<Fact>]
let ``a provider that builds no other clients says so`` () =
    Assert.Throws<NotSupportedException>(fun () ->
        Sdk.client<AmazonS3Client, AmazonS3Config> (fun c config -> new AmazonS3Client(c, config)) (JournalProvider()) |> ignore)
