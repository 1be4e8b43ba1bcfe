module AwsAio.Core.Tests.S3TransfersTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private MiB = 1_048_576L
let private GiB = 1024L * MiB

module ``Part plans`` =

    let private lengths =
        Gen.oneof [ Gen.choose (0, 100_000_000) |> Gen.map int64
                    Gen.elements [ 0L; 1L; 5L * MiB - 1L; 5L * MiB; 5L * MiB + 1L; 16L * MiB; 5L * GiB; 5L * GiB + 1L
                                   80L * GiB; 1024L * GiB; 53_687_091_200_000L ] ]
    let private partSizes = Gen.elements [ 1L; 5L * MiB; 8L * MiB; 64L * MiB; 5L * GiB; 6L * GiB ]

    [<Property(MaxTest = Cases)>]
    let ``a plan covers every byte exactly once, in order, within S3's part limits`` () =
        Prop.forAll (Arb.fromGen (Gen.zip lengths partSizes)) (fun (length, partSize) ->
            match S3Transfers.partPlan (length, partSize) with
            | Ok parts ->
                let contiguous =
                    parts |> Array.pairwise |> Array.forall (fun (a, b) -> b.Offset = a.Offset + a.Length && b.Number = a.Number + 1)
                parts.[0].Offset = 0L && parts.[0].Number = 1 && contiguous
                && (parts |> Array.sumBy _.Length) = length
                && parts.Length <= 10_000
                && parts |> Array.forall (fun p -> p.Length <= 5L * GiB)
                && parts |> Array.take (parts.Length - 1) |> Array.forall (fun p -> p.Length >= 5L * MiB)
            | Error _ -> false)

    [<Fact>]
    let ``an object larger than S3 allows is refused`` () =
        Assert.True(Result.isError (S3Transfers.partPlan (53_687_091_200_001L, 8L * MiB)))
        Assert.True(Result.isError (S3Transfers.partPlan (-1L, 8L * MiB)))

    [<Fact>]
    let ``multipart starts at the threshold, and always above what one PutObject carries`` () =
        Assert.False(S3Transfers.isMultipart (16L * MiB - 1L, 16L * MiB))
        Assert.True(S3Transfers.isMultipart (16L * MiB, 16L * MiB))
        Assert.True(S3Transfers.isMultipart (5L * GiB + 1L, Int64.MaxValue))

    [<Theory>]
    [<InlineData(5242880L, 5242880L, true)>]
    [<InlineData(5242879L, 8388608L, false)>]
    [<InlineData(16777216L, 5242879L, false)>]
    [<InlineData(16777216L, 5368709121L, false)>]
    let ``thresholds and part sizes stay within S3's limits`` (threshold: int64, partSize: int64, valid: bool) =
        Assert.Equal(valid, Result.isOk (S3Transfers.checkSizes (threshold, partSize)))

module ``Presigned URLs`` =

    let private now = DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)

    [<Property(MaxTest = Cases)>]
    let ``a URL lives as asked only when positive, at most 7 days, and not past the credentials`` () =
        let minutes = Gen.choose (-10, 11_000)
        let expiry = Gen.oneof [ Gen.constant None; Gen.choose (1, 2_000) |> Gen.map (fun m -> Some(now.AddMinutes(float m))) ]
        Prop.forAll (Arb.fromGen (Gen.zip minutes expiry)) (fun (m, credentials) ->
            let lifetime = TimeSpan.FromMinutes(float m)
            let result = S3Transfers.presignExpiry (lifetime, now, Option.toNullable credentials)
            let allowed = m > 0 && m <= 7 * 24 * 60 && (credentials |> Option.forall (fun c -> now.AddMinutes(float m) <= c))
            match result with
            | Ok at -> allowed && at = now + lifetime
            | Error(InvalidInput("presigned URL lifetime", _)) -> not allowed
            | Error _ -> false)

    [<Fact>]
    let ``a URL that would outlive its credentials says when they expire`` () =
        match S3Transfers.presignExpiry (TimeSpan.FromHours 2.0, now, Nullable(now.AddMinutes 30.0)) with
        | Error(InvalidInput(_, why)) -> Assert.Contains("2026-11-30 12:30:00Z", why); Assert.Contains("at most 30 minutes", why)
        | other -> failwith $"expected a refusal, got {other}"

module ``Interrupted transfers`` =

    let private cause = Throttled(AwsErrorDetails.Of("S3", "UploadPart", "SlowDown", "", 503, "r"))
    let private abortFailed = AccessDenied(AwsErrorDetails.Of("S3", "AbortMultipartUpload", "AccessDenied", "", 403, "r"))

    [<Property(MaxTest = Cases)>]
    let ``nothing started is the cause itself; anything started reports progress, parts and whether it was aborted`` () =
        let ids = Gen.elements [ null; ""; "upload-1" ]
        let progress = Gen.zip (Gen.choose (-5, 1000)) (Gen.choose (-1, 1000)) |> Gen.map (fun (d, t) -> { Done = int64 d; Total = int64 t })
        let abort = Gen.elements [ None; Some abortFailed ]
        Prop.forAll (Arb.fromGen (Gen.zip3 ids progress (Gen.zip (Gen.choose (-1, 50)) abort))) (fun (id, p, (parts, abortError)) ->
            match S3Transfers.interrupted ("b", "k", id, p, parts, 50, cause, Option.toObj abortError), id with
            | result, (null | "") -> result = cause
            | TransferInterrupted(b, k, u, bytes, total, partsDone, totalParts, aborted, c), _ ->
                b = "b" && k = "k" && u = id && bytes = max 0L p.Done && total = (if p.Total < 0L then -1L else p.Total)
                && partsDone = max 0 parts && totalParts = 50 && aborted = abortError.IsNone && c = cause
            | _ -> false)

    [<Fact>]
    let ``the interrupted transfer keeps the family of its cause`` () =
        let error = S3Transfers.interrupted ("b", "k", "u", { Done = 1L; Total = 2L }, 1, 2, cause, null)
        Assert.Equal(ErrorCategory.Throttled, error.Category)
        Assert.True(error.IsRetryable)

    [<Fact>]
    let ``an answer to CreateMultipartUpload without an upload id is not a started upload`` () =
        Assert.Equal(Ok "u-1", S3Transfers.uploadStarted ("b", "k", "u-1", 200, "r"))
        match S3Transfers.uploadStarted ("b", "k", null, 200, "r") with
        | Error(MalformedResponse(_, details)) -> Assert.Equal(ErrorTarget.Of("b", "k"), details.Target)
        | other -> failwith $"expected MalformedResponse, got {other}"

    [<Theory>]
    [<InlineData(0, false)>]
    [<InlineData(1, true)>]
    [<InlineData(64, true)>]
    [<InlineData(65, false)>]
    let ``between one and 64 parts may be in flight`` (inFlight: int, valid: bool) =
        Assert.Equal(valid, Result.isOk (S3Transfers.checkParallelism inFlight))

    [<Fact>]
    let ``a copy goes multipart only above what one CopyObject may copy`` () =
        Assert.False(S3Transfers.isMultipartCopy (5L * GiB))
        Assert.True(S3Transfers.isMultipartCopy (5L * GiB + 1L))

    [<Fact>]
    let ``a stream's parts must fit in one array; a file's need not`` () =
        Assert.True(Result.isOk (S3Transfers.checkBufferedPart (2L * GiB - 57L)))
        Assert.True(Result.isError (S3Transfers.checkBufferedPart (2L * GiB)))

module ``Stopped uploads`` =

    [<Fact>]
    let ``only a completion that lost its answer, with the upload gone, may have happened`` () =
        let timeout = Timeout(AwsErrorDetails.NoResponse("S3", "CompleteMultipartUpload"))
        Assert.True(S3Transfers.completionMayHaveHappened (OutcomeUnknown(timeout, ""), true))
        Assert.False(S3Transfers.completionMayHaveHappened (OutcomeUnknown(timeout, ""), false))
        Assert.False(S3Transfers.completionMayHaveHappened (timeout, true))
