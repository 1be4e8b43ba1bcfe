namespace AwsAio.Core

open System
open System.Collections.Generic

/// What EnsureBucketExists does after its HeadBucket.
type EnsureStep =
    /// The bucket exists and the caller can use it: nothing to do.
    | AlreadyThere
    /// The bucket does not exist: create it.
    | CreateIt
    /// Stop with this error.
    | Stop of Error: DomainError

/// The decisions the S3 wrappers carry out: statuses from answers, what to create where, how to shape listings and
/// metadata, how to batch deletions and carry version markers.
[<RequireQualifiedAccess>]
module S3Rules =

    /// The most keys one DeleteObjects request may name.
    [<Literal>]
    let MaxDeleteBatch = 1000

    /// HeadBucket's error as a status: not found is DoesNotExist, denied is ExistsNoAccess, anything else stays an error.
    /// <example><code>S3Rules.bucketStatusOf (BucketDoesNotExist("b", d)) = Ok BucketStatus.DoesNotExist</code></example>
    [<CompiledName("BucketStatusOf")>]
    let bucketStatusOf (headError: DomainError) : Result<BucketStatus, DomainError> =
        match headError with
        | BucketDoesNotExist _ -> Ok BucketStatus.DoesNotExist
        | BucketAccessDenied _ -> Ok BucketStatus.ExistsNoAccess
        | other -> Error other

    /// What to do after HeadBucket, given its error (null when it succeeded). A bucket someone else owns, or one the
    /// caller may not use, cannot be ensured.
    /// <example><code>S3Rules.ensureStep ("b", null) = AlreadyThere</code></example>
    [<CompiledName("EnsureStep")>]
    let ensureStep (bucket: string, headError: DomainError | null) : EnsureStep =
        match headError with
        | null -> AlreadyThere
        | BucketDoesNotExist _ -> CreateIt
        | BucketAccessDenied _ as denied -> Stop(CouldNotEnsureBucketExists(bucket, denied))
        | other -> Stop other

    /// The error EnsureBucketExists reports when its CreateBucket failed: a name taken by another account cannot be
    /// ensured; anything else is reported as it is.
    [<CompiledName("EnsureCreateFailed")>]
    let ensureCreateFailed (bucket: string, createError: DomainError) : DomainError =
        match createError with
        | BucketNameNotAvailable _ -> CouldNotEnsureBucketExists(bucket, createError)
        | other -> other

    /// The LocationConstraint CreateBucket sends: none in us-east-1 (S3 refuses it there), the region elsewhere.
    /// <example><code>S3Rules.locationConstraint "us-east-1" = null</code></example>
    [<CompiledName("LocationConstraint")>]
    let locationConstraint (region: string) : string | null = if region = "us-east-1" then null else region

    /// A listing entry as the domain sees it; S3 always sends size and date, and absent ones read as 0 and
    /// DateTimeOffset.MinValue rather than failing the listing.
    [<CompiledName("ObjectOf")>]
    let objectOf (key: string | null, size: Nullable<int64>, lastModified: Nullable<DateTime>, etag: string | null,
                  storageClass: string | null) : S3Object =
        { Key = (match key with
                 | null -> ""
                 | k -> k)
          Size = size.GetValueOrDefault 0L
          LastModified =
            if lastModified.HasValue then DateTimeOffset(DateTime.SpecifyKind(lastModified.Value, DateTimeKind.Utc))
            else DateTimeOffset.MinValue
          ETag = DomainNames.etag etag
          StorageClass = DomainNames.storageClass storageClass }

    /// User metadata without the <c>x-amz-meta-</c> prefix S3 puts on the wire, keys compared case-insensitively.
    /// <example><code>(S3Rules.userMetadata [ KeyValuePair("x-amz-meta-owner", "ops") ]).["owner"] = "ops"</code></example>
    [<CompiledName("UserMetadata")>]
    let userMetadata (entries: seq<KeyValuePair<string, string>>) : IReadOnlyDictionary<string, string> =
        let result = Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        for entry in entries do
            let key =
                if entry.Key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) then entry.Key.Substring 11
                else entry.Key
            result.[key] <- entry.Value
        result :> IReadOnlyDictionary<string, string>

    /// Whether a store refused ListObjectVersions because it has no versioning at all (405 MethodNotAllowed or
    /// 501 NotImplemented, as S3-compatible emulators answer); such a bucket is emptied by plain listing instead.
    /// <example><code>S3Rules.versioningUnsupported (Unexpected({ d with Operation = "ListObjectVersions"; Code = "MethodNotAllowed" }, null)) = true</code></example>
    [<CompiledName("VersioningUnsupported")>]
    let versioningUnsupported (error: DomainError) : bool =
        let d = error.ErrorDetails
        d.Operation = "ListObjectVersions"
        && (match ErrorMapping.normaliseCode (d.Code, d.HttpStatus) with
            | "methodnotallowed" | "notimplemented" -> true
            | _ -> d.HttpStatus = 405 || d.HttpStatus = 501)

    /// The page size a listing may ask for: 1 to 1000 (S3's own maximum), or none for S3's default.
    /// <example><code>S3Rules.pageSize (Nullable 2000) |> Result.isError = true</code></example>
    [<CompiledName("PageSize")>]
    let pageSize (size: Nullable<int>) : Result<Nullable<int>, DomainError> =
        if size.HasValue && (size.Value < 1 || size.Value > 1000) then
            Error(InvalidInput("page size", $"must be 1 to 1000 (was {size.Value})"))
        else Ok size

    /// The error a listing reports when it stops. A failure on the very first request of a fresh listing is the
    /// cause itself (so NoSuchBucket stays BucketDoesNotExist). Otherwise (later pages, or a resumed listing) it is
    /// ObjectListingInterrupted with where to resume; without a known token that is the start of the listing, skipping
    /// the objects already delivered.
    [<CompiledName("ListingFailure")>]
    let listingFailure (bucket: string, cause: DomainError, resume: ResumePoint | null, listed: IReadOnlyList<S3Object>,
                        delivered: int) : DomainError =
        match resume with
        | null when delivered = 0 -> cause
        | null -> ObjectListingInterrupted(bucket, cause, { Token = null; SkipItems = delivered }, listed, delivered)
        | point -> ObjectListingInterrupted(bucket, cause, point, listed, delivered)

    /// Whether a destroy may count an error as success: the bucket is gone, and S3 said so with NoSuchBucket
    /// (a bare 404 or a denial is never taken for "gone").
    [<CompiledName("BucketAlreadyGone")>]
    let bucketAlreadyGone (error: DomainError) : bool =
        match error with
        | BucketDoesNotExist(_, d) -> ErrorMapping.isAlreadyDone (d.Service, "DeleteBucket", d.Code, d.HttpStatus)
        | _ -> false

    /// Folds ListObjectVersions' two markers into one pagination token (length-prefixed: keys may hold any character).
    /// <example><code>S3Rules.versionToken ("a/b", "v1") = "3:a/bv1"</code></example>
    [<CompiledName("VersionToken")>]
    let versionToken (keyMarker: string | null, versionIdMarker: string | null) : string =
        let key = match keyMarker with
                  | null -> ""
                  | k -> k
        let version = match versionIdMarker with
                      | null -> ""
                      | v -> v
        $"{key.Length}:{key}{version}"

    /// The token for the next ListObjectVersions page: null when S3 sent neither marker (the pagination engine then
    /// decides from IsTruncated alone whether that is the end or an anomaly).
    [<CompiledName("VersionPageToken")>]
    let versionPageToken (nextKeyMarker: string | null, nextVersionIdMarker: string | null) : string | null =
        if String.IsNullOrEmpty nextKeyMarker && String.IsNullOrEmpty nextVersionIdMarker then null
        else versionToken (nextKeyMarker, nextVersionIdMarker)

    /// Splits a token made by <see cref="versionToken"/> back into (key marker, version id marker).
    [<CompiledName("VersionMarkers")>]
    let versionMarkers (token: string) : struct (string * string) =
        let colon = token.IndexOf ':'
        match (if colon > 0 then Int32.TryParse(token.AsSpan(0, colon)) else (false, 0)) with
        | true, length when length >= 0 && colon + 1 + length <= token.Length ->
            struct (token.Substring(colon + 1, length), token.Substring(colon + 1 + length))
        | _ -> struct (token, "")
