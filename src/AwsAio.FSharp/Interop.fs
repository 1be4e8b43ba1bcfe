namespace AwsAio.FSharp

open System.Threading.Tasks
open AwsAio.Core
open LanguageExt

/// The one place the F# surface turns the shell's <c>Either</c> into F#'s <c>Result</c>: LanguageExt's <c>Unit</c>
/// becomes F#'s <c>unit</c>, nothing else changes.
[<RequireQualifiedAccess>]
module Interop =

    /// An <c>Either</c> as a <c>Result</c>.
    /// <example><code>Interop.toResult (Either&lt;DomainError, int&gt;.Right 1) = Ok 1</code></example>
    let toResult (either: Either<DomainError, 'T>) : Result<'T, DomainError> = either.ToResult()

    /// An <c>Either</c> of LanguageExt's <c>Unit</c> as a <c>Result</c> of F#'s <c>unit</c>.
    let toUnitResult (either: Either<DomainError, Unit>) : Result<unit, DomainError> =
        either.ToResult() |> Result.map ignore

    /// A task of an <c>Either</c> as a task of a <c>Result</c>.
    let ofTask (pending: Task<Either<DomainError, 'T>>) : Task<Result<'T, DomainError>> =
        task {
            let! either = pending
            return toResult either
        }

    /// A task of an <c>Either</c> of <c>Unit</c> as a task of a <c>Result</c> of <c>unit</c>.
    let ofUnitTask (pending: Task<Either<DomainError, Unit>>) : Task<Result<unit, DomainError>> =
        task {
            let! either = pending
            return toUnitResult either
        }

    /// A <c>Result</c> as an <c>Either</c> (for handing F# values to the shell).
    let ofResult (result: Result<'T, DomainError>) : Either<DomainError, 'T> = result.ToEither()
