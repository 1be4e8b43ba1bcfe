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

/// Details with arbitrary strings in every field.
let anyDetails : Gen<AwsErrorDetails> =
    gen {
        let! service = Gen.oneof [ Gen.elements [ "S3"; "EC2"; "STS"; "s3" ]; anyString ]
        let! operation =
            Gen.oneof [ Gen.elements [ "HeadBucket"; "CreateBucket"; "PutObject"; "GetObject"; "HeadObject"
                                       "ListObjectsV2"; "ListObjectVersions"; "DeleteObjects"; "DeleteBucket"
                                       "DescribeSubnets"; "DescribeVpcs"; "DescribeInstances"
                                       "DescribeNetworkInterfaces"; "CreateTrafficMirrorSession"
                                       "DeleteTrafficMirrorSession"; "AssumeRole"; "GetCallerIdentity" ]
                        anyString ]
        let! code = Gen.oneof [ codeLike; anyString ]
        let! message = anyString
        let! status = status
        let! requestId = anyString
        return { Service = service; Operation = operation; Code = code; Message = message; HttpStatus = status
                 RequestId = requestId; Target = ErrorTarget.None }
    }

/// Items of one page: small positive integers tagged with their page so order can be checked.
let private pageItems (page: int) : Gen<int[]> =
    gen {
        let! count = Gen.frequency [ 1, Gen.constant 0; 6, Gen.choose (1, 6) ]
        return Array.init count (fun i -> page * 100 + i)
    }

/// A well-formed chain: (token requested, page) in request order, distinct tokens, the last page without one.
/// Half the chains are S3-style (IsTruncated set), half EC2-style (token alone).
let chain : Gen<(string | null * Page<int>) list> =
    gen {
        let! length = Gen.choose (1, 12)
        let! s3Style = Gen.elements [ true; false ]
        let! items = [ 0 .. length - 1 ] |> List.map pageItems |> Gen.sequenceToList
        let token i : string | null = if i = 0 then null else $"token-{i}"
        return
            items
            |> List.mapi (fun i xs ->
                let last = i = length - 1
                let next : string | null = if last then (if s3Style then null else "") else $"token-{i + 1}"
                let truncated = if s3Style then Nullable(not last) else Nullable()
                token i, Page.Create(xs, truncated, next))
    }

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
