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

    [Fact]
    public void AChildsReport_NamesItsRoleAndRegion_AndWhereThatRegionCameFrom()
    {
        using var provider = StubProviders.For(_stub);
        var rootReport = provider.DescribeCredentialSource();
        var away = Child(provider, AwsTarget.Role(Audit).InRegion("eu-west-1"));
        var home = Child(provider, AwsTarget.Role(Audit));

        Assert.Equal((Audit, "eu-west-1", "the target"), (away.DescribeCredentialSource().AssumeRoleArn, away.DescribeCredentialSource().Region, away.DescribeCredentialSource().RegionSource));
        Assert.Equal((Audit, "us-east-1", rootReport.RegionSource), (home.DescribeCredentialSource().AssumeRoleArn, home.DescribeCredentialSource().Region, home.DescribeCredentialSource().RegionSource));
        Assert.NotEqual("the target", rootReport.RegionSource);
        Assert.Equal(rootReport.Endpoint, away.DescribeCredentialSource().Endpoint);
        Assert.Equal($"AwsClientProvider({rootReport.Detail}; region eu-west-1; role {Audit}; endpoint {_stub.Url})", away.ToString());
        Assert.Equal($"AwsClientProvider({rootReport.Detail}; region us-east-1; endpoint {_stub.Url})", provider.ToString());
    }

    [Fact]
    public void ARegionOnlyTarget_OfAProviderWithARole_KeepsThatRole()
    {
        const string Own = "arn:aws:iam::123456789012:role/Own";
        using var provider = StubProviders.For(_stub, o => o with { AssumeRoleArn = Own });
        var child = Child(provider, AwsTarget.Regional("eu-central-1"));
        Assert.Equal(Own, child.DescribeCredentialSource().AssumeRoleArn);
        Assert.Equal("eu-central-1", child.Region);
        Assert.Equal($"AwsClientProvider({provider.DescribeCredentialSource().Detail}; region eu-central-1; role {Own}; endpoint {_stub.Url})", child.ToString());
        Assert.Equal(0, _stub.Total);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("svc-audit")]
    public async Task ATargetsRole_IsAssumedUnderTheConfiguredSessionName_OrTheDefaultOne(string? sessionName)
    {
        // A session name applies only with a role of the provider's own; a target's role is assumed under the same one.
        using var provider = StubProviders.For(_stub, o => o with { AssumeRoleArn = "arn:aws:iam::123456789012:role/Own", RoleSessionName = sessionName });
        var child = provider.For(AwsTarget.Role(Audit).InRegion("eu-west-1")).Right();
        await child.GetS3().HeadBucketAsync(new HeadBucketRequest { BucketName = "awsaio-t" });
        var body = _stub.Server.LogEntries.Select(e => e.RequestMessage.Body ?? "")
            .Single(b => b.Contains("Action=AssumeRole") && b.Contains(Uri.EscapeDataString(Audit)));
        Assert.Contains("RoleSessionName=" + (sessionName ?? AwsClientProviderOptions.DefaultRoleSessionName) + "&", body + "&");
    }

    [Fact]
    public void GetSettings_HandsOutTheCallSettingsFirst_ThenTheS3Settings_AndNothingElse()
    {
        using var provider = StubProviders.For(_stub, o => o with { CallDeadline = TimeSpan.FromSeconds(42), AllowDotSegmentKeys = true });
        Assert.Equal(TimeSpan.FromSeconds(42), provider.GetSettings<CallSettings>()!.Deadline);
        Assert.True(provider.GetSettings<S3Settings>()!.AllowDotSegmentKeys);
        Assert.IsType<CallSettings>(provider.GetSettings<object>());
        Assert.Null(provider.GetSettings<string>());
        var child = provider.For(AwsTarget.Regional("eu-west-1")).Right();
        Assert.Same(provider.GetSettings<CallSettings>(), child.GetSettings<CallSettings>());
        Assert.Same(provider.GetSettings<S3Settings>(), child.GetSettings<S3Settings>());
    }

    private static AwsClientProvider Child(AwsClientProvider provider, AwsTarget target) =>
        provider.Targets().Current(((TargetProvider)provider.For(target).Right()).Key);

    [Fact]
    public void For_OfNull_IsTargetRequired_AndAfterDispose_IsProviderDisposed()
    {
        var provider = StubProviders.For(_stub);
        Assert.Equal(DomainError.NewInvalidInput("target", "is required"), provider.For(null!).Left());
        provider.Dispose();
        Assert.Equal(DomainError.NewInvalidInput("provider", "has been disposed"), provider.For(AwsTarget.Regional("eu-west-1")).Left());
    }

    [Fact]
    public void ARoleTarget_OfAProviderWithARole_ReportsTheTargetsRole()
    {
        const string Own = "arn:aws:iam::123456789012:role/Own";
        using var provider = StubProviders.For(_stub, o => o with { AssumeRoleArn = Own });
        var child = Child(provider, AwsTarget.Role(Audit));
        Assert.Equal(Audit, child.DescribeCredentialSource().AssumeRoleArn);
        Assert.Equal(0, _stub.Total);
    }
}
