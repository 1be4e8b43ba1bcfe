module AwsAio.Core.Tests.CSharpTests

open System
open AwsAio.Core
open LanguageExt
open Xunit

module ``Either conversion`` =

    [<Fact>]
    let ``Ok becomes Right and Error becomes Left`` () =
        let right = (Validate.bucketName "my-bucket").ToEither()
        Assert.True right.IsRight
        Assert.Equal("my-bucket", right.Match((fun v -> v), (fun _ -> "left")))
        let left = (Validate.bucketName "x").ToEither()
        Assert.True left.IsLeft

    [<Fact>]
    let ``a unit result becomes LanguageExt's Unit, never null`` () =
        let either = (Ok() : Result<unit, DomainError>).ToEither()
        Assert.True either.IsRight
        Assert.True(either.Match((fun (u: LanguageExt.Unit) -> u = LanguageExt.Unit.Default), (fun _ -> false)))

    [<Fact>]
    let ``ToResult is the inverse of ToEither`` () =
        let error = InvalidInput("f", "r")
        Assert.Equal(Ok 5, (Either<DomainError, int>.Right 5).ToResult())
        Assert.Equal(Error error, (Either<DomainError, int>.Left error).ToResult())

module ``Paging from C#`` =

    [<Fact>]
    let ``Fold takes a Func and accumulates every page`` () =
        let pages = dict [ "", Page.Create([| 1; 2 |], Nullable true, "a"); "a", Page.Create([| 3 |], Nullable false, null) ]
        let run = Paging.Fold(PageLimits.Unlimited, Func<string | null, Page<int>>(fun t -> pages.[match t with | null -> "" | t -> t]))
        Assert.Equal<int list>([ 1; 2; 3 ], List.ofSeq run.Items)
        Assert.Equal(Completed, run.Outcome)
