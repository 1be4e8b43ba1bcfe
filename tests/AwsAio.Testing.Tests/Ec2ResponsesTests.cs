using Amazon.EC2;
using Xunit;
using static AwsAio.Testing.Tests.Support.Sampling;

namespace AwsAio.Testing.Tests;

/// <summary>Generated EC2 answers have null lists at every level, null and empty tokens, odd ids and unknown enum
/// values, for every call the EC2 wrappers make.</summary>
public sealed class Ec2ResponsesTests
{
    [Fact]
    public void DescribeCalls_HaveNullEmptyAndFilledLists_AndNullEmptyAndRealTokens()
    {
        var subnets = Draw(Ec2Responses.DescribeSubnets());
        var vpcs = Draw(Ec2Responses.DescribeVpcs());
        var enis = Draw(Ec2Responses.DescribeNetworkInterfaces());
        var instances = Draw(Ec2Responses.DescribeInstances());
        var zones = Draw(Ec2Responses.DescribeAvailabilityZones());

        Assert.Contains(subnets, r => r.Subnets is null);
        Assert.Contains(subnets, r => r.Subnets is { Count: > 0 });
        Assert.Contains(vpcs, r => r.Vpcs is null);
        Assert.Contains(enis, r => r.NetworkInterfaces is null);
        Assert.Contains(instances, r => r.Reservations is null);
        Assert.Contains(zones, r => r.AvailabilityZones is null);
        Assert.Contains(subnets, r => r.NextToken is null);
        Assert.Contains(subnets, r => r.NextToken == "");
        Assert.Contains(subnets, r => r.NextToken is { Length: > 0 });
    }

    [Fact]
    public void NestedLists_AndNestedObjects_CanBeNullToo()
    {
        var vpcs = Draw(Ec2Responses.Vpc());
        var enis = Draw(Ec2Responses.NetworkInterface());
        var instances = Draw(Ec2Responses.Instance());
        var reservations = Draw(Ec2Responses.Reservation());

        Assert.Contains(vpcs, v => v.CidrBlockAssociationSet is null);
        Assert.Contains(vpcs, v => v.Tags is null);
        Assert.Contains(enis, e => e.Attachment is null);
        Assert.Contains(enis, e => e.PrivateIpAddresses is null);
        Assert.Contains(enis, e => e.Groups is null);
        Assert.Contains(instances, i => i.NetworkInterfaces is null);
        Assert.Contains(instances, i => i.State is null);
        Assert.Contains(reservations, r => r.Instances is null);
    }

    [Fact]
    public void Ids_AreSometimesEmptyOrMalformed_AndEnumsSometimesUnknown()
    {
        var enis = Draw(Ec2Responses.NetworkInterface());

        Assert.Contains(enis, e => e.NetworkInterfaceId is null);
        Assert.Contains(enis, e => e.NetworkInterfaceId == "");
        Assert.Contains(enis, e => e.NetworkInterfaceId is { } id && id.StartsWith("eni-", StringComparison.Ordinal) && id.Length > 8);
        Assert.Contains(enis, e => e.InterfaceType is null);
        Assert.Contains(enis, e => e.InterfaceType == NetworkInterfaceType.Interface);
        Assert.Contains(enis, e => e.InterfaceType is { Value: "FUTURE_VALUE" });
    }

    [Fact]
    public void TrafficMirrorSessions_MayComeBackWithoutTheSession()
    {
        var created = Draw(Ec2Responses.CreateTrafficMirrorSession());
        var deleted = Draw(Ec2Responses.DeleteTrafficMirrorSession());

        Assert.Contains(created, r => r.TrafficMirrorSession is null);
        Assert.Contains(created, r => r.TrafficMirrorSession is { TrafficMirrorSessionId: null });
        Assert.Contains(created, r => r.TrafficMirrorSession is { TrafficMirrorSessionId.Length: > 4 });
        Assert.Contains(deleted, r => r.TrafficMirrorSessionId is null);
    }
}
