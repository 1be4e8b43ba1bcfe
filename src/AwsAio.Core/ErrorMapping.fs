namespace AwsAio.Core

open System
open System.IO
open System.Net.Http
open System.Net.Sockets

/// The call a failure belongs to, as the shell describes it: what was asked, about what, and to what end.
type CallInfo =
    {
        /// The service ("S3", "EC2", "STS", …).
        Service: string
        /// The operation (see <c>S3Operations</c> and its siblings).
        Operation: string
        /// What the request was about.
        Target: ErrorTarget
        /// What the caller wants beyond the answer (for example a bucket that exists).
        Goal: CallGoal
        /// The idempotency token the request carried; empty when none.
        ClientToken: string
        /// Whether the request changes something, so that an answer lost after it left is <c>OutcomeUnknown</c>
        /// (the services AwsAio wraps also say so in their tables; a call to any other service says it here).
        Mutates: bool
    }

    /// A call that wants its answer.
    static member Of(service: string, operation: string, target: ErrorTarget) =
        { Service = service; Operation = operation; Target = target; Goal = CallGoal.Answer; ClientToken = ""
          Mutates = false }

    /// The same call, made toward a goal.
    member this.Toward(goal: CallGoal) = { this with Goal = goal }

    /// The same call, carrying an idempotency token.
    member this.WithClientToken(token: string) = { this with ClientToken = token }

    /// The same call, marked as one that changes something: if its answer is lost after the request left, the
    /// failure is <c>OutcomeUnknown</c> (never retried blindly) rather than a plain timeout or transport error.
    member this.Mutating() = { this with Mutates = true }

/// What the shell found out about a failed call: the error response (or none), the headers that matter, the
/// exception, and whether the caller or the call deadline ended it.
type FailureFacts =
    {
        /// The error response's details; without a response when none arrived.
        Details: AwsErrorDetails
        /// The <c>x-amz-error-code</c> header of a body-less error answer (HEAD); empty when none.
        HeaderErrorCode: string
        /// The <c>x-amz-bucket-region</c> S3 sent with a redirect or a wrong-region answer; empty when none.
        BucketRegion: string
        /// The exception the SDK raised (kept on Unexpected and Transport errors).
        Exception: exn | null
        /// Whether the caller's own cancellation token was cancelled.
        CancellationRequested: bool
        /// Whether the call deadline passed.
        DeadlineExceeded: bool
        /// Whether the request may have left this machine: false only when the HTTP layer knows it never sent it
        /// (the call ended while the credentials or the client were still being prepared).
        RequestMayHaveLeft: bool
    }

    /// Facts with only the response details and the exception (the request may have left).
    static member Of(details: AwsErrorDetails, error: exn | null) =
        { Details = details; HeaderErrorCode = ""; BucketRegion = ""; Exception = error; CancellationRequested = false
          DeadlineExceeded = false; RequestMayHaveLeft = true }

/// What a failed call means for the caller.
[<NoComparison>]
type FailureOutcome =
    /// The call failed with this error.
    | Failed of Error: DomainError
    /// The call failed, but what the caller wanted already holds (the bucket is already yours, already gone).
    | GoalHolds of Evidence: DomainError
    /// The store does not offer this operation (405/501): a caller with a fallback takes it; others report the error.
    | NotSupported of Evidence: DomainError

    /// The error behind the outcome, whichever it is.
    member this.Error =
        match this with
        | Failed e | GoalHolds e | NotSupported e -> e

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

    let private safeTarget (target: ErrorTarget) =
        match box target with
        | null -> ErrorTarget.None
        | _ -> { Resource = orEmpty target.Resource; Key = orEmpty target.Key }

    /// Maps an AWS error response through the service's table, then the shared families, then the HTTP status.
    let private ofResponse (call: CallInfo) (facts: FailureFacts) : DomainError =
        let target = safeTarget call.Target
        let d = (AwsErrorDetails.Safe facts.Details).On target
        // A body-less answer (HEAD) carries its code in x-amz-error-code; the SDK then only has a code it made up from
        // the status (the status's name, "BadRequest", "ServiceUnavailable", …, or its digits), which yields to it.
        let d =
            if String.IsNullOrEmpty facts.HeaderErrorCode then d
            else
                let sdkCode = normaliseCode (d.Code, 0)
                let placeholder =
                    match Enum.GetName(typeof<System.Net.HttpStatusCode>, d.HttpStatus) with
                    | null -> ""
                    | name -> name.ToLowerInvariant()
                if sdkCode = "" || sdkCode = placeholder || sdkCode |> Seq.forall Char.IsAsciiDigit then
                    { d with Code = facts.HeaderErrorCode }
                else d
        let code = normaliseCode (d.Code, d.HttpStatus)
        let table = ServiceTables.find d.Service
        if code.StartsWith("kms.", StringComparison.Ordinal) then EncryptionKeyError d
        elif (code = "permanentredirect" || code = "movedpermanently" || code = "authorizationheadermalformed"
              && not (String.IsNullOrEmpty facts.BucketRegion))
             && d.Service.Equals(S3Operations.Service, StringComparison.OrdinalIgnoreCase) then
            WrongRegion(target.Resource, orEmpty facts.BucketRegion, d)
        else
            table
            |> Option.bind (fun t -> t.Map d.Operation code target d)
            |> Option.orElse (dottedNotFound d.Code d)
            |> Option.orElse (byFamily code d)
            |> Option.orElse (byStatus d)
            |> Option.defaultWith (fun () -> Unexpected(d, facts.Exception))

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

    /// Whether the chain shows the request never left this machine: the connection was refused or the name did not
    /// resolve, so nothing was sent and repeating it is safe.
    let private neverSent (chain: exn array) =
        chain
        |> Array.exists (fun e ->
            match e with
            | :? HttpRequestException as h ->
                h.HttpRequestError = HttpRequestError.ConnectionError || h.HttpRequestError = HttpRequestError.NameResolutionError
            | :? SocketException as s ->
                s.SocketErrorCode = SocketError.ConnectionRefused || s.SocketErrorCode = SocketError.HostNotFound
                || s.SocketErrorCode = SocketError.NoData || s.SocketErrorCode = SocketError.HostUnreachable
                || s.SocketErrorCode = SocketError.NetworkUnreachable || s.SocketErrorCode = SocketError.TryAgain
            | _ -> false)

    /// Maps a failure that produced no AWS error response.
    let private ofNoResponse (call: CallInfo) (facts: FailureFacts) : DomainError =
        let service = orEmpty call.Service
        let operation = orEmpty call.Operation
        let target = safeTarget call.Target
        let noResponse message = { AwsErrorDetails.NoResponse(service, operation) with Message = message; Target = target }
        match facts.Exception with
        | null when facts.CancellationRequested -> Cancelled operation
        | null when facts.DeadlineExceeded -> Timeout(noResponse "no answer within the call deadline")
        | null -> Unexpected(noResponse "no exception", null)
        | error ->
            let chain = causes error |> Seq.truncate 32 |> Array.ofSeq
            let find predicate = chain |> Array.tryFind predicate
            let found =
                match find (fun e -> e :? OperationCanceledException) with
                | Some _ when facts.CancellationRequested -> Cancelled operation
                | Some _ when facts.DeadlineExceeded -> Timeout(noResponse "no answer within the call deadline")
                | Some e -> Timeout(noResponse e.Message)
                | None ->
                    match find (fun e -> e :? TimeoutException) with
                    | Some e -> Timeout(noResponse e.Message)
                    | None ->
                    match find (fun e -> e :? System.Xml.XmlException || e :? System.Text.Json.JsonException) with
                    | Some e ->
                        MalformedResponse("the answer could not be read as one",
                                          { noResponse $"{e.GetType().Name} while reading the answer" with Target = target })
                    | None ->
                        match find (fun e -> e :? HttpRequestException || e :? SocketException || e :? IOException) with
                        | Some e -> Transport(service, operation, e.Message, error, target)
                        | None when facts.DeadlineExceeded -> Timeout(noResponse "no answer within the call deadline")
                        | None -> Unexpected(noResponse error.Message, error)
            let mutating =
                call.Mutates || (ServiceTables.find service |> Option.exists (fun t -> t.Mutating.Contains operation))
            match found with
            | Timeout _ | Transport _ when mutating && facts.RequestMayHaveLeft && not (neverSent chain) ->
                OutcomeUnknown(found, orEmpty call.ClientToken)
            // An answer arrived but could not be read: a change most likely happened, and what it made is unknown.
            | MalformedResponse _ when mutating -> OutcomeUnknown(found, orEmpty call.ClientToken)
            | other -> other

    /// What a failed call means, decided once: the error it is, or that the caller's goal already holds, or that the
    /// store does not offer the operation (for callers with a fallback). AWS answered when
    /// <c>facts.Details.HasResponse</c>; otherwise the exception chain, the caller's cancellation and the call
    /// deadline decide (cancellation by the caller is <c>Cancelled</c>, the deadline passing is <c>Timeout</c>), and a
    /// mutating operation that lost its answer after the request may have left is <c>OutcomeUnknown</c>.
    /// <example><code>ErrorMapping.classify (CallInfo.Of("S3", "HeadBucket", ErrorTarget.Of "b"), FailureFacts.Of(details, null))</code></example>
    [<CompiledName("Classify")>]
    let classify (call: CallInfo, facts: FailureFacts) : FailureOutcome =
        let details = AwsErrorDetails.Safe facts.Details
        if not details.HasResponse then Failed(ofNoResponse call facts)
        elif details.HttpStatus >= 200 && details.HttpStatus < 300 && details.Code.Length = 0 then
            // AWS answered with success, but the answer could not be read: a body that stalled or broke off is the
            // network's failure; anything else is a document that is not the answer.
            let mutating =
                ServiceTables.find call.Service |> Option.exists (fun t -> t.Mutating.Contains(orEmpty call.Operation))
            match ofNoResponse call facts with
            | Unexpected(d, _) ->
                let malformed =
                    MalformedResponse("the answer could not be read as one", { details with Message = d.Message; Target = safeTarget call.Target })
                // A change that was answered with success most likely happened, but what it made is unknown.
                Failed(if mutating then OutcomeUnknown(malformed, orEmpty call.ClientToken) else malformed)
            | other -> Failed other
        else
            let error = ofResponse call facts
            let d = error.ErrorDetails
            let code = normaliseCode (d.Code, d.HttpStatus)
            let goalHolds =
                ServiceTables.find d.Service |> Option.exists (fun t -> t.GoalHolds call.Goal (orEmpty call.Operation) code)
            if goalHolds then GoalHolds error
            elif d.HttpStatus = 405 || d.HttpStatus = 501 || code = "notimplemented" || code = "methodnotallowed" then
                NotSupported error
            else Failed error

    /// Maps one AWS error response. Total: any strings (null included) and any status give a DomainError.
    /// KMS errors (<c>KMS.*</c>) are never reported as a bucket problem.
    /// <example><code>
    /// ErrorMapping.map (ErrorTarget.Of "b", AwsErrorDetails.Of("S3", "HeadBucket", "404", "", 404, "r"), null)
    /// // BucketDoesNotExist("b", …)
    /// </code></example>
    [<CompiledName("Map")>]
    let map (target: ErrorTarget, details: AwsErrorDetails, error: exn | null) : DomainError =
        let d = AwsErrorDetails.Safe details
        ofResponse (CallInfo.Of(d.Service, d.Operation, target)) (FailureFacts.Of(d, error))

    /// Maps a failure that produced no AWS error response: cancellation (when the caller asked for it),
    /// timeouts, and network failures, found anywhere in the exception's chain; anything else is Unexpected.
    /// <example><code>ErrorMapping.ofException (ErrorTarget.Of "b", "S3", "HeadBucket", HttpRequestException "refused", false) // Transport</code></example>
    [<CompiledName("OfException")>]
    let ofException (target: ErrorTarget, service: string | null, operation: string | null, error: exn | null,
                     cancellationRequested: bool) : DomainError =
        let facts = { FailureFacts.Of(AwsErrorDetails.NoResponse(orEmpty service, orEmpty operation), error) with
                        CancellationRequested = cancellationRequested }
        ofNoResponse (CallInfo.Of(orEmpty service, orEmpty operation, target)) facts
