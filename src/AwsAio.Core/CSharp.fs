namespace AwsAio.Core

open System
open System.Runtime.CompilerServices
open LanguageExt

/// The one conversion point between the core's F# <c>Result</c> and LanguageExt's <c>Either</c>, for C# callers.
[<Extension; AbstractClass; Sealed>]
type ResultExtensions =

    /// Converts a core result to <c>Either</c>: <c>Ok</c> becomes Right, <c>Error</c> becomes Left.
    /// <example><code>Validate.BucketName("my-bucket").ToEither()  // Right("my-bucket")</code></example>
    [<Extension>]
    static member ToEither(result: Result<'T, DomainError>) : Either<DomainError, 'T> =
        match result with
        | Ok value -> Either<DomainError, 'T>.Right value
        | Error error -> Either<DomainError, 'T>.Left error

    /// Converts a unit result to <c>Either</c> with LanguageExt's <c>Unit</c> (F#'s unit is null at run time,
    /// and <c>Either</c> refuses null).
    [<Extension>]
    static member ToEither(result: Result<unit, DomainError>) : Either<DomainError, LanguageExt.Unit> =
        match result with
        | Ok() -> Either<DomainError, LanguageExt.Unit>.Right LanguageExt.Unit.Default
        | Error error -> Either<DomainError, LanguageExt.Unit>.Left error

    /// Converts an <c>Either</c> back to a core result, for C# code handing values to F#.
    [<Extension>]
    static member ToResult(either: Either<DomainError, 'T>) : Result<'T, DomainError> =
        either.Match(Func<'T, Result<'T, DomainError>>(Ok), Func<DomainError, Result<'T, DomainError>>(Error))

/// C#-shaped entry points where an F# signature would not read well from C#.
[<AbstractClass; Sealed>]
type Paging =

    /// Runs a whole listing over <paramref name="fetch"/> (token to page; null asks for the first page).
    /// <example><code>Paging.Fold(PageLimits.Unlimited, token => pages[token ?? ""])</code></example>
    static member Fold(limits: PageLimits, fetch: Func<string | null, Page<'T>>) : PageRun<'T> =
        Pagination.fold (limits, fetch.Invoke)

    /// Continues a listing from a state (for example <c>Pagination.Resume(limits, point)</c>).
    /// <example><code>Paging.FoldFrom(Pagination.Resume(PageLimits.Unlimited, point), token => pages[token ?? ""])</code></example>
    static member FoldFrom(initial: PagingState, fetch: Func<string | null, Page<'T>>) : PageRun<'T> =
        Pagination.foldFrom (initial, fetch.Invoke)
