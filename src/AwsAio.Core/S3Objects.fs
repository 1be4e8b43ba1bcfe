namespace AwsAio.Core

open System
open System.Collections.Generic
open System.Text

/// The decisions behind the object calls: how an object's facts are shaped, which byte ranges, tags, content types
/// and storage classes may be asked for, whether a ranged answer is the part asked for, and how folder listings and
/// multi-key deletions are read.
[<RequireQualifiedAccess>]
module S3Objects =

    let private text (s: string | null) =
        match s with
        | null -> ""
        | s -> s

    /// HeadObject's answer as the domain sees it: ETag without quotes, S3's <c>binary/octet-stream</c> when no
    /// Content-Type was stored, STANDARD when no storage class is named, the KMS key only for KMS encryption, and the
    /// user metadata without its prefix and decoded from RFC 2047.
    /// <example><code>(S3Objects.objectInfo ("b", "k", 3L, "\"e\"", null, null, null, Nullable(), null, null, null, null, [])).ContentType = "binary/octet-stream"</code></example>
    [<CompiledName("ObjectInfo")>]
    let objectInfo (bucket: string, key: string, size: int64, etag: string | null, contentType: string | null,
                    contentEncoding: string | null, cacheControl: string | null, lastModified: Nullable<DateTime>,
                    versionId: string | null, storageClass: string | null, encryption: string | null,
                    kmsKeyId: string | null, metadata: seq<KeyValuePair<string, string>>) : ObjectInfo =
        let encryption = text encryption
        { Bucket = text bucket
          Key = text key
          Size = max 0L size
          ETag = DomainNames.etag etag
          ContentType = (if String.IsNullOrEmpty contentType then ContentTypes.Unknown else text contentType)
          ContentEncoding = text contentEncoding
          CacheControl = text cacheControl
          LastModified =
            if lastModified.HasValue then DateTimeOffset(DateTime.SpecifyKind(lastModified.Value, DateTimeKind.Utc))
            else DateTimeOffset.MinValue
          VersionId = text versionId
          StorageClass = DomainNames.storageClass storageClass
          Encryption = encryption
          KmsKeyId = (if encryption.StartsWith("aws:kms", StringComparison.Ordinal) then text kmsKeyId else "")
          Metadata = S3Rules.userMetadata (match box metadata with
                                           | null -> Seq.empty
                                           | _ -> metadata) }

    /// An object an upload or a copy wrote: ETag without quotes, version id empty when none.
    [<CompiledName("Uploaded")>]
    let uploaded (bucket: string, key: string, etag: string | null, versionId: string | null, size: int64, parts: int) : UploadedObject =
        { Bucket = bucket; Key = key; ETag = DomainNames.etag etag; VersionId = text versionId; Size = size; Parts = parts }

    /// The Range header for a read of <paramref name="length"/> bytes from <paramref name="offset"/> (both optional):
    /// null reads the whole object; an offset alone reads to the end. A negative offset, a length that is not positive,
    /// or a range past the largest offset is an <c>InvalidInput</c> before any request.
    /// <example><code>S3Objects.rangeHeader (Nullable 10L, Nullable 5L) = Ok "bytes=10-14"</code></example>
    [<CompiledName("RangeHeader")>]
    let rangeHeader (offset: Nullable<int64>, length: Nullable<int64>) : Result<string | null, DomainError> =
        let first = offset.GetValueOrDefault 0L
        if offset.HasValue && first < 0L then Error(InvalidInput("range offset", $"must not be negative (was {first})"))
        elif length.HasValue && length.Value <= 0L then Error(InvalidInput("range length", $"must be positive (was {length.Value})"))
        elif length.HasValue && length.Value - 1L > Int64.MaxValue - first then
            Error(InvalidInput("range length", "reaches past the largest byte offset"))
        elif length.HasValue then Ok $"bytes={first}-{first + length.Value - 1L}"
        elif offset.HasValue then Ok $"bytes={first}-"
        else Ok null

    /// Whether a ranged GetObject answer is the part asked for: S3 answers a satisfiable range with 206 and a
    /// Content-Range that starts at the first byte asked for. A 200 (a store that ignored the Range and sent the whole
    /// object) or another start is a <c>MalformedResponse</c>, never handed to the reader as if it were the part.
    /// <example><code>S3Objects.rangeAnswer ("b", "k", Nullable 10L, Nullable(), 206, "bytes 10-99/100", "r") = Ok()</code></example>
    [<CompiledName("RangeAnswer")>]
    let rangeAnswer (bucket: string, key: string, offset: Nullable<int64>, length: Nullable<int64>, httpStatus: int,
                     contentRange: string | null, requestId: string | null) : Result<unit, DomainError> =
        if not offset.HasValue && not length.HasValue then Ok()
        else
            let first = offset.GetValueOrDefault 0L
            if httpStatus = 206 && (text contentRange).StartsWith($"bytes {first}-", StringComparison.Ordinal) then Ok()
            else
                Error(MalformedResponse(
                    $"asked for the bytes from {first}, the answer is not that part of the object (HTTP {httpStatus}, Content-Range '{text contentRange}')",
                    { AwsErrorDetails.Of(S3Operations.Service, S3Operations.GetObject, "", "the answer is not the range asked for",
                                         httpStatus, text requestId) with Target = ErrorTarget.Of(bucket, key) }))

    /// The most tags one object may carry.
    [<Literal>]
    let MaxTags = 10

    let private tagChar (r: Rune) =
        Rune.IsLetterOrDigit r || r.Value = int ' ' || (r.IsAscii && "+-=._:/@".Contains(char r.Value))

    let private runes (s: string) =
        let mutable count = 0
        let mutable ok = true
        let mutable e = s.EnumerateRunes()
        while e.MoveNext() do
            count <- count + 1
            ok <- ok && tagChar e.Current && e.Current <> Rune.ReplacementChar
        struct (count, ok)

    /// Object tags, checked against S3's tag rules before any request: at most 10; keys of 1 to 128 characters, values
    /// of 0 to 256, both made of letters, digits, spaces and <c>+ - = . _ : / @</c>; keys unique (case-sensitive) and
    /// not in the reserved <c>aws:</c> namespace.
    /// <example><code>S3Objects.tags [ KeyValuePair("team", "ops") ] |> Result.isOk = true</code></example>
    [<CompiledName("Tags")>]
    let tags (entries: seq<KeyValuePair<string, string>> | null) : Result<IReadOnlyList<KeyValuePair<string, string>>, DomainError> =
        match entries with
        | null -> Ok(Array.empty :> IReadOnlyList<_>)
        | entries ->
            let all = Array.ofSeq entries
            let seen = HashSet<string>(StringComparer.Ordinal)
            let check (entry: KeyValuePair<string, string>) =
                match (if isNull (box entry.Key) then None else Some entry.Key), (if isNull (box entry.Value) then None else Some entry.Value) with
                | None, _ -> Some(InvalidInput("tag key", "must not be null"))
                | Some key, value ->
                    let struct (keyLength, keyOk) = runes key
                    if keyLength < 1 || keyLength > 128 then Some(InvalidInput("tag key", $"must be 1 to 128 characters (was {keyLength})"))
                    elif not keyOk then Some(InvalidInput("tag key", "may contain only letters, digits, spaces and + - = . _ : / @"))
                    elif key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) then
                        Some(InvalidInput($"tag key '{key}'", "must not begin with aws: (reserved for AWS)"))
                    elif not (seen.Add key) then Some(InvalidInput($"tag key '{key}'", "is given twice"))
                    else
                        match value with
                        | None -> Some(InvalidInput($"tag value of '{key}'", "must not be null"))
                        | Some value ->
                            let struct (valueLength, valueOk) = runes value
                            if valueLength > 256 then Some(InvalidInput($"tag value of '{key}'", $"must be at most 256 characters (was {valueLength})"))
                            elif not valueOk then
                                Some(InvalidInput($"tag value of '{key}'", "may contain only letters, digits, spaces and + - = . _ : / @"))
                            else None
            if all.Length > MaxTags then Error(InvalidInput("tags", $"must be at most {MaxTags} (were {all.Length})"))
            else
                match all |> Array.tryPick check with
                | Some e -> Error e
                | None -> Ok(all :> IReadOnlyList<_>)

    /// The Content-Type an upload is sent with: the caller's (checked as a header value), else guessed from the local
    /// file's name, else from the key, as the AWS CLI does (<see cref="M:AwsAio.Core.ContentTypes.Guess"/>). Text
    /// content is UTF-8: it is <c>text/plain; charset=utf-8</c> when nothing better is known, and a guessed
    /// <c>text/*</c> type says its charset.
    /// <example><code>S3Objects.contentType (null, "app.log", "2026/app.log", false) = Ok "text/plain"</code></example>
    [<CompiledName("ContentType")>]
    let contentType (given: string | null, localName: string | null, key: string | null, isText: bool) : Result<string, DomainError> =
        match given with
        | null ->
            let guessed =
                match ContentTypes.guess localName with
                | ContentTypes.Unknown -> ContentTypes.guess key
                | known -> known
            if not isText then Ok guessed
            elif guessed = ContentTypes.Unknown then Ok "text/plain; charset=utf-8"
            elif guessed.StartsWith("text/", StringComparison.Ordinal) then Ok(guessed + "; charset=utf-8")
            else Ok guessed
        | given -> Validate.headerValue ("content type", given)

    /// S3's wire name for a storage class an upload asks for; null (none asked) leaves the bucket's default. A value
    /// outside the known classes is an <c>InvalidInput</c>.
    /// <example><code>S3Objects.storageClassName (Nullable S3StorageClass.Glacier) = Ok "GLACIER"</code></example>
    [<CompiledName("StorageClassName")>]
    let storageClassName (storageClass: Nullable<S3StorageClass>) : Result<string | null, DomainError> =
        if not storageClass.HasValue then Ok null
        else
            match storageClass.Value with
            | S3StorageClass.Standard -> Ok "STANDARD"
            | S3StorageClass.ReducedRedundancy -> Ok "REDUCED_REDUNDANCY"
            | S3StorageClass.StandardInfrequentAccess -> Ok "STANDARD_IA"
            | S3StorageClass.OneZoneInfrequentAccess -> Ok "ONEZONE_IA"
            | S3StorageClass.IntelligentTiering -> Ok "INTELLIGENT_TIERING"
            | S3StorageClass.Glacier -> Ok "GLACIER"
            | S3StorageClass.DeepArchive -> Ok "DEEP_ARCHIVE"
            | S3StorageClass.GlacierInstantRetrieval -> Ok "GLACIER_IR"
            | S3StorageClass.Outposts -> Ok "OUTPOSTS"
            | S3StorageClass.Snow -> Ok "SNOW"
            | S3StorageClass.ExpressOneZone -> Ok "EXPRESS_ONEZONE"
            | other -> Error(InvalidInput("storage class", $"{int other} is not a storage class an upload can ask for"))

    /// The delimiter of a folder listing: 1 to 1024 characters without control characters (it goes into the query).
    /// <example><code>S3Objects.delimiter "/" = Ok "/"</code></example>
    [<CompiledName("Delimiter")>]
    let delimiter (value: string | null) : Result<string, DomainError> =
        match value with
        | null | "" -> Error(InvalidInput("delimiter", "is required (\"/\" lists folders)"))
        | v when v.Length > 1024 -> Error(InvalidInput("delimiter", "must be at most 1024 characters"))
        | v when v |> Seq.exists Char.IsControl -> Error(InvalidInput("delimiter", "must not contain control characters"))
        | v -> Ok v

    /// A folder listing's entries split into objects and common prefixes, each in the order S3 gave them.
    [<CompiledName("FolderListing")>]
    let folderListing (entries: seq<FolderEntry>) : FolderListing =
        let objects = ResizeArray<S3Object>()
        let prefixes = ResizeArray<string>()
        for entry in entries do
            match entry with
            | ObjectEntry o -> objects.Add o
            | PrefixEntry p -> prefixes.Add p
        { Objects = objects; Prefixes = prefixes }

    /// The error a folder listing reports when it stops on a failed request: the cause itself at the very start (so
    /// NoSuchBucket stays BucketDoesNotExist), otherwise <c>FolderListingInterrupted</c> with what was listed and where
    /// to resume.
    [<CompiledName("FolderListingFailure")>]
    let folderListingFailure (bucket: string, cause: DomainError, resume: ResumePoint, listed: seq<FolderEntry>, delivered: int) : DomainError =
        if delivered = 0 && isNull resume.Token && resume.SkipItems = 0 then cause
        else FolderListingInterrupted(bucket, cause, resume, folderListing listed, delivered)

    /// The keys a multi-key delete names, each checked as every call checks keys, duplicates named once (in first
    /// order). None is nothing to do.
    /// <example><code>S3Objects.deleteKeys ([ "a"; "a"; "b" ], false) |> Result.map Array.length = Ok 2</code></example>
    [<CompiledName("DeleteKeys")>]
    let deleteKeys (keys: seq<string> | null, allowDotSegments: bool) : Result<ObjectVersion[], DomainError> =
        match keys with
        | null -> Error(InvalidInput("keys", "are required"))
        | keys ->
            let seen = HashSet<string>(StringComparer.Ordinal)
            let out = ResizeArray<ObjectVersion>()
            let mutable error = None
            for key in keys do
                if error.IsNone then
                    match Validate.objectKeyWith (key, allowDotSegments) with
                    | Error e -> error <- Some e
                    | Ok k -> if seen.Add k then out.Add(ObjectVersion.Of(k, null))
            match error with
            | Some e -> Error e
            | None -> Ok(out.ToArray())
