using System.Net;
using Amazon.EC2.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Moq;
using Xunit;
using static AwsAio.Tests.Support.Ec2Doubles;

namespace AwsAio.Tests;

/// <summary>
/// Every code the core's EC2 table names, and EC2's codes the shared families read, each thrown by the mocked SDK from
/// the operation that receives it, through the wrapper that sends that operation.
/// </summary>
public sealed partial class Ec2InteractionsTests
{
    /// <summary>(operation, code, HTTP status, the DomainError case the wrapper must answer with).</summary>
    public static TheoryData<string, string, int, string> Ec2TableCodes => new()
    {
        { "DescribeVpcs", "InvalidVpcID.NotFound", 400, nameof(DomainError.VpcDoesNotExist) },
        { "DescribeSubnets", "InvalidVpcID.NotFound", 400, nameof(DomainError.VpcDoesNotExist) },
        { "DescribeNetworkInterfaces", "InvalidSubnetID.NotFound", 400, nameof(DomainError.ResourceDoesNotExist) },
        { "DescribeInstances", "InvalidInstanceID.NotFound", 400, nameof(DomainError.InstanceDoesNotExist) },
        { "CreateTrafficMirrorSession", "InvalidNetworkInterfaceID.NotFound", 400, nameof(DomainError.ResourceDoesNotExist) },
        { "CreateTrafficMirrorSession", "InvalidTrafficMirrorTargetId.NotFound", 400, nameof(DomainError.ResourceDoesNotExist) },
        { "CreateTrafficMirrorSession", "IdempotentParameterMismatch", 400, nameof(DomainError.Conflict) },
        { "DeleteTrafficMirrorSession", "InvalidTrafficMirrorSessionId.NotFound", 400, nameof(DomainError.MirrorDoesNotExist) },
        { "DescribeAvailabilityZones", "UnauthorizedOperation", 403, nameof(DomainError.AccessDenied) },
        { "DescribeVpcs", "RequestLimitExceeded", 503, nameof(DomainError.Throttled) },
        { "DescribeSubnets", "AuthFailure", 401, nameof(DomainError.CredentialsUnavailable) },
        { "DescribeNetworkInterfaces", "OptInRequired", 403, nameof(DomainError.AccessDenied) },
        { "DescribeInstances", "InvalidInstanceID.Malformed", 400, nameof(DomainError.InvalidRequest) },
    };

    [Theory]
    [MemberData(nameof(Ec2TableCodes))]
    public async Task EveryEc2TableCode_ThrownByItsOperation_IsWhatTheCoreNames_NamingTheResource(
        string operation, string code, int status, string expected)
    {
        var thrown = Ec2Error(code, $"{code} from {operation}", (HttpStatusCode)status);

        var (error, resource) = await RunFailing(operation, thrown);

        Assert.Equal(expected, error.GetType().Name);
        var details = error.ErrorDetails;
        Assert.Equal((operation, code, status, RequestId), (details.Operation, details.Code, details.HttpStatus, details.RequestId));
        Assert.Equal(resource, details.Target.Resource);
        switch (error)
        {
            case DomainError.VpcDoesNotExist vpc:
                Assert.Equal(VpcId, vpc.VpcId);
                break;
            case DomainError.InstanceDoesNotExist instance:
                Assert.Equal(InstanceId, instance.InstanceId);
                break;
            case DomainError.MirrorDoesNotExist mirror:
                Assert.Equal(SessionId, mirror.SessionId);
                break;
            case DomainError.ResourceDoesNotExist missing:
                Assert.Equal(code switch
                {
                    "InvalidSubnetID.NotFound" => ("Subnet", SubnetId),
                    "InvalidNetworkInterfaceID.NotFound" => ("Network interface", Eni.EniId),
                    _ => ("TrafficMirrorTarget", ""),
                }, (missing.ResourceType, missing.ResourceId));
                break;
        }
    }

    /// <summary>Makes <paramref name="operation"/> throw, runs the wrapper that sends it, and returns its error with
    /// the resource the call was about.</summary>
    private async Task<(DomainError Error, string Resource)> RunFailing(string operation, Exception thrown)
    {
        switch (operation)
        {
            case "DescribeVpcs":
                ServeVpcs(_ => throw thrown);
                return (await Ec2Interactions.GetVpcDetailsAsync(VpcId, _provider.Object).Left(), VpcId);
            case "DescribeSubnets":
                ServeSubnets(_ => throw thrown);
                return (await Ec2Interactions.GetSubnetsOfVpcAsync(VpcId, _provider.Object).Left(), VpcId);
            case "DescribeNetworkInterfaces":
                ServeEnis(_ => throw thrown);
                return (await Ec2Interactions.GetEnisOfSubnetAsync(SubnetId, _provider.Object).Left(), SubnetId);
            case "DescribeInstances":
                ServeInstances(() => throw thrown);
                return (await Ec2Interactions.GetEnisOfInstanceAsync(InstanceId, _provider.Object).Left(), InstanceId);
            case "CreateTrafficMirrorSession":
                ServeCreate(_ => Throws<CreateTrafficMirrorSessionResponse>(thrown));
                return (await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, _provider.Object).Left(), Eni.EniId);
            case "DeleteTrafficMirrorSession":
                ServeDelete(() => Throws<DeleteTrafficMirrorSessionResponse>(thrown));
                return (await Ec2Interactions.DeleteEniMirroringAsync(SessionId, _provider.Object).Left(), SessionId);
            case "DescribeAvailabilityZones":
                _ec2.Setup(e => e.DescribeAvailabilityZonesAsync(It.IsAny<DescribeAvailabilityZonesRequest>(), It.IsAny<CancellationToken>()))
                    .ThrowsAsync(thrown);
                return (await Ec2Interactions.GetAvailabilityZonesAsync(_provider.Object).Left(), "us-east-1");
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "no wrapper sends it");
        }
    }
}
