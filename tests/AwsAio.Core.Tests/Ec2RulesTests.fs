module AwsAio.Core.Tests.Ec2RulesTests

open System
open Xunit
open AwsAio.Core
open AwsAio.Core.Tests.Generators
open FsCheck.Xunit
open FsCheck
open FsCheck.FSharp

let private eni eniType = { VpcId = "vpc-0a1b2c3d"; SubnetId = "subnet-0a1b2c3d"; EniId = "eni-0a1b2c3d"; EniType = eniType }

/// Lowercase hex ids of EC2's two lengths.
let private hexId (prefix: string) : Gen<string> =
    gen {
        let! length = Gen.elements [ 8; 17 ]
        let! digits = Gen.arrayOfLength length (Gen.elements "0123456789abcdef")
        return $"{prefix}-{String digits}"
    }

let private details code status message =
    AwsErrorDetails.Of("EC2", "CreateTrafficMirrorSession", code, message, status, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")

module ``Mirrorable interfaces`` =

    [<Theory>]
    [<InlineData("nat_gateway", false)>]
    [<InlineData("gateway_load_balancer_endpoint", false)>]
    [<InlineData("interface", true)>]
    [<InlineData("lambda", true)>]
    [<InlineData(null, true)>]
    let ``NAT gateways and GWLB endpoints cannot be mirror sources`` (eniType: string, expected: bool) =
        Assert.Equal(expected, Ec2Rules.isMirrorable eniType)

    [<Property(MaxTest = Cases)>]
    let ``a non-mirrorable type is refused last and by name, whatever else is valid; every other type passes`` () =
        let inputs = Gen.zip (Gen.oneof [ Gen.elements [ "nat_gateway"; "gateway_load_balancer_endpoint"; "interface"; "efa"; "trunk" ]; anyString ])
                             (Gen.zip3 (hexId "tmt") (hexId "tmf") (hexId "vpc"))
        Prop.forAll (Arb.fromGen inputs) (fun (eniType, (target, filter, vpc)) ->
            match Ec2Rules.checkMirror (eni eniType, target, filter, vpc, 123, null) with
            | Ok() -> Ec2Rules.isMirrorable eniType
            | Error(NonMirrorableEniType(id, t)) -> not (Ec2Rules.isMirrorable eniType) && id = "eni-0a1b2c3d" && t = eniType
            | Error _ -> false)

    [<Fact>]
    let ``malformed ids, a VXLAN id out of range and a bad token are named before the interface type`` () =
        let field r =
            match r with
            | Error(InvalidInput(f, _)) -> f
            | other -> $"{other}"
        let nat = eni "nat_gateway"
        Assert.Equal("network interface", field (Ec2Rules.checkMirror (Unchecked.defaultof<_>, "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d", 1, null)))
        Assert.Equal("eni id", field (Ec2Rules.checkMirror ({ nat with EniId = "eni-XYZ" }, "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d", 1, null)))
        Assert.Equal("tmt id", field (Ec2Rules.checkMirror (nat, "tmf-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d", 1, null)))
        Assert.Equal("tmf id", field (Ec2Rules.checkMirror (nat, "tmt-0a1b2c3d", null, "vpc-0a1b2c3d", 1, null)))
        Assert.Equal("vpc id", field (Ec2Rules.checkMirror (nat, "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0A1B2C3D", 1, null)))
        Assert.Equal("virtual network id", field (Ec2Rules.checkMirror (nat, "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d", 16777216, null)))
        Assert.Equal("client token", field (Ec2Rules.checkMirror (nat, "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d", 1, "has space")))

    [<Theory>]
    [<InlineData(0, true)>]
    [<InlineData(16777215, true)>]
    [<InlineData(-1, false)>]
    [<InlineData(16777216, false)>]
    let ``a VXLAN id has 24 bits`` (vni: int, valid: bool) = Assert.Equal(valid, Result.isOk (Ec2Rules.virtualNetworkId vni))

    [<Theory>]
    [<InlineData("a", true)>]
    [<InlineData("retry-2026-11-24T10:00:00Z", true)>]
    [<InlineData("", false)>]
    [<InlineData("with space", false)>]
    [<InlineData("é", false)>]
    let ``a caller's client token is 1 to 64 printable ASCII characters`` (token: string, valid: bool) =
        Assert.Equal(valid, Result.isOk (Ec2Rules.clientTokenInput token))
        Assert.True(Result.isOk (Ec2Rules.clientTokenInput (String('x', 64))))
        Assert.False(Result.isOk (Ec2Rules.clientTokenInput (String('x', 65))))

    [<Fact>]
    let ``the session is named after its VPC and interface`` () =
        Assert.Equal("vpc-0a1b2c3d-eni-0a1b2c3d", Ec2Rules.mirrorSessionName ("vpc-0a1b2c3d", "eni-0a1b2c3d"))

module ``The mirror session's client token`` =

    let private inputs = Gen.zip3 (Gen.oneof [ hexId "eni"; anyString ]) (Gen.zip (hexId "tmt") (hexId "tmf"))
                                  (Gen.zip (Gen.oneof [ hexId "vpc"; anyString ]) (Gen.choose (0, 0xFFFFFF)))

    let private token (e, (t, f), (v, n)) = Ec2Rules.mirrorClientToken (e, t, f, v, n)

    [<Property(MaxTest = Cases)>]
    let ``the client token is a pure function of the inputs and distinct inputs give distinct tokens`` () =
        Prop.forAll (Arb.fromGen (Gen.zip inputs inputs)) (fun (a, b) ->
            let same = token a = token a && token b = token b
            let orEmpty (s: string) = match s with | null -> "" | s -> s
            let key (e, (t, f), (v, n)) = (orEmpty e, t, f, orEmpty v, n)
            same && ((key a = key b) = (token a = token b)))

    [<Property(MaxTest = Cases)>]
    let ``the client token fits EC2's limit: exactly 64 lowercase hex digits`` () =
        Prop.forAll (Arb.fromGen inputs) (fun i ->
            let t = token i
            t.Length = 64 && t |> Seq.forall Char.IsAsciiHexDigitLower && Result.isOk (Ec2Rules.clientTokenInput t))

    [<Fact>]
    let ``fields cannot bleed into each other: moving a character between fields changes the token`` () =
        Assert.NotEqual<string>(Ec2Rules.mirrorClientToken ("ab", "c", "f", "v", 1), Ec2Rules.mirrorClientToken ("a", "bc", "f", "v", 1))
        Assert.NotEqual<string>(Ec2Rules.mirrorClientToken ("e", "t", "f", "v", 12), Ec2Rules.mirrorClientToken ("e", "t", "f", "v1", 2))

    [<Fact>]
    let ``the token is stable across releases (a changed derivation would let a retry create a second session)`` () =
        // Computed independently: SHA-256 of "len:field" for each field, in Python's hashlib.
        Assert.Equal("69c57561dc07a46c6b34249f2e9fd431be1604c0629a29065f1aa595f63d8311",
                     Ec2Rules.mirrorClientToken ("eni-0a1b2c3d", "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d", 123))

module ``Dry runs`` =

    let private encoded = "mR08NOyRPjVfde9BZ_4YPDcmtO8Ojb5O9HlyX9Vxc2kK-x6Z1rwWuiGVK8"

    let private answers : Gen<DomainError> =
        let d code status message = details code status message
        Gen.oneof [
            Gen.elements [ Unexpected(d "DryRunOperation" 412 "Request would have succeeded, but DryRun flag is set.", null)
                           Unexpected(d "Client.DryRunOperation" 412 "", null)
                           AccessDenied(d "UnauthorizedOperation" 403 $"You are not authorized to perform this operation. Encoded authorization failure message: {encoded}")
                           AccessDenied(d "UnauthorizedOperation" 403 "You are not authorized to perform this operation.")
                           ResourceDoesNotExist("Network interface", "eni-0a1b2c3d", d "InvalidNetworkInterfaceID.NotFound" 400 "")
                           Throttled(d "RequestLimitExceeded" 503 "")
                           CredentialsUnavailable("x", "y", d "AuthFailure" 401 "")
                           Timeout(AwsErrorDetails.NoResponse("EC2", "CreateTrafficMirrorSession")) ]
            gen {
                let! details = anyDetails
                return Unexpected(details, null)
            } ]

    let private bare (d: AwsErrorDetails) =
        let c = ErrorMapping.normaliseCode (d.Code, d.HttpStatus)
        if c.StartsWith "client." then c.Substring 7 else c

    [<Property(MaxTest = Cases)>]
    let ``a dry-run answer is Allowed/Denied/Left, never an error for DryRunOperation`` () =
        Prop.forAll (Arb.fromGen (Gen.zip answers (Gen.elements [ true; false ]))) (fun (answer, lost) ->
            // A lost answer to a mutating operation is OutcomeUnknown; a dry run changes nothing, so it never is.
            let error = if lost then OutcomeUnknown(answer, "token") else answer
            match Ec2Rules.dryRunOutcome ("CreateTrafficMirrorSession", error) with
            | Ok(Allowed(op, d)) -> op = "CreateTrafficMirrorSession" && bare d = "dryrunoperation"
            | Ok(Denied(_, message, d)) -> bare d = "unauthorizedoperation" && message = Ec2Rules.encodedAuthorizationMessage d.Message
            | Error(OutcomeUnknown _) -> false
            | Error e -> e = answer && bare e.ErrorDetails <> "dryrunoperation" && bare e.ErrorDetails <> "unauthorizedoperation")

    [<Fact>]
    let ``UnauthorizedOperation is Denied carrying exactly the encoded message EC2 sent`` () =
        let message = $"You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/ops/x is not authorized to perform: ec2:CreateTrafficMirrorSession on resource: arn:aws:ec2:us-east-1:123456789012:traffic-mirror-session/* because no identity-based policy allows the ec2:CreateTrafficMirrorSession action. Encoded authorization failure message: {encoded}"
        match Ec2Rules.dryRunOutcome ("CreateTrafficMirrorSession", AccessDenied(details "UnauthorizedOperation" 403 message)) with
        | Ok(Denied(op, m, d)) ->
            Assert.Equal(("CreateTrafficMirrorSession", encoded, 403), (op, m, d.HttpStatus))
            Assert.Contains("denied", string (Denied(op, m, d)))
        | other -> failwith $"expected Denied, got {other}"

    [<Theory>]
    [<InlineData("Encoded authorization failure message: abc_-9 trailing", "abc_-9")>]
    [<InlineData("x. encoded authorization failure message:   AbC", "AbC")>]
    [<InlineData("You are not authorized to perform this operation.", "")>]
    [<InlineData(null, "")>]
    let ``the encoded message is the word after EC2's marker`` (message: string, expected: string) =
        Assert.Equal(expected, Ec2Rules.encodedAuthorizationMessage message)

    [<Fact>]
    let ``a success answer to a dry run is never a permission: the peer ignored DryRun`` () =
        match Ec2Rules.dryRunAnsweredWithSuccess ("DeleteTrafficMirrorSession", "tms-0a1b2c3d", 200, "R") with
        | Error(MalformedResponse(reason, d)) ->
            Assert.Contains("may have taken effect", reason)
            Assert.Equal(("DeleteTrafficMirrorSession", 200, "R", ErrorTarget.Of "tms-0a1b2c3d"), (d.Operation, d.HttpStatus, d.RequestId, d.Target))
        | other -> failwith $"expected MalformedResponse, got {other}"

    [<Fact>]
    let ``a dry-run call names the operation it stands for`` () =
        Assert.Equal("CreateTrafficMirrorSession", (Ec2DryRunCall.MirrorEni(eni "interface", "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d")).Operation)
        Assert.Equal("DeleteTrafficMirrorSession", (Ec2DryRunCall.DeleteEniMirroring "tms-0a1b2c3d").Operation)
        match Ec2DryRunCall.MirrorEni(eni "interface", "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d") with
        | CreateTrafficMirrorSession(_, _, _, _, vni) -> Assert.Equal(Ec2Rules.DefaultVirtualNetworkId, vni)
        | other -> failwith $"{other}"

module ``Reading describe answers`` =

    let private states = Gen.elements [ "associating"; "associated"; "disassociating"; "disassociated"; "failing"; "failed"; null; "" ]

    [<Property(MaxTest = Cases)>]
    let ``only associating and associated CIDR blocks are kept, in EC2's order`` () =
        let blocks = Gen.listOf (Gen.zip (Gen.oneof [ Gen.elements [ "10.0.0.0/16"; "10.1.0.0/16"; "172.16.0.0/12" ]; anyString ]) states)
        Prop.forAll (Arb.fromGen blocks) (fun bs ->
            let kept = Ec2Rules.cidrBlocks (bs |> List.map (fun (c, s) -> struct (c, s)))
            let expected = bs |> List.filter (fun (c, s) -> (s = "associating" || s = "associated") && not (String.IsNullOrEmpty c)) |> List.map fst
            List.ofSeq kept = expected)

    [<Fact>]
    let ``a VPC keeps its owner and tenancy and only the blocks in use`` () =
        let v = Ec2Rules.vpcDetailsOf ("vpc-1", "123456789012", "dedicated", [ struct ("10.0.0.0/16", "associated"); struct ("10.9.0.0/16", "disassociated") ])
        Assert.Equal<string seq>([ "10.0.0.0/16" ], v.CidrBlocks)
        Assert.Equal(("vpc-1", "123456789012", VpcTenancy.Dedicated), (v.VpcId, v.OwnerId, v.Tenancy))
        Assert.Empty(Ec2Rules.cidrBlocks null)

    [<Property(MaxTest = Cases)>]
    let ``zones come back sorted and distinct, available ones only unless asked otherwise`` () =
        let zones = Gen.listOf (Gen.zip (Gen.oneof [ Gen.elements [ "us-east-1a"; "us-east-1b"; "us-east-1c"; "us-east-1-bos-1a" ]; anyString ])
                                        (Gen.elements [ "available"; "unavailable"; "constrained"; "impaired"; null ]))
        Prop.forAll (Arb.fromGen (Gen.zip zones (Gen.elements [ true; false ]))) (fun (zs, all) ->
            let names = List.ofSeq (Ec2Rules.availabilityZones (zs |> List.map (fun (n, s) -> struct (n, s)), all))
            let expected =
                zs |> List.filter (fun (n, s) -> not (String.IsNullOrEmpty n) && (all || s = "available"))
                   |> List.map fst |> List.distinct |> List.sortWith (fun a b -> String.CompareOrdinal(a, b))
            names = expected)

    [<Fact>]
    let ``absent interface fields read as empty`` () =
        Assert.Equal({ VpcId = ""; SubnetId = ""; EniId = "eni-1"; EniType = "" }, Ec2Rules.networkInterfaceOf (null, null, "eni-1", null))

    [<Property(MaxTest = Cases)>]
    let ``an answer that names the id finds it; an empty one is not-found of the right kind; another id is malformed`` () =
        let kinds = Gen.elements [ Ec2IdKind.Vpc; Ec2IdKind.Instance; Ec2IdKind.Subnet; Ec2IdKind.NetworkInterface; Ec2IdKind.TrafficMirrorSession ]
        let ids = Gen.listOf (Gen.elements [ "x-1"; "x-2"; "x-3" ])
        Prop.forAll (Arb.fromGen (Gen.zip3 kinds ids (Gen.elements [ "x-1"; "x-2" ]))) (fun (kind, described, id) ->
            match Ec2Rules.findDescribed (kind, "DescribeX", id, Array.ofList described, 200, "R") with
            | Ok index -> described.[index] = id && List.findIndex ((=) id) described = index
            | Error e when described.IsEmpty ->
                let d = e.ErrorDetails
                e.Category = ErrorCategory.NotFound && d.HttpStatus = 200 && d.RequestId = "R" && d.Target = ErrorTarget.Of id
                && (match kind, e with
                    | Ec2IdKind.Vpc, VpcDoesNotExist(v, _) -> v = id
                    | Ec2IdKind.Instance, InstanceDoesNotExist(i, _) -> i = id
                    | Ec2IdKind.TrafficMirrorSession, MirrorDoesNotExist(s, _) -> s = id
                    | Ec2IdKind.Subnet, ResourceDoesNotExist("Subnet", r, _) -> r = id
                    | Ec2IdKind.NetworkInterface, ResourceDoesNotExist("Network interface", r, _) -> r = id
                    | _ -> false)
            | Error(MalformedResponse _) -> not (List.contains id described)
            | Error _ -> false)

    [<Fact>]
    let ``a created session without an id is malformed, never an empty id`` () =
        Assert.Equal(Ok "tms-0a1b2c3d", Ec2Rules.createdSessionId ("eni-1", "tms-0a1b2c3d", 200, "R"))
        Assert.True(match Ec2Rules.createdSessionId ("eni-1", "", 200, "R") with
                    | Error(MalformedResponse(_, d)) -> d.Target = ErrorTarget.Of "eni-1" && d.RequestId = "R"
                    | _ -> false)
