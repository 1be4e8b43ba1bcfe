namespace AwsAio.Core

open System
open System.Collections.Generic

/// One part of a multipart transfer: its 1-based number and the bytes it covers.
[<Struct>]
type TransferPart =
    {
        /// The part number S3 sees (1 to 10,000).
        Number: int
        /// The first byte of the part.
        Offset: int64
        /// How many bytes the part holds.
        Length: int64
    }

/// How far a transfer has come.
[<Struct>]
type TransferProgress =
    {
        /// Bytes sent or received so far.
        Done: int64
        /// Bytes in all (-1 when unknown).
        Total: int64
    }

/// The decisions behind big transfers and presigned URLs: when to go multipart, how to cut an object into parts
/// within S3's limits, and how long a presigned URL may live.
[<RequireQualifiedAccess>]
module S3Transfers =

    /// S3's smallest part (every part but the last).
    [<Literal>]
    let MinPartSize = 5_242_880L

    /// S3's largest part, and the largest object one PutObject or CopyObject may write.
    [<Literal>]
    let MaxPartSize = 5_368_709_120L

    /// S3's most parts in one upload.
    [<Literal>]
    let MaxParts = 10_000

    /// S3's largest object.
    [<Literal>]
    let MaxObjectSize = 53_687_091_200_000L

    /// The default size above which uploads go multipart: 16 MiB.
    [<Literal>]
    let DefaultMultipartThreshold = 16_777_216L

    /// The default part size: 8 MiB (the AWS CLI's), grown as needed to stay within 10,000 parts.
    [<Literal>]
    let DefaultPartSize = 8_388_608L

    /// The longest a presigned URL may live (SigV4's limit).
    let MaxPresignLifetime = TimeSpan.FromDays 7.0

    /// Whether an upload of <paramref name="length"/> bytes goes multipart: at or above the threshold, and always
    /// above what one PutObject may carry.
    /// <example><code>S3Transfers.isMultipart (20_000_000L, S3Transfers.DefaultMultipartThreshold) = true</code></example>
    [<CompiledName("IsMultipart")>]
    let isMultipart (length: int64, threshold: int64) : bool = length >= threshold || length > MaxPartSize

    /// The threshold and part size a caller may ask for: a threshold of at least 5 MiB, a part size of 5 MiB to 5 GiB.
    /// <example><code>S3Transfers.checkSizes (1L, 8_388_608L) |> Result.isError = true</code></example>
    [<CompiledName("CheckSizes")>]
    let checkSizes (threshold: int64, partSize: int64) : Result<unit, DomainError> =
        if threshold < MinPartSize then Error(InvalidInput("multipart threshold", $"must be at least {MinPartSize} bytes (5 MiB)"))
        elif partSize < MinPartSize || partSize > MaxPartSize then
            Error(InvalidInput("part size", $"must be {MinPartSize} to {MaxPartSize} bytes (5 MiB to 5 GiB)"))
        else Ok()

    /// The parts of a transfer of <paramref name="length"/> bytes: consecutive, covering every byte exactly once,
    /// each at most 5 GiB and all but the last at least 5 MiB, at most 10,000 of them — the requested part size grown
    /// when the object would need more parts. An empty object is one empty part. More than S3's 48.8 TiB is refused.
    /// <example><code>(S3Transfers.partPlan (20_000_000L, 8_388_608L)).Length = 3</code></example>
    [<CompiledName("PartPlan")>]
    let partPlan (length: int64, partSize: int64) : Result<TransferPart[], DomainError> =
        if length < 0L then Error(InvalidInput("length", "must not be negative"))
        elif length > MaxObjectSize then Error(InvalidInput("length", $"must be at most {MaxObjectSize} bytes (S3's largest object)"))
        elif length = 0L then Ok [| { Number = 1; Offset = 0L; Length = 0L } |]
        else
            let wanted = min MaxPartSize (max MinPartSize partSize)
            let needed = (length + int64 MaxParts - 1L) / int64 MaxParts
            let size = max wanted needed
            let count = int ((length + size - 1L) / size)
            Ok(Array.init count (fun i ->
                let offset = int64 i * size
                { Number = i + 1; Offset = offset; Length = min size (length - offset) }))

    /// How long a presigned URL lives: the requested lifetime when it is positive, at most seven days, and does not
    /// outlive the temporary credentials that sign it (a URL that dies early is refused with a Left that says so).
    /// <example><code>S3Transfers.presignExpiry (TimeSpan.FromDays 8.0, now, Nullable()) |> Result.isError = true</code></example>
    [<CompiledName("PresignExpiry")>]
    let presignExpiry (lifetime: TimeSpan, now: DateTimeOffset, credentialsExpire: Nullable<DateTimeOffset>) : Result<DateTimeOffset, DomainError> =
        let field = "presigned URL lifetime"
        if lifetime <= TimeSpan.Zero then Error(InvalidInput(field, "must be positive"))
        elif lifetime > MaxPresignLifetime then Error(InvalidInput(field, "must be at most 7 days (SigV4's limit)"))
        elif credentialsExpire.HasValue && now + lifetime > credentialsExpire.Value then
            Error(InvalidInput(field,
                               $"would outlive the temporary credentials that sign it (they expire at {credentialsExpire.Value.UtcDateTime:u}); ask for at most {int (credentialsExpire.Value - now).TotalMinutes} minutes or use longer-lived credentials"))
        else Ok(now + lifetime)

    /// The most parts one transfer may send at once.
    [<Literal>]
    let MaxParallelParts = 64

    /// The default number of parts in flight at once: 4 (memory stays at most 4 parts for a stream).
    [<Literal>]
    let DefaultParallelParts = 4

    /// How many parts may be in flight at once: 1 to 64.
    /// <example><code>S3Transfers.checkParallelism 0 |> Result.isError = true</code></example>
    [<CompiledName("CheckParallelism")>]
    let checkParallelism (parallelParts: int) : Result<int, DomainError> =
        if parallelParts < 1 || parallelParts > MaxParallelParts then
            Error(InvalidInput("parallel parts", $"must be 1 to {MaxParallelParts} (was {parallelParts})"))
        else Ok parallelParts

    /// Whether a server-side copy of <paramref name="size"/> bytes must go through UploadPartCopy: above 5 GiB, the
    /// most one CopyObject may copy.
    /// <example><code>S3Transfers.isMultipartCopy (6L * 1024L * 1024L * 1024L) = true</code></example>
    [<CompiledName("IsMultipartCopy")>]
    let isMultipartCopy (size: int64) : bool = size > MaxPartSize

    /// The part size of a multipart copy: 512 MiB, grown as needed to stay within 10,000 parts (copies move no bytes
    /// through the caller, so big parts cost nothing and mean fewer requests).
    [<Literal>]
    let CopyPartSize = 536_870_912L

    /// What a multipart transfer that stopped reports. Nothing started (no upload id: CreateMultipartUpload itself
    /// failed) is the cause itself; otherwise <c>TransferInterrupted</c> with how far it got and whether the upload was
    /// aborted (no abort error), so a caller always knows whether parts are left stored and billed.
    /// <example><code>S3Transfers.interrupted ("b", "k", "", progress, 0, 3, cause, null) = cause</code></example>
    [<CompiledName("Interrupted")>]
    let interrupted (bucket: string, key: string, uploadId: string | null, progress: TransferProgress, partsDone: int,
                     partsTotal: int, cause: DomainError, abortError: DomainError | null) : DomainError =
        match uploadId with
        | null | "" -> cause
        | id ->
            TransferInterrupted(bucket, key, id, max 0L progress.Done, (if progress.Total < 0L then -1L else progress.Total),
                                max 0 partsDone, (if partsTotal < 0 then -1 else partsTotal), isNull abortError, cause)

    /// The upload id CreateMultipartUpload answered: S3 always sends one, so an answer without it is a
    /// <c>MalformedResponse</c> (nothing was started that could be aborted).
    /// <example><code>S3Transfers.uploadStarted ("b", "k", "id-1", 200, "r") = Ok "id-1"</code></example>
    [<CompiledName("UploadStarted")>]
    let uploadStarted (bucket: string, key: string, uploadId: string | null, httpStatus: int, requestId: string | null) : Result<string, DomainError> =
        match uploadId with
        | null | "" ->
            Error(MalformedResponse(
                "it names no upload id",
                { AwsErrorDetails.Of(S3Operations.Service, S3Operations.CreateMultipartUpload, "", "no UploadId in the answer", httpStatus,
                                     (match requestId with
                                      | null -> ""
                                      | r -> r)) with Target = ErrorTarget.Of(bucket, key) }))
        | id -> Ok id

    /// The error for a stream of unknown length that needs more parts than S3 allows at this part size.
    [<CompiledName("TooManyParts")>]
    let tooManyParts (partSize: int64) : DomainError =
        InvalidInput("content stream", $"needs more than {MaxParts} parts of {partSize} bytes; give a larger part size")

    /// The largest part a stream's upload may hold in memory: .NET's largest byte array.
    [<Literal>]
    let MaxBufferedPart = 2_147_483_591L

    /// Whether a stream's parts (read in order and held in memory until sent) can be buffered: at most
    /// <see cref="MaxBufferedPart"/> bytes each; files and bytes are never buffered, so any part size suits them.
    /// <example><code>S3Transfers.checkBufferedPart (5L * 1024L * 1024L * 1024L) |> Result.isError = true</code></example>
    [<CompiledName("CheckBufferedPart")>]
    let checkBufferedPart (partLength: int64) : Result<unit, DomainError> =
        if partLength > MaxBufferedPart then
            Error(InvalidInput("part size", $"must be at most {MaxBufferedPart} bytes for a stream, whose parts are held in memory (a file's are not)"))
        else Ok()

    /// Whether a stopped multipart upload may in fact have been completed: its CompleteMultipartUpload lost its answer
    /// (<c>OutcomeUnknown</c>) and the upload was already gone when the abort came. Then the object most likely exists
    /// and the outcome stays unknown — it is never reported as aborted with nothing left.
    /// <example><code>S3Transfers.completionMayHaveHappened (OutcomeUnknown(cause, ""), true) = true</code></example>
    [<CompiledName("CompletionMayHaveHappened")>]
    let completionMayHaveHappened (cause: DomainError, uploadWasAlreadyGone: bool) : bool =
        uploadWasAlreadyGone
        && (match cause with
            | OutcomeUnknown _ -> true
            | _ -> false)
