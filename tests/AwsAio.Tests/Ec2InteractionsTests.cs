using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Moq;
using Xunit;
using static AwsAio.Tests.Support.Ec2Doubles;
using NetworkInterface = AwsAio.Core.NetworkInterface;
using SdkInterface = Amazon.EC2.Model.NetworkInterface;

namespace AwsAio.Tests;

/// <summary>
/// EC2 describe calls (Ec2Interactions.cs) over a mocked IAmazonEC2, here the paged ones: the filters and the NextToken sequence sent (the
/// original's call_args_list checks), empty answers confirmed rather than guessed, every mapped code and an unexpected
/// one, and no request for malformed ids.
/// </summary>
public sealed partial class Ec2InteractionsTests
{
    private const string VpcId = "vpc-0a1b2c3d4e5f60718";
    private const string SubnetId = "subnet-0a1b2c3d";
    private const string InstanceId = "i-0123456789abcdef0";

    private readonly Mock<IAmazonEC2> _ec2 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;

    public Ec2InteractionsTests()
    {
        _provider = Ec2Doubles.ProviderFor(_ec2.Object);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /// <summary>Answers DescribeSubnets by token (null: the first page), recording each request.</summary>
    private List<DescribeSubnetsRequest> ServeSubnets(Func<DescribeSubnetsRequest, DescribeSubnetsResponse> answer)
    {
        var sent = new List<DescribeSubnetsRequest>();
        _ec2.Setup(e => e.DescribeSubnetsAsync(It.IsAny<DescribeSubnetsRequest>(), It.IsAny<CancellationToken>()))
            .Returns((DescribeSubnetsRequest r, CancellationToken _) =>
            {
                sent.Add(r);
                try
                {
                    return Task.FromResult(answer(r));
                }
                catch (Exception e)
                {
                    return Task.FromException<DescribeSubnetsResponse>(e);
                }
            });
        return sent;
    }

    private static DescribeSubnetsResponse Subnets(string? next, params string[] ids) => new()
    {
        Subnets = ids.Select(id => new Subnet { SubnetId = id, VpcId = VpcId }).ToList(), NextToken = next,
        HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata(),
    };

    private List<DescribeVpcsRequest> ServeVpcs(Func<DescribeVpcsRequest, DescribeVpcsResponse> answer)
    {
        var sent = new List<DescribeVpcsRequest>();
        _ec2.Setup(e => e.DescribeVpcsAsync(It.IsAny<DescribeVpcsRequest>(), It.IsAny<CancellationToken>()))
            .Callback((DescribeVpcsRequest r, CancellationToken _) => sent.Add(r))
            .Returns((DescribeVpcsRequest r, CancellationToken _) =>
            {
                try
                {
                    return Task.FromResult(answer(r));
                }
                catch (Exception e)
                {
                    return Task.FromException<DescribeVpcsResponse>(e);
                }
            });
        return sent;
    }

    private static DescribeVpcsResponse Vpcs(params Vpc[] vpcs) =>
        new() { Vpcs = vpcs.ToList(), HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("REQ-VPCS") };

    private static AmazonEC2Exception VpcNotFound() =>
        Ec2Error("InvalidVpcID.NotFound", $"The vpc ID '{VpcId}' does not exist");

    private List<DescribeNetworkInterfacesRequest> ServeEnis(Func<DescribeNetworkInterfacesRequest, DescribeNetworkInterfacesResponse> answer)
    {
        var sent = new List<DescribeNetworkInterfacesRequest>();
        _ec2.Setup(e => e.DescribeNetworkInterfacesAsync(It.IsAny<DescribeNetworkInterfacesRequest>(), It.IsAny<CancellationToken>()))
            .Callback((DescribeNetworkInterfacesRequest r, CancellationToken _) => sent.Add(r))
            .ReturnsAsync((DescribeNetworkInterfacesRequest r, CancellationToken _) => answer(r));
        return sent;
    }

    private static SdkInterface Sdk(string eniId, string type = "interface") =>
        new() { NetworkInterfaceId = eniId, SubnetId = SubnetId, VpcId = VpcId, InterfaceType = new NetworkInterfaceType(type) };

    private static NetworkInterface Domain(string eniId, string type = "interface") => new(VpcId, SubnetId, eniId, type);

    private static DescribeNetworkInterfacesResponse Enis(string? next, params SdkInterface[] enis) => new()
    {
        NetworkInterfaces = enis.ToList(), NextToken = next, HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata(),
    };

    private static void AssertFilteredOn(string name, string value, List<Filter> filters)
    {
        var filter = Assert.Single(filters);
        Assert.Equal(name, filter.Name);
        Assert.Equal([value], filter.Values);
    }

    // ---- GetSubnetsOfVpc ------------------------------------------------------------------------------------------

    [Fact]
    public async Task GetSubnetsOfVpc_OverThreePages_ReturnsEveryId_SendingTheSameFilterWithEachTokenOnce()
    {
        var sent = ServeSubnets(r => r.NextToken switch
        {
            null => Subnets("page-2", "subnet-00000001", "subnet-00000002"),
            "page-2" => Subnets("page-3"),
            "page-3" => Subnets(null, "subnet-00000003"),
            var t => throw new InvalidOperationException($"unexpected token {t}"),
        });

        var subnets = await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, _provider.Object).Right();

        Assert.Equal(["subnet-00000001", "subnet-00000002", "subnet-00000003"], subnets.ToArray());
        Assert.Equal([null, "page-2", "page-3"], sent.Select(r => r.NextToken));
        Assert.All(sent, r => AssertFilteredOn("vpc-id", VpcId, r.Filters));
        Assert.All(sent, r => Assert.Null(r.MaxResults));
        // A non-empty answer needs no confirmation: the strict mock would refuse DescribeVpcs.
    }

    [Fact]
    public async Task GetSubnetsOfVpc_WhenTheVpcHasNoSubnets_ConfirmsTheVpc_AndReturnsAnEmptyList()
    {
        ServeSubnets(_ => Subnets(null));
        var confirmed = ServeVpcs(_ => Vpcs(new Vpc { VpcId = VpcId }));

        var subnets = await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, _provider.Object).Right();

        Assert.Empty(subnets);
        Assert.Equal([VpcId], Assert.Single(confirmed).VpcIds);
    }

    [Fact]
    public async Task GetSubnetsOfVpc_WhenEmpty_AndEc2SaysInvalidVpcIdNotFound_ReturnsVpcDoesNotExist()
    {
        ServeSubnets(_ => Subnets(null));
        ServeVpcs(_ => throw VpcNotFound());

        var error = await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, _provider.Object).Left();

        var missing = Assert.IsType<DomainError.VpcDoesNotExist>(error);
        Assert.Equal(VpcId, missing.VpcId);
        Assert.Equal(AwsErrorDetails.Of("EC2", "DescribeVpcs", "InvalidVpcID.NotFound", $"The vpc ID '{VpcId}' does not exist", 400, RequestId)
            .On(ErrorTarget.Of(VpcId)), missing.Details);
    }

    [Fact]
    public async Task GetSubnetsOfVpc_WhenDescribeSubnetsItselfSaysInvalidVpcIdNotFound_ReturnsVpcDoesNotExist()
    {
        ServeSubnets(_ => throw VpcNotFound());

        Assert.IsType<DomainError.VpcDoesNotExist>(await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, _provider.Object).Left());
    }

    [Fact]
    public async Task GetSubnetsOfVpc_WhenPage2IsThrottled_ReturnsThrottled_AfterTwoRequests()
    {
        var sent = ServeSubnets(r => r.NextToken is null
            ? Subnets("page-2", "subnet-00000001")
            : throw Ec2Error("RequestLimitExceeded", "Request limit exceeded.", HttpStatusCode.ServiceUnavailable));

        var error = await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, _provider.Object).Left();

        Assert.Equal("RequestLimitExceeded", Assert.IsType<DomainError.Throttled>(error).Details.Code);
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public async Task GetSubnetsOfVpc_WhenATokenComesBack_StopsWithRepeatedToken_InsteadOfLooping()
    {
        var sent = ServeSubnets(r => r.NextToken switch
        {
            null => Subnets("a", "subnet-00000001"),
            "a" => Subnets("b", "subnet-00000002"),
            _ => Subnets("a", "subnet-00000003"),
        });

        var error = await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, _provider.Object).Left();

        var anomaly = Assert.IsType<DomainError.PaginationAnomaly>(error);
        Assert.Equal("DescribeSubnets", anomaly.Operation);
        Assert.Equal("a", Assert.IsType<PaginationAnomaly.RepeatedToken>(anomaly.Anomaly).Token);
        Assert.Equal([null, "a", "b"], sent.Select(r => r.NextToken));
    }

    [Fact]
    public async Task GetSubnetsOfVpc_WhenEc2AnswersWithAnUnexpectedCode_ReturnsUnexpected_KeepingTheCodeAndException()
    {
        var thrown = Ec2Error("Blocked", "Your account is currently blocked.", HttpStatusCode.BadRequest);
        ServeSubnets(_ => throw thrown);

        var unexpected = Assert.IsType<DomainError.Unexpected>(await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, _provider.Object).Left());

        Assert.Equal(("EC2", "DescribeSubnets", "Blocked", 400, RequestId), (unexpected.Details.Service, unexpected.Details.Operation,
            unexpected.Details.Code, unexpected.Details.HttpStatus, unexpected.Details.RequestId));
        Assert.Same(thrown, unexpected.Exception);
    }

    [Theory]
    [InlineData("")]
    [InlineData("vpc-")]
    [InlineData("vpc-0A1B2C3D")]
    [InlineData("subnet-0a1b2c3d")]
    [InlineData("vpc-0a1b2c3d ")]
    [InlineData("vpc-0a1b2c3d&Action=DeleteVpc")]
    public async Task GetSubnetsOfVpc_WithAMalformedId_ReturnsInvalidInput_BeforeAnyRequest(string vpcId)
    {
        var error = await Ec2Interactions.GetSubnetsOfVpcAsync(vpcId, _provider.Object).Left();

        Assert.Equal("vpc id", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _provider.Verify(p => p.GetEc2(), Times.Never);
        _ec2.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetSubnetsOfVpc_WithoutAProvider_ReturnsInvalidInput()
    {
        var error = await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, null!).Left();

        Assert.Equal("provider", Assert.IsType<DomainError.InvalidInput>(error).Field);
    }

    // ---- GetEnisOfSubnet ------------------------------------------------------------------------------------------

    [Fact]
    public async Task GetEnisOfSubnet_OverTwoPages_MapsEveryInterface_SendingTheSubnetFilterWithEachToken()
    {
        var sent = ServeEnis(r => r.NextToken is null
            ? Enis("next-1", Sdk("eni-00000001"), Sdk("eni-00000002", "nat_gateway"))
            : Enis(null, Sdk("eni-00000003", "gateway_load_balancer_endpoint")));

        var enis = await Ec2Interactions.GetEnisOfSubnetAsync(SubnetId, _provider.Object).Right();

        Assert.Equal([Domain("eni-00000001"), Domain("eni-00000002", "nat_gateway"), Domain("eni-00000003", "gateway_load_balancer_endpoint")], enis.ToArray());
        Assert.Equal([null, "next-1"], sent.Select(r => r.NextToken));
        Assert.All(sent, r => AssertFilteredOn("subnet-id", SubnetId, r.Filters));
    }

    [Fact]
    public async Task GetEnisOfSubnet_WhenTheSubnetHasNoInterfaces_ConfirmsTheSubnet_AndReturnsAnEmptyList()
    {
        ServeEnis(_ => Enis(null));
        var confirmed = ServeSubnets(_ => new DescribeSubnetsResponse
        {
            Subnets = [new Subnet { SubnetId = SubnetId }], HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata(),
        });

        var enis = await Ec2Interactions.GetEnisOfSubnetAsync(SubnetId, _provider.Object).Right();

        Assert.Empty(enis);
        var request = Assert.Single(confirmed);
        Assert.Equal([SubnetId], request.SubnetIds);
        Assert.Empty(request.Filters ?? []);
    }

    [Fact]
    public async Task GetEnisOfSubnet_WhenEmpty_AndTheSubnetIsUnknown_ReturnsResourceDoesNotExist_NamingTheSubnet()
    {
        ServeEnis(_ => Enis(null));
        ServeSubnets(_ => throw Ec2Error("InvalidSubnetID.NotFound", $"The subnet ID '{SubnetId}' does not exist"));

        var error = await Ec2Interactions.GetEnisOfSubnetAsync(SubnetId, _provider.Object).Left();

        var missing = Assert.IsType<DomainError.ResourceDoesNotExist>(error);
        Assert.Equal(("Subnet", SubnetId), (missing.ResourceType, missing.ResourceId));
        Assert.Equal($"Subnet '{SubnetId}' does not exist (InvalidSubnetID.NotFound, HTTP 400, request id {RequestId}): The subnet ID '{SubnetId}' does not exist.",
            missing.ToString());
    }

    [Fact]
    public async Task GetEnisOfSubnet_WithAMalformedId_ReturnsInvalidInput_BeforeAnyRequest()
    {
        Assert.Equal("subnet id", Assert.IsType<DomainError.InvalidInput>(await Ec2Interactions.GetEnisOfSubnetAsync("subnet-xyz", _provider.Object).Left()).Field);
        _ec2.VerifyNoOtherCalls();
    }
    // ---- answers without their lists ---------------------------------------------------------------------------------

    [Fact]
    public async Task GetAvailabilityZones_WhenTheAnswerHasNoZoneList_IsAnEmptyList()
    {
        _ec2.Setup(e => e.DescribeAvailabilityZonesAsync(It.IsAny<DescribeAvailabilityZonesRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DescribeAvailabilityZonesResponse { AvailabilityZones = null, HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata() });

        var zones = await Ec2Interactions.GetAvailabilityZonesAsync(_provider.Object).Right();

        Assert.Empty(zones);
    }

    [Fact]
    public async Task GetVpcDetails_WhenTheAnswerHasNoVpcList_IsTheSameErrorAsAnEmptyOne()
    {
        ServeVpcs(_ => Vpcs());
        var empty = await Ec2Interactions.GetVpcDetailsAsync(VpcId, _provider.Object).Left();
        ServeVpcs(_ => new DescribeVpcsResponse { Vpcs = null, HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("REQ-VPCS") });

        var error = await Ec2Interactions.GetVpcDetailsAsync(VpcId, _provider.Object).Left();

        Assert.Equal(empty, error);
    }

    [Fact]
    public async Task GetVpcDetails_WhenTheVpcHasNoCidrAssociationList_HasNoCidrBlocks()
    {
        ServeVpcs(_ => Vpcs(new Vpc { VpcId = VpcId, OwnerId = "123456789012", CidrBlockAssociationSet = null }));

        var details = await Ec2Interactions.GetVpcDetailsAsync(VpcId, _provider.Object).Right();

        Assert.Equal((VpcId, "123456789012"), (details.VpcId, details.OwnerId));
        Assert.Empty(details.CidrBlocks);
    }

    [Fact]
    public async Task GetEnisOfSubnet_WhenTheConfirmingAnswerHasNoSubnetList_IsTheSameErrorAsAnEmptyOne()
    {
        ServeEnis(_ => Enis(null));
        ServeSubnets(_ => new DescribeSubnetsResponse { Subnets = [], HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata() });
        var empty = await Ec2Interactions.GetEnisOfSubnetAsync(SubnetId, _provider.Object).Left();
        ServeSubnets(_ => new DescribeSubnetsResponse { Subnets = null, HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata() });

        var error = await Ec2Interactions.GetEnisOfSubnetAsync(SubnetId, _provider.Object).Left();

        Assert.Equal(empty, error);
    }

    [Fact]
    public async Task GetSubnetsOfVpc_ASubnetWithoutAnId_IsAnEmptyId()
    {
        ServeSubnets(_ => new DescribeSubnetsResponse
        {
            Subnets = [new Subnet { SubnetId = "subnet-0a1b2c3d" }, new Subnet { SubnetId = null, VpcId = VpcId }],
            HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata(),
        });

        var subnets = await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, _provider.Object).Right();

        Assert.Equal(["subnet-0a1b2c3d", ""], subnets.ToArray());
    }
}
