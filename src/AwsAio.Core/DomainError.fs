namespace AwsAio.Core

open System
open System.Collections.Generic

/// What a failed request was about: the resource it named (bucket, VPC id, role ARN, …) and, for S3 objects, the key.
type ErrorTarget =
    {
        /// The bucket, resource id or ARN the request named; empty when none.
        Resource: string
        /// The S3 object key; empty when none.
        Key: string
    }

    /// A request that named no resource.
    static member None = { Resource = ""; Key = "" }
    /// A request about one resource.
    static member Of(resource: string) = { Resource = resource; Key = "" }
    /// A request about one S3 object.
    static member Of(bucket: string, key: string) = { Resource = bucket; Key = key }

    /// The resource as a sentence names it: 'bucket/key', 'resource', or empty.
    override this.ToString() =
        // Records built from C# may hold nulls despite the types.
        match String.IsNullOrEmpty this.Resource, String.IsNullOrEmpty this.Key with
        | true, _ -> ""
        | false, true -> $"'{this.Resource}'"
        | false, false -> $"'{this.Resource}/{this.Key}'"

/// The facts of one AWS error response, kept whole so that nothing is lost when an error is mapped.
type AwsErrorDetails =
    {
        /// The service, for example "S3", "EC2" or "STS".
        Service: string
        /// The operation, for example "HeadBucket".
        Operation: string
        /// The error code exactly as the service sent it (empty when there was no error response).
        Code: string
        /// The service's message (empty when none).
        Message: string
        /// The HTTP status (0 when no response arrived).
        HttpStatus: int
        /// The request id to quote to AWS support (empty when none).
        RequestId: string
        /// What the request was about (bucket and key, resource id, ARN); set by the error mapping.
        Target: ErrorTarget
    }

    /// Details for a failure that had no AWS error response (a local check, or a successful response that
    /// answered "nothing found").
    static member NoResponse(service: string, operation: string) =
        { Service = service; Operation = operation; Code = ""; Message = ""; HttpStatus = 0; RequestId = ""
          Target = ErrorTarget.None }

    /// Details of an AWS error response not yet tied to a resource (the error mapping adds the target).
    static member Of(service: string, operation: string, code: string, message: string, httpStatus: int, requestId: string) =
        { Service = service; Operation = operation; Code = code; Message = message; HttpStatus = httpStatus
          RequestId = requestId; Target = ErrorTarget.None }

    /// The same details about another resource (for C#, which has no record copy-and-update for F# records).
    member this.On(target: ErrorTarget) = { this with Target = target }

    /// Whether these details come from an AWS error response: a code, an HTTP status or a request id (the one
    /// definition of "AWS answered", used by the core and the shell alike).
    member this.HasResponse =
        not (String.IsNullOrEmpty this.Code) || this.HttpStatus > 0 || not (String.IsNullOrEmpty this.RequestId)

    /// "Code, HTTP status, request id" for humans; empty when there was no response.
    member this.Summary =
        [ if not (String.IsNullOrEmpty this.Code) then this.Code
          if this.HttpStatus > 0 then $"HTTP {this.HttpStatus}"
          if not (String.IsNullOrEmpty this.RequestId) then $"request id {this.RequestId}" ]
        |> String.concat ", "

    /// The same details with every null a C# caller may have put in replaced by an empty string (records built from C#
    /// may hold nulls despite the types); null details become details without a response.
    static member Safe(details: AwsErrorDetails) : AwsErrorDetails =
        let orEmpty (s: string | null) =
            match s with
            | null -> ""
            | s -> s
        match box details with
        | null -> AwsErrorDetails.NoResponse("", "")
        | _ ->
            let d = details
            let target =
                match box d.Target with
                | null -> ErrorTarget.None
                | _ -> { Resource = orEmpty d.Target.Resource; Key = orEmpty d.Target.Key }
            { Service = orEmpty d.Service; Operation = orEmpty d.Operation; Code = orEmpty d.Code
              Message = orEmpty d.Message; HttpStatus = d.HttpStatus; RequestId = orEmpty d.RequestId; Target = target }

/// The family an error belongs to, for callers that decide by kind rather than by case.
type ErrorCategory =
    /// The resource does not exist.
    | NotFound = 0
    /// The caller may not do this.
    | Access = 1
    /// The service asked the caller to slow down.
    | Throttled = 2
    /// The service failed or timed out; trying again may work.
    | Transient = 3
    /// Credentials are missing, invalid or expired, or a role could not be assumed.
    | Credentials = 4
    /// The request or configuration is invalid.
    | Input = 5
    /// The resource is in a state that conflicts with the request.
    | Conflict = 6
    /// The network failed before a response arrived.
    | Transport = 7
    /// The caller cancelled.
    | Cancelled = 8
    /// Anything else.
    | Unknown = 9
    /// A mutating request was sent but no answer came back: it may or may not have taken effect.
    | OutcomeUnknown = 10

/// Every way an AwsAio call can fail. Cases that come from AWS keep the whole response in <c>Details</c>.
/// <c>ToString()</c> gives one sentence for humans; no case ever carries a secret.
// Equality is structural; the exceptions carried by Transport and Unexpected compare by reference.
[<NoComparison>]
type DomainError =
    /// S3 says the bucket does not exist.
    | BucketDoesNotExist of Bucket: string * Details: AwsErrorDetails
    /// The bucket exists but the caller may not use it.
    | BucketAccessDenied of Bucket: string * Details: AwsErrorDetails
    /// The name is taken by another account (S3 names are global).
    | BucketNameNotAvailable of Bucket: string * Details: AwsErrorDetails
    /// The bucket could not be made to exist; <c>Cause</c> says why.
    | CouldNotEnsureBucketExists of Bucket: string * Cause: DomainError
    /// The object does not exist.
    | ObjectDoesNotExist of Bucket: string * Key: string * Details: AwsErrorDetails
    /// A local file the call would write already exists.
    | LocalFileAlreadyExists of Path: string
    /// The directory a local file would go into does not exist.
    | LocalDirectoryMissing of Path: string
    /// The process may not read or write a local path.
    | LocalFilePermissionDenied of Path: string * Reason: string
    /// A local file the call would read does not exist.
    | LocalFileDoesNotExist of Path: string
    /// Reading or writing a local file failed for another reason (a full disk, a device error, …).
    | LocalFileFailed of Path: string * Reason: string
    /// The VPC does not exist.
    | VpcDoesNotExist of VpcId: string * Details: AwsErrorDetails
    /// The EC2 instance does not exist.
    | InstanceDoesNotExist of InstanceId: string * Details: AwsErrorDetails
    /// Another named resource (subnet, network interface, mirror target or filter, …) does not exist.
    | ResourceDoesNotExist of ResourceType: string * ResourceId: string * Details: AwsErrorDetails
    /// Traffic mirroring does not accept this interface type as a source.
    | NonMirrorableEniType of EniId: string * EniType: string
    /// The traffic mirror session does not exist.
    | MirrorDoesNotExist of SessionId: string * Details: AwsErrorDetails
    /// STS refused to let the caller assume the role.
    | AssumeRoleFailed of RoleArn: string * Details: AwsErrorDetails
    /// No usable credentials: <c>Source</c> names where they were looked for, <c>Reason</c> why they failed.
    | CredentialsUnavailable of Source: string * Reason: string * Details: AwsErrorDetails
    /// The credentials or session token have expired.
    | CredentialsExpired of Details: AwsErrorDetails
    /// No region was configured anywhere the SDK looks.
    | RegionUnresolved of Reason: string
    /// Input broke a rule before any request was made.
    | InvalidInput of Field: string * Rule: string
    /// AWS rejected the request as invalid.
    | InvalidRequest of Details: AwsErrorDetails
    /// A KMS key needed for server-side encryption could not be used (never reported as a bucket problem).
    | EncryptionKeyError of Details: AwsErrorDetails
    /// The resource is in a state that conflicts with the request (for example a bucket that is not empty).
    | Conflict of Details: AwsErrorDetails
    /// AWS denied the request.
    | AccessDenied of Details: AwsErrorDetails
    /// AWS throttled the request.
    | Throttled of Details: AwsErrorDetails
    /// AWS failed internally or is unavailable.
    | ServiceUnavailable of Details: AwsErrorDetails
    /// The network failed before an answer arrived.
    | Transport of Service: string * Operation: string * Reason: string * Exception: (exn | null) * Target: ErrorTarget
    /// The request timed out.
    | Timeout of Details: AwsErrorDetails
    /// Pagination stopped on an anomaly; <c>Resume</c> says where to continue.
    | PaginationAnomaly of Operation: string * Anomaly: PaginationAnomaly * Resume: ResumePoint
    /// The caller cancelled the operation.
    | Cancelled of Operation: string
    /// An AWS error this library does not map, kept whole with the original exception.
    | Unexpected of Details: AwsErrorDetails * Exception: (exn | null)
    /// A bucket listing failed after some pages: <c>Cause</c> says why, <c>Resume</c> where to continue,
    /// <c>Delivered</c> how many objects came before, and <c>Listed</c> those objects (empty for streams, which handed
    /// them over as they came).
    | ObjectListingInterrupted of Bucket: string * Cause: DomainError * Resume: ResumePoint * Listed: IReadOnlyList<S3Object> * Delivered: int
    /// S3 refused to delete some objects of a bucket; each failure names the key, version and error.
    | ObjectsNotDeleted of Bucket: string * Failures: IReadOnlyList<DeleteFailure>
    /// The bucket lives in another region than the request was sent to; <c>Region</c> is where S3 says it is (empty
    /// when S3 did not say).
    | WrongRegion of Bucket: string * Region: string * Details: AwsErrorDetails
    /// AWS (or something in between, such as a proxy) answered with success but with a document that is not the
    /// answer to the request; <c>Reason</c> says what was wrong with it. Never read as an empty success.
    | MalformedResponse of Reason: string * Details: AwsErrorDetails
    /// A request that changes something was sent, but the connection failed or timed out before an answer came, so
    /// it may or may not have taken effect. Not retryable blindly: check first, or repeat with the same
    /// <c>ClientToken</c> (empty when the operation has none). <c>Cause</c> is the timeout or transport error.
    | OutcomeUnknown of Cause: DomainError * ClientToken: string
    /// A multipart upload (or copy) stopped part-way: <c>Cause</c> says why, <c>BytesDone</c> and <c>PartsDone</c> how
    /// far it got (of <c>BytesTotal</c>, -1 when unknown, and <c>PartsTotal</c>, -1 when unknown). <c>Aborted</c> says
    /// whether the upload was aborted, so that no part stays stored and billed; when false, <c>UploadId</c> names the
    /// upload to abort (AbortMultipartUpload, or a bucket lifecycle rule).
    | TransferInterrupted of Bucket: string * Key: string * UploadId: string * BytesDone: int64 * BytesTotal: int64
                             * PartsDone: int * PartsTotal: int * Aborted: bool * Cause: DomainError
    /// A listing with a delimiter failed after some pages: as <c>ObjectListingInterrupted</c>, with the objects and
    /// common prefixes listed before the failure in <c>Listed</c>.
    | FolderListingInterrupted of Bucket: string * Cause: DomainError * Resume: ResumePoint * Listed: FolderListing * Delivered: int

    /// The family of this error.
    member this.Category: ErrorCategory =
        let categoryOf (e: DomainError) = if isNull (box e) then ErrorCategory.Unknown else e.Category
        let first (failures: IReadOnlyList<DeleteFailure>) =
            match box failures with
            | null -> None
            | _ when failures.Count = 0 || isNull (box failures.[0]) -> None
            | _ -> Some failures.[0]
        match this with
        | BucketDoesNotExist _ | ObjectDoesNotExist _ | LocalDirectoryMissing _ | LocalFileDoesNotExist _
        | VpcDoesNotExist _ | InstanceDoesNotExist _ | ResourceDoesNotExist _ | MirrorDoesNotExist _ ->
            ErrorCategory.NotFound
        | BucketAccessDenied _ | LocalFilePermissionDenied _ | EncryptionKeyError _ | AccessDenied _ | AssumeRoleFailed _ ->
            ErrorCategory.Access
        | BucketNameNotAvailable _ | LocalFileAlreadyExists _ | Conflict _ -> ErrorCategory.Conflict
        | CouldNotEnsureBucketExists(_, cause) -> categoryOf cause
        | NonMirrorableEniType _ | RegionUnresolved _ | InvalidInput _ | InvalidRequest _ | WrongRegion _ -> ErrorCategory.Input
        | CredentialsUnavailable _ | CredentialsExpired _ -> ErrorCategory.Credentials
        | Throttled _ -> ErrorCategory.Throttled
        | ServiceUnavailable _ | Timeout _ | MalformedResponse _ -> ErrorCategory.Transient
        | Transport _ -> ErrorCategory.Transport
        | Cancelled _ -> ErrorCategory.Cancelled
        | PaginationAnomaly _ | Unexpected _ | LocalFileFailed _ -> ErrorCategory.Unknown
        | ObjectListingInterrupted(_, cause, _, _, _) -> categoryOf cause
        | ObjectsNotDeleted(_, failures) ->
            match first failures with
            | None -> ErrorCategory.Unknown
            | Some f -> categoryOf f.Error
        | OutcomeUnknown _ -> ErrorCategory.OutcomeUnknown
        | TransferInterrupted(Cause = cause) | FolderListingInterrupted(Cause = cause) -> categoryOf cause

    /// Whether the same call may succeed if simply tried again later.
    member this.IsRetryable =
        match this.Category with
        | ErrorCategory.Throttled | ErrorCategory.Transient | ErrorCategory.Transport -> true
        | _ -> false

    /// The AWS response behind this error, or details without a response when it did not come from AWS. Never null,
    /// and never holds a null string, whatever a C# caller put into the case.
    member this.ErrorDetails: AwsErrorDetails =
        let detailsOf (e: DomainError) = if isNull (box e) then AwsErrorDetails.NoResponse("", "") else e.ErrorDetails
        match this with
        | BucketDoesNotExist(_, d) | BucketAccessDenied(_, d) | BucketNameNotAvailable(_, d)
        | ObjectDoesNotExist(_, _, d) | VpcDoesNotExist(_, d) | InstanceDoesNotExist(_, d)
        | ResourceDoesNotExist(_, _, d) | MirrorDoesNotExist(_, d) | AssumeRoleFailed(_, d)
        | CredentialsUnavailable(_, _, d) | CredentialsExpired d | InvalidRequest d | EncryptionKeyError d
        | Conflict d | AccessDenied d | Throttled d | ServiceUnavailable d | Timeout d | Unexpected(d, _)
        | WrongRegion(_, _, d) | MalformedResponse(_, d) -> AwsErrorDetails.Safe d
        | CouldNotEnsureBucketExists(_, cause) | ObjectListingInterrupted(_, cause, _, _, _) | OutcomeUnknown(cause, _)
        | TransferInterrupted(Cause = cause) | FolderListingInterrupted(Cause = cause) ->
            detailsOf cause
        | ObjectsNotDeleted(_, failures) ->
            match box failures with
            | null -> AwsErrorDetails.NoResponse("S3", "DeleteObjects")
            | _ when failures.Count = 0 || isNull (box failures.[0]) -> AwsErrorDetails.NoResponse("S3", "DeleteObjects")
            | _ -> detailsOf failures.[0].Error
        | Transport(service, operation, _, _, target) ->
            AwsErrorDetails.Safe(AwsErrorDetails.NoResponse(service, operation).On target)
        | PaginationAnomaly(operation, _, _) | Cancelled operation -> AwsErrorDetails.Safe(AwsErrorDetails.NoResponse("", operation))
        | LocalFileAlreadyExists _ | LocalDirectoryMissing _ | LocalFilePermissionDenied _ | LocalFileDoesNotExist _
        | LocalFileFailed _ | NonMirrorableEniType _ | RegionUnresolved _ | InvalidInput _ -> AwsErrorDetails.NoResponse("", "")

    /// One sentence for humans naming the resource and, when AWS answered, the code and request id. Total: nulls a C#
    /// caller put into a case render as empty text.
    override this.ToString() =
        let on (d: AwsErrorDetails) =
            match string (AwsErrorDetails.Safe d).Target with
            | "" -> ""
            | t -> $" on {t}"
        let tail (d: AwsErrorDetails) =
            let d = AwsErrorDetails.Safe d
            match d.Summary, d.Message with
            | "", "" -> ""
            | "", m -> $": {m.TrimEnd('.')}"
            | s, "" -> $" ({s})"
            | s, m -> $" ({s}): {m.TrimEnd('.')}"
        let what (d: AwsErrorDetails) =
            let d = AwsErrorDetails.Safe d
            $"{d.Service} {d.Operation}{on d}"
        let anomaly (a: PaginationAnomaly) =
            match box a with
            | null -> "an anomaly"
            | _ ->
                match a with
                | TruncatedWithoutToken page -> $"page {page} said more pages follow but gave no token"
                | RepeatedToken(_, page) -> $"page {page} handed back a token already used in this listing"
                | PageCapReached cap -> $"the page cap of {cap} was reached"
                | ItemCapReached cap -> $"the item cap of {cap} was reached"
        let sentence (e: DomainError) = if isNull (box e) then "no reason was given." else string e
        let text =
            match this with
            | BucketDoesNotExist(b, d) -> $"Bucket '{b}' does not exist{tail d}."
            | BucketAccessDenied(b, d) -> $"Access to bucket '{b}' was denied{tail d}."
            | BucketNameNotAvailable(b, d) -> $"Bucket name '{b}' is taken by another account{tail d}."
            | CouldNotEnsureBucketExists(b, cause) -> $"Could not ensure bucket '{b}' exists: {sentence cause}"
            | ObjectDoesNotExist(b, k, d) -> $"Object '{k}' does not exist in bucket '{b}'{tail d}."
            | LocalFileAlreadyExists p -> $"Local file '{p}' already exists."
            | LocalDirectoryMissing p -> $"Local directory '{p}' does not exist."
            | LocalFilePermissionDenied(p, r) -> $"Permission denied on local path '{p}': {r}"
            | LocalFileDoesNotExist p -> $"Local file '{p}' does not exist."
            | LocalFileFailed(p, r) -> $"Local file '{p}' could not be read or written: {r}"
            | VpcDoesNotExist(v, d) -> $"VPC '{v}' does not exist{tail d}."
            | InstanceDoesNotExist(i, d) -> $"EC2 instance '{i}' does not exist{tail d}."
            | ResourceDoesNotExist(t, i, d) when String.IsNullOrEmpty i -> $"{t} does not exist{tail d}."
            | ResourceDoesNotExist(t, i, d) -> $"{t} '{i}' does not exist{tail d}."
            | NonMirrorableEniType(e, t) -> $"Network interface '{e}' of type '{t}' cannot be a traffic mirror source."
            | MirrorDoesNotExist(s, d) -> $"Traffic mirror session '{s}' does not exist{tail d}."
            | AssumeRoleFailed(r, d) -> $"Could not assume role '{r}'{tail d}."
            | CredentialsUnavailable(s, r, d) -> $"No usable credentials from {s}: {r}{tail d}."
            | CredentialsExpired d -> $"The credentials have expired{tail d}."
            | RegionUnresolved r -> $"No AWS region is configured: {r}"
            | InvalidInput(f, r) -> $"Invalid {f}: {r}."
            | InvalidRequest d -> $"AWS rejected the {what d} request as invalid{tail d}."
            | EncryptionKeyError d -> $"The KMS key for {what d} could not be used{tail d}."
            | Conflict d -> $"{what d} conflicts with the resource's current state{tail d}."
            | AccessDenied d -> $"Access denied to {what d}{tail d}."
            | Throttled d -> $"{what d} was throttled{tail d}."
            | ServiceUnavailable d -> $"{what d} failed on the AWS side{tail d}."
            | Transport(s, o, r, _, t) ->
                let target = match box t with
                             | null -> ErrorTarget.None
                             | _ -> t
                $"{what (AwsErrorDetails.NoResponse(s, o).On target)} failed before a response arrived: {r}"
            | Timeout d -> $"{what d} timed out{tail d}."
            | PaginationAnomaly(o, a, _) -> $"Listing with {o} stopped: {anomaly a}."
            | Cancelled o -> $"{o} was cancelled."
            | Unexpected(d, _) -> $"{what d} failed with an unexpected error{tail d}."
            | ObjectListingInterrupted(b, cause, _, _, delivered) ->
                $"Listing bucket '{b}' stopped after {delivered} objects: {sentence cause}"
            | ObjectsNotDeleted(b, failures) ->
                let count, first =
                    match box failures with
                    | null -> 0, ""
                    | _ when failures.Count = 0 || isNull (box failures.[0]) -> failures.Count, ""
                    | _ -> failures.Count, $"; first '{failures.[0].Key}': {sentence failures.[0].Error}"
                $"{count} object versions of bucket '{b}' could not be deleted{first}"
            | WrongRegion(b, r, d) when String.IsNullOrEmpty r ->
                $"Bucket '{b}' is in another region than the request was sent to{tail d}; use a provider for the bucket's region."
            | WrongRegion(b, r, d) ->
                $"Bucket '{b}' is in region '{r}', not the one the request was sent to{tail d}; use a provider for {r}."
            | MalformedResponse(r, d) -> $"{what d} answered with a document that is not its answer ({r}){tail d}."
            | OutcomeUnknown(cause, token) ->
                let d = if isNull (box cause) then AwsErrorDetails.NoResponse("", "") else cause.ErrorDetails
                let repeat =
                    if String.IsNullOrEmpty token then "check whether it took effect before repeating it"
                    else $"repeating it with client token '{token}' is safe"
                $"{what d} may or may not have taken effect ({(sentence cause).TrimEnd('.')}); {repeat}."
            | TransferInterrupted(b, k, uploadId, bytes, total, parts, partsTotal, aborted, cause) ->
                let ofBytes = if total >= 0L then $"{bytes} of {total} bytes" else $"{bytes} bytes"
                let ofParts = if partsTotal >= 0 then $"{parts} of {partsTotal} parts" else $"{parts} parts"
                let leftover =
                    if aborted then "the multipart upload was aborted, so no part is left stored"
                    else $"the multipart upload '{uploadId}' could not be aborted: abort it, or its parts stay stored and billed"
                $"Transfer to '{b}/{k}' stopped after {ofBytes} ({ofParts}); {leftover}: {sentence cause}"
            | FolderListingInterrupted(b, cause, _, _, delivered) ->
                $"Listing folders of bucket '{b}' stopped after {delivered} entries: {sentence cause}"
        // One sentence: whatever the reason text ended with, it ends with a full stop.
        if text.EndsWith "." then text else text + "."

/// One object version S3 refused to delete.
and [<NoComparison>] DeleteFailure =
    {
        /// The object key.
        Key: string
        /// The version id; empty for an unversioned object.
        VersionId: string
        /// Why S3 refused.
        Error: DomainError
    }
