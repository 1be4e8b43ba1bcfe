using AwsAio.Cli.Tests.Support;
using AwsAio.Tests.Peers;
using Xunit;
using static AwsAio.Tests.Peers.Ec2WireDocuments;

namespace AwsAio.Cli.Tests.Commands;

/// <summary>
/// <c>awsaio ec2 …</c> as a process against WireMock on loopback serving EC2's own query-protocol documents: the text
/// and JSON of every command, what reached EC2, the not-found and input exit codes, the dry-run verdicts (allowed 0,
/// denied 5, no verdict the error's code) and usage errors (exit 2, nothing sent).
/// </summary>
public sealed class Ec2CommandsTests : IDisposable
{
    private const string VpcId = "vpc-0a1b2c3d4e5f60718";
    private const string SubnetId = "subnet-0a1b2c3d4e5f60718";
    private const string InstanceId = "i-0123456789abcdef0";
    private const string EniId = "eni-0a1b2c3d4e5f60718";
    private const string Target = "tmt-0a1b2c3d4e5f60718";
    private const string Filter = "tmf-0a1b2c3d4e5f60718";
    private const string SessionId = "tms-0a1b2c3d4e5f60718";
    private const string EncodedMessage = "yAKhs0aBjn2xzX3H8u2DXd1mPq-sN7Vf_qT9Q3wZ2jL0oV4mY8rE6cB1dK5gH7xI9uT3pQ0wS2aZ4vN6mL8kJ1hG3fD5sA7";

    private readonly AwsWireStub _ec2 = new();

    public void Dispose() => _ec2.Dispose();

    private Task<CliResult> Run(params string[] args) =>
        Tool.RunAsync(args, new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = _ec2.Url });

    private static string[] MirrorArgs(params string[] extra) =>
        [EniId, "--target", Target, "--filter", Filter, "--vpc", VpcId, .. extra];

    private static (int, string) Unauthorized(string operation, string resource) => Error(403, "UnauthorizedOperation",
        $"You are not authorized to perform this operation. User: arn:aws:sts::{AwsWireStub.Account}:assumed-role/ops/awsaio is not authorized to "
        + $"perform: ec2:{operation} on resource: {resource} because no identity-based policy allows the ec2:{operation} action. "
        + $"Encoded authorization failure message: {EncodedMessage}", "denied-0001");

    [Fact]
    public async Task Subnets_PrintsTheIdsOfEveryPage_OnePerLine()
    {
        _ec2.Ec2("DescribeSubnets", form => form.ContainsKey("NextToken")
            ? Subnets(VpcId, null, "subnet-00000003")
            : Subnets(VpcId, "page-2", "subnet-00000001", "subnet-00000002"));

        var run = await Run("ec2", "subnets", VpcId);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("subnet-00000001\nsubnet-00000002\nsubnet-00000003\n", run.Stdout);
        Assert.Equal([null, "page-2"], _ec2.Forms("DescribeSubnets").Select(f => f.GetValueOrDefault("NextToken")));
        Assert.All(_ec2.Forms("DescribeSubnets"), f => Assert.Equal(("vpc-id", VpcId), (f["Filter.1.Name"], f["Filter.1.Value.1"])));
    }

    [Fact]
    public async Task SubnetsAsJson_HasTheDocumentedShape()
    {
        _ec2.Ec2("DescribeSubnets", _ => Subnets(VpcId, null, "subnet-00000001", "subnet-00000002"));

        var json = (await Run("ec2", "subnets", VpcId, "--output", "json")).Json;

        Assert.Equal("ec2 subnets", json.GetProperty("command").GetString());
        Assert.True(json.GetProperty("ok").GetBoolean());
        var result = json.GetProperty("result");
        Assert.Equal(VpcId, result.GetProperty("vpcId").GetString());
        Assert.Equal(["subnet-00000001", "subnet-00000002"], result.GetProperty("subnets").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, result.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Subnets_OfAVpcWithoutSubnets_SaysSo_AndOfAnUnknownVpc_IsNotFound_ExitFour()
    {
        const string unknown = "vpc-99999999";
        _ec2.Ec2("DescribeSubnets", _ => Subnets(VpcId, null))
            .Ec2("DescribeVpcs", form => form["VpcId.1"] == VpcId
                ? Vpc(VpcId, "default", ("10.0.0.0/16", "associated"))
                : Error(400, "InvalidVpcID.NotFound", $"The vpc ID '{unknown}' does not exist", "not-found-0001"));

        var empty = await Run("ec2", "subnets", VpcId);
        var missing = await Run("ec2", "subnets", unknown, "--output", "json");

        Assert.Equal((0, "(no subnets)\n"), (empty.ExitCode, empty.Stdout));
        Assert.True(missing.ExitCode == 4, missing.ToString());
        var error = missing.Json.GetProperty("error");
        Assert.Equal(("VpcDoesNotExist", "NotFound", 4), (error.GetProperty("type").GetString(), error.GetProperty("category").GetString(),
            error.GetProperty("exitCode").GetInt32()));
        Assert.Equal(("DescribeVpcs", "InvalidVpcID.NotFound", "not-found-0001"), (error.GetProperty("operation").GetString(),
            error.GetProperty("code").GetString(), error.GetProperty("requestId").GetString()));
        Assert.Contains($"VPC '{unknown}' does not exist", Assert.Single(missing.StderrLines));
    }

    [Fact]
    public async Task Enis_OfASubnet_PrintsIdTypeSubnetAndVpc_InAlignedColumns()
    {
        _ec2.Ec2("DescribeNetworkInterfaces", _ => Interfaces(SubnetId, VpcId, null,
            ("eni-00000001", "interface"), ("eni-00000002", "gateway_load_balancer_endpoint"), ("eni-00000003", "nat_gateway")));

        var run = await Run("ec2", "enis", "--subnet", SubnetId);

        Assert.True(run.ExitCode == 0, run.ToString());
        var width = "gateway_load_balancer_endpoint".Length;
        Assert.Equal(
            $"eni-00000001  {"interface".PadRight(width)}  {SubnetId}  {VpcId}\n" +
            $"eni-00000002  gateway_load_balancer_endpoint  {SubnetId}  {VpcId}\n" +
            $"eni-00000003  {"nat_gateway".PadRight(width)}  {SubnetId}  {VpcId}\n", run.Stdout);
        var form = Assert.Single(_ec2.Forms("DescribeNetworkInterfaces"));
        Assert.Equal(("subnet-id", SubnetId), (form["Filter.1.Name"], form["Filter.1.Value.1"]));
    }

    [Fact]
    public async Task EnisOfAnInstance_AsJson_HasTheDocumentedShape()
    {
        _ec2.Ec2("DescribeInstances", _ => Instance(InstanceId, SubnetId, VpcId, ("eni-00000001", "interface"), ("eni-00000002", "efa")));

        var run = await Run("ec2", "enis", "--instance", InstanceId, "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json.GetProperty("result");
        Assert.Equal(InstanceId, result.GetProperty("instanceId").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("subnetId").ValueKind);
        Assert.Equal(2, result.GetProperty("count").GetInt32());
        var second = result.GetProperty("interfaces")[1];
        Assert.Equal(("eni-00000002", "efa", SubnetId, VpcId), (second.GetProperty("eniId").GetString(), second.GetProperty("type").GetString(),
            second.GetProperty("subnetId").GetString(), second.GetProperty("vpcId").GetString()));
        Assert.Equal(InstanceId, Assert.Single(_ec2.Forms("DescribeInstances"))["InstanceId.1"]);
    }

    [Fact]
    public async Task Enis_OfAnUnknownInstance_IsNotFound_ExitFour()
    {
        _ec2.Ec2("DescribeInstances", _ => Error(400, "InvalidInstanceID.NotFound", $"The instance ID '{InstanceId}' does not exist"));

        var run = await Run("ec2", "enis", "--instance", InstanceId);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains($"EC2 instance '{InstanceId}' does not exist", Assert.Single(run.StderrLines));
    }

    [Fact]
    public async Task Vpc_PrintsOwnerTenancyAndOnlyTheCidrBlocksInUse_AsTextAndJson()
    {
        _ec2.Ec2("DescribeVpcs", _ => Vpc(VpcId, "dedicated", ("10.0.0.0/16", "associated"), ("10.1.0.0/16", "disassociated"),
            ("10.2.0.0/16", "associating")));

        var text = await Run("ec2", "vpc", VpcId);
        var json = await Run("ec2", "vpc", VpcId, "--output", "json");

        Assert.Equal(
            $"vpc         {VpcId}\nowner       {AwsWireStub.Account}\ntenancy     dedicated\ncidr block  10.0.0.0/16\ncidr block  10.2.0.0/16\n",
            text.Stdout);
        var result = json.Json.GetProperty("result");
        Assert.Equal((VpcId, AwsWireStub.Account, "dedicated"), (result.GetProperty("vpcId").GetString(), result.GetProperty("ownerId").GetString(),
            result.GetProperty("tenancy").GetString()));
        Assert.Equal(["10.0.0.0/16", "10.2.0.0/16"], result.GetProperty("cidrBlocks").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Azs_ListsTheAvailableZonesSorted_AndWithAllEveryZone()
    {
        _ec2.Ec2("DescribeAvailabilityZones", _ => Zones(("us-east-1c", "available"), ("us-east-1a", "available"), ("us-east-1e", "unavailable")));

        var available = await Run("ec2", "azs");
        var all = await Run("ec2", "azs", "--all", "--output", "json");

        Assert.Equal((0, "us-east-1a\nus-east-1c\n"), (available.ExitCode, available.Stdout));
        var result = all.Json.GetProperty("result");
        Assert.Equal("us-east-1", result.GetProperty("region").GetString());
        Assert.True(result.GetProperty("includeUnavailable").GetBoolean());
        Assert.Equal(["us-east-1a", "us-east-1c", "us-east-1e"], result.GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
    }

    [Fact]
    public async Task Mirror_CreatesTheSessionWithTheDefaultTypeAndVxlanId_AndPrintsItsId()
    {
        _ec2.Ec2("CreateTrafficMirrorSession", form => MirrorSession(SessionId, form));

        var run = await Run(["ec2", "mirror", .. MirrorArgs()]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"session    {SessionId}\ninterface  {EniId} (interface)\n", run.Stdout);
        Assert.Contains($"name       {VpcId}-{EniId}\n", run.Stdout);
        var form = Assert.Single(_ec2.Forms("CreateTrafficMirrorSession"));
        Assert.Equal((EniId, Target, Filter, "1", "123"), (form["NetworkInterfaceId"], form["TrafficMirrorTargetId"], form["TrafficMirrorFilterId"],
            form["SessionNumber"], form["VirtualNetworkId"]));
        Assert.Matches("^[0-9a-f]{64}$", form["ClientToken"]);
        Assert.False(form.ContainsKey("DryRun"));
    }

    [Fact]
    public async Task MirrorAsJson_SendsTheGivenVxlanIdAndClientToken_AndHasTheDocumentedShape()
    {
        _ec2.Ec2("CreateTrafficMirrorSession", form => MirrorSession(SessionId, form));

        var run = await Run(["ec2", "mirror", .. MirrorArgs("--type", "efa", "--vni", "4242", "--client-token", "retry-2"), "--output", "json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json.GetProperty("result");
        Assert.Equal((SessionId, EniId, "efa", Target, Filter, VpcId, 4242, $"{VpcId}-{EniId}"), (result.GetProperty("sessionId").GetString(),
            result.GetProperty("eniId").GetString(), result.GetProperty("eniType").GetString(), result.GetProperty("trafficTarget").GetString(),
            result.GetProperty("trafficFilter").GetString(), result.GetProperty("vpcId").GetString(), result.GetProperty("virtualNetworkId").GetInt32(),
            result.GetProperty("name").GetString()));
        var form = Assert.Single(_ec2.Forms("CreateTrafficMirrorSession"));
        Assert.Equal(("4242", "retry-2"), (form["VirtualNetworkId"], form["ClientToken"]));
    }

    [Fact]
    public async Task Mirror_OfANatGatewayInterface_IsInput_ExitThree_WithNoRequest()
    {
        var run = await Run(["ec2", "mirror", .. MirrorArgs("--type", "nat_gateway")]);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains($"Network interface '{EniId}' of type 'nat_gateway' cannot be a traffic mirror source.", Assert.Single(run.StderrLines));
        Assert.Equal(0, _ec2.Total);
    }

    [Fact]
    public async Task Unmirror_WithYes_DeletesTheSession_AndASessionAlreadyGone_IsNotFound_ExitFour()
    {
        var deleted = false;
        _ec2.Ec2("DeleteTrafficMirrorSession", form =>
        {
            if (deleted) return Error(400, "InvalidTrafficMirrorSessionId.NotFound", $"The traffic mirror session ID '{form["TrafficMirrorSessionId"]}' does not exist.");
            deleted = true;
            return MirrorDeleted(form["TrafficMirrorSessionId"]);
        });

        var first = await Run("ec2", "unmirror", SessionId, "--yes");
        var again = await Run("ec2", "unmirror", SessionId, "--yes", "--output", "json");

        Assert.Equal((0, $"deleted  {SessionId}\nregion   us-east-1\n"), (first.ExitCode, first.Stdout));
        Assert.True(again.ExitCode == 4, again.ToString());
        Assert.Equal("MirrorDoesNotExist", again.Json.GetProperty("error").GetProperty("type").GetString());
        Assert.All(_ec2.Forms("DeleteTrafficMirrorSession"), f => Assert.Equal(SessionId, f["TrafficMirrorSessionId"]));
    }

    [Fact]
    public async Task UnmirrorWithoutYes_SaysWhatItWouldDelete_AndSendsNothing()
    {
        var run = await Run("ec2", "unmirror", SessionId);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'ec2 unmirror' deletes traffic mirror session '{SessionId}'; add --yes to confirm.", run.Stderr);
        Assert.Equal(0, _ec2.Total);
    }

    [Fact]
    public async Task CanUnmirror_WhenEc2AnswersDryRunOperation_IsAllowed_ExitZero()
    {
        _ec2.Ec2("DeleteTrafficMirrorSession", _ => Error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", "dry-run-0001"));

        var run = await Run("ec2", "can", "unmirror", SessionId);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            $"operation   DeleteTrafficMirrorSession\nresource    {SessionId}\nverdict     allowed\nrequest id  dry-run-0001\n", run.Stdout);
        Assert.Equal("", run.Stderr);
        var form = Assert.Single(_ec2.Forms("DeleteTrafficMirrorSession"));
        Assert.Equal(("true", SessionId), (form["DryRun"], form["TrafficMirrorSessionId"]));
    }

    [Fact]
    public async Task CanMirrorAsJson_WhenAllowed_HasTheDocumentedShape_AndSendsTheRealCallWithDryRun()
    {
        _ec2.Ec2("CreateTrafficMirrorSession", _ => Error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", "dry-run-0002"));

        var run = await Run(["ec2", "can", "mirror", .. MirrorArgs("--vni", "7"), "--output", "json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("ec2 can mirror", run.Json.GetProperty("command").GetString());
        Assert.True(run.Json.GetProperty("ok").GetBoolean());
        var result = run.Json.GetProperty("result");
        Assert.Equal(("CreateTrafficMirrorSession", EniId, true, "", "", "dry-run-0002"), (result.GetProperty("operation").GetString(),
            result.GetProperty("resource").GetString(), result.GetProperty("allowed").GetBoolean(), result.GetProperty("encodedMessage").GetString(),
            result.GetProperty("decodeCommand").GetString(), result.GetProperty("requestId").GetString()));
        var form = Assert.Single(_ec2.Forms("CreateTrafficMirrorSession"));
        Assert.Equal(("true", EniId, "7", $"{VpcId}-{EniId}"), (form["DryRun"], form["NetworkInterfaceId"], form["VirtualNetworkId"],
            form["TagSpecification.1.Tag.1.Value"]));
    }

    [Fact]
    public async Task CanMirror_WhenEc2AnswersUnauthorizedOperation_IsDenied_ExitFive_WithTheEncodedMessageAndHowToDecodeIt()
    {
        _ec2.Ec2("CreateTrafficMirrorSession", _ => Unauthorized("CreateTrafficMirrorSession", $"arn:aws:ec2:us-east-1:{AwsWireStub.Account}:network-interface/{EniId}"));

        var run = await Run(["ec2", "can", "mirror", .. MirrorArgs()]);

        Assert.True(run.ExitCode == 5, run.ToString());
        Assert.Contains("verdict          denied\n", run.Stdout);
        Assert.Contains($"encoded message  {EncodedMessage}\n", run.Stdout);
        Assert.Contains($"decode with      aws sts decode-authorization-message --encoded-message {EncodedMessage}\n", run.Stdout);
        Assert.StartsWith("awsaio: error: Access denied to EC2 CreateTrafficMirrorSession", Assert.Single(run.StderrLines));
    }

    [Fact]
    public async Task CanUnmirrorAsJson_WhenDenied_HasTheVerdictAsResult_AndTheAccessErrorBesideIt()
    {
        _ec2.Ec2("DeleteTrafficMirrorSession", _ => Unauthorized("DeleteTrafficMirrorSession",
            $"arn:aws:ec2:us-east-1:{AwsWireStub.Account}:traffic-mirror-session/{SessionId}"));

        var run = await Run("ec2", "can", "unmirror", SessionId, "--output", "json");

        Assert.True(run.ExitCode == 5, run.ToString());
        var result = run.Json.GetProperty("result");
        Assert.False(result.GetProperty("allowed").GetBoolean());
        Assert.Equal(EncodedMessage, result.GetProperty("encodedMessage").GetString());
        Assert.Equal($"aws sts decode-authorization-message --encoded-message {EncodedMessage}", result.GetProperty("decodeCommand").GetString());
        Assert.Equal("denied-0001", result.GetProperty("requestId").GetString());
        Assert.False(run.Json.GetProperty("ok").GetBoolean());
        var error = run.Json.GetProperty("error");
        Assert.Equal(("AccessDenied", "Access", 5, "UnauthorizedOperation", 403), (error.GetProperty("type").GetString(),
            error.GetProperty("category").GetString(), error.GetProperty("exitCode").GetInt32(), error.GetProperty("code").GetString(),
            error.GetProperty("httpStatus").GetInt32()));
    }

    [Fact]
    public async Task CanUnmirror_OfAnUnknownSession_GivesNoVerdict_ButTheNotFoundError_ExitFour()
    {
        _ec2.Ec2("DeleteTrafficMirrorSession", _ => Error(400, "InvalidTrafficMirrorSessionId.NotFound", $"The traffic mirror session ID '{SessionId}' does not exist."));

        var run = await Run("ec2", "can", "unmirror", SessionId, "--output", "json");

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.False(run.Json.TryGetProperty("result", out _));
        Assert.Equal("MirrorDoesNotExist", run.Json.GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("ec2", "enis")]
    [InlineData("ec2", "enis", "--subnet", SubnetId, "--instance", InstanceId)]
    [InlineData("ec2", "subnets")]
    [InlineData("ec2", "vpc", VpcId, "vpc-00000002")]
    [InlineData("ec2", "azs", "us-east-1a")]
    [InlineData("ec2", "mirror", EniId, "--filter", Filter, "--vpc", VpcId)]
    [InlineData("ec2", "mirror", EniId, "--target", Target, "--filter", Filter, "--vpc", VpcId, "--vni", "many")]
    [InlineData("ec2", "unmirror", SessionId)]
    [InlineData("ec2", "can")]
    [InlineData("ec2", "can", "unmirror")]
    [InlineData("ec2", "can", "mirror", EniId, "--target", Target)]
    public async Task BadArguments_PrintTheProblemAndUsageOnStderr_ExitTwo_AndSendNothing(params string[] args)
    {
        var run = await Run(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("awsaio: error: ", run.Stderr);
        Assert.Contains("Usage:", run.Stderr);
        Assert.Equal(0, _ec2.Total);
    }

    [Fact]
    public async Task Help_ListsEverySubcommand_AndTheCanCommandsSayTheirExitCodes()
    {
        var ec2 = await Run("ec2", "--help");
        var can = await Run("ec2", "can", "unmirror", "--help");

        Assert.All(new[] { "subnets", "enis", "vpc", "azs", "mirror", "unmirror", "can" }, c => Assert.Contains($"\n  {c} ", ec2.Stdout));
        Assert.Contains("Exit code 0 if allowed, 5 (access) if denied", can.Stdout);
    }
}
