module AwsAio.Core.Tests.ValidationTests

open System
open Xunit
open System.Text
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private isOk r = match r with | Ok _ -> true | Error _ -> false

let private rule r =
    match r with
    | Error(InvalidInput(field, rule)) -> field, rule
    | Error other -> failwith $"expected InvalidInput, got {other}"
    | Ok v -> failwith $"expected a Left, got Ok {v}"

module ``Bucket names`` =

    [<Property(MaxTest = Cases)>]
    let ``validation agrees with the rule-by-rule oracle`` () =
        Prop.forAll (Arb.fromGen bucketCandidates) (fun name ->
            let expected = Oracles.bucketName name
            isOk (Validate.bucketName name) = expected |> Prop.classify expected "valid" |> Prop.classify (not expected) "invalid")

    [<Theory>]
    [<InlineData("abc")>]
    [<InlineData("my-bucket.logs-2024")>]
    [<InlineData("a23456789012345678901234567890123456789012345678901234567890123")>]
    [<InlineData("1.2.3")>]
    let ``valid names pass unchanged`` (name: string) = Assert.Equal(Ok name, Validate.bucketName name)

    [<Theory>]
    [<InlineData(null, "is required")>]
    [<InlineData("ab", "3 to 63")>]
    [<InlineData("a234567890123456789012345678901234567890123456789012345678901234", "3 to 63")>]
    [<InlineData("My-Bucket", "lowercase")>]
    [<InlineData("my_bucket", "lowercase")>]
    [<InlineData("-bucket", "begin and end")>]
    [<InlineData("bucket.", "begin and end")>]
    [<InlineData("my..bucket", "adjacent dots")>]
    [<InlineData("192.168.5.4", "IP address")>]
    [<InlineData("xn--bucket", "reserved prefix 'xn--'")>]
    [<InlineData("sthree-bucket", "reserved prefix")>]
    [<InlineData("amzn-s3-demo-bucket", "reserved prefix")>]
    [<InlineData("bucket-s3alias", "reserved suffix '-s3alias'")>]
    [<InlineData("bucket--ol-s3", "reserved suffix")>]
    [<InlineData("bucket.mrap", "reserved suffix")>]
    [<InlineData("bucket--x-s3", "reserved suffix")>]
    [<InlineData("bucket--table-s3", "reserved suffix")>]
    let ``invalid names name the field and the rule broken`` (name: string, ruleFragment: string) =
        let field, text = rule (Validate.bucketName name)
        Assert.Equal("bucket name", field)
        Assert.Contains(ruleFragment, text)

module ``Object keys`` =

    [<Property(MaxTest = Cases)>]
    let ``a key is valid exactly when it is 1 to 1024 bytes of UTF-8, without a dot segment unless allowed`` () =
        Prop.forAll (Arb.fromGen (Gen.zip objectKeys (Gen.elements [ true; false ]))) (fun (k, allowDots) ->
            let expected = Oracles.objectKey allowDots k
            isOk (Validate.objectKeyWith (k, allowDots)) = expected
            |> Prop.classify expected "valid" |> Prop.classify (not expected) "invalid")

    [<Theory>]
    [<InlineData("4my-organization", true)>]
    [<InlineData("my.great_photos-2014/jan/myvacation.jpg", true)>]
    [<InlineData("videos/2014/birthday/video1.wmv", true)>]
    [<InlineData("Development/Projects.xls", true)>]
    [<InlineData("", false)>]
    let ``the key names S3's documentation gives are valid, and an empty one is not`` (key: string, valid: bool) =
        Assert.Equal(valid, isOk (Validate.objectKey key))
        Assert.Equal(valid, Oracles.objectKey false key)

    [<Fact>]
    let ``1024 bytes is the limit however the bytes are made: one, two or four per character`` () =
        for piece, count in [ "a", 1024; "é", 512; "😀", 256 ] do
            let atLimit = String.replicate count piece
            Assert.True(isOk (Validate.objectKey atLimit), $"{count} x {piece}")
            Assert.False(isOk (Validate.objectKey (atLimit + "a")), $"{count} x {piece} + a")
        Assert.Equal(Some 1024, Oracles.utf8Length (String.replicate 256 "😀"))

    [<Fact>]
    let ``an unpaired surrogate, an empty key and null are refused`` () =
        Assert.Contains("surrogate", snd (rule (Validate.objectKey (String [| 'a'; char 0xD800; 'b' |]))))
        Assert.Contains("empty", snd (rule (Validate.objectKey "")))
        Assert.Contains("required", snd (rule (Validate.objectKey null)))

module ``Role ARNs`` =

    let private partitions = [ "aws"; "aws-cn"; "aws-us-gov"; "aws-iso"; "aws-iso-b"; "aws-iso-e"; "aws-iso-f"; "aws-eusc" ]

    [<Property(MaxTest = Cases)>]
    let ``a well-formed role ARN in any partition parses into its parts`` () =
        let nameChars = Gen.elements ([ 'a' .. 'z' ] @ [ 'A' .. 'Z' ] @ [ '0' .. '9' ] @ [ '_'; '+'; '='; ','; '.'; '@'; '-' ])
        let arn = gen {
            let! partition = Gen.elements partitions
            let! account = Gen.arrayOfLength 12 (Gen.elements [ '0' .. '9' ]) |> Gen.map String
            let! pathDepth = Gen.choose (0, 3)
            let! segments = Gen.listOfLength pathDepth (Gen.elements [ "ops"; "service-role"; "a.b"; "x_y" ])
            let! nameLength = Gen.choose (1, 64)
            let! name = Gen.arrayOfLength nameLength nameChars |> Gen.map String
            let path = if segments.IsEmpty then "/" else "/" + String.Join("/", segments) + "/"
            return partition, account, path, name }
        Prop.forAll (Arb.fromGen arn) (fun (partition, account, path, name) ->
            let text = $"arn:{partition}:iam::{account}:role{path}{name}"
            Validate.roleArn text = Ok { Value = text; Partition = partition; Account = account; Path = path; Name = name })

    [<Theory>]
    [<InlineData("arn:aws:iam::12345678901:role/R", "12-digit")>]
    [<InlineData("arn:aws:s3:::bucket", "iam")>]
    [<InlineData("arn:aws:iam:us-east-1:123456789012:role/R", "empty region")>]
    [<InlineData("arn:aws:iam::123456789012:user/R", "role")>]
    [<InlineData("arn:AWS:iam::123456789012:role/R", "partition")>]
    [<InlineData("arn:aws:iam::123456789012:role/", "role name")>]
    [<InlineData("arn:aws:iam::123456789012:role/bad name", "role name")>]
    [<InlineData("role:arn", "arn:PARTITION")>]
    [<InlineData(null, "required")>]
    let ``malformed ARNs are refused with the rule broken`` (arn: string, fragment: string) =
        let field, text = rule (Validate.roleArn arn)
        Assert.Equal("role ARN", field)
        Assert.Contains(fragment, text)

module ``STS parameters`` =

    [<Property(MaxTest = Cases)>]
    let ``session names: 2 to 64 characters of the documented set`` () =
        Prop.forAll (Arb.fromGen sessionNames) (fun s ->
            let expected = Oracles.roleSessionName s
            isOk (Validate.roleSessionName s) = expected |> Prop.classify expected "valid" |> Prop.classify (not expected) "invalid")

    [<Theory>]
    [<InlineData("testAssumeRoleSession", true)>]
    [<InlineData("Bob", true)>]
    [<InlineData("john.doe@example.com", true)>]
    [<InlineData("a=b,c+d_e-f", true)>]
    [<InlineData("a", false)>]
    [<InlineData("my session", false)>]
    [<InlineData("user:1", false)>]
    [<InlineData("a/b", false)>]
    [<InlineData("Zoë", false)>]
    let ``the session names STS documents are accepted, and names outside its pattern are not`` (name: string, valid: bool) =
        Assert.Equal(valid, isOk (Validate.roleSessionName name))
        Assert.Equal(valid, Oracles.roleSessionName name)

    [<Property(MaxTest = Cases)>]
    let ``external ids: 2 to 1224 characters of the documented set, and never echoed`` () =
        Prop.forAll (Arb.fromGen externalIds) (fun s ->
            let result = Validate.externalId s
            let expected = Oracles.externalId s
            let silent = match result with
                         | Error e -> s.Length < 6 || not ((string e).Contains s)
                         | Ok _ -> true
            (isOk result = expected && silent) |> Prop.classify expected "valid" |> Prop.classify (not expected) "invalid")

    [<Theory>]
    [<InlineData("123ABC", true)>]
    [<InlineData("arn:aws:iam::123456789012:role/x", true)>]
    [<InlineData("Unique-ID_1.2@corp=+,", true)>]
    [<InlineData("x", false)>]
    [<InlineData("has space", false)>]
    [<InlineData("semi;colon", false)>]
    let ``the external ids STS documents are accepted, and ids outside its pattern are not`` (id: string, valid: bool) =
        Assert.Equal(valid, isOk (Validate.externalId id))
        Assert.Equal(valid, Oracles.externalId id)

    [<Fact>]
    let ``session names stop at 64 characters and external ids at 1224`` () =
        Assert.True(isOk (Validate.roleSessionName (String('a', 64))))
        Assert.False(isOk (Validate.roleSessionName (String('a', 65))))
        Assert.True(isOk (Validate.externalId (String('a', 1224))))
        Assert.False(isOk (Validate.externalId (String('a', 1225))))

    [<Theory>]
    [<InlineData(899.0, false)>]
    [<InlineData(900.0, true)>]
    [<InlineData(3600.0, true)>]
    [<InlineData(43200.0, true)>]
    [<InlineData(43201.0, false)>]
    [<InlineData(1000.5, false)>]
    let ``session durations are whole seconds from 900 to 43200`` (seconds: float, valid: bool) =
        Assert.Equal(valid, isOk (Validate.sessionDuration (TimeSpan.FromSeconds seconds)))

module ``Regions`` =

    [<Theory>]
    [<InlineData("us-east-1", true)>]
    [<InlineData("eu-central-2", true)>]
    [<InlineData("us-gov-west-1", true)>]
    [<InlineData("cn-northwest-1", true)>]
    [<InlineData("us-isob-east-1", true)>]
    [<InlineData("ap-southeast-7", true)>]
    [<InlineData("eusc-de-east-1", true)>]
    [<InlineData("aws-global", false)>]
    [<InlineData("US-EAST-1", false)>]
    [<InlineData("us-east", false)>]
    [<InlineData("", false)>]
    [<InlineData(null, false)>]
    let ``region names have the shape AWS uses and aws-global is refused`` (name: string, valid: bool) =
        Assert.Equal(valid, isOk (Validate.region name))

    [<Fact>]
    let ``the pseudo-region is explained`` () =
        Assert.Contains("pseudo-region", snd (rule (Validate.region "aws-global")))

module ``Refresh windows`` =

    [<Theory>]
    [<InlineData(300.0, null, true)>]
    [<InlineData(0.0, null, true)>]
    [<InlineData(-1.0, null, false)>]
    [<InlineData(1800.0, null, true)>]
    [<InlineData(1801.0, null, false)>]
    [<InlineData(3539.0, null, false)>]
    [<InlineData(300.0, 900.0, true)>]
    [<InlineData(450.0, 900.0, true)>]
    [<InlineData(451.0, 900.0, false)>]
    let ``a window is at most half the session, so fresh credentials serve at least half their life`` (window: float, duration: Nullable<float>, valid: bool) =
        let duration = if duration.HasValue then Nullable(TimeSpan.FromSeconds duration.Value) else Nullable()
        Assert.Equal(valid, isOk (Validate.refreshWindow (TimeSpan.FromSeconds window, duration)))

module ``EC2 ids`` =

    let private kinds = [ Ec2IdKind.Vpc; Ec2IdKind.Subnet; Ec2IdKind.NetworkInterface; Ec2IdKind.Instance
                          Ec2IdKind.TrafficMirrorSession; Ec2IdKind.TrafficMirrorTarget; Ec2IdKind.TrafficMirrorFilter ]

    [<Property(MaxTest = Cases)>]
    let ``an id is valid exactly when it is its kind's prefix and 8 or 17 lowercase hex digits`` () =
        Prop.forAll (Arb.fromGen ec2Ids) (fun (kind, text) ->
            let expected = Oracles.ec2Id kind text
            isOk (Validate.ec2Id (kind, text)) = expected |> Prop.classify expected "valid" |> Prop.classify (not expected) "invalid")

    [<Theory>]
    [<InlineData(0, "vpc-a01106c2", true)>]
    [<InlineData(0, "vpc-0a60eb65b4EXAMPLE", false)>]
    [<InlineData(1, "subnet-9d4a7b6c", true)>]
    [<InlineData(1, "subnet-0bb1c79de3f1a2b3c", true)>]
    [<InlineData(2, "eni-e5aa89a3", true)>]
    [<InlineData(3, "i-1234567890abcdef0", true)>]
    [<InlineData(3, "i-1234567", false)>]
    [<InlineData(3, "I-1234567890abcdef0", false)>]
    [<InlineData(4, "tms-0d1a2b3c4d5e6f708", true)>]
    [<InlineData(5, "tmt-01234567890abcdef", true)>]
    [<InlineData(6, "tmf-04812ff784b25ae67", true)>]
    [<InlineData(6, "tmt-04812ff784b25ae67", false)>]
    let ``ids in the form EC2's reference shows are accepted, and others are not`` (kind: int, id: string, valid: bool) =
        Assert.Equal(valid, isOk (Validate.ec2Id (enum<Ec2IdKind> kind, id)))
        Assert.Equal(valid, Oracles.ec2Id (enum<Ec2IdKind> kind) id)

    [<Fact>]
    let ``a kind outside the enum is a Left, not an exception`` () =
        Assert.False(isOk (Validate.ec2Id (enum<Ec2IdKind> 99, "vpc-01234567")))

module ``Endpoints`` =

    [<Theory>]
    [<InlineData("https://s3.example.internal", false, true)>]
    [<InlineData("http://127.0.0.1:4566", false, true)>]
    [<InlineData("http://localhost:9000/prefix", false, true)>]
    [<InlineData("http://[::1]:8080", false, true)>]
    [<InlineData("http://minio.lan:9000", false, false)>]
    [<InlineData("http://minio.lan:9000", true, true)>]
    [<InlineData("ftp://127.0.0.1", false, false)>]
    [<InlineData("127.0.0.1:4566", false, false)>]
    [<InlineData("/relative", false, false)>]
    [<InlineData(null, false, false)>]
    let ``endpoints are absolute http(s) URLs, plain http only to loopback unless allowed`` (url: string, allowInsecure: bool, valid: bool) =
        Assert.Equal(valid, isOk (Validate.endpoint (url, allowInsecure)))

    [<Fact>]
    let ``credentials in an endpoint URL are refused and never echoed`` () =
        let error = Validate.endpoint ("https://AKIDEXAMPLE:wJalrXUtnFEMI@s3.example.internal", false)
        let _, text = rule error
        Assert.Contains("user information", text)
        Assert.DoesNotContain("wJalrXUtnFEMI", string (match error with | Error e -> e | Ok _ -> failwith "ok"))

    [<Theory>]
    [<InlineData("https://s3.example.internal/?X-Amz-Security-Token=IQoJb3JpZ2luX2Vj", "query string")>]
    [<InlineData("https://s3.example.internal/path?a=b", "query string")>]
    [<InlineData("https://s3.example.internal/#fragment", "fragment")>]
    let ``query strings and fragments are refused and never echoed`` (url: string, fragment: string) =
        let error = Validate.endpoint (url, false)
        let _, text = rule error
        Assert.Contains(fragment, text)
        Assert.DoesNotContain("IQoJb3JpZ2luX2Vj", text)

/// What may be shown of a URL, written independently: the parts before any '?' or '#', without user information.
module SafeUrlOracle =
    let expected (scheme: string) (host: string) (port: int option) (path: string) =
        let port = match port with | Some p -> $":{p}" | None -> ""
        $"{scheme}://{host}{port}{path}"

module ``Safe URLs`` =

    let private secretish = Gen.elements [ "X-Amz-Security-Token=IQoJb3Jp"; "sig=abc%2Fdef"; "token=s3cr3t"; "a=b&c=d" ]

    [<Property(MaxTest = Cases)>]
    let ``a URL is shown as scheme, host, port and path only, whatever query, fragment or user information it has`` () =
        let parts =
            gen {
                let! scheme = Gen.elements [ "http"; "https" ]
                let! host = Gen.elements [ "127.0.0.1"; "s3.example.internal"; "localhost"; "minio.lan" ]
                let! port = Gen.elements [ None; Some 4566; Some 9000 ]
                let! path = Gen.elements [ ""; "/"; "/prefix"; "/a/b" ]
                let! user = Gen.elements [ ""; "AKIDEXAMPLE:wJalrXUtnFEMI@"; "user@" ]
                let! query = Gen.oneof [ Gen.constant ""; secretish |> Gen.map (fun q -> "?" + q) ]
                let! fragment = Gen.elements [ ""; "#frag"; "#token=s3cr3t" ]
                return scheme, host, port, path, user, query, fragment
            }
        Prop.forAll (Arb.fromGen parts) (fun (scheme, host, port, path, user, query, fragment) ->
            let portText = match port with | Some p -> $":{p}" | None -> ""
            let url = $"{scheme}://{user}{host}{portText}{path}{query}{fragment}"
            let shown = Validate.safeUrl url
            shown = SafeUrlOracle.expected scheme host port path
            && not (shown.Contains "wJalrXUtnFEMI") && not (shown.Contains "s3cr3t") && not (shown.Contains "IQoJ"))

    [<Fact>]
    let ``a URL that does not parse is not shown at all`` () =
        Assert.Equal("(an endpoint URL that does not parse)", Validate.safeUrl "not a url ?token=s3cr3t")
        Assert.Equal("(none)", Validate.safeUrl null)

module ``Option bounds`` =

    [<Theory>]
    [<InlineData(0.0, false)>]
    [<InlineData(0.001, true)>]
    [<InlineData(86400.0, true)>]
    [<InlineData(86400.001, false)>]
    [<InlineData(8640000.0, false)>]
    [<InlineData(-1.0, false)>]
    let ``timeouts and deadlines are from 1 ms to 24 hours`` (seconds: float, valid: bool) =
        let value = TimeSpan.FromSeconds seconds
        Assert.Equal(valid, isOk (Validate.timeout value))
        Assert.Equal(valid, isOk (Validate.callDeadline value))

    [<Theory>]
    [<InlineData(0.001, true)>]
    [<InlineData(3600.0, true)>]
    [<InlineData(3600.001, false)>]
    [<InlineData(0.0, false)>]
    let ``an idle timeout is from 1 ms to 1 hour`` (seconds: float, valid: bool) =
        Assert.Equal(valid, isOk (Validate.idleTimeout (TimeSpan.FromSeconds seconds)))

    [<Theory>]
    [<InlineData(-1, false)>]
    [<InlineData(0, true)>]
    [<InlineData(10, true)>]
    [<InlineData(11, false)>]
    let ``the SDK retries 0 to 10 times`` (retries: int, valid: bool) =
        Assert.Equal(valid, isOk (Validate.maxErrorRetry retries))

/// What may go into an HTTP header, written independently of the implementation (RFC 9110: field-name tokens;
/// field values of visible ASCII, space and tab).
module HeaderOracle =
    let tokenChar (c: char) = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf c >= 0
    let wireSafe (s: string) = s |> Seq.forall (fun c -> (c >= ' ' && c <= '~') || c = '\t')

module ``Header values`` =

    [<Theory>]
    [<InlineData("text/plain", true)>]
    [<InlineData("text/plain; charset=utf-8", true)>]
    [<InlineData("max-age=3600, public", true)>]
    [<InlineData("text/plain\r\nX-Injected: 1", false)>]
    [<InlineData("a\nb", false)>]
    [<InlineData("a\u0000b", false)>]
    [<InlineData("café", false)>]
    [<InlineData(" leading", false)>]
    [<InlineData(null, false)>]
    let ``a header value is printable ASCII without line breaks or control characters`` (value: string, valid: bool) =
        Assert.Equal(valid, isOk (Validate.headerValue ("content type", value)))

    [<Fact>]
    let ``a refused header value names the field`` () =
        let field, text = rule (Validate.headerValue ("cache control", "x\r\nSet-Cookie: a"))
        Assert.Equal("cache control", field)
        Assert.Contains("line break", text)

module ``User metadata`` =

    let private kv (k: string) (v: string) = Collections.Generic.KeyValuePair(k, v)

    let private anyValue =
        Gen.frequency [ 1, ArbMap.defaults |> ArbMap.generate<string>
                        4, Gen.elements [ "plain"; "Zoë"; "日本語"; "😀 emoji"; " padded "; "tab\there"; "=?UTF-8?B?eA==?="; "" ]
                        1, Gen.elements [ "a\r\nX-Evil: 1"; "\u0000"; "\n" ] ]

    let private anyKey =
        Gen.frequency [ 5, Gen.elements [ "owner"; "Owner-Team"; "a_b-c.d"; "k1"; "build#"; "x" ]
                        2, Gen.elements [ "x-amz-meta-owner"; "has space"; "has:colon"; ""; "ключ"; "line\nbreak" ]
                        1, ArbMap.defaults |> ArbMap.generate<string> ]

    [<Property(MaxTest = Cases)>]
    let ``whatever the caller gives, what reaches the wire is header-safe, and non-ASCII values come back as given`` () =
        Prop.forAll (Arb.fromGen (Gen.listOfLength 3 (Gen.zip anyKey anyValue))) (fun entries ->
            match Validate.userMetadata (entries |> List.map (fun (k, v) -> kv k v)) with
            | Ok sent ->
                sent |> Seq.forall (fun e -> e.Key.Length > 0 && Seq.forall HeaderOracle.tokenChar e.Key && HeaderOracle.wireSafe e.Value)
                && (sent |> Seq.map (fun e -> e.Key.Length + e.Value.Length) |> Seq.sum) <= 2048
                // Reading back what S3 stores gives exactly what was put.
                && (Seq.zip entries sent |> Seq.forall (fun ((_, v), e) -> S3Rules.decodeMetadataValue e.Value = v))
            | Error(InvalidInput(field, _)) -> field.StartsWith "metadata"
            | Error _ -> false)
        |> Prop.classify true "generated"

    [<Fact>]
    let ``generated metadata reaches both sides: accepted and refused entries`` () =
        let sample =
            Gen.listOfLength 1 (Gen.zip anyKey anyValue) |> Gen.sampleWithSeed (Rnd(7UL)) 20 400
            |> Array.map (fun entries -> isOk (Validate.userMetadata (entries |> List.map (fun (k, v) -> kv k v))))
        let accepted = sample |> Array.filter id |> Array.length
        Assert.InRange(accepted, 40, 360)

    [<Theory>]
    [<InlineData("owner", "a\r\nX-Injected: 1", "line break")>]
    [<InlineData("has space", "v", "no space, colon")>]
    [<InlineData("has:colon", "v", "no space, colon")>]
    [<InlineData("", "v", "must not be empty")>]
    [<InlineData("x-amz-meta-owner", "v", "prefix")>]
    [<InlineData("owner", null, "must not be null")>]
    let ``unsafe metadata is refused before any request, naming the key`` (key: string, value: string, fragment: string) =
        let _, text = rule (Validate.userMetadata [ kv key value ])
        Assert.Contains(fragment, text)

    [<Fact>]
    let ``keys that differ only in case are one key, and S3's 2 KB limit counts what is sent`` () =
        Assert.Contains("twice", snd (rule (Validate.userMetadata [ kv "Owner" "a"; kv "owner" "b" ])))
        Assert.Contains("2048", snd (rule (Validate.userMetadata [ kv "big" (String('x', 2100)) ])))
        Assert.True(isOk (Validate.userMetadata null))

    [<Fact>]
    let ``a non-ASCII value is sent RFC 2047-encoded, as S3 documents for REST`` () =
        match Validate.userMetadata [ kv "owner" "Zoë" ] with
        | Ok sent -> Assert.Equal("=?UTF-8?B?Wm/Dqw==?=", sent.[0].Value)
        | Error e -> failwith $"refused: {e}"

module ``Key segments`` =

    [<Theory>]
    [<InlineData("../x", false)>]
    [<InlineData("a/./b", false)>]
    [<InlineData("a/..", false)>]
    [<InlineData(".", false)>]
    [<InlineData("a/b/../../../etc", false)>]
    [<InlineData("..a/b", true)>]
    [<InlineData("a/.b", true)>]
    [<InlineData("a...b", true)>]
    [<InlineData("a/b/", true)>]
    let ``dot segments are refused by default, with the reason`` (key: string, valid: bool) =
        Assert.Equal(valid, isOk (Validate.objectKey key))
        Assert.True(isOk (Validate.objectKeyWith (key, true)))
        if not valid then Assert.Contains("'..' path segment", snd (rule (Validate.objectKey key)))
