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

/// The bucket-name rules, written out one by one and independently of the implementation.
module Oracle =
    let bucketName (s: string) =
        let allowed c = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c = '.' || c = '-'
        let alnum c = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        let ipLike =
            let parts = s.Split '.'
            parts.Length = 4 && parts |> Array.forall (fun p -> p.Length >= 1 && p.Length <= 3 && p |> Seq.forall Char.IsAsciiDigit)
        let lengthOk = s.Length >= 3 && s.Length <= 63
        lengthOk
        && Seq.forall allowed s
        && alnum s.[0] && alnum s.[s.Length - 1]
        && not (s.Contains "..")
        && not ipLike
        && not (s.StartsWith "xn--" || s.StartsWith "sthree-" || s.StartsWith "amzn-s3-demo-")
        && not (s.EndsWith "-s3alias" || s.EndsWith "--ol-s3" || s.EndsWith ".mrap" || s.EndsWith "--x-s3" || s.EndsWith "--table-s3")

    let charsIn (allowed: string) (s: string) = s |> Seq.forall (fun c -> Char.IsAsciiLetterOrDigit c || allowed.Contains c)

let private bucketCandidates : Gen<string> =
    let body = Gen.elements ([ 'a' .. 'z' ] @ [ '0' .. '9' ] @ [ '.'; '-'; '.'; '-' ])
    let odd = Gen.elements [ 'A'; '_'; ' '; 'é'; '/' ]
    let length = Gen.frequency [ 4, Gen.elements [ 1; 2; 3; 4; 62; 63; 64; 65 ]; 6, Gen.choose (0, 70) ]
    let plain =
        gen {
            let! n = length
            let! chars = Gen.arrayOfLength n (Gen.frequency [ 30, body; 1, odd ])
            return String chars
        }
    let decorated =
        gen {
            let! core = plain
            let! prefix = Gen.elements [ ""; "xn--"; "sthree-"; "amzn-s3-demo-"; "a"; "1." ]
            let! suffix = Gen.elements [ ""; "-s3alias"; "--ol-s3"; ".mrap"; "--x-s3"; "--table-s3"; "z" ]
            return prefix + core + suffix
        }
    let ipShaped =
        gen {
            let! parts = Gen.arrayOfLength 4 (Gen.choose (0, 999))
            let! extra = Gen.elements [ ""; ""; ".5"; "a" ]
            return String.Join(".", parts) + extra
        }
    Gen.frequency [ 5, plain; 3, decorated; 1, ipShaped ]

module ``Bucket names`` =

    [<Property(MaxTest = Cases)>]
    let ``validation agrees with the rule-by-rule oracle`` () =
        Prop.forAll (Arb.fromGen bucketCandidates) (fun name -> isOk (Validate.bucketName name) = Oracle.bucketName name)

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
    let ``a key is valid exactly when it is 1 to 1024 bytes of UTF-8`` () =
        let piece = Gen.elements [ "a"; "é"; "€"; "😀"; "/"; " " ]
        let key = gen {
            let! n = Gen.frequency [ 3, Gen.choose (0, 300); 1, Gen.choose (1000, 1030) ]
            let! parts = Gen.arrayOfLength n piece
            return String.Concat parts }
        Prop.forAll (Arb.fromGen key) (fun k ->
            let bytes = Encoding.UTF8.GetByteCount k
            isOk (Validate.objectKey k) = (bytes >= 1 && bytes <= 1024))

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

    let private stsString = Gen.frequency [ 3, Gen.elements ([ 'a' .. 'z' ] @ [ 'A'; 'Z'; '0'; '9'; '_'; '+'; '='; ','; '.'; '@'; '-'; ':'; '/' ])
                                            1, Gen.elements [ ' '; 'é'; '!'; '#'; '\n' ] ]
    let private ofLength (lengths: Gen<int>) = gen {
        let! n = lengths
        let! chars = Gen.arrayOfLength n stsString
        return String chars }

    [<Property(MaxTest = Cases)>]
    let ``session names: 2 to 64 characters of the documented set`` () =
        Prop.forAll (Arb.fromGen (ofLength (Gen.frequency [ 2, Gen.elements [ 0; 1; 2; 3; 63; 64; 65 ]; 3, Gen.choose (0, 70) ]))) (fun s ->
            isOk (Validate.roleSessionName s) = (s.Length >= 2 && s.Length <= 64 && Oracle.charsIn "_+=,.@-" s))

    [<Property(MaxTest = Cases)>]
    let ``external ids: 2 to 1224 characters of the documented set, and never echoed`` () =
        Prop.forAll (Arb.fromGen (ofLength (Gen.frequency [ 2, Gen.elements [ 0; 1; 2; 3; 1223; 1224; 1225 ]; 3, Gen.choose (0, 40) ]))) (fun s ->
            let result = Validate.externalId s
            let agrees = isOk result = (s.Length >= 2 && s.Length <= 1224 && Oracle.charsIn "_+=,.@:/-" s)
            let silent = match result with
                         | Error e -> s.Length < 6 || not ((string e).Contains s)
                         | Ok _ -> true
            agrees && silent)

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
        let id = gen {
            let! kind = Gen.elements kinds
            let! prefixKind = Gen.frequency [ 4, Gen.constant kind; 1, Gen.elements kinds ]
            let! n = Gen.elements [ 7; 8; 9; 16; 17; 18 ]
            let! digits = Gen.arrayOfLength n (Gen.frequency [ 20, Gen.elements ([ '0' .. '9' ] @ [ 'a' .. 'f' ]); 1, Gen.elements [ 'A'; 'g'; '-' ] ])
            return kind, $"{Validate.ec2Prefix prefixKind}-{String digits}" }
        Prop.forAll (Arb.fromGen id) (fun (kind, text) ->
            let prefix = Validate.ec2Prefix kind + "-"
            let hex = if text.StartsWith prefix then text.Substring prefix.Length else "?"
            let expected = (hex.Length = 8 || hex.Length = 17) && hex |> Seq.forall (fun c -> Char.IsAsciiDigit c || (c >= 'a' && c <= 'f'))
            isOk (Validate.ec2Id (kind, text)) = expected)

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
