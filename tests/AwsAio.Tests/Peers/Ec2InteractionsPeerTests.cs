using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;
using static AwsAio.Tests.Peers.Ec2WireDocuments;
using NetworkInterface = AwsAio.Core.NetworkInterface;

namespace AwsAio.Tests.Peers;

/// <summary>
/// The EC2 wrappers over the wire: the real SDK client (signing, retries, query-protocol marshalling and XML
/// unmarshalling) through a real provider with an endpoint override, against WireMock on loopback serving EC2's own
/// documents. Asserts what the SDK put in the form (Action, filters, NextToken, DryRun, ClientToken, tags) and what the
/// wrappers made of each answer.
/// </summary>
public sealed class Ec2InteractionsPeerTests : IDisposable
{
    private const string VpcId = "vpc-0a1b2c3d4e5f60718";
    private const string SubnetId = "subnet-0a1b2c3d4e5f60718";
    private const string InstanceId = "i-0123456789abcdef0";
    private const string Target = "tmt-0a1b2c3d4e5f60718";
    private const string Filter = "tmf-0a1b2c3d4e5f60718";
    private const string SessionId = "tms-0a1b2c3d4e5f60718";
    private const string EncodedMessage = "yAKhs0aBjn2xzX3H8u2DXd1mPq-sN7Vf_qT9Q3wZ2jL0oV4mY8rE6cB1dK5gH7xI9uT3pQ0wS2aZ4vN6mL8kJ1hG3fD5sA7";

    private static readonly NetworkInterface Eni = new(VpcId, SubnetId, "eni-0a1b2c3d4e5f60718", "interface");

    private readonly AwsWireStub _stub = new();

    public void Dispose() => _stub.Dispose();

    private AwsClientProvider Provider(int? maxErrorRetry = 0, TimeSpan? deadline = null) => AwsClientProvider.Create(new AwsClientProviderOptions
    {
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wire-secret-wJalrXUtnFEMI"),
        Region = "us-east-1",
        Endpoint = new EndpointOverride(_stub.Url),
        MaxErrorRetry = maxErrorRetry,
        CallDeadline = deadline,
    }).Right();

    [Fact]
    public async Task GetSubnetsOfVpc_FollowsAThreePageNextTokenChain_SendingTheSameFilterAndEachTokenVerbatim()
    {
        // Real tokens are opaque base64: '+', '/' and '=' must survive the form encoding.
        const string page2 = "eyJ2IjoiMiIsImMiOiJhYmMrL2RlZj0ifQ==";
        const string page3 = "AAEAAb+/c3VibmV0LTAw/3=";
        _stub.Ec2("DescribeSubnets", form => form.GetValueOrDefault("NextToken") switch
        {
            null => Subnets(VpcId, page2, "subnet-00000001", "subnet-00000002"),
            page2 => Subnets(VpcId, page3),
            page3 => Subnets(VpcId, null, "subnet-00000003"),
            var other => Error(400, "InvalidPaginationToken", $"The token '{other}' is invalid."),
        });
        using var provider = Provider();

        var subnets = await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, provider).Right();

        Assert.Equal(["subnet-00000001", "subnet-00000002", "subnet-00000003"], subnets.ToArray());
        var forms = _stub.Forms("DescribeSubnets");
        Assert.Equal([null, page2, page3], forms.Select(f => f.GetValueOrDefault("NextToken")));
        Assert.All(forms, f =>
        {
            Assert.Equal(("vpc-id", VpcId, "2016-11-15"), (f["Filter.1.Name"], f["Filter.1.Value.1"], f["Version"]));
            Assert.False(f.ContainsKey("Filter.2.Name"));
            Assert.False(f.ContainsKey("MaxResults"));
        });
        Assert.Equal(0, _stub.Count("DescribeVpcs"));
    }

    [Fact]
    public async Task GetSubnetsOfVpc_ForAVpcWithoutSubnets_IsEmpty_AndForAnUnknownVpc_IsVpcDoesNotExist_FromEc2sErrorDocument()
    {
        const string unknown = "vpc-99999999";
        _stub.Ec2("DescribeSubnets", _ => Subnets(VpcId, null))
            .Ec2("DescribeVpcs", form => form["VpcId.1"] == VpcId
                ? Vpc(VpcId, "default", ("10.0.0.0/16", "associated"))
                : Error(400, "InvalidVpcID.NotFound", $"The vpc ID '{unknown}' does not exist", "b7e2c1aa-0000-4000-8000-0000000000aa"));
        using var provider = Provider();

        Assert.Empty(await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, provider).Right());
        var error = await Ec2Interactions.GetSubnetsOfVpcAsync(unknown, provider).Left();

        var missing = Assert.IsType<DomainError.VpcDoesNotExist>(error);
        Assert.Equal(unknown, missing.VpcId);
        Assert.Equal(("DescribeVpcs", "InvalidVpcID.NotFound", 400, "b7e2c1aa-0000-4000-8000-0000000000aa"),
            (missing.Details.Operation, missing.Details.Code, missing.Details.HttpStatus, missing.Details.RequestId));
        Assert.Equal([VpcId, unknown], _stub.Forms("DescribeVpcs").Select(f => f["VpcId.1"]));
    }

    [Fact]
    public async Task GetEnisOfSubnet_ReadsEveryPageOfInterfaces_WithTheirTypes()
    {
        _stub.Ec2("DescribeNetworkInterfaces", form => form.ContainsKey("NextToken")
            ? Interfaces(SubnetId, VpcId, null, ("eni-00000003", "gateway_load_balancer_endpoint"))
            : Interfaces(SubnetId, VpcId, "next-1", ("eni-00000001", "interface"), ("eni-00000002", "nat_gateway")));
        using var provider = Provider();

        var enis = await Ec2Interactions.GetEnisOfSubnetAsync(SubnetId, provider).Right();

        Assert.Equal([new NetworkInterface(VpcId, SubnetId, "eni-00000001", "interface"), new NetworkInterface(VpcId, SubnetId, "eni-00000002", "nat_gateway"),
            new NetworkInterface(VpcId, SubnetId, "eni-00000003", "gateway_load_balancer_endpoint")], enis.ToArray());
        Assert.All(_stub.Forms("DescribeNetworkInterfaces"), f => Assert.Equal(("subnet-id", SubnetId), (f["Filter.1.Name"], f["Filter.1.Value.1"])));
        Assert.Equal([null, "next-1"], _stub.Forms("DescribeNetworkInterfaces").Select(f => f.GetValueOrDefault("NextToken")));
    }

    [Fact]
    public async Task GetEnisOfInstance_ReadsTheInstancesInterfaces_AndAnUnknownInstanceIsInstanceDoesNotExist()
    {
        _stub.Ec2("DescribeInstances", form => form["InstanceId.1"] == InstanceId
            ? Instance(InstanceId, SubnetId, VpcId, ("eni-00000001", "interface"), ("eni-00000002", "efa"))
            : Error(400, "InvalidInstanceID.NotFound", $"The instance ID '{form["InstanceId.1"]}' does not exist"));
        using var provider = Provider();

        var enis = await Ec2Interactions.GetEnisOfInstanceAsync(InstanceId, provider).Right();
        var error = await Ec2Interactions.GetEnisOfInstanceAsync("i-0fffffffffffffff0", provider).Left();

        Assert.Equal([new NetworkInterface(VpcId, SubnetId, "eni-00000001", "interface"), new NetworkInterface(VpcId, SubnetId, "eni-00000002", "efa")],
            enis.ToArray());
        Assert.Equal("i-0fffffffffffffff0", Assert.IsType<DomainError.InstanceDoesNotExist>(error).InstanceId);
    }

    [Fact]
    public async Task GetVpcDetails_ReadsOwnerTenancy_AndOnlyTheCidrBlocksInUse()
    {
        _stub.Ec2("DescribeVpcs", _ => Vpc(VpcId, "dedicated", ("10.0.0.0/16", "associated"), ("10.1.0.0/16", "disassociated"),
            ("10.2.0.0/16", "associating"), ("10.3.0.0/16", "failed")));
        using var provider = Provider();

        var vpc = await Ec2Interactions.GetVpcDetailsAsync(VpcId, provider).Right();

        Assert.Equal((VpcId, AwsWireStub.Account, VpcTenancy.Dedicated), (vpc.VpcId, vpc.OwnerId, vpc.Tenancy));
        Assert.Equal(["10.0.0.0/16", "10.2.0.0/16"], vpc.CidrBlocks);
        Assert.Equal(VpcId, Assert.Single(_stub.Forms("DescribeVpcs"))["VpcId.1"]);
    }

    [Fact]
    public async Task GetAvailabilityZones_ReadsZoneStates_KeepingTheAvailableOnesSorted()
    {
        _stub.Ec2("DescribeAvailabilityZones", _ => Zones(("us-east-1c", "available"), ("us-east-1a", "available"),
            ("us-east-1e", "unavailable"), ("us-east-1b", "constrained")));
        using var provider = Provider();

        Assert.Equal(["us-east-1a", "us-east-1c"], (await Ec2Interactions.GetAvailabilityZonesAsync(provider).Right()).ToArray());
        Assert.Equal(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1e"],
            (await Ec2Interactions.GetAvailabilityZonesAsync(provider, includeUnavailable: true).Right()).ToArray());
    }

    [Fact]
    public async Task MirrorEni_SendsTheSessionWithItsTagAndDerivedClientToken_AndReadsTheSessionId()
    {
        _stub.Ec2("CreateTrafficMirrorSession", form => MirrorSession(SessionId, form));
        using var provider = Provider();

        var session = await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, provider).Right();

        Assert.Equal(SessionId, session);
        var form = Assert.Single(_stub.Forms("CreateTrafficMirrorSession"));
        Assert.Equal(Eni.EniId, form["NetworkInterfaceId"]);
        Assert.Equal((Target, Filter, "1", "123"), (form["TrafficMirrorTargetId"], form["TrafficMirrorFilterId"], form["SessionNumber"], form["VirtualNetworkId"]));
        Assert.Equal(("traffic-mirror-session", "Name", $"{VpcId}-{Eni.EniId}"),
            (form["TagSpecification.1.ResourceType"], form["TagSpecification.1.Tag.1.Key"], form["TagSpecification.1.Tag.1.Value"]));
        Assert.Equal(Ec2Rules.MirrorClientToken(Eni.EniId, Target, Filter, VpcId, 123), form["ClientToken"]);
        Assert.False(form.ContainsKey("DryRun"));
    }

    [Fact]
    public async Task MirrorEni_RetriedByTheSdkAfterA503_SendsTheSameClientTokenEachTime()
    {
        var answered = 0;
        _stub.Ec2("CreateTrafficMirrorSession", form => Interlocked.Increment(ref answered) == 1
            ? Error(503, "Unavailable", "The service is unavailable. Please try again shortly.")
            : MirrorSession(SessionId, form));
        using var provider = Provider(maxErrorRetry: 2);

        Assert.Equal(SessionId, await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, provider).Right());

        var tokens = _stub.Forms("CreateTrafficMirrorSession").Select(f => f["ClientToken"]).ToArray();
        Assert.Equal(2, tokens.Length);
        Assert.Single(tokens.Distinct());
    }

    [Fact]
    public async Task MirrorEni_WhenNoAnswerComesWithinTheDeadline_IsOutcomeUnknown_WithTheTokenToRepeatItWith()
    {
        // The peer receives the request, then holds its answer until the test is done with it.
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var release = new ManualResetEventSlim();
        _stub.Ec2("CreateTrafficMirrorSession", form =>
        {
            received.Enqueue(form["ClientToken"]);
            release.Wait(TimeSpan.FromSeconds(30));
            return MirrorSession(SessionId, form);
        });
        _stub.Ec2("DescribeAvailabilityZones", _ => Zones(("us-east-1a", "available")));
        using var provider = Provider(deadline: TimeSpan.FromSeconds(5));
        // Warm calls first (client built, credentials resolved), so that the deadline below bounds the request alone
        // however loaded the test host is.
        for (var warm = 0; warm < 5 && (await Ec2Interactions.GetAvailabilityZonesAsync(provider)).IsLeft; warm++)
        {
        }

        var error = await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, provider).Left();
        release.Set();

        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(error);
        Assert.IsType<DomainError.Timeout>(unknown.Cause);
        Assert.Equal(Assert.Single(received), unknown.ClientToken);
        Assert.Equal(Ec2Rules.MirrorClientToken(Eni.EniId, Target, Filter, VpcId, 123), unknown.ClientToken);
    }

    [Fact]
    public async Task MirrorEni_WhenThePeerHangsUpAfterReadingTheRequest_IsOutcomeUnknown_WithTheTokenToRepeatItWith()
    {
        await using var peer = new HangUpPeer();
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wire-secret-wJalrXUtnFEMI"),
            Region = "us-east-1", Endpoint = new EndpointOverride(peer.Url), MaxErrorRetry = 0,
        }).Right();

        var error = await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, provider).Left();

        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(error);
        Assert.IsType<DomainError.Transport>(unknown.Cause);
        // .NET's HTTP stack itself sends the request again when a connection closes before any answer (up to ten
        // times, whatever the SDK's MaxErrorRetry says): every copy carries the same token, so EC2 makes one session.
        var forms = peer.Bodies.Select(Form).ToList();
        Assert.NotEmpty(forms);
        Assert.All(forms, f => Assert.Equal(("CreateTrafficMirrorSession", unknown.ClientToken), (f["Action"], f["ClientToken"])));
        Assert.Equal(Ec2Rules.MirrorClientToken(Eni.EniId, Target, Filter, VpcId, 123), unknown.ClientToken);
        Assert.Contains($"repeating it with client token '{unknown.ClientToken}' is safe", error.ToString());
    }

    [Fact]
    public async Task DeleteEniMirroring_DeletesTheSession_AndAnUnknownSessionIsMirrorDoesNotExist()
    {
        var deleted = false;
        _stub.Ec2("DeleteTrafficMirrorSession", form =>
        {
            if (deleted) return Error(400, "InvalidTrafficMirrorSessionId.NotFound", $"The traffic mirror session ID '{form["TrafficMirrorSessionId"]}' does not exist.");
            deleted = true;
            return MirrorDeleted(form["TrafficMirrorSessionId"]);
        });
        using var provider = Provider();

        await Ec2Interactions.DeleteEniMirroringAsync(SessionId, provider).Right();
        var again = await Ec2Interactions.DeleteEniMirroringAsync(SessionId, provider).Left();

        Assert.Equal(SessionId, Assert.IsType<DomainError.MirrorDoesNotExist>(again).SessionId);
        Assert.All(_stub.Forms("DeleteTrafficMirrorSession"), f => Assert.Equal(SessionId, f["TrafficMirrorSessionId"]));
    }

    [Fact]
    public async Task CheckPermission_ForMirrorEni_SendsTheRealCallWithDryRun_AndReadsDryRunOperation412AsAllowed()
    {
        _stub.Ec2("CreateTrafficMirrorSession", form => form.GetValueOrDefault("DryRun") == "true"
            ? Error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", "dry-run-0001")
            : MirrorSession(SessionId, form));
        using var provider = Provider(maxErrorRetry: 3);

        var check = await Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.MirrorEni(Eni, Target, Filter, VpcId), provider).Right();

        var allowed = Assert.IsType<PermissionCheck.Allowed>(check);
        Assert.Equal(("CreateTrafficMirrorSession", "dry-run-0001", 412), (allowed.Operation, allowed.Details.RequestId, allowed.Details.HttpStatus));
        var form = Assert.Single(_stub.Forms("CreateTrafficMirrorSession")); // the SDK does not retry a 412
        Assert.Equal("true", form["DryRun"]);
        Assert.Equal((Eni.EniId, Target, Filter, "1", "123", $"{VpcId}-{Eni.EniId}"), (form["NetworkInterfaceId"], form["TrafficMirrorTargetId"],
            form["TrafficMirrorFilterId"], form["SessionNumber"], form["VirtualNetworkId"], form["TagSpecification.1.Tag.1.Value"]));
        // The SDK fills an idempotency token it is not given with a fresh GUID: the dry run never spends the real call's.
        Assert.True(Guid.TryParse(form["ClientToken"], out _), form["ClientToken"]);
        Assert.NotEqual(Ec2Rules.MirrorClientToken(Eni.EniId, Target, Filter, VpcId, 123), form["ClientToken"]);
    }

    [Fact]
    public async Task CheckPermission_ForDeleteEniMirroring_ReadsUnauthorizedOperation403AsDenied_WithTheEncodedMessage()
    {
        _stub.Ec2("DeleteTrafficMirrorSession", _ => Error(403, "UnauthorizedOperation",
            "You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/ops/awsaio is not authorized to perform: "
            + $"ec2:DeleteTrafficMirrorSession on resource: arn:aws:ec2:us-east-1:123456789012:traffic-mirror-session/{SessionId} because no "
            + $"identity-based policy allows the ec2:DeleteTrafficMirrorSession action. Encoded authorization failure message: {EncodedMessage}"));
        using var provider = Provider();

        var check = await Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.DeleteEniMirroring(SessionId), provider).Right();

        var denied = Assert.IsType<PermissionCheck.Denied>(check);
        Assert.Equal(("DeleteTrafficMirrorSession", EncodedMessage, 403), (denied.Operation, denied.EncodedMessage, denied.Details.HttpStatus));
        var form = Assert.Single(_stub.Forms("DeleteTrafficMirrorSession"));
        Assert.Equal(("true", SessionId), (form["DryRun"], form["TrafficMirrorSessionId"]));
    }
}
