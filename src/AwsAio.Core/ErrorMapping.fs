namespace AwsAio.Core

open System
open System.IO
open System.Net.Http
open System.Net.Sockets

/// Turns the raw facts of an AWS error into a <see cref="T:AwsAio.Core.DomainError"/>: a total, pure function.
/// Codes are normalised first, then looked up in the service's table (by operation), then in the families shared by
/// every service (throttling, transient, credentials, access, input, conflict), then by HTTP status; anything else is
/// <c>Unexpected</c> with the code kept verbatim.
[<RequireQualifiedAccess>]
module ErrorMapping =

    let private orEmpty (s: string | null) : string =
        match s with
        | null -> ""
        | s -> s

    let private stripSuffix (suffix: string) (code: string) =
        let mutable c = code
        while c.Length > suffix.Length && c.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) do
            c <- c.Substring(0, c.Length - suffix.Length)
        c

    /// Removes the wrapping AWS puts around a code, keeping its case: <c>Namespace#Code</c>, <c>Code:uri</c> and a
    /// trailing <c>Exception</c>.
    let private unwrap (code: string | null) : string =
        let c = (match code with
                 | null -> ""
                 | c -> c).Trim()
        let c = match c.IndexOf ':' with
                | -1 -> c
                | i -> c.Substring(0, i)
        let c = match c.LastIndexOf '#' with
                | -1 -> c
                | i -> c.Substring(i + 1)
        stripSuffix "Exception" c

    /// Reduces the spellings AWS uses for one code to one lower-case key: <c>Namespace#Code</c>, <c>Code:uri</c>,
    /// a trailing <c>Exception</c>, and the bare statuses of body-less HEAD responses (<c>404</c>, <c>403</c>),
    /// which become <c>notfound</c> and <c>forbidden</c>. An empty code is read from the HTTP status.
    /// <example><code>ErrorMapping.normaliseCode ("aws.sts#ExpiredTokenException:http://x", 400) = "expiredtoken"</code></example>
    [<CompiledName("NormaliseCode")>]
    let normaliseCode (code: string | null, httpStatus: int) : string =
        let c = (unwrap code).ToLowerInvariant()
        let fromStatus status =
            match status with
            | 301 -> "movedpermanently"
            | 400 -> "badrequest"
            | 403 -> "forbidden"
            | 404 -> "notfound"
            | 408 -> "requesttimeout"
            | 409 -> "conflict"
            | 429 -> "toomanyrequests"
            | 500 -> "internalerror"
            | 503 -> "serviceunavailable"
            | _ -> c
        match c with
        | "" -> fromStatus httpStatus
        | digits when digits |> Seq.forall Char.IsAsciiDigit ->
            match Int32.TryParse digits with
            | true, status -> fromStatus status
            | _ -> c
        | _ -> c

    let private throttlingCodes =
        set [ "throttling"; "throttled"; "requestlimitexceeded"; "slowdown"; "toomanyrequests"; "requestthrottled"
              "provisionedthroughputexceeded"; "bandwidthlimitexceeded"; "priorrequestnotcomplete" ]

    let private transientCodes =
        set [ "internalerror"; "internalfailure"; "internalservererror"; "serviceunavailable"; "unavailable"
              "servicefailure"; "badgateway" ]

    let private timeoutCodes = set [ "requesttimeout"; "gatewaytimeout" ]

    let private expiredCodes = set [ "expiredtoken"; "tokenrefreshrequired" ]

    let private rejectedCredentialCodes =
        set [ "invalidclienttokenid"; "unrecognizedclient"; "signaturedoesnotmatch"; "invalidaccesskeyid"
              "authfailure"; "missingauthenticationtoken"; "incompletesignature"; "invalidtoken" ]

    let private accessCodes =
        set [ "accessdenied"; "unauthorizedoperation"; "forbidden"; "allaccessdisabled"; "unauthorizedaccess"
              "unauthorized"; "optinrequired" ]

    let private inputCodes =
        set [ "validationerror"; "validation"; "invalidparametervalue"; "invalidparameter"; "invalidparametercombination"
              "missingparameter"; "invalidargument"; "malformedxml"; "invalidrequest"; "invalidbucketname"
              "keytoolongerror"; "entitytoolarge"; "entitytoosmall"; "invalidaction"; "malformedpolicydocument"
              "packedpolicytoolarge"; "badrequest"; "illegallocationconstraint"; "invalidlocationconstraint"
              "requestexpired"; "requesttimetooskewed"; "invalidinput"; "invalidurl" ]

    let private conflictCodes =
        set [ "conflict"; "operationaborted"; "bucketnotempty"; "concurrentmodification"; "incorrectstate"
              "idempotentparametermismatch"; "invalidobjectstate"; "bucketalreadyownedbyyou" ]

    /// The S3 table: which codes name a bucket or object condition, by operation.
    let private s3 (operation: string) (code: string) (t: ErrorTarget) (d: AwsErrorDetails) =
        match operation, code with
        | _, "nosuchbucket" -> Some(BucketDoesNotExist(t.Resource, d))
        | _, "nosuchkey" -> Some(ObjectDoesNotExist(t.Resource, t.Key, d))
        | ("HeadObject" | "GetObject"), "notfound" -> Some(ObjectDoesNotExist(t.Resource, t.Key, d))
        | ("HeadBucket" | "ListObjectsV2" | "ListObjectVersions" | "DeleteObjects" | "DeleteBucket"), "notfound" ->
            Some(BucketDoesNotExist(t.Resource, d))
        | ("HeadBucket" | "PutObject" | "ListObjectsV2" | "ListObjectVersions" | "DeleteObjects" | "DeleteBucket"),
          ("accessdenied" | "forbidden") -> Some(BucketAccessDenied(t.Resource, d))
        | "CreateBucket", "bucketalreadyexists" -> Some(BucketNameNotAvailable(t.Resource, d))
        | _ -> None

    /// The EC2 table: dotted not-found codes name the resource the operation was about.
    let private ec2 (operation: string) (code: string) (t: ErrorTarget) (d: AwsErrorDetails) =
        match operation, code with
        | _, "invalidvpcid.notfound" -> Some(VpcDoesNotExist(t.Resource, d))
        | _, "invalidinstanceid.notfound" -> Some(InstanceDoesNotExist(t.Resource, d))
        | _, "invalidtrafficmirrorsessionid.notfound" -> Some(MirrorDoesNotExist(t.Resource, d))
        | ("DescribeNetworkInterfaces" | "DescribeSubnets"), "invalidsubnetid.notfound" ->
            Some(ResourceDoesNotExist("Subnet", t.Resource, d))
        | ("DescribeNetworkInterfaces" | "CreateTrafficMirrorSession"), "invalidnetworkinterfaceid.notfound" ->
            Some(ResourceDoesNotExist("Network interface", t.Resource, d))
        | _ -> None

    /// The STS table: a refused AssumeRole names the role.
    let private sts (operation: string) (code: string) (t: ErrorTarget) (d: AwsErrorDetails) =
        match operation, code with
        | "AssumeRole", ("accessdenied" | "forbidden" | "regiondisabled") -> Some(AssumeRoleFailed(t.Resource, d))
        | _ -> None

    /// EC2's <c>Invalid&lt;Thing&gt;ID.NotFound</c> codes for things no table names: "Invalid" and "ID" go.
    let private dottedNotFound (rawCode: string) (d: AwsErrorDetails) =
        let c = unwrap rawCode
        if c.EndsWith(".NotFound", StringComparison.OrdinalIgnoreCase) then
            let thing = c.Substring(0, c.Length - ".NotFound".Length)
            let thing = if thing.StartsWith("Invalid", StringComparison.Ordinal) then thing.Substring 7 else thing
            let thing = stripSuffix "ID" (stripSuffix "Id" thing)
            Some(ResourceDoesNotExist((if thing.Length = 0 then "Resource" else thing), "", d))
        else None

    let private byFamily (code: string) (d: AwsErrorDetails) =
        if code.StartsWith("kms.", StringComparison.Ordinal) then Some(EncryptionKeyError d)
        elif throttlingCodes.Contains code then Some(Throttled d)
        elif expiredCodes.Contains code then Some(CredentialsExpired d)
        elif rejectedCredentialCodes.Contains code then
            Some(CredentialsUnavailable($"the credentials sent to {d.Service}", "AWS rejected them", d))
        elif accessCodes.Contains code then Some(AccessDenied d)
        elif timeoutCodes.Contains code then Some(Timeout d)
        elif transientCodes.Contains code then Some(ServiceUnavailable d)
        elif conflictCodes.Contains code then Some(Conflict d)
        elif inputCodes.Contains code || code.EndsWith(".malformed", StringComparison.Ordinal) then Some(InvalidRequest d)
        else None

    let private byStatus (d: AwsErrorDetails) =
        match d.HttpStatus with
        | 429 -> Some(Throttled d)
        | 403 -> Some(AccessDenied d)
        | 408 | 504 -> Some(Timeout d)
        | 409 -> Some(Conflict d)
        | 500 | 502 | 503 -> Some(ServiceUnavailable d)
        | _ -> None

    /// Maps one AWS error response. Total: any strings (null included) and any status give a DomainError.
    /// KMS errors (<c>KMS.*</c>) are never reported as a bucket problem.
    /// <example><code>
    /// ErrorMapping.map (ErrorTarget.Of "b", AwsErrorDetails.Of("S3", "HeadBucket", "404", "", 404, "r"), null)
    /// // BucketDoesNotExist("b", …)
    /// </code></example>
    [<CompiledName("Map")>]
    let map (target: ErrorTarget, details: AwsErrorDetails, error: exn | null) : DomainError =
        let target = { Resource = orEmpty target.Resource; Key = orEmpty target.Key }
        let d =
            { Service = orEmpty details.Service; Operation = orEmpty details.Operation; Code = orEmpty details.Code
              Message = orEmpty details.Message; HttpStatus = details.HttpStatus; RequestId = orEmpty details.RequestId
              Target = target }
        let code = normaliseCode (d.Code, d.HttpStatus)
        let table =
            match d.Service.ToUpperInvariant() with
            | "S3" -> s3
            | "EC2" -> ec2
            | "STS" -> sts
            | _ -> fun _ _ _ _ -> None
        if code.StartsWith("kms.", StringComparison.Ordinal) then EncryptionKeyError d
        else
            table d.Operation code target d
            |> Option.orElse (dottedNotFound d.Code d)
            |> Option.orElse (byFamily code d)
            |> Option.orElse (byStatus d)
            |> Option.defaultWith (fun () -> Unexpected(d, error))

    /// Whether an error means the operation's goal already holds, so the call succeeded: CreateBucket answered
    /// BucketAlreadyOwnedByYou, or DeleteBucket answered NoSuchBucket. Decided by code, never by message text.
    /// <example><code>ErrorMapping.isAlreadyDone ("S3", "CreateBucket", "BucketAlreadyOwnedByYou", 409) = true</code></example>
    [<CompiledName("IsAlreadyDone")>]
    let isAlreadyDone (service: string | null, operation: string | null, code: string | null, httpStatus: int) : bool =
        match (match service with
               | null -> ""
               | s -> s.ToUpperInvariant()), operation, normaliseCode (code, httpStatus) with
        | "S3", "CreateBucket", "bucketalreadyownedbyyou" -> true
        | "S3", "DeleteBucket", "nosuchbucket" -> true
        | _ -> false

    let rec private causes (e: exn) : exn seq =
        seq {
            yield e
            match e with
            | :? AggregateException as a -> for inner in a.InnerExceptions do yield! causes inner
            | _ ->
                match e.InnerException with
                | null -> ()
                | inner -> yield! causes inner
        }

    /// Maps a failure that produced no AWS error response: cancellation (when the caller asked for it),
    /// timeouts, and network failures, found anywhere in the exception's chain; anything else is Unexpected.
    /// <example><code>ErrorMapping.ofException (ErrorTarget.Of "b", "S3", "HeadBucket", HttpRequestException "refused", false) // Transport</code></example>
    [<CompiledName("OfException")>]
    let ofException (target: ErrorTarget, service: string | null, operation: string | null, error: exn | null,
                     cancellationRequested: bool) : DomainError =
        let service = orEmpty service
        let operation = orEmpty operation
        let target = { Resource = orEmpty target.Resource; Key = orEmpty target.Key }
        let noResponse message = { AwsErrorDetails.NoResponse(service, operation) with Message = message; Target = target }
        match error with
        | null -> if cancellationRequested then Cancelled operation else Unexpected(noResponse "no exception", null)
        | error ->
            let chain = causes error |> Seq.truncate 32 |> Array.ofSeq
            let find predicate = chain |> Array.tryFind predicate
            match find (fun e -> e :? OperationCanceledException) with
            | Some _ when cancellationRequested -> Cancelled operation
            | Some e -> Timeout(noResponse e.Message)
            | None ->
                match find (fun e -> e :? TimeoutException) with
                | Some e -> Timeout(noResponse e.Message)
                | None ->
                    match find (fun e -> e :? HttpRequestException || e :? SocketException || e :? IOException) with
                    | Some e -> Transport(service, operation, e.Message, error, target)
                    | None -> Unexpected(noResponse error.Message, error)
