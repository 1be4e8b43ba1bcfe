using AwsAio.Core;
using LanguageExt;

namespace AwsAio;

/// <summary>Every <see cref="Ec2Interactions"/> call as an operation (<see cref="AwsOp{T}"/>): the same call, made
/// only when the operation runs, with the provider and token it runs with.</summary>
public static class Ec2Ops
{
    /// <summary><see cref="Ec2Interactions.GetSubnetsOfVpcAsync"/> as an operation.</summary>
    /// <param name="vpcId">The VPC.</param>
    public static AwsOp<Seq<string>> GetSubnetsOfVpc(string vpcId) =>
        AwsOp.Of((p, ct) => Ec2Interactions.GetSubnetsOfVpcAsync(vpcId, p, ct));

    /// <summary><see cref="Ec2Interactions.GetEnisOfSubnetAsync"/> as an operation.</summary>
    /// <param name="subnetId">The subnet.</param>
    public static AwsOp<Seq<NetworkInterface>> GetEnisOfSubnet(string subnetId) =>
        AwsOp.Of((p, ct) => Ec2Interactions.GetEnisOfSubnetAsync(subnetId, p, ct));

    /// <summary><see cref="Ec2Interactions.GetEnisOfInstanceAsync"/> as an operation.</summary>
    /// <param name="instanceId">The instance.</param>
    public static AwsOp<Seq<NetworkInterface>> GetEnisOfInstance(string instanceId) =>
        AwsOp.Of((p, ct) => Ec2Interactions.GetEnisOfInstanceAsync(instanceId, p, ct));

    /// <summary><see cref="Ec2Interactions.GetVpcDetailsAsync"/> as an operation.</summary>
    /// <param name="vpcId">The VPC.</param>
    public static AwsOp<VpcDetails> GetVpcDetails(string vpcId) =>
        AwsOp.Of((p, ct) => Ec2Interactions.GetVpcDetailsAsync(vpcId, p, ct));

    /// <summary><see cref="Ec2Interactions.GetAvailabilityZonesAsync"/> as an operation.</summary>
    /// <param name="includeUnavailable">Whether zones that are not available count too.</param>
    public static AwsOp<Seq<string>> GetAvailabilityZones(bool includeUnavailable = false) =>
        AwsOp.Of((p, ct) => Ec2Interactions.GetAvailabilityZonesAsync(p, includeUnavailable, ct));

    /// <summary><see cref="Ec2Interactions.MirrorEniAsync"/> as an operation (without a token of your own, every run —
    /// a retry included — carries the same token, derived from the inputs, so EC2 makes one session).</summary>
    /// <param name="eni">The interface to mirror.</param>
    /// <param name="trafficTarget">The mirror target.</param>
    /// <param name="trafficFilter">The mirror filter.</param>
    /// <param name="vpcId">The VPC.</param>
    /// <param name="virtualNetworkId">The VXLAN id.</param>
    /// <param name="clientToken">Your own idempotency token, or null for one derived from the inputs.</param>
    public static AwsOp<string> MirrorEni(
        NetworkInterface eni, string trafficTarget, string trafficFilter, string vpcId,
        int virtualNetworkId = Ec2Rules.DefaultVirtualNetworkId, string? clientToken = null) =>
        AwsOp.Of((p, ct) => Ec2Interactions.MirrorEniAsync(eni, trafficTarget, trafficFilter, vpcId, p, virtualNetworkId, clientToken, ct));

    /// <summary><see cref="Ec2Interactions.DeleteEniMirroringAsync"/> as an operation.</summary>
    /// <param name="sessionId">The mirror session.</param>
    public static AwsOp<Unit> DeleteEniMirroring(string sessionId) =>
        AwsOp.Of((p, ct) => Ec2Interactions.DeleteEniMirroringAsync(sessionId, p, ct));

    /// <summary><see cref="Ec2Interactions.CheckPermissionAsync"/> as an operation.</summary>
    /// <param name="call">The call to try as a dry run.</param>
    public static AwsOp<PermissionCheck> CheckPermission(Ec2DryRunCall call) =>
        AwsOp.Of((p, ct) => Ec2Interactions.CheckPermissionAsync(call, p, ct));
}
