namespace AwsAio.FSharp

open System
open AwsAio
open AwsAio.Core
open LanguageExt

/// The <c>awsOp { }</c> computation expression: <c>let!</c> binds an operation (or a <c>Result</c>), <c>do!</c> runs
/// one whose value is <c>Unit</c>, <c>return</c> yields, <c>for</c> runs one operation per item in turn. The body runs
/// each time the operation runs, never when it is built.
type AwsOpBuilder() =

    /// Yields a value.
    member _.Return(value: 'T) : AwsOp<'T> = AwsOp.ok value

    /// Yields nothing (<c>return ()</c>, or a body ending in <c>do!</c>): LanguageExt's <c>Unit</c>, since an
    /// operation never holds F#'s <c>unit</c> (null at run time).
    member _.Return(() : unit) : AwsOp<Unit> = AwsOp.ok Unit.Default

    /// Yields what an operation yields.
    member _.ReturnFrom(op: AwsOp<'T>) : AwsOp<'T> = op

    /// Yields a result already known.
    member _.ReturnFrom(result: Result<'T, DomainError>) : AwsOp<'T> = AwsOp.ofResult result

    /// <c>let!</c> over an operation.
    member _.Bind(op: AwsOp<'T>, f: 'T -> AwsOp<'U>) : AwsOp<'U> = op.Bind(Func<'T, AwsOp<'U>> f)

    /// <c>do!</c> over an operation that yields <c>Unit</c>.
    member _.Bind(op: AwsOp<Unit>, f: unit -> AwsOp<'U>) : AwsOp<'U> = op.Bind(Func<Unit, AwsOp<'U>>(fun _ -> f ()))

    /// <c>let!</c> over a result already known (an input check, say).
    member _.Bind(result: Result<'T, DomainError>, f: 'T -> AwsOp<'U>) : AwsOp<'U> =
        (AwsOp.ofResult result).Bind(Func<'T, AwsOp<'U>> f)

    /// An empty branch: yields <c>Unit</c>.
    member _.Zero() : AwsOp<Unit> = AwsOp.ok Unit.Default

    /// Defers the body to each run.
    member _.Delay(body: unit -> AwsOp<'T>) : AwsOp<'T> = AwsAio.AwsOp.Of(fun provider ct -> (body ()).RunAsync(provider, ct))

    /// One statement after another.
    member _.Combine(first: AwsOp<Unit>, second: AwsOp<'T>) : AwsOp<'T> = first.Bind(Func<Unit, AwsOp<'T>>(fun _ -> second))

    /// One operation per item, in turn; the first error stops the loop.
    member _.For(items: 'Item seq, body: 'Item -> AwsOp<Unit>) : AwsOp<Unit> =
        AwsAio.AwsOp.Traverse(items, Func<'Item, AwsOp<Unit>> body) |> AwsOp.map (fun _ -> Unit.Default)

/// The <c>awsOp { }</c> computation expression.
[<AutoOpen>]
module AwsOpBuilderInstance =

    /// Builds an operation: <c>awsOp { let! status = S3Ops.GetBucketStatus "logs" in return status }</c>.
    let awsOp = AwsOpBuilder()
