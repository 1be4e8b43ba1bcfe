namespace AwsAio.FSharp

open System.Threading
open System.Threading.Tasks
open AwsAio
open AwsAio.Core

/// Every <c>Ec2Interactions</c> call as <c>Task&lt;Result&lt;'T, DomainError&gt;&gt;</c> (lists as F# lists). For
/// operations, use <c>Ec2Ops</c> inside <c>awsOp { }</c>.
[<RequireQualifiedAccess>]
module Ec2 =

    let private listed (pending: Task<LanguageExt.Either<DomainError, LanguageExt.Seq<'T>>>) : Task<Result<'T list, DomainError>> =
        task {
            let! either = pending
            return Interop.toResult either |> Result.map List.ofSeq
        }

    /// The subnets of a VPC.
    let getSubnetsOfVpc (vpcId: string) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<string list, DomainError>> =
        Ec2Interactions.GetSubnetsOfVpcAsync(vpcId, provider, ct) |> listed

    /// The network interfaces of a subnet.
    let getEnisOfSubnet (subnetId: string) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<NetworkInterface list, DomainError>> =
        Ec2Interactions.GetEnisOfSubnetAsync(subnetId, provider, ct) |> listed

    /// The network interfaces of an instance.
    let getEnisOfInstance (instanceId: string) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<NetworkInterface list, DomainError>> =
        Ec2Interactions.GetEnisOfInstanceAsync(instanceId, provider, ct) |> listed

    /// A VPC's details.
    let getVpcDetails (vpcId: string) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<VpcDetails, DomainError>> =
        Ec2Interactions.GetVpcDetailsAsync(vpcId, provider, ct) |> Interop.ofTask

    /// The region's availability zones (the available ones, unless <paramref name="includeUnavailable"/>).
    let getAvailabilityZones (includeUnavailable: bool) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<string list, DomainError>> =
        Ec2Interactions.GetAvailabilityZonesAsync(provider, includeUnavailable, ct) |> listed

    /// Mirrors an interface's traffic; the token, when none is given, is derived from the inputs.
    let mirrorEni (eni: NetworkInterface) (trafficTarget: string) (trafficFilter: string) (vpcId: string) (clientToken: string option)
                  (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<string, DomainError>> =
        let token = match clientToken with Some t -> t | None -> Unchecked.defaultof<string>
        Ec2Interactions.MirrorEniAsync(eni, trafficTarget, trafficFilter, vpcId, provider, Ec2Rules.DefaultVirtualNetworkId, token, ct)
        |> Interop.ofTask

    /// Deletes a traffic mirror session.
    let deleteEniMirroring (sessionId: string) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<unit, DomainError>> =
        Ec2Interactions.DeleteEniMirroringAsync(sessionId, provider, ct) |> Interop.ofUnitTask

    /// Whether the caller may make a call, as an EC2 dry run answers it.
    let checkPermission (call: Ec2DryRunCall) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<PermissionCheck, DomainError>> =
        Ec2Interactions.CheckPermissionAsync(call, provider, ct) |> Interop.ofTask
