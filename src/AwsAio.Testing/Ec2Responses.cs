using Amazon.EC2;
using Amazon.EC2.Model;
using FsCheck;
using FsCheck.Fluent;

namespace AwsAio.Testing;

/// <summary>
/// Generated EC2 answers for the calls AwsAio's EC2 wrappers make, as the v4 SDK returns them: every list (the
/// response's and every nested one) and nullable value may be null, ids may be empty or malformed, enums may hold
/// values this SDK version does not know, and <c>NextToken</c> may be null, empty or a token.
/// </summary>
public static class Ec2Responses
{
    /// <summary>An EC2 id with the given prefix (<c>vpc</c>, <c>subnet</c>, <c>eni</c>, <c>i</c>, <c>tms</c>, …): 8 or
    /// 17 hex digits, sometimes empty, malformed or null.</summary>
    /// <param name="prefix">The resource prefix.</param>
    public static Gen<string?> Id(string prefix) =>
        Gen.Frequency(
            (5, Gen.Elements("0123456789abcdef".ToCharArray()).ArrayOf().Select(cs => new string(cs))
                .Select(hex => (string?)$"{prefix}-{(hex.Length >= 17 ? hex[..17] : hex.PadRight(8, '0'))}")),
            (1, Gen.Elements<string?>("", $"{prefix}-", "not-an-id", null)));

    /// <summary>Tags: null, empty, or a few, with empty or null keys and values now and then.</summary>
    public static Gen<List<Tag>?> Tags() =>
        AwsGen.ListOrNull(
            from key in Gen.Elements<string?>("Name", "env", "aws:cloudformation:stack-name", "", null)
            from value in Gen.Elements<string?>("capture", "prod", "", null, "ünïcödé")
            select new Tag { Key = key, Value = value },
            3);

    /// <summary>A CIDR block: IPv4, sometimes malformed, empty or null.</summary>
    public static Gen<string?> Cidr() =>
        Gen.Elements<string?>("10.0.0.0/16", "10.0.1.0/24", "172.31.0.0/20", "0.0.0.0/0", "10.0.0.0/33", "", null);

    /// <summary>An availability zone name.</summary>
    public static Gen<string?> Zone() => Gen.Elements<string?>("us-east-1a", "eu-west-1b", "us-gov-west-1c", "", null);

    /// <summary>DescribeSubnets (one page).</summary>
    public static Gen<DescribeSubnetsResponse> DescribeSubnets() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.ListOrNull(Subnet()), (DescribeSubnetsResponse r, List<Subnet>? v) => r.Subnets = v),
            AwsGen.Field(AwsGen.TokenOrNull(), (DescribeSubnetsResponse r, string? v) => r.NextToken = v));

    /// <summary>A subnet.</summary>
    public static Gen<Subnet> Subnet() =>
        AwsGen.Object(() => new Subnet(),
            AwsGen.Field(Id("subnet"), (Subnet s, string? v) => s.SubnetId = v),
            AwsGen.Field(Id("vpc"), (Subnet s, string? v) => s.VpcId = v),
            AwsGen.Field(Cidr(), (Subnet s, string? v) => s.CidrBlock = v),
            AwsGen.Field(Zone(), (Subnet s, string? v) => s.AvailabilityZone = v),
            AwsGen.Field(AwsGen.OrNullValue(Gen.Choose(0, 65531)), (Subnet s, int? v) => s.AvailableIpAddressCount = v),
            AwsGen.Field(AwsGen.Flag(), (Subnet s, bool? v) => s.DefaultForAz = v),
            AwsGen.Field(AwsGen.Constant<SubnetState>([SubnetState.Available, SubnetState.Pending], SubnetState.FindValue),
                (Subnet s, SubnetState? v) => s.State = v),
            AwsGen.Field(Tags(), (Subnet s, List<Tag>? v) => s.Tags = v));

    /// <summary>DescribeVpcs (one page).</summary>
    public static Gen<DescribeVpcsResponse> DescribeVpcs() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.ListOrNull(Vpc(), 2), (DescribeVpcsResponse r, List<Vpc>? v) => r.Vpcs = v),
            AwsGen.Field(AwsGen.TokenOrNull(), (DescribeVpcsResponse r, string? v) => r.NextToken = v));

    /// <summary>A VPC.</summary>
    public static Gen<Vpc> Vpc() =>
        AwsGen.Object(() => new Vpc(),
            AwsGen.Field(Id("vpc"), (Vpc v, string? x) => v.VpcId = x),
            AwsGen.Field(Cidr(), (Vpc v, string? x) => v.CidrBlock = x),
            AwsGen.Field(AwsGen.ListOrNull(
                    from cidr in Cidr()
                    from association in Id("vpc-cidr-assoc")
                    select new VpcCidrBlockAssociation { CidrBlock = cidr, AssociationId = association }, 3),
                (Vpc v, List<VpcCidrBlockAssociation>? x) => v.CidrBlockAssociationSet = x),
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("123456789012", "")), (Vpc v, string? x) => v.OwnerId = x),
            AwsGen.Field(AwsGen.Constant<Tenancy>([Tenancy.Default, Tenancy.Dedicated, Tenancy.Host], Tenancy.FindValue),
                (Vpc v, Tenancy? x) => v.InstanceTenancy = x),
            AwsGen.Field(AwsGen.Flag(), (Vpc v, bool? x) => v.IsDefault = x),
            AwsGen.Field(AwsGen.Constant<VpcState>([VpcState.Available, VpcState.Pending], VpcState.FindValue), (Vpc v, VpcState? x) => v.State = x),
            AwsGen.Field(Tags(), (Vpc v, List<Tag>? x) => v.Tags = x));

    /// <summary>DescribeNetworkInterfaces (one page).</summary>
    public static Gen<DescribeNetworkInterfacesResponse> DescribeNetworkInterfaces() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.ListOrNull(NetworkInterface()), (DescribeNetworkInterfacesResponse r, List<NetworkInterface>? v) => r.NetworkInterfaces = v),
            AwsGen.Field(AwsGen.TokenOrNull(), (DescribeNetworkInterfacesResponse r, string? v) => r.NextToken = v));

    /// <summary>A network interface, of any type (mirrorable or not), attached or not.</summary>
    public static Gen<NetworkInterface> NetworkInterface() =>
        AwsGen.Object(() => new NetworkInterface(),
            AwsGen.Field(Id("eni"), (NetworkInterface n, string? v) => n.NetworkInterfaceId = v),
            AwsGen.Field(Id("subnet"), (NetworkInterface n, string? v) => n.SubnetId = v),
            AwsGen.Field(Id("vpc"), (NetworkInterface n, string? v) => n.VpcId = v),
            AwsGen.Field(AwsGen.Constant<NetworkInterfaceType>(
                    [NetworkInterfaceType.Interface, NetworkInterfaceType.NatGateway, NetworkInterfaceType.Gateway_load_balancer_endpoint,
                     NetworkInterfaceType.Lambda, NetworkInterfaceType.Efa, NetworkInterfaceType.Trunk, NetworkInterfaceType.Network_load_balancer],
                    NetworkInterfaceType.FindValue),
                (NetworkInterface n, NetworkInterfaceType? v) => n.InterfaceType = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("10.0.1.17", "", "fe80::1")), (NetworkInterface n, string? v) => n.PrivateIpAddress = v),
            AwsGen.Field(AwsGen.OrNull(
                    from instance in Id("i")
                    from index in AwsGen.OrNullValue(Gen.Choose(0, 15))
                    select new NetworkInterfaceAttachment { InstanceId = instance, DeviceIndex = index }),
                (NetworkInterface n, NetworkInterfaceAttachment? v) => n.Attachment = v),
            AwsGen.Field(AwsGen.ListOrNull(
                    from ip in AwsGen.OrNull(Gen.Elements("10.0.1.17", "10.0.1.18"))
                    from primary in AwsGen.Flag()
                    select new NetworkInterfacePrivateIpAddress { PrivateIpAddress = ip, Primary = primary }, 3),
                (NetworkInterface n, List<NetworkInterfacePrivateIpAddress>? v) => n.PrivateIpAddresses = v),
            AwsGen.Field(AwsGen.ListOrNull(Id("sg").Select(id => new GroupIdentifier { GroupId = id, GroupName = "default" }), 2),
                (NetworkInterface n, List<GroupIdentifier>? v) => n.Groups = v),
            AwsGen.Field(AwsGen.Constant<NetworkInterfaceStatus>([NetworkInterfaceStatus.Available, NetworkInterfaceStatus.InUse], NetworkInterfaceStatus.FindValue),
                (NetworkInterface n, NetworkInterfaceStatus? v) => n.Status = v),
            AwsGen.Field(Tags(), (NetworkInterface n, List<Tag>? v) => n.TagSet = v));

    /// <summary>DescribeInstances (one page): reservations, each with instances and their interfaces.</summary>
    public static Gen<DescribeInstancesResponse> DescribeInstances() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.ListOrNull(Reservation(), 2), (DescribeInstancesResponse r, List<Reservation>? v) => r.Reservations = v),
            AwsGen.Field(AwsGen.TokenOrNull(), (DescribeInstancesResponse r, string? v) => r.NextToken = v));

    /// <summary>A reservation with its instances.</summary>
    public static Gen<Reservation> Reservation() =>
        AwsGen.Object(() => new Reservation(),
            AwsGen.Field(Id("r"), (Reservation r, string? v) => r.ReservationId = v),
            AwsGen.Field(AwsGen.ListOrNull(Instance(), 2), (Reservation r, List<Instance>? v) => r.Instances = v));

    /// <summary>An instance with its network interfaces.</summary>
    public static Gen<Instance> Instance() =>
        AwsGen.Object(() => new Instance(),
            AwsGen.Field(Id("i"), (Instance i, string? v) => i.InstanceId = v),
            AwsGen.Field(Id("vpc"), (Instance i, string? v) => i.VpcId = v),
            AwsGen.Field(Id("subnet"), (Instance i, string? v) => i.SubnetId = v),
            AwsGen.Field(AwsGen.OrNull(
                    from code in AwsGen.OrNullValue(Gen.Elements(0, 16, 32, 48, 64, 80))
                    from name in AwsGen.Constant<InstanceStateName>(
                        [InstanceStateName.Pending, InstanceStateName.Running, InstanceStateName.Stopped, InstanceStateName.Terminated],
                        InstanceStateName.FindValue)
                    select new InstanceState { Code = code, Name = name }),
                (Instance i, InstanceState? v) => i.State = v),
            AwsGen.Field(AwsGen.ListOrNull(
                    from eni in Id("eni")
                    from subnet in Id("subnet")
                    from type in AwsGen.OrNull(Gen.Elements("interface", "efa", "trunk", ""))
                    select new InstanceNetworkInterface { NetworkInterfaceId = eni, SubnetId = subnet, InterfaceType = type }, 3),
                (Instance i, List<InstanceNetworkInterface>? v) => i.NetworkInterfaces = v),
            AwsGen.Field(Tags(), (Instance i, List<Tag>? v) => i.Tags = v));

    /// <summary>DescribeAvailabilityZones.</summary>
    public static Gen<DescribeAvailabilityZonesResponse> DescribeAvailabilityZones() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.ListOrNull(
                    AwsGen.Object(() => new AvailabilityZone(),
                        AwsGen.Field(Zone(), (AvailabilityZone z, string? v) => z.ZoneName = v),
                        AwsGen.Field(AwsGen.OrNull(Gen.Elements("use1-az1", "euw1-az2", "")), (AvailabilityZone z, string? v) => z.ZoneId = v),
                        AwsGen.Field(AwsGen.OrNull(Gen.Elements("us-east-1", "eu-west-1")), (AvailabilityZone z, string? v) => z.RegionName = v),
                        AwsGen.Field(AwsGen.OrNull(Gen.Elements("availability-zone", "local-zone", "wavelength-zone")), (AvailabilityZone z, string? v) => z.ZoneType = v),
                        AwsGen.Field(AwsGen.Constant<AvailabilityZoneState>(
                                [AvailabilityZoneState.Available, AvailabilityZoneState.Impaired, AvailabilityZoneState.Unavailable],
                                AvailabilityZoneState.FindValue),
                            (AvailabilityZone z, AvailabilityZoneState? v) => z.State = v))),
                (DescribeAvailabilityZonesResponse r, List<AvailabilityZone>? v) => r.AvailabilityZones = v));

    /// <summary>CreateTrafficMirrorSession: the session may be missing, or have missing parts.</summary>
    public static Gen<CreateTrafficMirrorSessionResponse> CreateTrafficMirrorSession() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.OrNull(AwsGen.Object(() => new TrafficMirrorSession(),
                    AwsGen.Field(Id("tms"), (TrafficMirrorSession s, string? v) => s.TrafficMirrorSessionId = v),
                    AwsGen.Field(Id("eni"), (TrafficMirrorSession s, string? v) => s.NetworkInterfaceId = v),
                    AwsGen.Field(Id("tmt"), (TrafficMirrorSession s, string? v) => s.TrafficMirrorTargetId = v),
                    AwsGen.Field(Id("tmf"), (TrafficMirrorSession s, string? v) => s.TrafficMirrorFilterId = v),
                    AwsGen.Field(AwsGen.OrNullValue(Gen.Choose(1, 32766)), (TrafficMirrorSession s, int? v) => s.SessionNumber = v),
                    AwsGen.Field(AwsGen.OrNullValue(Gen.Choose(0, 16777215)), (TrafficMirrorSession s, int? v) => s.VirtualNetworkId = v),
                    AwsGen.Field(Tags(), (TrafficMirrorSession s, List<Tag>? v) => s.Tags = v))),
                (CreateTrafficMirrorSessionResponse r, TrafficMirrorSession? v) => r.TrafficMirrorSession = v),
            AwsGen.Field(AwsGen.TextOrNull(), (CreateTrafficMirrorSessionResponse r, string? v) => r.ClientToken = v));

    /// <summary>DeleteTrafficMirrorSession.</summary>
    public static Gen<DeleteTrafficMirrorSessionResponse> DeleteTrafficMirrorSession() =>
        AwsGen.Response(
            AwsGen.Field(Id("tms"), (DeleteTrafficMirrorSessionResponse r, string? v) => r.TrafficMirrorSessionId = v));
}
