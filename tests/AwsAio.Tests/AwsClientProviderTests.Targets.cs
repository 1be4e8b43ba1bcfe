using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Providers for other accounts and regions: checked first, the role assumed from the parent's credentials
/// once per role (whatever the regions), cached, and disposed with the parent.</summary>
public sealed class AwsClientProviderTargetsTests : IDisposable
{
    private const string Audit = "arn:aws:iam::210987654321:role/ops/Audit";
    private readonly AwsWireStub _stub = new AwsWireStub().AssumeRole(TimeSpan.FromHours(1)).HeadBucket("awsaio-t").CallerIdentity();

    public void Dispose() => _stub.Dispose();

    [Theory]
    [InlineData("arn:aws:iam::12:role/short", null, null)]
    [InlineData(null, "x-1", null)]
    [InlineData(Audit, "a", null)]
    [InlineData(Audit, null, "not-a-region")]
    public void For_ChecksTheTargetFirst_WithTheErrorsCreateGives(string? role, string? externalId, string? region)
    {
        using var provider = StubProviders.For(_stub);
        var fromFor = provider.For(new AwsTarget { RoleArn = role, ExternalId = externalId, Region = region }).Left();
        var fromCreate = AwsClientProvider.Create(StubProviders.Options(_stub) with
        {
            AssumeRoleArn = role, ExternalId = externalId, Region = region ?? "us-east-1",
        }).Left();
        Assert.Equal(fromCreate, fromFor);
        Assert.Equal(0, _stub.Total);
    }

    [Fact]
    public void For_NoRoleAndTheSameRegion_IsTheProviderItself()
    {
        using var provider = StubProviders.For(_stub);
        Assert.Same(provider, provider.For(new AwsTarget()).Right());
        Assert.Same(provider, provider.For(AwsTarget.Regional("us-east-1")).Right());
    }

    [Fact]
    public async Task ARole_IsAssumedFromTheParentsCredentials_OnceForEveryRegionAndCall_WithItsExternalId()
    {
        using var provider = StubProviders.For(_stub);
        var regions = new[] { "us-east-1", "eu-west-1", "eu-central-1", "ap-northeast-1" };
        var children = regions.Select(r => provider.For(AwsTarget.Role(Audit, "awsaio-7f3c").InRegion(r)).Right()).ToList();

        for (var i = 0; i < 25; i++)
        {
            foreach (var child in children)
            {
                await child.GetS3().HeadBucketAsync(new HeadBucketRequest { BucketName = "awsaio-t" });
            }
        }

        Assert.Equal(1, _stub.Count("AssumeRole"));
        Assert.Equal([StubProviders.BaseKey], _stub.SigningKeys("AssumeRole"));
        Assert.Contains("ExternalId=awsaio-7f3c", _stub.Server.LogEntries.Single(e => e.RequestMessage.Body?.Contains("AssumeRole") == true).RequestMessage.Body);
        var s3Keys = _stub.Server.LogEntries.Where(e => e.RequestMessage.Method == "HEAD")
            .Select(e => e.RequestMessage.Headers!["Authorization"].Single()).ToList();
        Assert.Equal(100, s3Keys.Count);
        Assert.All(s3Keys, a => Assert.Contains("Credential=ASIAEXAMPLE", a));
        Assert.Equal(regions.Order(), s3Keys.Select(a => a.Split('/')[2]).Distinct().Order());
        Assert.Equal(regions, children.Select(c => c.Region));
    }

    [Fact]
    public async Task TheSameTargetTwice_SharesOneChild_AndItsEnvironmentIsTheRolesAccountInTheTargetsRegion()
    {
        using var provider = StubProviders.For(_stub);
        var a = provider.For(AwsTarget.Role(Audit).InRegion("eu-west-1")).Right();
        var b = provider.For(AwsTarget.Role(Audit).InRegion("eu-west-1")).Right();
        Assert.Same(a.GetS3(), b.GetS3());

        var environment = await a.GetEnvironmentAsync().Right();
        Assert.Equal("eu-west-1", environment.Region);
        Assert.Equal(1, _stub.Count("AssumeRole"));
        Assert.Equal(1, provider.Targets().ChildCount);
    }

    [Fact]
    public async Task DisposingTheParent_DisposesEveryChild_AndCallsThroughAChildBecomeLefts()
    {
        var provider = StubProviders.For(_stub);
        var child = provider.For(AwsTarget.Role(Audit).InRegion("eu-west-1")).Right();
        await S3Ops.GetBucketStatus("awsaio-t").RunAsync(child).Right();

        provider.Dispose();

        Assert.Equal(0, provider.Targets().ChildCount);
        Assert.Equal(0, provider.Targets().RoleCount);
        Assert.IsType<DomainError.InvalidInput>(provider.For(AwsTarget.Regional("eu-west-1")).Left());
        await S3Ops.GetBucketStatus("awsaio-t").RunAsync(child).Left();
        await child.GetEnvironmentAsync().Left();
    }

    [Fact]
    public void ToString_NamesTheTarget_NeverTheExternalId()
    {
        using var provider = StubProviders.For(_stub);
        var text = provider.For(AwsTarget.Role(Audit, "awsaio-7f3c-secret").InRegion("eu-west-1")).Right().ToString();
        Assert.Contains("role " + Audit + " in region eu-west-1", text);
        Assert.DoesNotContain("awsaio-7f3c-secret", text);
    }
}
