namespace AwsAio.FSharp

open System
open System.Collections.Generic
open System.Threading
open System.Threading.Tasks
open AwsAio
open AwsAio.Core
open LanguageExt

/// Operations (<c>AwsAio.AwsOp&lt;'T&gt;</c>, the same values C# builds) for F#: functions to pipe, results as
/// <c>Result</c>. Build them with the <c>awsOp { }</c> computation expression or these functions; nothing runs until
/// <see cref="run"/>, and running twice runs twice.
[<RequireQualifiedAccess>]
module AwsOp =

    /// Runs an operation with a provider; never throws.
    /// <example><code>S3Ops.GetBucketStatus "logs" |> AwsOp.run provider ct</code></example>
    let run (provider: IAwsClientProvider) (ct: CancellationToken) (op: AwsOp<'T>) : Task<Result<'T, DomainError>> =
        op.RunAsync(provider, ct) |> Interop.ofTask

    /// An operation from an F# function that yields a <c>Result</c> (run each time the operation runs).
    let ofTaskResult (work: IAwsClientProvider -> CancellationToken -> Task<Result<'T, DomainError>>) : AwsOp<'T> =
        AwsAio.AwsOp.Of(fun provider ct ->
            task {
                let! result = work provider ct
                return Interop.ofResult result
            })

    /// An operation that yields <paramref name="value"/> and sends nothing.
    let ok (value: 'T) : AwsOp<'T> = AwsAio.AwsOp.Right value

    /// An operation that fails with <paramref name="error"/> and sends nothing.
    let error<'T> (error: DomainError) : AwsOp<'T> = AwsAio.AwsOp.Left<'T> error

    /// An operation that yields a result already known.
    let ofResult (result: Result<'T, DomainError>) : AwsOp<'T> = AwsAio.AwsOp.FromEither(Interop.ofResult result)

    /// Applies <paramref name="f"/> to the value.
    let map (f: 'T -> 'U) (op: AwsOp<'T>) : AwsOp<'U> = op.Map(Func<'T, 'U> f)

    /// Runs the operation <paramref name="f"/> makes of the value.
    let bind (f: 'T -> AwsOp<'U>) (op: AwsOp<'T>) : AwsOp<'U> = op.Bind(Func<'T, AwsOp<'U>> f)

    /// Applies <paramref name="f"/> to the error.
    let mapError (f: DomainError -> DomainError) (op: AwsOp<'T>) : AwsOp<'T> = op.MapLeft(Func<DomainError, DomainError> f)

    /// Recovers from the errors <paramref name="pick"/> chooses by running the operation <paramref name="recover"/>
    /// makes of them.
    let catch (pick: DomainError -> bool) (recover: DomainError -> AwsOp<'T>) (op: AwsOp<'T>) : AwsOp<'T> =
        op.Catch(Func<DomainError, bool> pick, Func<DomainError, AwsOp<'T>> recover)

    /// Runs <paramref name="fallback"/> when the operation fails, unless it was cancelled.
    let orElse (fallback: AwsOp<'T>) (op: AwsOp<'T>) : AwsOp<'T> = op.OrElse(fallback)

    /// Bounds the whole operation in time: a <c>Timeout</c> error, never an exception.
    let timeout (span: TimeSpan) (op: AwsOp<'T>) : AwsOp<'T> = op.Timeout span

    /// Runs the whole operation again as the backoff says, while the error may go away by itself.
    let retry (backoff: Backoff) (op: AwsOp<'T>) : AwsOp<'T> = op.Retry backoff

    /// Runs the operations one after another; the first error stops them.
    let sequence (ops: AwsOp<'T> seq) : AwsOp<'T list> = AwsAio.AwsOp.Sequence ops |> map List.ofSeq

    /// Makes an operation of each item and runs them one after another.
    let traverse (f: 'Item -> AwsOp<'T>) (items: 'Item seq) : AwsOp<'T list> =
        AwsAio.AwsOp.Traverse(items, Func<'Item, AwsOp<'T>> f) |> map List.ofSeq

    /// Runs the operations at most <paramref name="maxConcurrency"/> at a time; the first error to happen stops them.
    let sequenceParallel (maxConcurrency: int) (ops: AwsOp<'T> seq) : AwsOp<'T list> =
        AwsAio.AwsOp.SequenceParallel(ops, maxConcurrency) |> map List.ofSeq

    /// Runs the operation once in each target, at most <paramref name="maxConcurrency"/> at a time, and gives every
    /// target's own result, in the targets' order.
    let runAcross (provider: IAwsClientProvider) (maxConcurrency: int) (ct: CancellationToken) (targets: AwsTarget seq)
                  (op: AwsOp<'T>) : Task<(AwsTarget * Result<'T, DomainError>) list> =
        task {
            let! results = op.RunAcrossAsync(targets, provider, maxConcurrency, null, ct)
            return [ for r in results -> r.Target, Interop.toResult r.Result ]
        }

    /// The same operation, its value dropped (LanguageExt's <c>Unit</c>: an operation never holds F#'s <c>unit</c>,
    /// which is null at run time).
    let ignore (op: AwsOp<'T>) : AwsOp<Unit> = op |> map (fun _ -> Unit.Default)
