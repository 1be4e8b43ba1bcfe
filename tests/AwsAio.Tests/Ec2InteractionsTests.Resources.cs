using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Moq;
using Xunit;
using static AwsAio.Tests.Support.Ec2Doubles;
using VpcTenancy = AwsAio.Core.VpcTenancy;

namespace AwsAio.Tests;

/// <summary>
/// EC2 describe calls about one resource (Ec2Interactions.cs): an instance's interfaces, a VPC's details, the region's
/// zones — answers without the resource, the CIDR and zone filters, and the mapped codes.
/// </summary>
public sealed partial class Ec2InteractionsTests
{
    // ---- GetEnisOfInstance ----------------------------------------------------------------------------------------

    private List<DescribeInstancesRequest> ServeInstances(Func<DescribeInstancesResponse> answer)
    {
        var sent = new List<DescribeInstancesRequest>();
        _ec2.Setup(e => e.DescribeInstancesAsync(It.IsAny<DescribeInstancesRequest>(), It.IsAny<CancellationToken>()))
            .Callback((DescribeInstancesRequest r, CancellationToken _) => sent.Add(r))
            .Returns(() =>
            {
                try
                {
                    return Task.FromResult(answer());
                }
                catch (Exception e)
                {
                    return Task.FromException<DescribeInstancesResponse>(e);
                }
            });
        return sent;
    }

    private static DescribeInstancesResponse Reservations(params Reservation[] reservations) =>
        new() { Reservations = reservations.ToList(), HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("REQ-INSTANCES") };

    [Fact]
    public async Task GetEnisOfInstance_ReturnsTheInstancesInterfaces_AskingForThatInstanceOnly()
    {
        var sent = ServeInstances(() => Reservations(new Reservation
        {
            Instances =
            [
                new Instance
                {
                    InstanceId = InstanceId,
                    NetworkInterfaces =
                    [
                        new InstanceNetworkInterface { NetworkInterfaceId = "eni-00000001", SubnetId = SubnetId, VpcId = VpcId, InterfaceType = "interface" },
                        new InstanceNetworkInterface { NetworkInterfaceId = "eni-00000002", SubnetId = SubnetId, VpcId = VpcId, InterfaceType = "efa" },
                    ],
                },
            ],
        }));

        var enis = await Ec2Interactions.GetEnisOfInstanceAsync(InstanceId, _provider.Object).Right();

        Assert.Equal([Domain("eni-00000001"), Domain("eni-00000002", "efa")], enis.ToArray());
        Assert.Equal([InstanceId], Assert.Single(sent).InstanceIds);
    }

    [Fact]
    public async Task GetEnisOfInstance_WhenEc2SaysInvalidInstanceIdNotFound_ReturnsInstanceDoesNotExist()
    {
        ServeInstances(() => throw Ec2Error("InvalidInstanceID.NotFound", $"The instance ID '{InstanceId}' does not exist"));

        var missing = Assert.IsType<DomainError.InstanceDoesNotExist>(await Ec2Interactions.GetEnisOfInstanceAsync(InstanceId, _provider.Object).Left());

        Assert.Equal(InstanceId, missing.InstanceId);
        Assert.Equal(("DescribeInstances", "InvalidInstanceID.NotFound", RequestId), (missing.Details.Operation, missing.Details.Code, missing.Details.RequestId));
    }

    private static IEnumerable<(string Why, DescribeInstancesResponse Answer)> EmptyAnswerRows() =>
    [
        ("no reservations", Reservations()),
        ("reservations null (the v4 SDK)", new DescribeInstancesResponse { Reservations = null, HttpStatusCode = HttpStatusCode.OK }),
        ("a reservation without instances", Reservations(new Reservation { Instances = null })),
        ("a reservation with an empty instance list", Reservations(new Reservation { Instances = [] })),
    ];

    public static TheoryData<string> EmptyAnswers => Rows.Named(EmptyAnswerRows(), r => r.Why);

    [Theory]
    [MemberData(nameof(EmptyAnswers))]
    public async Task GetEnisOfInstance_WhenTheAnswerHoldsNoInstance_ReturnsInstanceDoesNotExist_NeverAnIndexError(string row)
    {
        var (why, answer) = Rows.Pick(EmptyAnswerRows(), row);
        ServeInstances(() => answer);

        var error = await Ec2Interactions.GetEnisOfInstanceAsync(InstanceId, _provider.Object).Left();

        var missing = Assert.IsType<DomainError.InstanceDoesNotExist>(error);
        Assert.Equal(InstanceId, missing.InstanceId);
        Assert.True(missing.Details.HttpStatus == 200, $"{why}: the error carries the answer's status");
    }

    [Fact]
    public async Task GetEnisOfInstance_WhenTheInstanceHasNoInterfaceList_ReturnsAnEmptyList()
    {
        ServeInstances(() => Reservations(new Reservation { Instances = [new Instance { InstanceId = InstanceId, NetworkInterfaces = null }] }));

        Assert.Empty(await Ec2Interactions.GetEnisOfInstanceAsync(InstanceId, _provider.Object).Right());
    }

    [Fact]
    public async Task GetEnisOfInstance_WhenTheAnswerDescribesAnotherInstance_ReturnsMalformedResponse()
    {
        ServeInstances(() => Reservations(new Reservation { Instances = [new Instance { InstanceId = "i-99999999" }] }));

        Assert.IsType<DomainError.MalformedResponse>(await Ec2Interactions.GetEnisOfInstanceAsync(InstanceId, _provider.Object).Left());
    }

    [Fact]
    public async Task GetEnisOfInstance_WithAMalformedId_ReturnsInvalidInput_BeforeAnyRequest()
    {
        Assert.Equal("i id", Assert.IsType<DomainError.InvalidInput>(await Ec2Interactions.GetEnisOfInstanceAsync("i-123", _provider.Object).Left()).Field);
        _ec2.VerifyNoOtherCalls();
    }

    // ---- GetVpcDetails --------------------------------------------------------------------------------------------

    [Fact]
    public async Task GetVpcDetails_KeepsOwnerTenancy_AndOnlyTheCidrBlocksBeingOrAlreadyAssociated()
    {
        static VpcCidrBlockAssociation Block(string cidr, string state) =>
            new() { CidrBlock = cidr, CidrBlockState = new VpcCidrBlockState { State = new VpcCidrBlockStateCode(state) } };
        var sent = ServeVpcs(_ => Vpcs(new Vpc
        {
            VpcId = VpcId, OwnerId = "123456789012", InstanceTenancy = Tenancy.Dedicated,
            CidrBlockAssociationSet =
            [
                Block("10.0.0.0/16", "associated"), Block("10.1.0.0/16", "disassociated"), Block("10.2.0.0/16", "associating"),
                Block("10.3.0.0/16", "failed"), Block("10.4.0.0/16", "disassociating"),
            ],
        }));

        var vpc = await Ec2Interactions.GetVpcDetailsAsync(VpcId, _provider.Object).Right();

        Assert.Equal((VpcId, "123456789012", VpcTenancy.Dedicated), (vpc.VpcId, vpc.OwnerId, vpc.Tenancy));
        Assert.Equal(["10.0.0.0/16", "10.2.0.0/16"], vpc.CidrBlocks);
        Assert.Equal([VpcId], Assert.Single(sent).VpcIds);
    }

    [Fact]
    public async Task GetVpcDetails_WhenEc2SaysInvalidVpcIdNotFound_ReturnsVpcDoesNotExist()
    {
        ServeVpcs(_ => throw VpcNotFound());

        Assert.Equal(VpcId, Assert.IsType<DomainError.VpcDoesNotExist>(await Ec2Interactions.GetVpcDetailsAsync(VpcId, _provider.Object).Left()).VpcId);
    }

    [Fact]
    public async Task GetVpcDetails_WhenTheAnswerDescribesAnotherVpc_ReturnsMalformedResponse_NotThatVpc()
    {
        ServeVpcs(_ => Vpcs(new Vpc { VpcId = "vpc-99999999", OwnerId = "210987654321" }));

        var malformed = Assert.IsType<DomainError.MalformedResponse>(await Ec2Interactions.GetVpcDetailsAsync(VpcId, _provider.Object).Left());
        Assert.Equal("REQ-VPCS", malformed.Details.RequestId);
    }

    [Fact]
    public async Task GetVpcDetails_WhenDenied_ReturnsAccessDenied()
    {
        ServeVpcs(_ => throw Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation.", HttpStatusCode.Forbidden));

        Assert.IsType<DomainError.AccessDenied>(await Ec2Interactions.GetVpcDetailsAsync(VpcId, _provider.Object).Left());
    }

    // ---- GetAvailabilityZones -------------------------------------------------------------------------------------

    private void ServeZones(params (string Name, string State)[] zones) =>
        _ec2.Setup(e => e.DescribeAvailabilityZonesAsync(It.IsAny<DescribeAvailabilityZonesRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DescribeAvailabilityZonesResponse
            {
                AvailabilityZones = zones.Select(z => new AvailabilityZone { ZoneName = z.Name, State = new AvailabilityZoneState(z.State) }).ToList(),
                HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata(),
            });

    [Fact]
    public async Task GetAvailabilityZones_ReturnsTheAvailableZonesSorted()
    {
        ServeZones(("us-east-1c", "available"), ("us-east-1a", "available"), ("us-east-1e", "unavailable"), ("us-east-1b", "constrained"));

        Assert.Equal(["us-east-1a", "us-east-1c"], (await Ec2Interactions.GetAvailabilityZonesAsync(_provider.Object).Right()).ToArray());
    }

    [Fact]
    public async Task GetAvailabilityZones_WhenAskedForAll_AlsoReturnsUnavailableZones_Sorted()
    {
        ServeZones(("us-east-1c", "available"), ("us-east-1a", "available"), ("us-east-1e", "unavailable"), ("us-east-1b", "constrained"));

        Assert.Equal(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1e"],
            (await Ec2Interactions.GetAvailabilityZonesAsync(_provider.Object, includeUnavailable: true).Right()).ToArray());
    }

    [Fact]
    public async Task GetAvailabilityZones_WhenTheCredentialsAreRejected_ReturnsCredentialsUnavailable()
    {
        _ec2.Setup(e => e.DescribeAvailabilityZonesAsync(It.IsAny<DescribeAvailabilityZonesRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(Ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials", HttpStatusCode.Unauthorized));

        Assert.IsType<DomainError.CredentialsUnavailable>(await Ec2Interactions.GetAvailabilityZonesAsync(_provider.Object).Left());
    }
}
