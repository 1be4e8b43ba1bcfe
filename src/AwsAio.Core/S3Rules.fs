namespace AwsAio.Core

open System
open System.Collections.Generic
open System.Text
open System.Text.RegularExpressions

/// An object key with a version id (empty for an unversioned key), as DeleteObjects names it.
type ObjectVersion =
    {
        /// The object key.
        Key: string
        /// The version id; empty for none.
        VersionId: string
    }

    /// A key and a version id (null or empty for none).
    static member Of(key: string, versionId: string | null) =
        { Key = key
          VersionId = (match versionId with
                       | null -> ""
                       | v -> v) }

/// One key DeleteObjects refused, as S3 reported it.
type RefusedDelete =
    {
        /// The object key.
        Key: string
        /// The version id; empty for none.
        VersionId: string
        /// S3's code for the refusal.
        Code: string
        /// S3's message.
        Message: string
    }

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

    /// A string a C# caller may have left null, as text.
    let private text (s: string) = if isNull (box s) then "" else s

    let private encodedWord = Regex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=", RegexOptions.CultureInvariant)

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

    /// The region CreateBucket creates in: the provider's region, else the S3 client's configured region (or its
    /// signing region for an endpoint override); never one learnt through an STS call. None is RegionUnresolved.
    /// <example><code>S3Rules.createBucketRegion (null, fun () -> "eu-west-1") = Ok "eu-west-1"</code></example>
    [<CompiledName("CreateBucketRegion")>]
    let createBucketRegion (providerRegion: string | null, clientRegion: Func<string | null>) : Result<string, DomainError> =
        if not (String.IsNullOrEmpty providerRegion) then Ok(nonNull providerRegion)
        else
            match clientRegion.Invoke() with
            | c when not (String.IsNullOrEmpty c) -> Ok(nonNull c)
            | _ -> Error(RegionUnresolved "the provider names no region and its S3 client has none configured")

    /// A listing entry as the domain sees it; S3 always sends size and date, and absent ones read as 0 and
    /// DateTimeOffset.MinValue rather than failing the listing.
    [<CompiledName("ObjectOf")>]
    let objectOf (key: string | null, size: Nullable<int64>, lastModified: Nullable<DateTime>, etag: string | null,
                  storageClass: string | null) : S3Object =
        S3Object(
            (match key with
             | null -> ""
             | k -> k),
            size.GetValueOrDefault 0L,
            (if lastModified.HasValue then DateTimeOffset(DateTime.SpecifyKind(lastModified.Value, DateTimeKind.Utc))
             else DateTimeOffset.MinValue),
            // Kept as S3 sent it: the quotes come off when the caller reads ETag.
            (match etag with
             | null -> ""
             | e -> e),
            DomainNames.storageClass storageClass)

    /// Decodes RFC 2047 encoded words (<c>=?UTF-8?B?…?=</c> and <c>=?UTF-8?Q?…?=</c>), which is how S3 returns
    /// metadata values that held non-ASCII characters; anything else is returned as it is.
    /// <example><code>S3Rules.decodeMetadataValue "=?UTF-8?B?Wm/Dqw==?=" = "Zoë"</code></example>
    [<CompiledName("DecodeMetadataValue")>]
    let decodeMetadataValue (value: string | null) : string =
        match value with
        | null -> ""
        | v when not (v.StartsWith("=?", StringComparison.Ordinal)) -> v
        | v ->
            let decodeWord (m: Match) =
                try
                    let encoding = Encoding.GetEncoding m.Groups.[1].Value
                    match m.Groups.[2].Value with
                    | "B" | "b" -> encoding.GetString(Convert.FromBase64String m.Groups.[3].Value)
                    | _ ->
                        let text = m.Groups.[3].Value.Replace('_', ' ')
                        let bytes = ResizeArray<byte>()
                        let mutable i = 0
                        while i < text.Length do
                            if text.[i] = '=' && i + 2 < text.Length then
                                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16))
                                i <- i + 3
                            else
                                bytes.Add(byte text.[i])
                                i <- i + 1
                        encoding.GetString(bytes.ToArray())
                with
                | :? FormatException
                | :? ArgumentException -> m.Value
            // Whitespace between adjacent encoded words is not part of the text (RFC 2047, section 6.2).
            let joined = Regex.Replace(v, @"\?=\s+=\?", "?==?")
            encodedWord.Replace(joined, MatchEvaluator decodeWord)

    /// User metadata without the <c>x-amz-meta-</c> prefix S3 puts on the wire, keys compared case-insensitively,
    /// values decoded from RFC 2047 when S3 encoded them.
    /// <example><code>(S3Rules.userMetadata [ KeyValuePair("x-amz-meta-owner", "ops") ]).["owner"] = "ops"</code></example>
    [<CompiledName("UserMetadata")>]
    let userMetadata (entries: seq<KeyValuePair<string, string>>) : IReadOnlyDictionary<string, string> =
        let result = Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        for entry in entries do
            if not (isNull (box entry.Key)) then
                let key = entry.Key
                let key = if key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) then key.Substring 11 else key
                result.[key] <- decodeMetadataValue entry.Value
        result :> IReadOnlyDictionary<string, string>

    /// Whether a page S3 answered with 200 really is a listing of the bucket asked for: S3 always echoes the bucket
    /// <c>Name</c> and always says <c>IsTruncated</c>. A page without them (an HTML page from a proxy, an empty body,
    /// another document the SDK parsed into an empty listing) is a <c>MalformedResponse</c>, never an empty bucket.
    /// <example><code>S3Rules.listingPage ("ListObjectsV2", "b", null, Nullable(), 200, "r") |> Result.isError = true</code></example>
    [<CompiledName("ListingPage")>]
    let listingPage (operation: string, bucket: string, echoedName: string | null, isTruncated: Nullable<bool>,
                     httpStatus: int, requestId: string | null) : Result<unit, DomainError> =
        let details reason =
            { AwsErrorDetails.Of(S3Operations.Service, operation, "", reason, httpStatus,
                                 (match requestId with
                                  | null -> ""
                                  | r -> r)) with Target = ErrorTarget.Of bucket }
        if not isTruncated.HasValue then
            Error(MalformedResponse("it is not a bucket listing: IsTruncated is missing", details "no IsTruncated in the answer"))
        elif not (String.Equals(echoedName, bucket, StringComparison.Ordinal)) then
            Error(MalformedResponse($"it is not a listing of bucket '{bucket}': it names no bucket or another one",
                                    details "the bucket name was not echoed"))
        else Ok()

    /// The page size a listing may ask for: 1 to 1000 (S3's own maximum), or none for S3's default.
    /// <example><code>S3Rules.pageSize (Nullable 2000) |> Result.isError = true</code></example>
    [<CompiledName("PageSize")>]
    let pageSize (size: Nullable<int>) : Result<Nullable<int>, DomainError> =
        if size.HasValue && (size.Value < 1 || size.Value > 1000) then
            Error(InvalidInput("page size", $"must be 1 to 1000 (was {size.Value})"))
        else Ok size

    /// The error a listing reports when it stops on a failed request. A failure before anything was delivered, at the
    /// very start of the listing, is the cause itself (so NoSuchBucket stays BucketDoesNotExist); otherwise it is
    /// ObjectListingInterrupted with where to resume.
    /// <example><code>S3Rules.listingFailure ("b", cause, ResumePoint.At(null, 0), [||], 0) = cause</code></example>
    [<CompiledName("ListingFailure")>]
    let listingFailure (bucket: string, cause: DomainError, resume: ResumePoint, listed: IReadOnlyList<S3Object>,
                        delivered: int) : DomainError =
        if delivered = 0 && isNull resume.Token && resume.SkipItems = 0 then cause
        else ObjectListingInterrupted(bucket, cause, resume, listed, delivered)

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

    /// How one DeleteObjects answer is read: every key asked for must come back either deleted or refused. A refused
    /// key becomes a <c>DeleteFailure</c> with its own mapped error; a key S3 did not mention at all (an answer that
    /// is not a DeleteObjects result, or one that lost entries) makes the whole batch a <c>MalformedResponse</c>, so
    /// that a destroy never reports success for objects nobody deleted.
    /// <example><code>S3Rules.deleteOutcome ("b", [| ObjectVersion.Of("k", "") |], [||], [||], 200, "r") // Error MalformedResponse</code></example>
    [<CompiledName("DeleteOutcome")>]
    let deleteOutcome (bucket: string, requested: IReadOnlyList<ObjectVersion>, deleted: IReadOnlyList<ObjectVersion>,
                       refused: IReadOnlyList<RefusedDelete>, httpStatus: int, requestId: string | null)
                       : Result<IReadOnlyList<DeleteFailure>, DomainError> =
        let requestId = match requestId with
                        | null -> ""
                        | r -> r
        let keyOf (key: string | null) (version: string | null) =
            struct ((match key with | null -> "" | k -> k), (match version with | null -> "" | v -> v))
        let answered = HashSet<struct (string * string)>()
        let answeredKeys = HashSet<string>(StringComparer.Ordinal)
        for d in deleted do
            answered.Add(keyOf d.Key d.VersionId) |> ignore
            answeredKeys.Add(text d.Key) |> ignore
        for r in refused do
            answered.Add(keyOf r.Key r.VersionId) |> ignore
            answeredKeys.Add(text r.Key) |> ignore
        // An unversioned delete is answered with the key alone (or with the id of the delete marker it made).
        let isAnswered (o: ObjectVersion) =
            if String.IsNullOrEmpty o.VersionId then answeredKeys.Contains o.Key
            else answered.Contains(keyOf o.Key o.VersionId)
        let missing = requested |> Seq.filter (isAnswered >> not) |> Seq.length
        if missing > 0 then
            Error(MalformedResponse(
                $"{missing} of the {requested.Count} keys asked for were neither deleted nor refused",
                { AwsErrorDetails.Of(S3Operations.Service, S3Operations.DeleteObjects, "", "the answer does not account for every key",
                                     httpStatus, requestId) with Target = ErrorTarget.Of bucket }))
        else
            refused
            |> Seq.map (fun r ->
                let key = text r.Key
                { Key = key
                  VersionId = text r.VersionId
                  Error =
                    ErrorMapping.map (ErrorTarget.Of(bucket, key),
                                      AwsErrorDetails.Of(S3Operations.Service, S3Operations.DeleteObject, r.Code, r.Message, 0, requestId),
                                      null) })
            |> Array.ofSeq
            :> IReadOnlyList<DeleteFailure>
            |> Ok
