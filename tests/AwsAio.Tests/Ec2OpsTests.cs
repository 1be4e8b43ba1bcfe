using Amazon.EC2;
using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Each EC2 operation is its wrapper, deferred: nothing is called when it is built, and running it calls
/// exactly what the wrapper calls and gives what the wrapper gives.</summary>
public sealed class Ec2OpsTests
{
    /// <summary>An operation and the wrapper call it stands for.</summary>
    public sealed record Twin(string Name, Func<AwsOp<object>> Op, Func<IAwsClientProvider, Task<Either<DomainError, object>>> Direct)
    {
        public override string ToString() => Name;
    }

    private static Twin Of<T>(string name, Func<AwsOp<T>> op, Func<IAwsClientProvider, Task<Either<DomainError, T>>> direct)
        where T : notnull =>
        new(name, () => op().Map(v => (object)v), async p => (await direct(p)).Map(v => (object)v));

    private static readonly NetworkInterface Eni = new("vpc-0a1b2c3d", "subnet-0a1b2c3d", "eni-0a1b2c3d", "interface");

    private static IEnumerable<Twin> TwinRows() =>
    [
        Of("GetSubnetsOfVpc", () => Ec2Ops.GetSubnetsOfVpc("vpc-0a1b2c3d"), p => Ec2Interactions.GetSubnetsOfVpcAsync("vpc-0a1b2c3d", p)),
        Of("GetEnisOfSubnet", () => Ec2Ops.GetEnisOfSubnet("subnet-0a1b2c3d"), p => Ec2Interactions.GetEnisOfSubnetAsync("subnet-0a1b2c3d", p)),
        Of("GetEnisOfInstance", () => Ec2Ops.GetEnisOfInstance("i-0a1b2c3d"), p => Ec2Interactions.GetEnisOfInstanceAsync("i-0a1b2c3d", p)),
        Of("GetVpcDetails", () => Ec2Ops.GetVpcDetails("vpc-0a1b2c3d"), p => Ec2Interactions.GetVpcDetailsAsync("vpc-0a1b2c3d", p)),
        Of("GetAvailabilityZones", () => Ec2Ops.GetAvailabilityZones(true), p => Ec2Interactions.GetAvailabilityZonesAsync(p, true)),
        Of("MirrorEni", () => Ec2Ops.MirrorEni(Eni, "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d"),
            p => Ec2Interactions.MirrorEniAsync(Eni, "tmt-0a1b2c3d", "tmf-0a1b2c3d", "vpc-0a1b2c3d", p)),
        Of("DeleteEniMirroring", () => Ec2Ops.DeleteEniMirroring("tms-0a1b2c3d"), p => Ec2Interactions.DeleteEniMirroringAsync("tms-0a1b2c3d", p)),
        Of("CheckPermission", () => Ec2Ops.CheckPermission(Ec2DryRunCall.DeleteEniMirroring("tms-0a1b2c3d")),
            p => Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.DeleteEniMirroring("tms-0a1b2c3d"), p)),
        Of("MirrorEni (bad input)", () => Ec2Ops.MirrorEni(Eni, "not-a-target", "tmf-0a1b2c3d", "vpc-0a1b2c3d"),
            p => Ec2Interactions.MirrorEniAsync(Eni, "not-a-target", "tmf-0a1b2c3d", "vpc-0a1b2c3d", p)),
    ];

    public static TheoryData<string> Twins => Rows.Named(TwinRows(), t => t.Name);

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task AnOperation_CallsNothingWhenBuilt_AndWhenRunIsItsWrapper(string row)
    {
        var twin = Rows.Pick(TwinRows(), row);
        Mock<IAwsClientProvider> ProviderOf(IAmazonEC2 ec2)
        {
            var provider = new Mock<IAwsClientProvider>();
            provider.Setup(p => p.GetEc2()).Returns(ec2);
            return provider;
        }

        var viaOp = new Mock<IAmazonEC2>();
        var direct = new Mock<IAmazonEC2>();
        var op = twin.Op();
        Assert.Empty(viaOp.Invocations);

        var fromOp = await op.RunAsync(ProviderOf(viaOp.Object).Object);
        var fromWrapper = await twin.Direct(ProviderOf(direct.Object).Object);

        Assert.Equal(fromWrapper.ToString(), fromOp.ToString());
        Assert.Equal(direct.Invocations.Select(i => (i.Method.Name, i.Arguments.Count)), viaOp.Invocations.Select(i => (i.Method.Name, i.Arguments.Count)));
    }
}
