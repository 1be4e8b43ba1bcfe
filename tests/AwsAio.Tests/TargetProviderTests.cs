using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>The handle For gives: the parent's settings, its own region, and targets relative to itself.</summary>
public sealed class TargetProviderTests : IDisposable
{
    private const string Audit = "arn:aws:iam::210987654321:role/ops/Audit";
    private readonly AwsWireStub _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public void ItsSettings_AreTheParents_AndItsRegionIsTheTargets()
    {
        using var provider = StubProviders.For(_stub, o => o with { CallDeadline = TimeSpan.FromSeconds(42) });
        var child = provider.For(AwsTarget.Role(Audit).InRegion("eu-west-1")).Right();
        Assert.Equal(TimeSpan.FromSeconds(42), child.GetSettings<CallSettings>()!.Deadline);
        Assert.Same(provider.GetSettings<S3Settings>(), child.GetSettings<S3Settings>());
        Assert.Equal("eu-west-1", child.Region);
    }

    [Fact]
    public void ForFromAChild_KeepsItsRole_WhenOnlyTheRegionChanges_AndItsRegion_WhenOnlyTheRoleChanges()
    {
        using var provider = StubProviders.For(_stub);
        var child = (TargetProvider)provider.For(AwsTarget.Role(Audit, "awsaio-7f3c").InRegion("eu-west-1")).Right();

        var moved = (TargetProvider)child.For(AwsTarget.Regional("ap-south-1")).Right();
        Assert.Equal(new TargetKey(Audit, "awsaio-7f3c", "ap-south-1"), moved.Key);

        var other = (TargetProvider)child.For(AwsTarget.Role("arn:aws:iam::111122223333:role/x")).Right();
        Assert.Equal(new TargetKey("arn:aws:iam::111122223333:role/x", null, "eu-west-1"), other.Key);

        Assert.IsType<DomainError.InvalidInput>(child.For(new AwsTarget { ExternalId = "x-1" }).Left());
        Assert.IsType<DomainError.InvalidInput>(child.For(null!).Left());
    }

    [Fact]
    public void ALease_HoldsTheChild_AndIsReleasedOnce()
    {
        using var provider = StubProviders.For(_stub, o => o with { MaxCachedTargets = 1 });
        var child = (TargetProvider)provider.For(AwsTarget.Regional("eu-west-1")).Right();
        var lease = child.Lease();
        Assert.NotNull(lease);
        lease.Dispose();
        lease.Dispose();
        _ = provider.For(AwsTarget.Regional("eu-west-2")).Right().GetS3();
        _ = provider.For(AwsTarget.Regional("eu-west-3")).Right().GetS3();
        Assert.Equal(1, provider.Targets().ChildCount);
    }

    [Fact]
    public void AfterTheParentIsDisposed_ALeaseIsNone_AndAGetterThrowsObjectDisposed_WhichCallsReportAsErrors()
    {
        var provider = StubProviders.For(_stub);
        var child = (TargetProvider)provider.For(AwsTarget.Regional("eu-west-1")).Right();
        provider.Dispose();
        Assert.Null(child.Lease());
        Assert.Throws<ObjectDisposedException>(() => child.GetS3());
    }

    [Fact]
    public void ItsClients_AreItsChildsOwn_InTheTargetsRegion()
    {
        using var provider = StubProviders.For(_stub);
        var target = (TargetProvider)provider.For(AwsTarget.Regional("eu-west-1")).Right();
        var child = provider.Targets().Current(target.Key);

        var ec2 = target.GetEc2();
        var sts = target.GetSts();
        var s3 = target.Client<Amazon.S3.AmazonS3Client, Amazon.S3.AmazonS3Config>((c, config) => new Amazon.S3.AmazonS3Client(c, config));

        Assert.Same(child.GetEc2(), ec2);
        Assert.Same(child.GetSts(), sts);
        Assert.Same(child.Client<Amazon.S3.AmazonS3Client, Amazon.S3.AmazonS3Config>((c, config) => new Amazon.S3.AmazonS3Client(c, config)), s3);
        Assert.NotSame(provider.GetEc2(), ec2);
        Assert.Equal("eu-west-1", ec2.Config.AuthenticationRegion);
        Assert.Equal("eu-west-1", sts.Config.AuthenticationRegion);
        Assert.Equal("eu-west-1", s3.Config.AuthenticationRegion);
    }

    [Fact]
    public async Task AfterTheParentIsDisposed_ItsEnvironment_IsADisposedProvider()
    {
        var provider = StubProviders.For(_stub);
        var target = provider.For(AwsTarget.Regional("eu-west-1")).Right();
        provider.Dispose();

        Assert.Equal(DomainError.NewInvalidInput("provider", "has been disposed"), await target.GetEnvironmentAsync().Left());
    }

    [Fact]
    public void For_OfNull_IsTargetRequired_AndANewRoleWithARegion_KeepsThatRegion()
    {
        using var provider = StubProviders.For(_stub);
        var child = (TargetProvider)provider.For(AwsTarget.Role(Audit).InRegion("eu-west-1")).Right();

        Assert.Equal(DomainError.NewInvalidInput("target", "is required"), child.For(null!).Left());
        var other = (TargetProvider)child.For(AwsTarget.Role("arn:aws:iam::111122223333:role/x").InRegion("us-west-2")).Right();
        Assert.Equal(new TargetKey("arn:aws:iam::111122223333:role/x", null, "us-west-2"), other.Key);
    }
}
