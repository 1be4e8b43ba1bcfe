namespace AwsAio.Core

open System
open System.Collections.Generic
open System.Security.Cryptography
open System.Text

/// What EC2 said to a dry run of a mutating call: the caller may make it, or may not. Any other answer (throttling,
/// a missing resource, bad credentials) is not a permission answer and stays a <c>DomainError</c>.
type PermissionCheck =
    /// EC2 answered <c>DryRunOperation</c>: the call would have succeeded.
    | Allowed of Operation: string * Details: AwsErrorDetails
    /// EC2 answered <c>UnauthorizedOperation</c>. <c>EncodedMessage</c> is the encoded authorization failure message
    /// (decode it with STS DecodeAuthorizationMessage to learn which policy denied); empty when EC2 sent none.
    | Denied of Operation: string * EncodedMessage: string * Details: AwsErrorDetails

    /// One sentence for humans, naming the operation and the request id.
    override this.ToString() =
        let id (d: AwsErrorDetails) =
            match (AwsErrorDetails.Safe d).RequestId with
            | "" -> ""
            | r -> $" (request id {r})"
        match this with
        | Allowed(operation, d) -> $"EC2 {operation} is allowed{id d}."
        | Denied(operation, encoded, d) when String.IsNullOrEmpty encoded -> $"EC2 {operation} is denied{id d}."
        | Denied(operation, _, d) -> $"EC2 {operation} is denied{id d}; the encoded authorization message says why."

/// EC2's decisions: which interfaces may be mirrored, the inputs a mirror session needs, the idempotency token of a
/// mirror session, what a dry run's answer means, and how describe answers are read (CIDR states, zone states, an
/// answer that does not name the resource asked about).
[<RequireQualifiedAccess>]
module Ec2Rules =

    let private orEmpty (s: string | null) : string =
        match s with
        | null -> ""
        | s -> s

    /// The VXLAN id a mirror session gets when the caller names none (the original's default).
    [<Literal>]
    let DefaultVirtualNetworkId = 123

    /// The session number of every mirror session AwsAio creates (the original's; 1 is evaluated first).
    [<Literal>]
    let MirrorSessionNumber = 1

    /// The resource type EC2 tags a mirror session as, on creation.
    [<Literal>]
    let MirrorSessionResourceType = "traffic-mirror-session"

    /// ENI types that EC2 traffic mirroring refuses as a source.
    [<CompiledName("NonMirrorableEniTypes")>]
    let nonMirrorableEniTypes : IReadOnlyList<string> = [| "gateway_load_balancer_endpoint"; "nat_gateway" |]

    /// Whether traffic mirroring accepts an interface of this type as a source (EC2 adds types over time, so an
    /// unknown type is accepted and EC2 has the last word).
    /// <example><code>Ec2Rules.isMirrorable "nat_gateway" = false</code></example>
    [<CompiledName("IsMirrorable")>]
    let isMirrorable (eniType: string | null) : bool =
        match eniType with
        | null -> true
        | t -> not (nonMirrorableEniTypes |> Seq.contains t)

    /// A VXLAN id: 24 bits, 0 to 16777215 (RFC 7348).
    /// <example><code>Ec2Rules.virtualNetworkId 123 = Ok 123</code></example>
    [<CompiledName("VirtualNetworkId")>]
    let virtualNetworkId (vni: int) : Result<int, DomainError> =
        if vni < 0 || vni > 0xFFFFFF then Error(InvalidInput("virtual network id", $"must be 0 to 16777215 (was {vni})"))
        else Ok vni

    /// A caller's own idempotency token: 1 to 64 printable ASCII characters (EC2's limit).
    /// <example><code>Ec2Rules.clientTokenInput "retry-2" = Ok "retry-2"</code></example>
    [<CompiledName("ClientTokenInput")>]
    let clientTokenInput (token: string | null) : Result<string, DomainError> =
        match token with
        | null -> Error(InvalidInput("client token", "is required"))
        | t when t.Length < 1 || t.Length > 64 -> Error(InvalidInput("client token", $"must be 1 to 64 characters long (was {t.Length})"))
        | t when not (t |> Seq.forall (fun c -> c >= '!' && c <= '~')) ->
            Error(InvalidInput("client token", "may contain only printable ASCII characters without spaces"))
        | t -> Ok t

    /// Everything MirrorEni checks before its request, in the order reported: the interface and its id, the target,
    /// the filter, the VPC, the VXLAN id, the caller's token when given, and last that the interface type can be
    /// mirrored at all (<c>NonMirrorableEniType</c>).
    [<CompiledName("CheckMirror")>]
    let checkMirror (eni: NetworkInterface, trafficTarget: string | null, trafficFilter: string | null, vpcId: string | null,
                     vni: int, clientToken: string | null) : Result<unit, DomainError> =
        let ( >>= ) (r: Result<'a, DomainError>) (next: unit -> Result<'b, DomainError>) = r |> Result.bind (fun _ -> next ())
        match box eni with
        | null -> Error(InvalidInput("network interface", "is required"))
        | _ ->
            Validate.ec2Id (Ec2IdKind.NetworkInterface, eni.EniId)
            >>= fun () -> Validate.ec2Id (Ec2IdKind.TrafficMirrorTarget, trafficTarget)
            >>= fun () -> Validate.ec2Id (Ec2IdKind.TrafficMirrorFilter, trafficFilter)
            >>= fun () -> Validate.ec2Id (Ec2IdKind.Vpc, vpcId)
            >>= fun () -> virtualNetworkId vni
            >>= fun () -> (match clientToken with
                           | null -> Ok ""
                           | t -> clientTokenInput t)
            >>= fun () ->
                if isMirrorable eni.EniType then Ok() else Error(NonMirrorableEniType(eni.EniId, orEmpty eni.EniType))

    /// The Name tag of a mirror session: <c>{vpcId}-{eniId}</c>, as the original tagged it.
    /// <example><code>Ec2Rules.mirrorSessionName ("vpc-0a1b2c3d", "eni-0a1b2c3d") = "vpc-0a1b2c3d-eni-0a1b2c3d"</code></example>
    [<CompiledName("MirrorSessionName")>]
    let mirrorSessionName (vpcId: string | null, eniId: string | null) : string = $"{orEmpty vpcId}-{orEmpty eniId}"

    /// The idempotency token of a mirror session: a pure function of everything the request carries (interface,
    /// target, filter, VPC — hence the Name tag —, VXLAN id and session number), so that the same call repeated, by the
    /// SDK or by the caller, can never create a second session. 64 lowercase hex digits (EC2 allows 64 ASCII
    /// characters): the SHA-256 of the fields, each length-prefixed so that no two different inputs share an encoding.
    /// <example><code>(Ec2Rules.mirrorClientToken ("eni-0a1b2c3d", "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d", 123)).Length = 64</code></example>
    [<CompiledName("MirrorClientToken")>]
    let mirrorClientToken (eniId: string | null, trafficTarget: string | null, trafficFilter: string | null,
                           vpcId: string | null, vni: int) : string =
        let fields = [ "awsaio/CreateTrafficMirrorSession/v1"; orEmpty eniId; orEmpty trafficTarget; orEmpty trafficFilter
                       orEmpty vpcId; string vni; string MirrorSessionNumber ]
        let canonical = StringBuilder()
        for f in fields do
            canonical.Append(f.Length).Append(':').Append(f) |> ignore
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())) |> Convert.ToHexStringLower

    /// The encoded authorization failure message inside an <c>UnauthorizedOperation</c> message (what follows
    /// "Encoded authorization failure message:"); empty when there is none.
    /// <example><code>Ec2Rules.encodedAuthorizationMessage "Not authorized. Encoded authorization failure message: abc-_1" = "abc-_1"</code></example>
    [<CompiledName("EncodedAuthorizationMessage")>]
    let encodedAuthorizationMessage (message: string | null) : string =
        let marker = "Encoded authorization failure message:"
        let m = orEmpty message
        match m.IndexOf(marker, StringComparison.OrdinalIgnoreCase) with
        | -1 -> ""
        | i ->
            let rest = m.Substring(i + marker.Length).TrimStart()
            match rest |> Seq.tryFindIndex Char.IsWhiteSpace with
            | Some stop -> rest.Substring(0, stop)
            | None -> rest

    /// EC2's code without the <c>Client.</c> or <c>Server.</c> prefix some of its documents carry, lower-cased.
    let private bareCode (d: AwsErrorDetails) =
        let code = ErrorMapping.normaliseCode (d.Code, d.HttpStatus)
        if code.StartsWith("client.", StringComparison.Ordinal) then code.Substring 7
        elif code.StartsWith("server.", StringComparison.Ordinal) then code.Substring 7
        else code

    /// What the error answer to a dry run means. <c>DryRunOperation</c> is EC2's "it would have succeeded": Allowed,
    /// never an error. <c>UnauthorizedOperation</c> is Denied, with the encoded message when EC2 sent one. Anything else
    /// is the error it is — except that a dry run's outcome is never unknown (it changes nothing), so a lost answer is
    /// reported as its cause rather than as <c>OutcomeUnknown</c>.
    /// <example><code>Ec2Rules.dryRunOutcome ("DeleteTrafficMirrorSession", Unexpected(dryRunDetails, null)) // Ok Allowed</code></example>
    [<CompiledName("DryRunOutcome")>]
    let rec dryRunOutcome (operation: string, error: DomainError) : Result<PermissionCheck, DomainError> =
        match error with
        | e when isNull (box e) -> Error(Unexpected(AwsErrorDetails.NoResponse(Ec2Operations.Service, orEmpty operation), null))
        | OutcomeUnknown(cause, _) when not (isNull (box cause)) -> dryRunOutcome (operation, cause)
        | e ->
            let d = e.ErrorDetails
            match bareCode d with
            | "dryrunoperation" -> Ok(Allowed(orEmpty operation, d))
            | "unauthorizedoperation" -> Ok(Denied(orEmpty operation, encodedAuthorizationMessage d.Message, d))
            | _ -> Error e

    /// What a success answer to a dry run means: EC2 never answers a dry run with success, so the peer ignored the
    /// DryRun flag and the call may have taken effect. Reported as <c>MalformedResponse</c> saying so, never as a
    /// permission answer.
    [<CompiledName("DryRunAnsweredWithSuccess")>]
    let dryRunAnsweredWithSuccess (operation: string, resource: string | null, httpStatus: int, requestId: string | null)
                                  : Result<PermissionCheck, DomainError> =
        Error(MalformedResponse(
            "it answered a dry run with success, so the DryRun flag was ignored and the call may have taken effect",
            AwsErrorDetails.Of(Ec2Operations.Service, orEmpty operation, "", "success answer to a DryRun request", httpStatus,
                               orEmpty requestId).On(ErrorTarget.Of(orEmpty resource))))

    /// The IPv4 CIDR blocks of a VPC that are in use: those whose association state is <c>associating</c> or
    /// <c>associated</c> (EC2 also lists blocks being or already removed, and failed ones), in EC2's order.
    /// <example><code>Ec2Rules.cidrBlocks [ struct ("10.0.0.0/16", "associated"); struct ("10.1.0.0/16", "disassociated") ] // ["10.0.0.0/16"]</code></example>
    [<CompiledName("CidrBlocks")>]
    let cidrBlocks (associations: seq<struct ((string | null) * (string | null))>) : IReadOnlyList<string> =
        match box associations with
        | null -> Array.empty :> IReadOnlyList<string>
        | _ ->
            associations
            |> Seq.choose (fun struct (cidr, state) ->
                match cidr, state with
                | (null | ""), _ -> None
                | c, ("associating" | "associated") -> Some c
                | _ -> None)
            |> Array.ofSeq
            :> IReadOnlyList<string>

    /// A VPC as the domain sees it: owner, tenancy, and the CIDR blocks in use (see <see cref="cidrBlocks"/>).
    [<CompiledName("VpcDetailsOf")>]
    let vpcDetailsOf (vpcId: string | null, ownerId: string | null, tenancy: string | null,
                      associations: seq<struct ((string | null) * (string | null))>) : VpcDetails =
        { VpcId = orEmpty vpcId; OwnerId = orEmpty ownerId; CidrBlocks = cidrBlocks associations
          Tenancy = DomainNames.tenancy tenancy }

    /// The zone names of a DescribeAvailabilityZones answer: only zones whose state is <c>available</c> unless
    /// <paramref name="includeUnavailable"/>, without empty names or duplicates, sorted ordinally (stable for callers
    /// that spread resources across zones).
    /// <example><code>Ec2Rules.availabilityZones ([ struct ("us-east-1b", "available"); struct ("us-east-1a", "available") ], false) // a, b</code></example>
    [<CompiledName("AvailabilityZones")>]
    let availabilityZones (zones: seq<struct ((string | null) * (string | null))>, includeUnavailable: bool) : IReadOnlyList<string> =
        match box zones with
        | null -> Array.empty :> IReadOnlyList<string>
        | _ ->
            zones
            |> Seq.choose (fun struct (name, state) ->
                match name with
                | null | "" -> None
                | n when includeUnavailable || state = "available" -> Some n
                | _ -> None)
            |> Seq.distinct
            |> Seq.sortWith (fun a b -> String.CompareOrdinal(a, b))
            |> Array.ofSeq
            :> IReadOnlyList<string>

    /// An interface as the domain sees it; absent fields read as empty (the type is kept verbatim).
    [<CompiledName("NetworkInterfaceOf")>]
    let networkInterfaceOf (vpcId: string | null, subnetId: string | null, eniId: string | null, eniType: string | null)
                           : NetworkInterface =
        { VpcId = orEmpty vpcId; SubnetId = orEmpty subnetId; EniId = orEmpty eniId; EniType = orEmpty eniType }

    /// Where the resource asked about is in a describe answer that named it by id (DescribeVpcs with VpcIds, …).
    /// EC2 leaves out what does not exist for the caller (another account's instance, for one), so an empty answer is
    /// the not-found error of the resource's kind, carrying the answer's status and request id; an answer that lists
    /// only other resources is not an answer to the request (<c>MalformedResponse</c>).
    /// <example><code>Ec2Rules.findDescribed (Ec2IdKind.Vpc, "DescribeVpcs", "vpc-0a1b2c3d", [||], 200, "r") // Error VpcDoesNotExist</code></example>
    [<CompiledName("FindDescribed")>]
    let findDescribed (kind: Ec2IdKind, operation: string, id: string, describedIds: IReadOnlyList<string>, httpStatus: int,
                       requestId: string | null) : Result<int, DomainError> =
        let ids = match box describedIds with
                  | null -> Array.empty :> IReadOnlyList<string>
                  | _ -> describedIds
        let details message =
            AwsErrorDetails.Of(Ec2Operations.Service, orEmpty operation, "", message, httpStatus, orEmpty requestId)
                .On(ErrorTarget.Of(orEmpty id))
        match ids |> Seq.tryFindIndex (fun d -> String.Equals(d, id, StringComparison.Ordinal)) with
        | Some index -> Ok index
        | None when ids.Count = 0 ->
            let d = details "the answer lists nothing for this id (it does not exist, or not for this account)"
            match kind with
            | Ec2IdKind.Vpc -> Error(VpcDoesNotExist(orEmpty id, d))
            | Ec2IdKind.Instance -> Error(InstanceDoesNotExist(orEmpty id, d))
            | Ec2IdKind.TrafficMirrorSession -> Error(MirrorDoesNotExist(orEmpty id, d))
            | Ec2IdKind.Subnet -> Error(ResourceDoesNotExist("Subnet", orEmpty id, d))
            | Ec2IdKind.NetworkInterface -> Error(ResourceDoesNotExist("Network interface", orEmpty id, d))
            | other -> Error(ResourceDoesNotExist(Validate.ec2Prefix other, orEmpty id, d))
        | None ->
            Error(MalformedResponse($"it describes {ids.Count} other resource(s) but not '{orEmpty id}'",
                                    details "the answer does not name the resource asked about"))

    /// The id of the session CreateTrafficMirrorSession made; an answer without one is <c>MalformedResponse</c>, never
    /// an empty id.
    [<CompiledName("CreatedSessionId")>]
    let createdSessionId (eniId: string | null, sessionId: string | null, httpStatus: int, requestId: string | null)
                         : Result<string, DomainError> =
        match sessionId with
        | null | "" ->
            Error(MalformedResponse("it names no traffic mirror session",
                                    AwsErrorDetails.Of(Ec2Operations.Service, Ec2Operations.CreateTrafficMirrorSession, "",
                                                       "no TrafficMirrorSessionId in the answer", httpStatus, orEmpty requestId)
                                        .On(ErrorTarget.Of(orEmpty eniId))))
        | s -> Ok s

/// A mutating EC2 call that <c>CheckPermission</c> dry-runs, described with the arguments of the real call.
type Ec2DryRunCall =
    /// CreateTrafficMirrorSession as MirrorEni sends it.
    | CreateTrafficMirrorSession of Eni: NetworkInterface * TrafficTarget: string * TrafficFilter: string * VpcId: string * VirtualNetworkId: int
    /// DeleteTrafficMirrorSession as DeleteEniMirroring sends it.
    | DeleteTrafficMirrorSession of SessionId: string

    /// The EC2 operation the dry run asks about.
    member this.Operation =
        match this with
        | CreateTrafficMirrorSession _ -> Ec2Operations.CreateTrafficMirrorSession
        | DeleteTrafficMirrorSession _ -> Ec2Operations.DeleteTrafficMirrorSession

    /// The call MirrorEni makes for these arguments.
    static member MirrorEni(eni: NetworkInterface, trafficTarget: string, trafficFilter: string, vpcId: string,
                            [<System.Runtime.InteropServices.Optional;
                              System.Runtime.InteropServices.DefaultParameterValue(Ec2Rules.DefaultVirtualNetworkId)>] virtualNetworkId: int) =
        CreateTrafficMirrorSession(eni, trafficTarget, trafficFilter, vpcId, virtualNetworkId)

    /// The call DeleteEniMirroring makes for this session.
    static member DeleteEniMirroring(sessionId: string) = DeleteTrafficMirrorSession sessionId
