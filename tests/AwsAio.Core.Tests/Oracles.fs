/// AWS's documented rules, restated here from AWS's documentation and independently of the implementation: no
/// predicate below calls the core or the .NET helpers the core uses (character classes and UTF-8 lengths are counted
/// by hand). Properties compare the core with these; literal examples from the documentation sit beside them.
module AwsAio.Core.Tests.Oracles

open System
open AwsAio.Core

let private within (low: char) (high: char) (c: char) = c >= low && c <= high

/// AWS's <c>\w</c>: A-Z, a-z, 0-9 and the underscore (Java's ASCII word class, as the API references use it).
let private word (c: char) = within 'A' 'Z' c || within 'a' 'z' c || within '0' '9' c || c = '_'

/// STS AssumeRole, RoleSessionName: "Length Constraints: Minimum length of 2. Maximum length of 64.
/// Pattern: [\w+=,.@-]*".
let roleSessionName (s: string) =
    not (isNull s) && s.Length >= 2 && s.Length <= 64 && s |> Seq.forall (fun c -> word c || "+=,.@-".IndexOf c >= 0)

/// STS AssumeRole, ExternalId: "Length Constraints: Minimum length of 2. Maximum length of 1224.
/// Pattern: [\w+=,.@:\/-]*".
let externalId (s: string) =
    not (isNull s) && s.Length >= 2 && s.Length <= 1224 && s |> Seq.forall (fun c -> word c || "+=,.@:/-".IndexOf c >= 0)

/// The EC2 resource-id prefixes, as the EC2 API reference names them ("vpc-", "subnet-", "eni-", "i-", "tms-",
/// "tmt-", "tmf-").
let ec2Prefixes : (Ec2IdKind * string) list =
    [ Ec2IdKind.Vpc, "vpc"; Ec2IdKind.Subnet, "subnet"; Ec2IdKind.NetworkInterface, "eni"; Ec2IdKind.Instance, "i"
      Ec2IdKind.TrafficMirrorSession, "tms"; Ec2IdKind.TrafficMirrorTarget, "tmt"; Ec2IdKind.TrafficMirrorFilter, "tmf" ]

/// An EC2 resource id: the kind's prefix, a hyphen, then 8 (older resources) or 17 (newer) hexadecimal characters,
/// which EC2 writes in lower case ("i-1234567890abcdef0").
let ec2Id (kind: Ec2IdKind) (s: string) =
    match ec2Prefixes |> List.tryFind (fun (k, _) -> k = kind) with
    | None -> false
    | Some(_, prefix) ->
        not (isNull s) && s.StartsWith(prefix + "-", StringComparison.Ordinal)
        && (let hex = s.Substring(prefix.Length + 1)
            (hex.Length = 8 || hex.Length = 17) && hex |> Seq.forall (fun c -> within '0' '9' c || within 'a' 'f' c))

/// The UTF-8 length of a string, counted by code point (1 byte to U+007F, 2 to U+07FF, 3 to U+FFFF, 4 for a surrogate
/// pair); None when a surrogate is unpaired (the string has no UTF-8 form).
let utf8Length (s: string) : int option =
    let rec count i total =
        if i >= s.Length then Some total
        else
            let c = s.[i]
            if c >= '\uD800' && c <= '\uDBFF' then
                if i + 1 < s.Length && s.[i + 1] >= '\uDC00' && s.[i + 1] <= '\uDFFF' then count (i + 2) (total + 4) else None
            elif c >= '\uDC00' && c <= '\uDFFF' then None
            elif c <= '\u007F' then count (i + 1) (total + 1)
            elif c <= '\u07FF' then count (i + 1) (total + 2)
            else count (i + 1) (total + 3)
    count 0 0

/// S3 object keys: "a sequence of Unicode characters whose UTF-8 encoding is at most 1,024 bytes long", not empty;
/// and, by AwsAio's own documented rule (not S3's), no "." or ".." path segment unless allowed.
let objectKey (allowDotSegments: bool) (s: string) =
    not (isNull s)
    && (match utf8Length s with
        | Some n -> n >= 1 && n <= 1024
        | None -> false)
    && (allowDotSegments || not (s.Split '/' |> Array.exists (fun segment -> segment = "." || segment = "..")))

/// S3 general-purpose bucket names, rule by rule as "Bucket naming rules" lists them.
let bucketName (s: string) =
    let allowed c = within 'a' 'z' c || within '0' '9' c || c = '.' || c = '-'
    let alnum c = within 'a' 'z' c || within '0' '9' c
    let ipLike =
        let parts = s.Split '.'
        parts.Length = 4 && parts |> Array.forall (fun p -> p.Length >= 1 && p.Length <= 3 && p |> Seq.forall (within '0' '9'))
    not (isNull s)
    && s.Length >= 3 && s.Length <= 63
    && Seq.forall allowed s
    && alnum s.[0] && alnum s.[s.Length - 1]
    && not (s.Contains "..")
    && not ipLike
    && not (s.StartsWith "xn--" || s.StartsWith "sthree-" || s.StartsWith "amzn-s3-demo-")
    && not (s.EndsWith "-s3alias" || s.EndsWith "--ol-s3" || s.EndsWith ".mrap" || s.EndsWith "--x-s3" || s.EndsWith "--table-s3")
