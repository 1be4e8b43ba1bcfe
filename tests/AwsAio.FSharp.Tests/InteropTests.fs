module AwsAio.FSharp.Tests.InteropTests

open Xunit
open System.Threading.Tasks
open AwsAio.Core
open AwsAio.FSharp
open FsCheck
open FsCheck.FSharp
open LanguageExt

[<FsCheck.Xunit.Property(MaxTest = 500)>]
let ``a Result survives the trip to Either and back`` (value: int, fails: bool) =
    let result = if fails then Error(InvalidInput("x", string value)) else Ok value
    Interop.toResult (Interop.ofResult result) = result

[<Fact>]
let ``LanguageExt's Unit becomes F#'s unit, errors stay as they are`` () =
    Assert.Equal(Ok(), Interop.toUnitResult (Either<DomainError, Unit>.Right Unit.Default))
    let error = Cancelled "HeadBucket"
    Assert.Equal(Error error, Interop.toUnitResult (Either<DomainError, Unit>.Left error))

[<Fact>]
let ``a task of Either becomes a task of Result`` () =
    task {
        let! ok = Interop.ofTask (Task.FromResult(Either<DomainError, int>.Right 4))
        let! unitOk = Interop.ofUnitTask (Task.FromResult(Either<DomainError, Unit>.Right Unit.Default))
        Assert.Equal(Ok 4, ok)
        Assert.Equal(Ok(), unitOk)
    }
