/// Generators shared by the core's properties: codes, statuses and page chains.
module AwsAio.Core.Tests.Generators

open System
open AwsAio.Core
open FsCheck
open FsCheck.FSharp

/// Every property runs at least this many cases.
[<Literal>]
let Cases = 1000

/// A code-shaped string: letters, digits and dots, as AWS error codes are.
let codeLike : Gen<string> =
    gen {
        let! first = Gen.elements [ 'A' .. 'Z' ]
        let! rest = Gen.listOf (Gen.elements ([ 'a' .. 'z' ] @ [ 'A' .. 'Z' ] @ [ '0' .. '9' ] @ [ '.' ]))
        return String(first :: rest |> Array.ofList)
    }

/// Any string: null, empty, unicode, control characters.
let anyString : Gen<string> =
    Gen.oneof [ Gen.constant null; Gen.constant ""; ArbMap.defaults |> ArbMap.generate<string>
                ArbMap.defaults |> ArbMap.generate<NonEmptyString> |> Gen.map _.Get
                Gen.elements [ "ÄÖÜ"; "😀"; "\u0000"; "   "; "#"; ":"; "a#b:c"; "Exception" ] ]

/// HTTP statuses, weighted towards the ones AWS sends.
let status : Gen<int> =
    Gen.frequency [ 3, Gen.elements [ 0; 200; 301; 400; 403; 404; 408; 409; 429; 500; 502; 503; 504 ]
                    1, Gen.choose (-1, 999) ]

/// The operations each service's calls name, as the shell names them.
let operationsOf (service: string) : string list =
    match service.ToUpperInvariant() with
    | "S3" -> [ "HeadBucket"; "CreateBucket"; "DeleteBucket"; "PutObject"; "GetObject"; "HeadObject"; "ListObjectsV2"
                "ListObjectVersions"; "DeleteObjects" ]
    | "EC2" -> [ "DescribeSubnets"; "DescribeVpcs"; "DescribeNetworkInterfaces"; "DescribeInstances"; "DescribeAvailabilityZones"
                 "CreateTrafficMirrorSession"; "DeleteTrafficMirrorSession" ]
    | _ -> [ "AssumeRole"; "GetCallerIdentity" ]

/// Error codes each service documents for the conditions AwsAio names, written out from AWS's error-code references
/// (S3's "Error responses", EC2's "Error codes", STS's API reference), not read from the mapping under test.
let documentedCodes (service: string) : string list =
    match service.ToUpperInvariant() with
    | "S3" -> [ "NoSuchBucket"; "NoSuchKey"; "NotFound"; "AccessDenied"; "Forbidden"; "BucketAlreadyExists"
                "BucketAlreadyOwnedByYou"; "BucketNotEmpty"; "SlowDown"; "InvalidBucketName"; "PermanentRedirect"
                "KMS.NotFoundException"; "KMS.DisabledException"; "KMS.AccessDeniedException"; "NotImplemented" ]
    | "EC2" -> [ "InvalidVpcID.NotFound"; "InvalidInstanceID.NotFound"; "InvalidTrafficMirrorSessionId.NotFound"
                 "InvalidSubnetID.NotFound"; "InvalidNetworkInterfaceID.NotFound"; "InvalidTrafficMirrorTargetId.NotFound"
                 "InvalidVpcID.Malformed"; "UnauthorizedOperation"; "RequestLimitExceeded"; "AuthFailure"; "IncorrectState"
                 "IdempotentParameterMismatch"; "OptInRequired" ]
    | _ -> [ "AccessDenied"; "RegionDisabledException"; "ExpiredTokenException"; "InvalidClientTokenId"
             "MalformedPolicyDocument"; "PackedPolicyTooLarge"; "IDPCommunicationError" ]

/// Codes every AWS service may send (throttling, transient, credentials, input, conflict).
let sharedCodes : string list =
    [ "Throttling"; "ThrottlingException"; "RequestThrottled"; "TooManyRequestsException"; "ExpiredToken"
      "TokenRefreshRequired"; "SignatureDoesNotMatch"; "InvalidAccessKeyId"; "UnrecognizedClient"; "InternalError"
      "InternalFailure"; "ServiceUnavailable"; "Unavailable"; "RequestTimeout"; "ValidationError"; "InvalidParameterValue"
      "MissingParameter"; "OperationAborted"; "ConcurrentModification" ]

/// One code in every spelling the normaliser accepts: as sent, with a namespace, with a URI, with and without the
/// Exception suffix, padded, and in either case.
let spelled (service: string) (code: string) : Gen<string> =
    let toggled =
        if code.EndsWith("Exception", StringComparison.Ordinal) then code.Substring(0, code.Length - "Exception".Length)
        else code + "Exception"
    Gen.elements [ code; code; $"com.amazonaws.{service.ToLowerInvariant()}#{code}"
                   $"{code}:http://internal.amazon.com/coral/com.amazon.coral.service/"; toggled; $"  {code} "
                   code.ToUpperInvariant(); code.ToLowerInvariant(); $"ns#{toggled}:urn:x" ]

/// The code and status of a body-less HEAD answer: the status alone, or its digits as the code.
let private bareHead : Gen<string * int> =
    Gen.elements [ "404", 404; "", 404; "403", 403; "", 403; "NotFound", 404; "Forbidden", 403 ]

/// Error facts as AWS sends them: a service, one of its operations, and a code it documents (or a shared one) in any
/// accepted spelling, or a body-less HEAD answer. Most reach a service table or a family; some are codes nobody maps.
let errorFacts : Gen<AwsErrorDetails> =
    gen {
        let! service = Gen.frequency [ 4, Gen.constant "S3"; 3, Gen.constant "EC2"; 2, Gen.constant "STS"; 1, Gen.constant "s3" ]
        let! operation = Gen.elements (operationsOf service)
        let! code, status =
            Gen.frequency [ 6, gen {
                                let! code = Gen.elements (documentedCodes service)
                                let! spelling = spelled service code
                                let! status = status
                                return spelling, status }
                            3, gen {
                                let! code = Gen.elements sharedCodes
                                let! spelling = spelled service code
                                let! status = status
                                return spelling, status }
                            1, bareHead
                            1, Gen.zip codeLike status ]
        let! message = Gen.elements [ ""; "The specified bucket does not exist"; "Rate exceeded"; "Access Denied" ]
        let! requestId = Gen.elements [ ""; "4442587FB7D0A2F9"; "req-1" ]
        return { Service = service; Operation = operation; Code = code; Message = message; HttpStatus = status
                 RequestId = requestId; Target = ErrorTarget.None }
    }

/// Details with arbitrary strings in every field.
let private arbitraryDetails : Gen<AwsErrorDetails> =
    gen {
        let! service = Gen.oneof [ Gen.elements [ "S3"; "EC2"; "STS"; "s3" ]; anyString ]
        let! operation =
            Gen.oneof [ Gen.elements (operationsOf "S3" @ operationsOf "EC2" @ operationsOf "STS"); anyString ]
        let! code = Gen.oneof [ codeLike; anyString ]
        let! message = anyString
        let! status = status
        let! requestId = anyString
        return { Service = service; Operation = operation; Code = code; Message = message; HttpStatus = status
                 RequestId = requestId; Target = ErrorTarget.None }
    }

/// Error details of every kind: mostly what AWS sends (documented codes in every spelling, reaching the service tables
/// and the families), the rest arbitrary strings, null and control characters included.
let anyDetails : Gen<AwsErrorDetails> = Gen.frequency [ 7, errorFacts; 3, arbitraryDetails ]

/// Items of one page: small positive integers tagged with their page so order can be checked.
let private pageItems (page: int) : Gen<int[]> =
    gen {
        let! count = Gen.frequency [ 1, Gen.constant 0; 6, Gen.choose (1, 6) ]
        return Array.init count (fun i -> page * 100 + i)
    }

/// How a generated chain of pages ends, and so how a run over it must end.
type ChainShape =
    /// S3-style: the last page says IsTruncated false and carries no token.
    | S3Complete
    /// S3-style: the last page says IsTruncated false but carries a stray token, which must be ignored.
    | S3StrayToken
    /// EC2-style (no IsTruncated): the last page's token is null.
    | Ec2NullToken
    /// EC2-style: the last page's token is empty.
    | Ec2EmptyToken
    /// Page number At (from 1) hands back Token, which the run already requested (an earlier page's, or its own).
    | RepeatsToken of At: int * Token: string
    /// Page number At (from 1) says it is truncated but carries no token (null or empty).
    | TruncatedNoToken of At: int

/// The token page i (from 0) is requested with: none for the first.
let tokenOf (i: int) : string | null = if i = 0 then null else $"token-{i}"

/// A well-formed chain of the given ending: (token requested, page) in request order, distinct tokens.
let private wellFormed (shape: ChainShape) : Gen<(string | null * Page<int>) list> =
    gen {
        let! length = Gen.choose (1, 12)
        let! items = [ 0 .. length - 1 ] |> List.map pageItems |> Gen.sequenceToList
        let s3Style = (shape = S3Complete || shape = S3StrayToken)
        return
            items
            |> List.mapi (fun i xs ->
                let last = i = length - 1
                let next : string | null =
                    if not last then $"token-{i + 1}"
                    else
                        match shape with
                        | S3StrayToken -> "stray-token"
                        | Ec2EmptyToken -> ""
                        | _ -> null
                let truncated = if s3Style then Nullable(not last) else Nullable()
                tokenOf i, Page.Create(xs, truncated, next))
    }

/// A chain that ends well, in any of the four ways S3 and EC2 end a listing.
let chainOf : Gen<ChainShape * (string | null * Page<int>) list> =
    gen {
        let! shape = Gen.elements [ S3Complete; S3StrayToken; Ec2NullToken; Ec2EmptyToken ]
        let! pages = wellFormed shape
        return shape, pages
    }

/// A well-formed chain (the shape left out): every run over it completes.
let chain : Gen<(string | null * Page<int>) list> = chainOf |> Gen.map snd

/// A chain that stops with an anomaly at page At: a token the run already requested, or truncated without a token.
/// Pages after it are never requested, so the chain ends there.
let anomalousChain : Gen<ChainShape * (string | null * Page<int>) list> =
    gen {
        let! at = Gen.choose (1, 12)
        let! items = [ 0 .. at - 1 ] |> List.map pageItems |> Gen.sequenceToList
        let! repeat = if at >= 2 then Gen.elements [ true; false ] else Gen.constant false
        let! back = Gen.choose (1, max 1 (at - 1))
        let! s3Style = Gen.elements [ true; false ]
        let! missing = Gen.elements [ (null: string | null); "" ]
        let shape = if repeat then RepeatsToken(at, $"token-{back}") else TruncatedNoToken at
        let pages =
            items
            |> List.mapi (fun i xs ->
                let last = i = at - 1
                let page =
                    match last, shape with
                    | false, _ -> Page.Create(xs, (if s3Style then Nullable true else Nullable()), $"token-{i + 1}")
                    | true, RepeatsToken(_, token) -> Page.Create(xs, (if s3Style then Nullable true else Nullable()), token)
                    | true, _ -> Page.Create(xs, Nullable true, missing)
                tokenOf i, page)
        return shape, pages
    }

/// Every shape of chain: well-formed endings and anomalies, about half each.
let shapedChain : Gen<ChainShape * (string | null * Page<int>) list> = Gen.oneof [ chainOf; anomalousChain ]

/// The name of a shape's case, for distributions.
let shapeName (shape: ChainShape) =
    match shape with
    | S3Complete -> "S3Complete"
    | S3StrayToken -> "S3StrayToken"
    | Ec2NullToken -> "Ec2NullToken"
    | Ec2EmptyToken -> "Ec2EmptyToken"
    | RepeatsToken(at, token) -> if token = $"token-{at - 1}" then "RepeatsOwnToken" else "RepeatsEarlierToken"
    | TruncatedNoToken _ -> "TruncatedNoToken"

/// A chain whose page k hands back a token already used (k ≥ 1): a cycle somewhere in the run.
let cyclicChain : Gen<(string | null * Page<int>) list * int> =
    gen {
        let! k = Gen.choose (1, 10)
        let! back = Gen.choose (1, k)
        let! items = [ 0 .. k ] |> List.map pageItems |> Gen.sequenceToList
        let token i : string | null = if i = 0 then null else $"token-{i}"
        let pages =
            items
            |> List.mapi (fun i xs ->
                let next = if i = k then $"token-{back}" else $"token-{i + 1}"
                token i, Page.Create(xs, Nullable true, next))
        return pages, k
    }

/// Serves a chain as a fetch function and counts the requests.
let serve (pages: (string | null * Page<int>) list) =
    let table = pages |> List.map (fun (t, p) -> (match t with | null -> "" | t -> t), p) |> dict
    let mutable requests = 0
    let fetch (token: string | null) =
        requests <- requests + 1
        table.[match token with | null -> "" | t -> t]
    fetch, (fun () -> requests)

/// A string of the given length drawn from the given characters.
let private stringOf (length: int) (chars: Gen<char>) : Gen<string> = Gen.arrayOfLength length chars |> Gen.map String

/// Inserts one character at a random place.
let private withOne (bad: Gen<char>) (s: string) : Gen<string> =
    gen {
        let! at = Gen.choose (0, s.Length)
        let! c = bad
        return s.Insert(at, string c)
    }

/// Candidate strings for an STS parameter of minLength..maxLength characters from A-Z a-z 0-9 and extra: about half
/// valid, the rest one length past either bound or one foreign character.
let private stsCandidates (minLength: int) (maxLength: int) (extra: string) : Gen<string> =
    let allowed = Gen.elements ([ 'a' .. 'z' ] @ [ 'A' .. 'Z' ] @ [ '0' .. '9' ] @ [ '_' ] @ List.ofSeq extra)
    let foreign = Gen.elements ([ ' '; 'é'; '!'; '#'; '\n'; '$'; '*'; '\u0000' ] @ ([ ':'; '/' ] |> List.filter (fun c -> not (extra.Contains c))))
    let short = Gen.choose (minLength, min maxLength 40)
    let boundary = Gen.elements [ minLength; maxLength ]
    Gen.frequency [ 4, short |> Gen.bind (fun n -> stringOf n allowed)
                    1, boundary |> Gen.bind (fun n -> stringOf n allowed)
                    2, Gen.elements [ 0; minLength - 1; maxLength + 1 ] |> Gen.bind (fun n -> stringOf (max 0 n) allowed)
                    3, Gen.choose (minLength, min maxLength 40) |> Gen.bind (fun n -> stringOf (n - 1) allowed) |> Gen.bind (withOne foreign) ]

/// Role session names: about half valid (2 to 64 of [\w+=,.@-]).
let sessionNames : Gen<string> = stsCandidates 2 64 "+=,.@-"

/// External ids: about half valid (2 to 1224 of [\w+=,.@:/-]).
let externalIds : Gen<string> = stsCandidates 2 1224 "+=,.@:/-"

/// (kind, id) pairs: about half valid ids of the kind, the rest another kind's prefix, a wrong number of digits, or a
/// character that is not lowercase hex.
let ec2Ids : Gen<Ec2IdKind * string> =
    let hex = Gen.elements ([ '0' .. '9' ] @ [ 'a' .. 'f' ])
    gen {
        let! kind, prefix = Gen.elements Oracles.ec2Prefixes
        let! otherPrefix = Gen.elements (Oracles.ec2Prefixes |> List.map snd |> List.filter ((<>) prefix))
        let! length = Gen.elements [ 8; 17 ]
        let! digits = stringOf length hex
        let! id =
            Gen.frequency [ 5, Gen.constant $"{prefix}-{digits}"
                            1, Gen.constant $"{otherPrefix}-{digits}"
                            1, Gen.elements [ 0; 7; 9; 16; 18 ] |> Gen.bind (fun n -> stringOf n hex) |> Gen.map (fun d -> $"{prefix}-{d}")
                            2, gen {
                                   let! at = Gen.choose (0, length - 1)
                                   let! bad = Gen.elements [ 'A'; 'F'; 'g'; 'z'; '-'; ' ' ]
                                   return $"{prefix}-{digits.Substring(0, at)}{bad}{digits.Substring(at + 1)}" }
                            1, Gen.elements [ digits; $"{prefix}{digits}"; $"{prefix.ToUpperInvariant()}-{digits}"; $"{prefix}-{digits}\n" ] ]
        return kind, id
    }

/// Object keys of 1, 2, 3 and 4-byte characters, slashes and dot segments: lengths cluster around S3's 1024-byte limit,
/// some hold an unpaired surrogate or a "." or ".." segment.
let objectKeys : Gen<string> =
    let piece = Gen.frequency [ 6, Gen.elements [ "a"; "/"; " "; "-"; "_" ]; 2, Gen.elements [ "é"; "ß" ]; 1, Gen.constant "€"
                                1, Gen.constant "😀" ]
    let body = gen {
        let! n = Gen.frequency [ 5, Gen.choose (1, 300); 3, Gen.choose (700, 1100); 1, Gen.constant 0 ]
        let! parts = Gen.arrayOfLength n piece
        return String.Concat parts }
    Gen.frequency [ 7, body
                    1, body |> Gen.map (fun k -> k + "/../x")
                    1, body |> Gen.map (fun k -> "./" + k)
                    1, body |> Gen.map (fun k -> k + string '\uD800') ]

/// Bucket-name candidates: plain strings of the allowed characters (with now and then one that is not), names with
/// S3's reserved prefixes and suffixes, and IP-shaped names; lengths cluster around the 3 and 63 bounds.
let bucketCandidates : Gen<string> =
    let body = Gen.elements ([ 'a' .. 'z' ] @ [ '0' .. '9' ] @ [ '.'; '-' ])
    let odd = Gen.elements [ 'A'; '_'; ' '; 'é'; '/' ]
    let edge = Gen.elements ([ 'a' .. 'z' ] @ [ '0' .. '9' ])
    let length = Gen.frequency [ 3, Gen.elements [ 1; 2; 3; 4; 62; 63; 64; 65 ]; 7, Gen.choose (3, 40) ]
    let plain =
        gen {
            let! n = length
            let! first = edge
            let! last = edge
            let! middle = Gen.arrayOfLength (max 0 (n - 2)) (Gen.frequency [ 40, body; 1, odd ])
            return (String [| first |] + String middle + String [| last |]).Substring(0, max 0 (min n (middle.Length + 2)))
        }
    let decorated =
        gen {
            let! core = plain
            let! prefix = Gen.elements [ ""; "xn--"; "sthree-"; "amzn-s3-demo-"; "a"; "1."; "-" ]
            let! suffix = Gen.elements [ ""; "-s3alias"; "--ol-s3"; ".mrap"; "--x-s3"; "--table-s3"; "z"; "." ]
            return prefix + core + suffix
        }
    let ipShaped =
        gen {
            let! parts = Gen.arrayOfLength 4 (Gen.choose (0, 999))
            let! extra = Gen.elements [ ""; ""; ".5"; "a" ]
            return String.Join(".", parts) + extra
        }
    Gen.frequency [ 6, plain; 3, decorated; 1, ipShaped ]

/// Errors of every kind: whatever the mapping makes of arbitrary AWS answers, plus the errors the shell decides
/// (cancellation, bad input, unknown outcomes, wrapped causes).
let anyError : Gen<DomainError> =
    let mapped =
        Gen.zip anyDetails (Gen.elements [ ErrorTarget.None; ErrorTarget.Of "b"; ErrorTarget.Of("b", "k") ])
        |> Gen.map (fun (d, t) -> ErrorMapping.map (t, d, null))
    let decided =
        Gen.elements [ Cancelled "HeadBucket"; InvalidInput("bucket", "must be 3 to 63 characters")
                       Transport("S3", "HeadBucket", "connection reset", null, ErrorTarget.Of "b")
                       Timeout(AwsErrorDetails.NoResponse("S3", "HeadBucket")); RegionUnresolved "none set"
                       LocalFileDoesNotExist "/tmp/x" ]
    let basic = Gen.oneof [ mapped; decided ]
    Gen.oneof [
        basic
        basic |> Gen.map (fun cause -> OutcomeUnknown(cause, ""))
        basic |> Gen.map (fun cause -> CouldNotEnsureBucketExists("b", cause))
    ]
