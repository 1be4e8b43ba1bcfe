/// Test doubles: a provider that records effects and hands out no client, and a provider over a mock S3 client.
module AwsAio.FSharp.Tests.Doubles

open System
open System.Collections.Generic
open System.Threading.Tasks
open Amazon.S3
open AwsAio
open AwsAio.Core
open LanguageExt
open Moq

/// Records the effects operations have when they run.
type JournalProvider() =
    let journal = List<int>()

    /// The effects so far.
    member _.Journal = lock journal (fun () -> List.ofSeq journal)

    /// Records one effect.
    member _.Record(effect: int) = lock journal (fun () -> journal.Add effect)

    interface IAwsClientProvider with
        member _.GetS3() = raise (NotSupportedException "no S3 here")
        member _.GetEc2() = raise (NotSupportedException "no EC2 here")
        member _.GetSts() = raise (NotSupportedException "no STS here")
        member _.GetEnvironmentAsync(_) =
            Task.FromResult(Either<DomainError, AwsEnvironment>.Left(InvalidInput("environment", "none here")))

/// An operation that records <paramref name="effects"/> when it runs, then yields <paramref name="outcome"/>.
let recording (effects: int list) (outcome: Result<int, DomainError>) : AwsOp<int> =
    AwsAio.AwsOp.Of(fun provider _ ->
        let journal = provider :?> JournalProvider
        for e in effects do journal.Record e
        Task.FromResult(outcome.ToEither()))

/// Runs an operation with a fresh journal: its result and what it did.
let runFresh (op: AwsOp<'T>) : Result<'T, DomainError> * int list =
    let provider = JournalProvider()
    let result = (op.RunAsync provider).GetAwaiter().GetResult()
    result.ToResult(), provider.Journal

/// A provider mock handing out <paramref name="s3"/>, in eu-west-1.
let providerFor (s3: IAmazonS3) : IAwsClientProvider =
    let provider = Mock<IAwsClientProvider>()
    provider.Setup(fun p -> p.GetS3()).Returns(s3) |> ignore
    provider.Setup(fun p -> p.Region).Returns("eu-west-1") |> ignore
    provider.Object
