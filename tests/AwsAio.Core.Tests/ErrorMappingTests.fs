module AwsAio.Core.Tests.ErrorMappingTests

open System
open Xunit
open System.Net.Http
open System.Net.Sockets
open System.Threading.Tasks
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private caseName (e: DomainError) = (Reflection.FSharpValue.GetUnionFields(e, typeof<DomainError>) |> fst).Name

let private details service operation code status =
    { Service = service; Operation = operation; Code = code; Message = "m"; HttpStatus = status; RequestId = "req-1"; Target = ErrorTarget.None }

let private map target service operation code status = ErrorMapping.map (target, details service operation code status, null)

let private throttling =
    [ "Throttling"; "ThrottlingException"; "RequestLimitExceeded"; "SlowDown"; "TooManyRequestsException"
      "RequestThrottled"; "RequestThrottledException"; "ProvisionedThroughputExceededException" ]
let private access = [ "AccessDenied"; "AccessDeniedException"; "UnauthorizedOperation"; "Forbidden"; "403"; "AllAccessDisabled" ]
let private transient = [ "InternalError"; "InternalFailure"; "ServiceUnavailable"; "ServiceUnavailableException"; "Unavailable" ]
let private credentials =
    [ "ExpiredToken"; "ExpiredTokenException"; "InvalidClientTokenId"; "UnrecognizedClientException"
      "SignatureDoesNotMatch"; "InvalidAccessKeyId"; "AuthFailure" ]
let private services = [ "S3"; "EC2"; "STS" ]
let private operations =
    [ "HeadBucket"; "CreateBucket"; "PutObject"; "GetObject"; "HeadObject"; "ListObjectsV2"; "ListObjectVersions"
      "DeleteObjects"; "DeleteBucket"; "DescribeSubnets"; "DescribeVpcs"; "DescribeInstances"
      "DescribeNetworkInterfaces"; "CreateTrafficMirrorSession"; "DeleteTrafficMirrorSession"; "AssumeRole"
      "GetCallerIdentity" ]

/// Every code the tables know, in every spelling AWS uses.
let private knownCodes =
    throttling @ access @ transient @ credentials
    @ [ "NoSuchBucket"; "NoSuchKey"; "NotFound"; "404"; "BucketAlreadyExists"; "BucketAlreadyOwnedByYou"; "BucketNotEmpty"
        "InvalidVpcID.NotFound"; "InvalidInstanceID.NotFound"; "InvalidTrafficMirrorSessionId.NotFound"
        "InvalidSubnetID.NotFound"; "InvalidNetworkInterfaceID.NotFound"; "InvalidVpcID.Malformed"
        "KMS.AccessDeniedException"; "KMS.NotFoundException"; "RequestTimeout"; "ValidationError"; "OperationAborted"
        "RegionDisabledException"; "MalformedPolicyDocument" ]

let private anyOf xs = Arb.fromGen (Gen.elements xs)
let private codeSiteStatus codes =
    Arb.fromGen (Gen.zip3 (Gen.elements codes) (Gen.zip (Gen.elements services) (Gen.elements operations)) status)

module ``Totality`` =

    [<Property(MaxTest = Cases)>]
    let ``mapping is total: any strings and any status give a DomainError, never an exception`` () =
        Prop.forAll (Arb.fromGen (Gen.zip3 anyDetails anyString anyString)) (fun (details, resource, key) ->
            let error = ErrorMapping.map ({ Resource = resource; Key = key }, details, null)
            (not (isNull (box error)) && (string error).Length > 0 && Enum.IsDefined error.Category)
            |> Prop.collect (caseName error))

    [<Property(MaxTest = Cases)>]
    let ``every mapped error keeps the code, status and request id verbatim`` () =
        Prop.forAll (Arb.fromGen anyDetails) (fun details ->
            let error = ErrorMapping.map (ErrorTarget.Of "b", details, null)
            let kept = error.ErrorDetails
            let orEmpty (s: string) = match s with | null -> "" | s -> s
            kept.Code = orEmpty details.Code && kept.HttpStatus = details.HttpStatus
            && kept.RequestId = orEmpty details.RequestId && kept.Message = orEmpty details.Message)

module ``Normalisation`` =

    [<Property(MaxTest = Cases)>]
    let ``C, ns#C, C:uri and CException map to the same case`` () =
        let code = Gen.oneof [ Gen.elements knownCodes; codeLike ]
        Prop.forAll (Arb.fromGen (Gen.zip3 code (Gen.zip (Gen.elements services) (Gen.elements operations)) status))
            (fun (c, (service, operation), status) ->
                let case code = caseName (map (ErrorTarget.Of "r") service operation code status)
                let expected = case c
                [ $"com.amazonaws.{service.ToLowerInvariant()}#{c}"; $"{c}:http://internal.amazon.com/coral/"
                  $"{c}Exception"; $"  {c} "; $"ns#{c}Exception:urn:x" ]
                |> List.forall (fun spelling -> case spelling = expected))

    [<Theory>]
    [<InlineData("404", 404, "notfound")>]
    [<InlineData("", 404, "notfound")>]
    [<InlineData(null, 403, "forbidden")>]
    [<InlineData("NotFound", 404, "notfound")>]
    [<InlineData("Forbidden", 403, "forbidden")>]
    [<InlineData("aws.sts#ExpiredTokenException:http://x", 400, "expiredtoken")>]
    [<InlineData("InvalidVpcID.NotFound", 400, "invalidvpcid.notfound")>]
    [<InlineData("Exception", 500, "exception")>]
    let ``body-less HEAD answers and wrapped codes normalise to one key`` (code: string, status: int, expected: string) =
        Assert.Equal(expected, ErrorMapping.normaliseCode (code, status))

module ``Families`` =

    [<Property(MaxTest = Cases)>]
    let ``every throttling code is Throttled and retryable, whatever the operation`` () =
        Prop.forAll (codeSiteStatus throttling) (fun (code, (service, operation), status) ->
            let error = map (ErrorTarget.Of "r") service operation code status
            caseName error = "Throttled" && error.IsRetryable)

    [<Property(MaxTest = Cases)>]
    let ``every access code is in the access family`` () =
        Prop.forAll (codeSiteStatus access) (fun (code, (service, operation), status) ->
            (map (ErrorTarget.Of "r") service operation code status).Category = ErrorCategory.Access)

    [<Property(MaxTest = Cases)>]
    let ``every transient code is retryable`` () =
        Prop.forAll (codeSiteStatus transient) (fun (code, (service, operation), status) ->
            let error = map (ErrorTarget.Of "r") service operation code status
            error.Category = ErrorCategory.Transient && error.IsRetryable)

    [<Property(MaxTest = Cases)>]
    let ``every credentials code is in the credentials family`` () =
        Prop.forAll (codeSiteStatus credentials) (fun (code, (service, operation), status) ->
            (map (ErrorTarget.Of "r") service operation code status).Category = ErrorCategory.Credentials)

    [<Property(MaxTest = Cases)>]
    let ``KMS errors are never reported as a bucket problem`` () =
        let kms = [ "KMS.AccessDeniedException"; "KMS.NotFoundException"; "KMS.DisabledException"; "KMS.KMSInvalidStateException" ]
        Prop.forAll (codeSiteStatus kms) (fun (code, (service, operation), status) ->
            caseName (map (ErrorTarget.Of "b") service operation code status) = "EncryptionKeyError")

    [<Property(MaxTest = Cases)>]
    let ``unknown codes become Unexpected and keep their text`` () =
        let unknown = codeLike |> Gen.map (fun c -> "Zz" + c) |> Gen.filter (fun c ->
            not (c.EndsWith(".NotFound", StringComparison.OrdinalIgnoreCase) || c.EndsWith(".Malformed", StringComparison.OrdinalIgnoreCase)))
        Prop.forAll (Arb.fromGen (Gen.zip3 unknown (Gen.elements services) (Gen.elements [ 0; 200; 400; 404 ]))) (fun (code, service, status) ->
            match map (ErrorTarget.Of "r") service "SomeOperation" code status with
            | Unexpected(d, _) -> d.Code = code
            | _ -> false)

    [<Fact>]
    let ``an unexpected error carries the original exception`` () =
        let ex = InvalidOperationException "sdk"
        match ErrorMapping.map (ErrorTarget.None, details "S3" "HeadBucket" "Weird" 418, ex) with
        | Unexpected(_, kept) -> Assert.Same(ex, kept)
        | other -> failwith $"expected Unexpected, got {other}"

module ``Operation tables`` =

    [<Theory>]
    [<InlineData("S3", "HeadBucket", "404", 404, "BucketDoesNotExist")>]
    [<InlineData("S3", "HeadBucket", "NotFound", 404, "BucketDoesNotExist")>]
    [<InlineData("S3", "HeadBucket", "NoSuchBucket", 404, "BucketDoesNotExist")>]
    [<InlineData("S3", "HeadBucket", "", 404, "BucketDoesNotExist")>]
    [<InlineData("S3", "HeadBucket", "403", 403, "BucketAccessDenied")>]
    [<InlineData("S3", "HeadBucket", "Forbidden", 403, "BucketAccessDenied")>]
    [<InlineData("S3", "CreateBucket", "BucketAlreadyExists", 409, "BucketNameNotAvailable")>]
    [<InlineData("S3", "CreateBucket", "BucketAlreadyOwnedByYou", 409, "Conflict")>]
    [<InlineData("S3", "CreateBucket", "InvalidBucketName", 400, "InvalidRequest")>]
    [<InlineData("S3", "PutObject", "NoSuchBucket", 404, "BucketDoesNotExist")>]
    [<InlineData("S3", "PutObject", "AccessDenied", 403, "BucketAccessDenied")>]
    [<InlineData("S3", "PutObject", "KMS.AccessDeniedException", 403, "EncryptionKeyError")>]
    [<InlineData("S3", "GetObject", "NoSuchKey", 404, "ObjectDoesNotExist")>]
    [<InlineData("S3", "GetObject", "NoSuchBucket", 404, "BucketDoesNotExist")>]
    [<InlineData("S3", "HeadObject", "404", 404, "ObjectDoesNotExist")>]
    [<InlineData("S3", "HeadObject", "NotFound", 404, "ObjectDoesNotExist")>]
    [<InlineData("S3", "HeadObject", "403", 403, "AccessDenied")>]
    [<InlineData("S3", "ListObjectsV2", "NoSuchBucket", 404, "BucketDoesNotExist")>]
    [<InlineData("S3", "ListObjectsV2", "AccessDenied", 403, "BucketAccessDenied")>]
    [<InlineData("S3", "ListObjectVersions", "NoSuchBucket", 404, "BucketDoesNotExist")>]
    [<InlineData("S3", "DeleteObjects", "AccessDenied", 403, "BucketAccessDenied")>]
    [<InlineData("S3", "DeleteBucket", "BucketNotEmpty", 409, "Conflict")>]
    [<InlineData("S3", "DeleteBucket", "NoSuchBucket", 404, "BucketDoesNotExist")>]
    [<InlineData("S3", "ListObjectsV2", "SlowDown", 503, "Throttled")>]
    [<InlineData("S3", "GetObject", "RequestTimeout", 400, "Timeout")>]
    [<InlineData("EC2", "DescribeSubnets", "InvalidVpcID.NotFound", 400, "VpcDoesNotExist")>]
    [<InlineData("EC2", "DescribeVpcs", "InvalidVpcID.NotFound", 400, "VpcDoesNotExist")>]
    [<InlineData("EC2", "DescribeVpcs", "InvalidVpcID.Malformed", 400, "InvalidRequest")>]
    [<InlineData("EC2", "DescribeInstances", "InvalidInstanceID.NotFound", 400, "InstanceDoesNotExist")>]
    [<InlineData("EC2", "DescribeNetworkInterfaces", "InvalidSubnetID.NotFound", 400, "ResourceDoesNotExist")>]
    [<InlineData("EC2", "CreateTrafficMirrorSession", "InvalidNetworkInterfaceID.NotFound", 400, "ResourceDoesNotExist")>]
    [<InlineData("EC2", "CreateTrafficMirrorSession", "InvalidTrafficMirrorTargetId.NotFound", 400, "ResourceDoesNotExist")>]
    [<InlineData("EC2", "DeleteTrafficMirrorSession", "InvalidTrafficMirrorSessionId.NotFound", 400, "MirrorDoesNotExist")>]
    [<InlineData("EC2", "DescribeVpcs", "UnauthorizedOperation", 403, "AccessDenied")>]
    [<InlineData("EC2", "DescribeVpcs", "RequestLimitExceeded", 503, "Throttled")>]
    [<InlineData("EC2", "DescribeVpcs", "AuthFailure", 401, "CredentialsUnavailable")>]
    [<InlineData("STS", "AssumeRole", "AccessDenied", 403, "AssumeRoleFailed")>]
    [<InlineData("STS", "AssumeRole", "RegionDisabledException", 403, "AssumeRoleFailed")>]
    [<InlineData("STS", "AssumeRole", "MalformedPolicyDocument", 400, "InvalidRequest")>]
    [<InlineData("STS", "AssumeRole", "ExpiredToken", 400, "CredentialsExpired")>]
    [<InlineData("STS", "GetCallerIdentity", "ExpiredTokenException", 400, "CredentialsExpired")>]
    [<InlineData("STS", "GetCallerIdentity", "InvalidClientTokenId", 403, "CredentialsUnavailable")>]
    [<InlineData("STS", "GetCallerIdentity", "Throttling", 400, "Throttled")>]
    [<InlineData("STS", "GetCallerIdentity", "", 502, "ServiceUnavailable")>]
    [<InlineData("STS", "GetCallerIdentity", "", 429, "Throttled")>]
    let ``each operation's codes map to their domain case`` (service, operation, code, status: int, expected: string) =
        Assert.Equal(expected, caseName (map (ErrorTarget.Of("bucket-or-id", "key")) service operation code status))

    /// What AWS's documentation says each documented code means on each operation, written out here independently of
    /// the service tables and families; None where the answer depends on the HTTP status rather than the code.
    let private documentedCase (service: string) (operation: string) (code: string) : string option =
        let bucketOperations = set [ "HeadBucket"; "ListObjectsV2"; "ListObjectVersions"; "DeleteObjects"; "DeleteBucket" ]
        let expired = set [ "ExpiredToken"; "ExpiredTokenException"; "TokenRefreshRequired" ]
        let throttling =
            set [ "Throttling"; "ThrottlingException"; "RequestThrottled"; "TooManyRequestsException"; "SlowDown"; "RequestLimitExceeded" ]
        let rejected = set [ "InvalidClientTokenId"; "SignatureDoesNotMatch"; "InvalidAccessKeyId"; "UnrecognizedClient"; "AuthFailure" ]
        let transient = set [ "InternalError"; "InternalFailure"; "ServiceUnavailable"; "Unavailable" ]
        let invalid =
            set [ "ValidationError"; "InvalidParameterValue"; "MissingParameter"; "InvalidBucketName"; "MalformedPolicyDocument"
                  "PackedPolicyTooLarge"; "InvalidVpcID.Malformed" ]
        let conflicting =
            set [ "OperationAborted"; "ConcurrentModification"; "BucketNotEmpty"; "IncorrectState"; "IdempotentParameterMismatch"
                  "BucketAlreadyOwnedByYou" ]
        match service.ToUpperInvariant(), operation, code with
        | _, _, c when c.StartsWith "KMS." -> Some "EncryptionKeyError"
        | "S3", _, "NoSuchBucket" -> Some "BucketDoesNotExist"
        | "S3", _, "NoSuchKey" -> Some "ObjectDoesNotExist"
        | "S3", ("HeadObject" | "GetObject"), "NotFound" -> Some "ObjectDoesNotExist"
        | "S3", op, "NotFound" when bucketOperations.Contains op -> Some "BucketDoesNotExist"
        | "S3", op, ("AccessDenied" | "Forbidden") when bucketOperations.Contains op || op = "PutObject" -> Some "BucketAccessDenied"
        | "S3", "CreateBucket", "BucketAlreadyExists" -> Some "BucketNameNotAvailable"
        | "S3", _, "PermanentRedirect" -> Some "WrongRegion"
        | "EC2", _, "InvalidVpcID.NotFound" -> Some "VpcDoesNotExist"
        | "EC2", _, "InvalidInstanceID.NotFound" -> Some "InstanceDoesNotExist"
        | "EC2", _, "InvalidTrafficMirrorSessionId.NotFound" -> Some "MirrorDoesNotExist"
        | "EC2", _, ("InvalidSubnetID.NotFound" | "InvalidNetworkInterfaceID.NotFound" | "InvalidTrafficMirrorTargetId.NotFound") -> Some "ResourceDoesNotExist"
        | "STS", "AssumeRole", ("AccessDenied" | "RegionDisabledException") -> Some "AssumeRoleFailed"
        | _, _, ("AccessDenied" | "Forbidden" | "UnauthorizedOperation" | "OptInRequired") -> Some "AccessDenied"
        | _, _, c when expired.Contains c -> Some "CredentialsExpired"
        | _, _, c when throttling.Contains c -> Some "Throttled"
        | _, _, c when rejected.Contains c -> Some "CredentialsUnavailable"
        | _, _, c when transient.Contains c -> Some "ServiceUnavailable"
        | _, _, "RequestTimeout" -> Some "Timeout"
        | _, _, c when invalid.Contains c -> Some "InvalidRequest"
        | _, _, c when conflicting.Contains c -> Some "Conflict"
        | _ -> None

    [<Property(MaxTest = Cases)>]
    let ``a documented code means what AWS documents, in every spelling, on every operation of its service`` () =
        let documented =
            gen {
                let! service = Gen.elements [ "S3"; "EC2"; "STS" ]
                let! operation = Gen.elements (operationsOf service)
                let! code = Gen.oneof [ Gen.elements (documentedCodes service); Gen.elements sharedCodes ]
                let! spelling = spelled service code
                let! status = Gen.elements [ 400; 401; 403; 404; 409; 500; 503 ]
                return service, operation, code, spelling, status
            }
            |> Gen.filter (fun (service, operation, code, _, _) -> (documentedCase service operation code).IsSome)
        Prop.forAll (Arb.fromGen documented) (fun (service, operation, code, spelling, status) ->
            let expected = (documentedCase service operation code).Value
            (caseName (map (ErrorTarget.Of("bucket-or-id", "key")) service operation spelling status) = expected)
            |> Prop.collect expected)

    [<Fact>]
    let ``a not-found error names the resource and key from the target`` () =
        match map (ErrorTarget.Of("b", "k/1")) "S3" "GetObject" "NoSuchKey" 404 with
        | ObjectDoesNotExist(bucket, key, d) ->
            Assert.Equal("b", bucket)
            Assert.Equal("k/1", key)
            Assert.Equal("req-1", d.RequestId)
        | other -> failwith $"expected ObjectDoesNotExist, got {other}"

    [<Property(MaxTest = Cases)>]
    let ``every mapped error carries the target it was about`` () =
        Prop.forAll (Arb.fromGen (Gen.zip anyDetails (Gen.zip codeLike codeLike))) (fun (details, (resource, key)) ->
            (ErrorMapping.map (ErrorTarget.Of(resource, key), details, null)).ErrorDetails.Target = ErrorTarget.Of(resource, key))

    [<Fact>]
    let ``an EC2 not-found code no table names still says what is missing`` () =
        match map ErrorTarget.None "EC2" "CreateTrafficMirrorSession" "InvalidTrafficMirrorFilterId.NotFound" 400 with
        | ResourceDoesNotExist(kind, _, _) -> Assert.Equal("TrafficMirrorFilter", kind)
        | other -> failwith $"expected ResourceDoesNotExist, got {other}"

module ``Outcomes`` =

    let private outcome goal (service: string) (operation: string) (code: string) (status: int) =
        let call = (CallInfo.Of(service, operation, ErrorTarget.Of "b")).Toward goal
        ErrorMapping.classify (call, FailureFacts.Of(AwsErrorDetails.Of(service, operation, code, "m", status, "r"), null))

    [<Theory>]
    [<InlineData("S3", "CreateBucket", "BucketAlreadyOwnedByYou", 1, true)>]
    [<InlineData("S3", "CreateBucket", "com.amazonaws.s3#BucketAlreadyOwnedByYou", 1, true)>]
    [<InlineData("S3", "CreateBucket", "BucketAlreadyOwnedByYou", 0, false)>]
    [<InlineData("S3", "CreateBucket", "BucketAlreadyExists", 1, false)>]
    [<InlineData("S3", "DeleteBucket", "NoSuchBucket", 2, true)>]
    [<InlineData("S3", "ListObjectVersions", "NoSuchBucket", 2, true)>]
    [<InlineData("S3", "DeleteBucket", "NotFound", 2, false)>]
    [<InlineData("S3", "DeleteBucket", "AccessDenied", 2, false)>]
    [<InlineData("S3", "HeadBucket", "NoSuchBucket", 0, false)>]
    [<InlineData("S3", "DeleteObject", "NoSuchKey", 3, true)>]
    [<InlineData("S3", "DeleteObject", "NoSuchKey", 0, false)>]
    [<InlineData("S3", "DeleteObject", "NoSuchBucket", 3, false)>]
    [<InlineData("S3", "AbortMultipartUpload", "NoSuchUpload", 4, true)>]
    [<InlineData("S3", "AbortMultipartUpload", "AccessDenied", 4, false)>]
    [<InlineData("S3", "UploadPart", "NoSuchUpload", 4, false)>]
    let ``only a code that says the goal holds counts as done, and only toward that goal`` (service, operation, code, goal: int, expected: bool) =
        let result = outcome (enum<CallGoal> goal) service operation code 409
        Assert.Equal(expected, (match result with
                                | GoalHolds _ -> true
                                | _ -> false))

    [<Theory>]
    [<InlineData("ListObjectVersions", "MethodNotAllowed", 405, true)>]
    [<InlineData("ListObjectVersions", "NotImplemented", 501, true)>]
    [<InlineData("ListObjectVersions", "AccessDenied", 403, false)>]
    [<InlineData("ListObjectsV2", "SlowDown", 503, false)>]
    let ``a store that refuses an operation outright does not support it`` (operation, code, status: int, expected: bool) =
        let result = outcome CallGoal.Answer "S3" operation code status
        Assert.Equal(expected, (match result with
                                | NotSupported _ -> true
                                | _ -> false))

    [<Property(MaxTest = Cases)>]
    let ``every outcome carries the error the mapping gives`` () =
        Prop.forAll (Arb.fromGen anyDetails) (fun details ->
            let details = { details with HttpStatus = max 300 details.HttpStatus; Code = (match details.Code with | null | "" -> "X" | c -> c) }
            let call = CallInfo.Of(details.Service, details.Operation, ErrorTarget.Of "b")
            let mapped = ErrorMapping.map (ErrorTarget.Of "b", details, null)
            (ErrorMapping.classify (call, FailureFacts.Of(details, null))).Error = mapped)

module ``Failures without a response`` =

    [<Fact>]
    let ``a cancellation the caller asked for is Cancelled`` () =
        Assert.Equal(Cancelled "HeadBucket", ErrorMapping.ofException (ErrorTarget.Of "b", "S3", "HeadBucket", TaskCanceledException(), true))

    [<Fact>]
    let ``a cancellation nobody asked for is a timeout`` () =
        Assert.Equal("Timeout", caseName (ErrorMapping.ofException (ErrorTarget.Of "b", "S3", "HeadBucket", TaskCanceledException(), false)))

    [<Fact>]
    let ``a network failure deep in the chain is Transport and keeps the exception`` () =
        let ex = AggregateException(InvalidOperationException("outer", HttpRequestException("refused", SocketException 111)))
        match ErrorMapping.ofException (ErrorTarget.Of "b", "S3", "HeadBucket", ex, false) with
        | Transport(service, operation, _, kept, target) ->
            Assert.Equal(ErrorTarget.Of "b", target)
            Assert.Equal("S3", service)
            Assert.Equal("HeadBucket", operation)
            Assert.Same(ex, kept)
        | other -> failwith $"expected Transport, got {other}"

    [<Fact>]
    let ``anything else is Unexpected, and a null exception is handled`` () =
        Assert.Equal("Unexpected", caseName (ErrorMapping.ofException (ErrorTarget.Of "b", "S3", "X", InvalidOperationException "x", false)))
        Assert.Equal("Unexpected", caseName (ErrorMapping.ofException (ErrorTarget.None, null, null, null, false)))
        Assert.Equal(Cancelled "", ErrorMapping.ofException (ErrorTarget.None, null, null, null, true))

module ``Facts beyond the response`` =

    let private classify (call: CallInfo) (facts: FailureFacts) = (ErrorMapping.classify (call, facts)).Error

    let private head = CallInfo.Of("S3", "HeadBucket", ErrorTarget.Of "b")

    [<Theory>]
    [<InlineData("ExpiredToken", "CredentialsExpired")>]
    [<InlineData("Throttling", "Throttled")>]
    [<InlineData("SlowDown", "Throttled")>]
    [<InlineData("AccessDenied", "BucketAccessDenied")>]
    let ``a body-less answer's x-amz-error-code header is its code`` (header: string, expected: string) =
        // The SDK reads a body-less 400 as BadRequest (or nothing): the header says what it really was.
        let facts = { FailureFacts.Of(AwsErrorDetails.Of("S3", "HeadBucket", "BadRequest", "", 400, "r"), null) with HeaderErrorCode = header }
        Assert.Equal(expected, caseName (classify head facts))

    [<Fact>]
    let ``a specific code in the body wins over the header`` () =
        let facts = { FailureFacts.Of(AwsErrorDetails.Of("S3", "HeadBucket", "NoSuchBucket", "", 404, "r"), null) with HeaderErrorCode = "Throttling" }
        Assert.Equal("BucketDoesNotExist", caseName (classify head facts))

    [<Fact>]
    let ``a redirect is a wrong region that names the bucket's region`` () =
        let facts = { FailureFacts.Of(AwsErrorDetails.Of("S3", "HeadBucket", "", "", 301, "r"), null) with BucketRegion = "eu-central-1" }
        match classify head facts with
        | WrongRegion("b", "eu-central-1", d) ->
            Assert.Equal(301, d.HttpStatus)
            Assert.Contains("eu-central-1", string (WrongRegion("b", "eu-central-1", d)))
        | other -> failwith $"expected WrongRegion, got {other}"
        let permanent = FailureFacts.Of(AwsErrorDetails.Of("S3", "ListObjectsV2", "PermanentRedirect", "", 301, "r"), null)
        Assert.Equal("WrongRegion", caseName (classify (CallInfo.Of("S3", "ListObjectsV2", ErrorTarget.Of "b")) permanent))

    [<Fact>]
    let ``a success whose body could not be read is a malformed response, unless the body broke off`` () =
        let ok = AwsErrorDetails.Of("S3", "ListObjectsV2", "", "", 200, "r")
        Assert.Equal("MalformedResponse", caseName (classify head (FailureFacts.Of(ok, InvalidOperationException "bad xml"))))
        Assert.Equal("Timeout", caseName (classify head (FailureFacts.Of(ok, TimeoutException "stalled"))))
        Assert.Equal("Transport", caseName (classify head (FailureFacts.Of(ok, IO.IOException "reset"))))

    [<Fact>]
    let ``the caller's cancellation is Cancelled, the deadline passing is Timeout`` () =
        let none = AwsErrorDetails.NoResponse("S3", "HeadBucket")
        let cancelled = { FailureFacts.Of(none, OperationCanceledException()) with CancellationRequested = true }
        let late = { FailureFacts.Of(none, OperationCanceledException()) with DeadlineExceeded = true }
        Assert.Equal(Cancelled "HeadBucket", classify head cancelled)
        match classify head late with
        | Timeout d -> Assert.Contains("deadline", d.Message)
        | other -> failwith $"expected Timeout, got {other}"

module ``Unknown outcomes`` =

    let private mutating = [ "S3", "CreateBucket"; "S3", "PutObject"; "S3", "DeleteObjects"; "S3", "DeleteBucket"
                             "EC2", "CreateTrafficMirrorSession"; "EC2", "DeleteTrafficMirrorSession" ]
    let private reading = [ "S3", "HeadBucket"; "S3", "GetObject"; "S3", "ListObjectsV2"; "EC2", "DescribeSubnets"; "STS", "AssumeRole" ]

    let private lostAnswer : Gen<exn> =
        Gen.elements [ TimeoutException "no answer" :> exn; HttpRequestException "reset" :> exn; IO.IOException "broken pipe" :> exn
                       TaskCanceledException "timed out" :> exn ]

    [<Property(MaxTest = Cases)>]
    let ``a mutating call that lost its answer has an unknown outcome, carrying its client token; a reading call does not`` () =
        Prop.forAll (Arb.fromGen (Gen.zip3 (Gen.elements (mutating @ reading)) lostAnswer (Gen.elements [ ""; "tok-1" ]))) (fun ((service, operation), error, token) ->
            let call = (CallInfo.Of(service, operation, ErrorTarget.Of "r")).WithClientToken token
            let result = (ErrorMapping.classify (call, FailureFacts.Of(AwsErrorDetails.NoResponse(service, operation), error))).Error
            match result with
            | OutcomeUnknown(cause, t) ->
                List.contains (service, operation) mutating && t = token && (caseName cause = "Timeout" || caseName cause = "Transport")
                && not result.IsRetryable
            | Timeout _ | Transport _ -> List.contains (service, operation) reading && result.IsRetryable
            | _ -> false)

    [<Theory>]
    [<InlineData(10061)>]   // connection refused
    [<InlineData(11001)>]   // host not found
    let ``a request that never left the machine is safe to repeat, even when it would have changed something`` (socketError: int) =
        let error = HttpRequestException("refused", SocketException socketError)
        let call = CallInfo.Of("S3", "PutObject", ErrorTarget.Of("b", "k"))
        let result = (ErrorMapping.classify (call, FailureFacts.Of(AwsErrorDetails.NoResponse("S3", "PutObject"), error))).Error
        Assert.Equal("Transport", caseName result)
        Assert.True(result.IsRetryable)

module ``Service tables`` =

    [<Fact>]
    let ``every registered table has a distinct service name and is found by it, in any case`` () =
        let names = ServiceTables.all |> List.map _.Service
        Assert.Equal(names.Length, (names |> List.map (fun n -> n.ToUpperInvariant()) |> List.distinct).Length)
        for table in ServiceTables.all do
            Assert.Equal(Some table.Service, ServiceTables.find (table.Service.ToLowerInvariant()) |> Option.map _.Service)
        Assert.Equal(None, ServiceTables.find "SSM" |> Option.map _.Service)

    [<Fact>]
    let ``a service without a table is still mapped by families and status`` () =
        Assert.Equal("Throttled", caseName (map ErrorTarget.None "SSM" "GetParameter" "ThrottlingException" 400))
        Assert.Equal("ResourceDoesNotExist", caseName (map ErrorTarget.None "SSM" "GetParameter" "InvalidParameterID.NotFound" 400))
        Assert.Equal("Unexpected", caseName (map ErrorTarget.None "SSM" "GetParameter" "ParameterNotFound" 400))

module ``Object operations`` =

    [<Fact>]
    let ``a range past the end is the caller's invalid request, a vanished upload names the upload`` () =
        Assert.Equal("InvalidRequest", caseName (map (ErrorTarget.Of("b", "k")) "S3" "GetObject" "InvalidRange" 416))
        Assert.Equal("ResourceDoesNotExist", caseName (map (ErrorTarget.Of("b", "k")) "S3" "UploadPart" "NoSuchUpload" 404))
        Assert.Equal("ObjectDoesNotExist", caseName (map (ErrorTarget.Of("b", "k")) "S3" "CopyObject" "NoSuchKey" 404))
        Assert.Equal("BucketAccessDenied", caseName (map (ErrorTarget.Of("b", "k")) "S3" "CreateMultipartUpload" "AccessDenied" 403))

    [<Theory>]
    [<InlineData("CopyObject")>]
    [<InlineData("CreateMultipartUpload")>]
    [<InlineData("UploadPart")>]
    [<InlineData("UploadPartCopy")>]
    [<InlineData("CompleteMultipartUpload")>]
    [<InlineData("AbortMultipartUpload")>]
    [<InlineData("DeleteObject")>]
    let ``an object write that lost its answer has an unknown outcome`` (operation: string) =
        let call = CallInfo.Of("S3", operation, ErrorTarget.Of("b", "k"))
        let facts = { FailureFacts.Of(AwsErrorDetails.NoResponse("S3", operation), TimeoutException "slow") with DeadlineExceeded = true }
        Assert.Equal("OutcomeUnknown", caseName (ErrorMapping.classify (call, facts)).Error)

module ``Unknown outcomes, continued`` =

    [<Fact>]
    let ``a mutating call that ended before its request left is a plain timeout, safe to repeat`` () =
        let call = CallInfo.Of("S3", "PutObject", ErrorTarget.Of("b", "k"))
        let facts = { FailureFacts.Of(AwsErrorDetails.NoResponse("S3", "PutObject"), OperationCanceledException()) with
                        DeadlineExceeded = true; RequestMayHaveLeft = false }
        let error = (ErrorMapping.classify (call, facts)).Error
        Assert.Equal("Timeout", caseName error)
        Assert.True(error.IsRetryable)
        Assert.Equal("OutcomeUnknown", caseName (ErrorMapping.classify (call, { facts with RequestMayHaveLeft = true })).Error)

    [<Fact>]
    let ``a change answered with an unreadable success most likely happened: its outcome is unknown`` () =
        let call = (CallInfo.Of("EC2", "CreateTrafficMirrorSession", ErrorTarget.Of "eni-0a1b2c3d")).WithClientToken "tok"
        let facts = FailureFacts.Of(AwsErrorDetails.Of("EC2", "CreateTrafficMirrorSession", "", "", 200, "r"), Xml.XmlException "cut")
        match (ErrorMapping.classify (call, facts)).Error with
        | OutcomeUnknown(MalformedResponse _, "tok") -> ()
        | other -> failwith $"expected OutcomeUnknown(MalformedResponse), got {other}"
        let read = CallInfo.Of("EC2", "DescribeVpcs", ErrorTarget.Of "vpc-0a1b2c3d")
        Assert.Equal("MalformedResponse", caseName (ErrorMapping.classify (read, facts)).Error)

module ``Calls marked as changing something`` =

    [<Theory>]
    [<InlineData("SQS", "SendMessage")>]
    [<InlineData("S3", "HeadBucket")>]
    let ``a call its caller marks as mutating has an unknown outcome when its answer is lost, whatever its service's table says`` (service: string, operation: string) =
        let call = (CallInfo.Of(service, operation, ErrorTarget.Of "q")).Mutating()
        let lost = (ErrorMapping.classify (call, FailureFacts.Of(AwsErrorDetails.NoResponse(service, operation), TimeoutException "no answer"))).Error
        let unmarked = (ErrorMapping.classify (CallInfo.Of(service, operation, ErrorTarget.Of "q"), FailureFacts.Of(AwsErrorDetails.NoResponse(service, operation), TimeoutException "no answer"))).Error
        Assert.Equal("OutcomeUnknown", caseName lost)
        Assert.Equal("Timeout", caseName unmarked)
