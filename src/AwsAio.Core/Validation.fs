namespace AwsAio.Core

open System
open System.Buffers
open System.Collections.Generic
open System.Text
open System.Text.RegularExpressions

/// An IAM role ARN taken apart.
type RoleArn =
    {
        /// The whole ARN.
        Value: string
        /// The partition: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, …
        Partition: string
        /// The 12-digit account that owns the role.
        Account: string
        /// The role's path, "/" when it has none.
        Path: string
        /// The role's name.
        Name: string
    }

    /// The ARN itself.
    override this.ToString() = this.Value

/// The kinds of EC2 id AwsAio validates, each with its prefix.
type Ec2IdKind =
    /// vpc-…
    | Vpc = 0
    /// subnet-…
    | Subnet = 1
    /// eni-…
    | NetworkInterface = 2
    /// i-…
    | Instance = 3
    /// tms-…
    | TrafficMirrorSession = 4
    /// tmt-…
    | TrafficMirrorTarget = 5
    /// tmf-…
    | TrafficMirrorFilter = 6

/// Input checks made before any request. Each returns the checked value, or <c>InvalidInput</c> naming the field and
/// the rule broken. Values that may be sensitive (external ids, endpoint URLs) are never echoed.
/// Hand-written rather than Amazon.Arn and friends because the core has no AWS SDK reference; the rules are AWS's
/// documented ones, checked in the tests against an independent oracle.
[<RequireQualifiedAccess>]
module Validate =

    let private invalid field rule : Result<'T, DomainError> = Error(InvalidInput(field, rule))

    let private required field (value: string | null) (check: string -> Result<'T, DomainError>) =
        match value with
        | null -> invalid field "is required"
        | v -> check v

    let private isAsciiLowerOrDigit (c: char) = Char.IsAsciiLetterLower c || Char.IsAsciiDigit c

    let private ipShaped = Regex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\z", RegexOptions.CultureInvariant)

    let private bucketChars = SearchValues.Create "abcdefghijklmnopqrstuvwxyz0123456789.-"

    /// Prefixes S3 reserves for its own names.
    [<CompiledName("ReservedBucketPrefixes")>]
    let reservedBucketPrefixes = [| "xn--"; "sthree-"; "amzn-s3-demo-" |]

    /// Suffixes S3 reserves for access points, aliases and directory or table buckets.
    [<CompiledName("ReservedBucketSuffixes")>]
    let reservedBucketSuffixes = [| "-s3alias"; "--ol-s3"; ".mrap"; "--x-s3"; "--table-s3" |]

    /// A general-purpose S3 bucket name: 3–63 characters of lowercase letters, digits, dots and hyphens, beginning
    /// and ending with a letter or digit, no two adjacent dots, not shaped like an IP address, and none of S3's
    /// reserved prefixes or suffixes.
    /// <example><code>Validate.bucketName "my-bucket" = Ok "my-bucket"</code></example>
    [<CompiledName("BucketName")>]
    let bucketName (name: string | null) : Result<string, DomainError> =
        let field = "bucket name"
        required field name (fun name ->
            if name.Length < 3 || name.Length > 63 then
                invalid field $"must be 3 to 63 characters long (was {name.Length})"
            else
                match name.AsSpan().IndexOfAnyExcept bucketChars with
                | i when i >= 0 -> invalid field $"may contain only lowercase letters, digits, dots and hyphens ('{name}' has '{name.[i]}' at {i})"
                | _ ->
                    if not (isAsciiLowerOrDigit name.[0] && isAsciiLowerOrDigit name.[name.Length - 1]) then
                        invalid field $"must begin and end with a lowercase letter or digit ('{name}')"
                    elif name.Contains ".." then invalid field $"must not contain two adjacent dots ('{name}')"
                    elif Char.IsAsciiDigit name.[0] && ipShaped.IsMatch name then
                        invalid field $"must not be formatted as an IP address ('{name}')"
                    else
                        match reservedBucketPrefixes |> Array.tryFind (fun p -> name.StartsWith(p, StringComparison.Ordinal)) with
                        | Some p -> invalid field $"must not begin with the reserved prefix '{p}' ('{name}')"
                        | None ->
                            match reservedBucketSuffixes |> Array.tryFind (fun s -> name.EndsWith(s, StringComparison.Ordinal)) with
                            | Some s -> invalid field $"must not end with the reserved suffix '{s}' ('{name}')"
                            | None -> Ok name)

    /// Whether every surrogate is paired, so that the string has a UTF-8 encoding.
    let private wellFormedUtf16 (s: string) =
        let mutable ok = true
        let mutable i = 0
        while ok && i < s.Length do
            if Char.IsHighSurrogate s.[i] then
                ok <- i + 1 < s.Length && Char.IsLowSurrogate s.[i + 1]
                i <- i + 2
            else
                ok <- not (Char.IsLowSurrogate s.[i])
                i <- i + 1
        ok

    /// An S3 object key: 1 to 1024 bytes once encoded as UTF-8 (so no unpaired surrogates), and, unless
    /// <paramref name="allowDotSegments"/>, no <c>.</c> or <c>..</c> path segment (<c>../x</c>, <c>a/./b</c>): S3
    /// itself stores such keys literally, but path-style S3-compatible stores and HTTP layers normalise them, so
    /// <c>../x</c> can land outside the bucket.
    /// <example><code>Validate.objectKeyWith ("a/../b", false) |> Result.isError = true</code></example>
    [<CompiledName("ObjectKeyWith")>]
    let objectKeyWith (key: string | null, allowDotSegments: bool) : Result<string, DomainError> =
        let field = "object key"
        required field key (fun key ->
            let bytes = if wellFormedUtf16 key then Some(Encoding.UTF8.GetByteCount key) else None
            match bytes with
            | None -> invalid field "must be valid Unicode (it has an unpaired surrogate)"
            | Some 0 -> invalid field "must not be empty"
            | Some n when n > 1024 -> invalid field $"must be at most 1024 bytes of UTF-8 (was {n})"
            | Some _ when not allowDotSegments && key.Split('/') |> Array.exists (fun s -> s = "." || s = "..") ->
                invalid field
                    "must not have a '.' or '..' path segment (such keys escape the bucket on path-style stores; allow them only for a store that keeps them literally)"
            | Some _ -> Ok key)

    /// An S3 object key with the default rules: no <c>.</c> or <c>..</c> segments (see <see cref="objectKeyWith"/>).
    /// <example><code>Validate.objectKey "logs/2024/01.gz" = Ok "logs/2024/01.gz"</code></example>
    [<CompiledName("ObjectKey")>]
    let objectKey (key: string | null) : Result<string, DomainError> = objectKeyWith (key, false)

    // IAM's documented character classes, in ASCII: .NET's \w would also admit non-ASCII letters, and .NET's $ would
    // admit a trailing newline, hence \z.
    let private roleNameChars = Regex(@"^[A-Za-z0-9_+=,.@-]{1,64}\z", RegexOptions.CultureInvariant)
    let private rolePath = Regex(@"^/([\x21-\x7E]*/)?\z", RegexOptions.CultureInvariant)
    let private partition = Regex(@"^aws(-[a-z]+)*\z", RegexOptions.CultureInvariant)
    let private account = Regex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant)

    /// An IAM role ARN in any partition: <c>arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME</c>. Nothing assumes
    /// <c>arn:aws:</c>: GovCloud, China and the isolated partitions are accepted alike.
    /// <example><code>(Validate.roleArn "arn:aws-us-gov:iam::123456789012:role/ops/Reader" |> Result.map _.Name) = Ok "Reader"</code></example>
    [<CompiledName("RoleArn")>]
    let roleArn (arn: string | null) : Result<RoleArn, DomainError> =
        let field = "role ARN"
        required field arn (fun arn ->
            let parts = arn.Split(':', 6)
            if parts.Length <> 6 || parts.[0] <> "arn" then
                invalid field "must look like arn:PARTITION:iam::ACCOUNT:role/NAME"
            elif not (partition.IsMatch parts.[1]) then
                invalid field $"has an unknown partition '{parts.[1]}' (expected aws, aws-cn, aws-us-gov, aws-iso, …)"
            elif parts.[2] <> "iam" then invalid field $"must name the iam service (was '{parts.[2]}')"
            elif parts.[3] <> "" then invalid field "must have an empty region (IAM is global)"
            elif not (account.IsMatch parts.[4]) then invalid field "must name a 12-digit account"
            elif not (parts.[5].StartsWith("role/", StringComparison.Ordinal)) then
                invalid field "must name a role (resource role/NAME)"
            else
                let resource = parts.[5].Substring 5
                let cut = resource.LastIndexOf '/'
                let path = if cut < 0 then "/" else "/" + resource.Substring(0, cut + 1)
                let name = resource.Substring(cut + 1)
                if not (roleNameChars.IsMatch name) then
                    invalid field "must end in a role name of 1 to 64 characters from A-Z a-z 0-9 _+=,.@-"
                elif path.Length > 512 || not (rolePath.IsMatch path) then
                    invalid field "has an invalid role path (printable ASCII between slashes, at most 512 characters)"
                else
                    Ok { Value = arn; Partition = parts.[1]; Account = parts.[4]; Path = path; Name = name })

    /// An STS string parameter: a length range and a documented character set (extra to A-Z a-z 0-9).
    let private stsString field minLength maxLength (extra: string) (value: string | null) =
        required field value (fun v ->
            if v.Length < minLength || v.Length > maxLength then
                invalid field $"must be {minLength} to {maxLength} characters long (was {v.Length})"
            elif not (v |> Seq.forall (fun c -> Char.IsAsciiLetterOrDigit c || extra.Contains c)) then
                invalid field $"may contain only A-Z a-z 0-9 and {extra}"
            else Ok v)

    /// An STS role session name: 2 to 64 characters from <c>A-Z a-z 0-9 _+=,.@-</c>.
    /// <example><code>Validate.roleSessionName "awsaio-alice" = Ok "awsaio-alice"</code></example>
    [<CompiledName("RoleSessionName")>]
    let roleSessionName (name: string | null) : Result<string, DomainError> =
        stsString "role session name" 2 64 "_+=,.@-" name

    /// An STS external id: 2 to 1224 characters from <c>A-Z a-z 0-9 _+=,.@:/-</c>. The value is never echoed.
    /// <example><code>Validate.externalId "x" // Error: must be 2 to 1224 characters long</code></example>
    [<CompiledName("ExternalId")>]
    let externalId (id: string | null) : Result<string, DomainError> = stsString "external id" 2 1224 "_+=,.@:/-" id

    /// An STS session duration: whole seconds from 900 (15 minutes) to 43200 (12 hours).
    /// <example><code>Validate.sessionDuration (TimeSpan.FromHours 1.0) = Ok (TimeSpan.FromHours 1.0)</code></example>
    [<CompiledName("SessionDuration")>]
    let sessionDuration (duration: TimeSpan) : Result<TimeSpan, DomainError> =
        let field = "session duration"
        if duration.Ticks % TimeSpan.TicksPerSecond <> 0L then invalid field "must be a whole number of seconds"
        elif duration.TotalSeconds < 900.0 || duration.TotalSeconds > 43200.0 then
            invalid field $"must be 900 to 43200 seconds (was {int64 duration.TotalSeconds})"
        else Ok duration

    /// How long before expiry assumed-role credentials are refreshed: not negative, and at most half of
    /// <paramref name="sessionDuration"/> (STS's one hour when null), so that fresh credentials serve at least half their
    /// life before the next AssumeRole; a window near the whole lifetime would make almost every request assume again.
    /// <example><code>Validate.refreshWindow (TimeSpan.FromMinutes 5.0, Nullable()) |> Result.isOk = true</code></example>
    [<CompiledName("RefreshWindow")>]
    let refreshWindow (window: TimeSpan, sessionDuration: Nullable<TimeSpan>) : Result<TimeSpan, DomainError> =
        let field = "credential refresh window"
        let lifetime = if sessionDuration.HasValue then sessionDuration.Value else TimeSpan.FromHours 1.0
        if window < TimeSpan.Zero then invalid field "must not be negative"
        elif window + window > lifetime then
            invalid field $"must be at most half the session duration ({int (lifetime.TotalSeconds / 2.0)} s), or the role would be assumed again almost at once"
        else Ok window

    let private regionShape = Regex(@"^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}\z", RegexOptions.CultureInvariant)

    /// An AWS region name such as us-east-1, us-gov-west-1, cn-north-1, us-isob-east-1 or eusc-de-east-1. The pseudo-region
    /// aws-global is refused: it is no place to create anything.
    /// <example><code>Validate.region "eu-west-3" = Ok "eu-west-3"</code></example>
    [<CompiledName("Region")>]
    let region (name: string | null) : Result<string, DomainError> =
        let field = "region"
        required field name (fun name ->
            if name = "aws-global" then invalid field "'aws-global' is a pseudo-region; name a real region such as us-east-1"
            elif not (regionShape.IsMatch name) then
                invalid field $"'{name}' is not a region name (expected the shape of us-east-1 or us-gov-west-1)"
            else Ok name)

    /// The prefix of each EC2 id kind; empty for a value outside the enum.
    /// <example><code>Validate.ec2Prefix Ec2IdKind.NetworkInterface = "eni"</code></example>
    [<CompiledName("Ec2Prefix")>]
    let ec2Prefix (kind: Ec2IdKind) : string =
        match kind with
        | Ec2IdKind.Vpc -> "vpc"
        | Ec2IdKind.Subnet -> "subnet"
        | Ec2IdKind.NetworkInterface -> "eni"
        | Ec2IdKind.Instance -> "i"
        | Ec2IdKind.TrafficMirrorSession -> "tms"
        | Ec2IdKind.TrafficMirrorTarget -> "tmt"
        | Ec2IdKind.TrafficMirrorFilter -> "tmf"
        | _ -> ""

    /// An EC2 id of the given kind: its prefix, a hyphen, then 8 or 17 lowercase hex digits.
    /// <example><code>Validate.ec2Id (Ec2IdKind.Vpc, "vpc-0a1b2c3d") = Ok "vpc-0a1b2c3d"</code></example>
    [<CompiledName("Ec2Id")>]
    let ec2Id (kind: Ec2IdKind, id: string | null) : Result<string, DomainError> =
        let prefix = ec2Prefix kind
        let field = $"{prefix} id"
        let check (id: string) =
            let hex = if id.StartsWith(prefix + "-", StringComparison.Ordinal) then Some(id.Substring(prefix.Length + 1)) else None
            match hex with
            | None -> invalid field $"must start with '{prefix}-'"
            | Some h when (h.Length = 8 || h.Length = 17) && h |> Seq.forall Char.IsAsciiHexDigitLower -> Ok id
            | Some _ -> invalid field $"must be '{prefix}-' followed by 8 or 17 lowercase hex digits ('{id}')"
        if prefix.Length = 0 then invalid "EC2 id kind" $"{int kind} is not a known kind"
        else required field id check

    /// An endpoint override: an absolute http(s) URL without user information. Plain http is accepted only for
    /// loopback hosts unless <paramref name="allowInsecureHttp"/> says otherwise, so that a session token never
    /// travels in clear text by accident. The URL is never echoed (it could carry a password).
    /// <example><code>Validate.endpoint ("http://127.0.0.1:4566", false) |> Result.isOk = true</code></example>
    [<CompiledName("Endpoint")>]
    let endpoint (url: string | null, allowInsecureHttp: bool) : Result<Uri, DomainError> =
        let field = "endpoint"
        required field url (fun url ->
            match Uri.TryCreate(url, UriKind.Absolute) with
            | true, NonNull uri ->
                if uri.Scheme <> Uri.UriSchemeHttps && uri.Scheme <> Uri.UriSchemeHttp then
                    invalid field $"must use http or https (was {uri.Scheme})"
                elif uri.UserInfo.Length > 0 then invalid field "must not carry user information"
                elif uri.Query.Length > 0 then
                    invalid field "must not carry a query string (it has no meaning for an endpoint and may hold a secret)"
                elif uri.Fragment.Length > 0 then invalid field "must not carry a fragment"
                elif uri.Host.Length = 0 then invalid field "must name a host"
                elif uri.Scheme = Uri.UriSchemeHttp && not uri.IsLoopback && not allowInsecureHttp then
                    invalid field "uses plain http to a non-loopback host; use https, or allow insecure HTTP explicitly"
                else Ok uri
            | _ -> invalid field "must be an absolute URL such as https://s3.example.internal")

    /// How an endpoint URL may be shown: scheme, host, port and path only — never user information, a query string
    /// or a fragment, which may carry secrets. A URL that does not parse is shown as a placeholder.
    /// <example><code>Validate.safeUrl "https://u:p@h:9/x?X-Amz-Security-Token=s" = "https://h:9/x"</code></example>
    [<CompiledName("SafeUrl")>]
    let safeUrl (url: string | null) : string =
        match url with
        | null -> "(none)"
        | url ->
            // Cut at the first '?' or '#' before parsing: nothing after them is ever looked at again.
            let cut = url.IndexOfAny [| '?'; '#' |]
            let head = (if cut < 0 then url else url.Substring(0, cut)).Trim()
            match Uri.TryCreate(head, UriKind.Absolute) with
            | true, NonNull uri when uri.Host.Length > 0 && head.Contains "://" ->
                let port = if uri.IsDefaultPort then "" else $":{uri.Port}"
                let authorityAndPath = head.Substring(head.IndexOf "://" + 3)
                let path = match authorityAndPath.IndexOf '/' with
                           | -1 -> ""
                           | slash -> authorityAndPath.Substring slash
                $"{uri.Scheme}://{uri.Host}{port}{path}"
            | _ -> "(an endpoint URL that does not parse)"

    /// A duration option with bounds, in whole milliseconds (what the SDK and the timers accept).
    let private bounded field (minimum: TimeSpan) (maximum: TimeSpan) (value: TimeSpan) =
        if value < minimum || value > maximum then
            invalid field $"must be from {minimum} to {maximum} (was {value})"
        else Ok value

    /// The per-attempt HTTP timeout the SDK applies: from 1 ms to 24 hours (the SDK refuses more than about 24 days;
    /// a day is already far past any sane single request).
    /// <example><code>Validate.timeout (TimeSpan.FromDays 100.0) |> Result.isError = true</code></example>
    [<CompiledName("Timeout")>]
    let timeout (value: TimeSpan) : Result<TimeSpan, DomainError> =
        bounded "timeout" (TimeSpan.FromMilliseconds 1.0) (TimeSpan.FromHours 24.0) value

    /// The overall deadline of one request a call makes (retries and credential fetch included): 1 ms to 24 hours.
    /// <example><code>Validate.callDeadline (TimeSpan.FromMinutes 2.0) |> Result.isOk = true</code></example>
    [<CompiledName("CallDeadline")>]
    let callDeadline (value: TimeSpan) : Result<TimeSpan, DomainError> =
        bounded "call deadline" (TimeSpan.FromMilliseconds 1.0) (TimeSpan.FromHours 24.0) value

    /// The longest wait for the next bytes of a response body: 1 ms to 1 hour.
    /// <example><code>Validate.idleTimeout (TimeSpan.FromSeconds 30.0) |> Result.isOk = true</code></example>
    [<CompiledName("IdleTimeout")>]
    let idleTimeout (value: TimeSpan) : Result<TimeSpan, DomainError> =
        bounded "idle timeout" (TimeSpan.FromMilliseconds 1.0) (TimeSpan.FromHours 1.0) value

    /// How many times the SDK may retry a failed request: 0 to 10.
    /// <example><code>Validate.maxErrorRetry 3 = Ok 3</code></example>
    [<CompiledName("MaxErrorRetry")>]
    let maxErrorRetry (value: int) : Result<int, DomainError> =
        if value < 0 || value > 10 then invalid "max error retry" $"must be 0 to 10 (was {value})" else Ok value

    // RFC 9110 token characters: what an HTTP field name may hold.
    let private isTokenChar (c: char) =
        Char.IsAsciiLetterOrDigit c || "!#$%&'*+-.^_`|~".Contains c

    /// Whether a header value may go on the wire as it is: visible ASCII, spaces and tabs, no leading or trailing
    /// whitespace (HTTP would trim it), and never CR, LF, NUL or another control character (header injection).
    let private isPlainHeaderValue (value: string) =
        value |> Seq.forall (fun c -> (c >= ' ' && c <= '~') || c = '\t')
        && (value.Length = 0 || (value.[0] <> ' ' && value.[0] <> '\t' && value.[value.Length - 1] <> ' ' && value.[value.Length - 1] <> '\t'))

    /// A header value a caller supplies (content type, content encoding, cache control, …): printable ASCII with
    /// inner spaces, at most 8 KB; CR, LF and every other control character are refused, so that no value can add a
    /// header or a request. The value is echoed only when it is plain.
    /// <example><code>Validate.headerValue ("content type", "text/plain\r\nX-Evil: 1") |> Result.isError = true</code></example>
    [<CompiledName("HeaderValue")>]
    let headerValue (field: string, value: string | null) : Result<string, DomainError> =
        required field value (fun v ->
            if v.Length > 8192 then invalid field $"must be at most 8192 characters (was {v.Length})"
            elif v |> Seq.exists (fun c -> c = '\r' || c = '\n') then invalid field "must not contain a line break (CR or LF)"
            elif v |> Seq.exists (fun c -> Char.IsControl c && c <> '\t') then invalid field "must not contain control characters"
            elif v |> Seq.exists (fun c -> c > '~') then invalid field "must be ASCII"
            elif not (isPlainHeaderValue v) then invalid field "must not begin or end with whitespace"
            else Ok v)

    /// The most bytes S3 accepts for all user metadata of one object (keys and values, as sent).
    [<Literal>]
    let MaxUserMetadataBytes = 2048

    let private rfc2047 (value: string) =
        "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes value) + "?="

    /// User metadata for an upload, checked and made safe for the wire before any request. Keys: 1+ characters of
    /// HTTP token characters (letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>; no space, colon or control character),
    /// compared case-insensitively (S3 lower-cases them), without the <c>x-amz-meta-</c> prefix, no duplicates.
    /// Values: never null; CR, LF and other control characters are refused. A value with non-ASCII characters is sent
    /// RFC 2047-encoded (<c>=?UTF-8?B?…?=</c>), which is what S3 documents for non-ASCII metadata over REST; S3 and
    /// <see cref="M:AwsAio.Core.S3Rules.UserMetadata"/> decode it back. Everything together at most 2 KB.
    /// <example><code>Validate.userMetadata [ KeyValuePair("owner", "Zoë") ] // Ok [ owner = "=?UTF-8?B?Wm/Dqw==?=" ]</code></example>
    [<CompiledName("UserMetadata")>]
    let userMetadata (entries: seq<KeyValuePair<string, string>> | null) : Result<IReadOnlyList<KeyValuePair<string, string>>, DomainError> =
        match entries with
        | null -> Ok(Array.empty :> IReadOnlyList<_>)
        | entries ->
            let field = "metadata"
            let seen = HashSet<string>(StringComparer.OrdinalIgnoreCase)
            let out = ResizeArray<KeyValuePair<string, string>>()
            let mutable error = None
            let mutable bytes = 0
            for entry in entries do
                if error.IsNone then
                    match (if isNull (box entry.Key) then None else Some entry.Key),
                          (if isNull (box entry.Value) then None else Some entry.Value) with
                    | None, _ -> error <- Some(InvalidInput($"{field} key", "must not be null"))
                    | Some key, _ when key.Length = 0 -> error <- Some(InvalidInput($"{field} key", "must not be empty"))
                    | Some key, _ when not (key |> Seq.forall isTokenChar) ->
                        error <- Some(InvalidInput($"{field} key", "may contain only letters, digits and !#$%&'*+-.^_`|~ (no space, colon or control character)"))
                    | Some key, _ when key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ->
                        error <- Some(InvalidInput($"{field} key '{key}'", "must be given without the x-amz-meta- prefix"))
                    | Some key, _ when not (seen.Add key) ->
                        error <- Some(InvalidInput($"{field} key '{key}'", "is given twice (keys are case-insensitive)"))
                    | Some key, None -> error <- Some(InvalidInput($"{field} value of '{key}'", "must not be null"))
                    | Some key, Some value when value |> Seq.exists (fun c -> c = '\r' || c = '\n') ->
                        error <- Some(InvalidInput($"{field} value of '{key}'", "must not contain a line break (CR or LF)"))
                    | Some key, Some value when value |> Seq.exists (fun c -> Char.IsControl c && c <> '\t') ->
                        error <- Some(InvalidInput($"{field} value of '{key}'", "must not contain control characters"))
                    | Some key, Some value when not (wellFormedUtf16 value) ->
                        error <- Some(InvalidInput($"{field} value of '{key}'", "must be valid Unicode (it has an unpaired surrogate)"))
                    | Some key, Some value ->
                        // A plain value that looks like an encoded word is encoded too, so that reading it back
                        // (which decodes encoded words) gives exactly what was put.
                        let wire = if isPlainHeaderValue value && not (value.StartsWith "=?") then value else rfc2047 value
                        bytes <- bytes + key.Length + wire.Length
                        out.Add(KeyValuePair(key, wire))
            match error with
            | Some e -> Error e
            | None when bytes > MaxUserMetadataBytes ->
                invalid field $"must be at most {MaxUserMetadataBytes} bytes in all, keys and values as sent (was {bytes})"
            | None -> Ok(out :> IReadOnlyList<_>)
