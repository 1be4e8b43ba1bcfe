using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>The cache of targets: bounded, idle entries evicted, nothing in use evicted, roles kept while a region
/// uses them.</summary>
public sealed class ProviderTargetsTests : IDisposable
{
    private readonly AwsWireStub _stub = new AwsWireStub().AssumeRole(TimeSpan.FromHours(1)).HeadBucket("awsaio-t");

    public void Dispose() => _stub.Dispose();

    private static string Role(int account) => $"arn:aws:iam::{account:D12}:role/ops/Audit";

    private sealed class ManualTime : TimeProvider
    {
        internal DateTimeOffset Now { get; set; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task BeyondItsCapacity_TheLeastRecentlyUsedGo_AndAnEvictedRoleIsAssumedAgainWhenNeeded()
    {
        using var provider = StubProviders.For(_stub, o => o with { MaxCachedTargets = 2 });
        for (var account = 1; account <= 5; account++)
        {
            await S3Ops.GetBucketStatus("awsaio-t").RunAsync(provider.For(AwsTarget.Role(Role(account))).Right()).Right();
        }

        Assert.Equal(2, provider.Targets().ChildCount);
        Assert.Equal(2, provider.Targets().RoleCount);
        Assert.Equal(5, _stub.Count("AssumeRole"));

        await S3Ops.GetBucketStatus("awsaio-t").RunAsync(provider.For(AwsTarget.Role(Role(5))).Right()).Right();
        Assert.Equal(5, _stub.Count("AssumeRole"));
        await S3Ops.GetBucketStatus("awsaio-t").RunAsync(provider.For(AwsTarget.Role(Role(1))).Right()).Right();
        Assert.Equal(6, _stub.Count("AssumeRole"));
    }

    [Fact]
    public async Task AChildInUse_IsNeverEvicted_EvenBeyondTheCapacity()
    {
        using var provider = StubProviders.For(_stub, o => o with { MaxCachedTargets = 1 });
        var busy = (TargetProvider)provider.For(AwsTarget.Regional("eu-west-1")).Right();
        using (busy.Lease())
        {
            var client = busy.GetS3();
            for (var i = 0; i < 3; i++) _ = provider.For(AwsTarget.Regional($"eu-west-{i + 2}")).Right().GetS3();
            Assert.Same(client, busy.GetS3());
            await S3Ops.GetBucketStatus("awsaio-t").RunAsync(busy).Right();
        }

        _ = provider.For(AwsTarget.Regional("ap-south-1")).Right().GetS3();
        Assert.Equal(1, provider.Targets().ChildCount);
    }

    [Fact]
    public void AnIdleChild_IsEvicted_AndRebuiltWhenItsHandleIsUsedAgain()
    {
        var time = new ManualTime();
        using var provider = StubProviders.For(_stub, o => o with { TargetIdleTimeout = TimeSpan.FromMinutes(10) });
        provider.Time = time;
        var handle = provider.For(AwsTarget.Regional("eu-west-1")).Right();
        var first = handle.GetS3();

        time.Now += TimeSpan.FromMinutes(11);
        _ = provider.For(AwsTarget.Regional("eu-west-2")).Right().GetS3();

        Assert.Equal(1, provider.Targets().ChildCount);
        var again = handle.GetS3();
        Assert.NotSame(first, again);
        Assert.Equal("eu-west-1", again.Config.AuthenticationRegion);
    }

    [Fact]
    public void ARole_StaysWhileAnyRegionUsesIt()
    {
        var time = new ManualTime();
        using var provider = StubProviders.For(_stub, o => o with { TargetIdleTimeout = TimeSpan.FromMinutes(10) });
        provider.Time = time;
        var east = (TargetProvider)provider.For(AwsTarget.Role(Role(1)).InRegion("us-east-2")).Right();
        _ = provider.For(AwsTarget.Role(Role(1)).InRegion("eu-west-1")).Right().GetS3();
        using var lease = east.Lease();

        time.Now += TimeSpan.FromMinutes(30);
        _ = provider.For(AwsTarget.Regional("ap-south-1")).Right().GetS3();

        Assert.Equal(2, provider.Targets().ChildCount);
        Assert.Equal(1, provider.Targets().RoleCount);
    }

    [Fact]
    public async Task ATargetWhoseRoleCannotBeBuilt_GivesNoLease_AndItsCallsReportTheHook_NotADisposedProvider()
    {
        // The hook passes the provider's own checks (one STS configuration), then refuses every STS client after.
        var stsConfigs = 0;
        using var provider = StubProviders.For(_stub, o => o with
        {
            ConfigureClient = c =>
            {
                if (c is Amazon.SecurityToken.AmazonSecurityTokenServiceConfig && Interlocked.Increment(ref stsConfigs) > 1)
                {
                    throw new InvalidOperationException("the hook refuses");
                }
            },
        });
        var target = (TargetProvider)provider.For(AwsTarget.Role(Role(1))).Right();

        Assert.Null(target.Lease());
        Assert.Equal(0, provider.Targets().ChildCount);
        var environment = await target.GetEnvironmentAsync();
        var call = await StsInteractions.GetCallerIdentityAsync(target);
        Assert.Equal(call.Left().ToString(), environment.Left().ToString());
        Assert.DoesNotContain("disposed", environment.Left().ToString());
    }

    [Fact]
    public void ReleasingALease_SweepsIdleChildren()
    {
        var time = new ManualTime();
        using var provider = StubProviders.For(_stub, o => o with { TargetIdleTimeout = TimeSpan.FromMinutes(10) });
        provider.Time = time;
        var held = (TargetProvider)provider.For(AwsTarget.Regional("eu-west-1")).Right();
        var idle = provider.For(AwsTarget.Regional("eu-west-2")).Right();
        var idleClient = idle.GetS3();
        var lease = held.Lease()!;

        time.Now += TimeSpan.FromMinutes(11);
        lease.Dispose();

        Assert.Equal(1, provider.Targets().ChildCount);
        Assert.NotSame(idleClient, idle.GetS3());
    }

    [Fact]
    public void TargetKey_ToString_NamesRoleAndRegion_NeverTheExternalId()
    {
        Assert.Equal("region eu-west-1", new TargetKey(null, null, "eu-west-1").ToString());
        Assert.Equal("role arn:aws:iam::210987654321:role/Audit in region eu-west-1",
            new TargetKey("arn:aws:iam::210987654321:role/Audit", "secret-ext", "eu-west-1").ToString());
    }

    /// <summary>Captures the credentials a provider builds its clients with.</summary>
    private sealed class Capture(Amazon.Runtime.AWSCredentials credentials) : IDisposable
    {
        internal Amazon.Runtime.AWSCredentials Credentials { get; } = credentials;

        public void Dispose()
        {
        }
    }

    /// <summary>The cached child provider of <paramref name="target"/>.</summary>
    private static AwsClientProvider ChildOf(AwsClientProvider provider, AwsTarget target) =>
        provider.Targets().Current(((TargetProvider)provider.For(target).Right()).Key);

    private static Amazon.Runtime.AWSCredentials CredentialsOf(AwsClientProvider child) =>
        child.Client<Capture, Amazon.S3.AmazonS3Config>((c, _) => new Capture(c)).Credentials;

    [Fact]
    public async Task AnEvictedChildAndItsRole_AreDisposed()
    {
        using var provider = StubProviders.For(_stub, o => o with { MaxCachedTargets = 1 });
        var first = ChildOf(provider, AwsTarget.Role(Role(1)));
        var credentials = CredentialsOf(first);

        _ = provider.For(AwsTarget.Role(Role(2))).Right().GetS3();
        _ = provider.For(AwsTarget.Role(Role(3))).Right().GetS3();

        Assert.Throws<ObjectDisposedException>(() => first.GetS3());
        var failed = await Assert.ThrowsAsync<CredentialsFailedException>(() => credentials.GetCredentialsAsync());
        Assert.Equal(AwsAio.Core.DomainError.NewInvalidInput("provider", "has been disposed"), failed.Error);
    }

    [Fact]
    public async Task DisposingTheParent_DisposesEveryChildAndRole()
    {
        var provider = StubProviders.For(_stub);
        var child = ChildOf(provider, AwsTarget.Role(Role(1)));
        var credentials = CredentialsOf(child);

        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => child.GetS3());
        var failed = await Assert.ThrowsAsync<CredentialsFailedException>(() => credentials.GetCredentialsAsync());
        Assert.Equal(AwsAio.Core.DomainError.NewInvalidInput("provider", "has been disposed"), failed.Error);
    }

    [Fact]
    public void ReleasingALease_DisposesTheIdleChildItEvicts()
    {
        var time = new ManualTime();
        using var provider = StubProviders.For(_stub, o => o with { TargetIdleTimeout = TimeSpan.FromMinutes(10) });
        provider.Time = time;
        var held = (TargetProvider)provider.For(AwsTarget.Regional("eu-west-1")).Right();
        var idle = ChildOf(provider, AwsTarget.Regional("eu-west-2"));
        var lease = held.Lease()!;

        time.Now += TimeSpan.FromMinutes(11);
        lease.Dispose();

        Assert.Throws<ObjectDisposedException>(() => idle.GetS3());
    }

    [Fact]
    public void ARole_IsKeptWhileItsChildIsRecentlyUsed_EvenWhenTheRoleItselfWasNotTouched()
    {
        var time = new ManualTime();
        using var provider = StubProviders.For(_stub, o => o with { TargetIdleTimeout = TimeSpan.FromMinutes(10) });
        provider.Time = time;
        var handle = provider.For(AwsTarget.Role(Role(1))).Right();
        _ = handle.GetS3();

        time.Now += TimeSpan.FromMinutes(9);
        _ = handle.GetS3();
        time.Now += TimeSpan.FromMinutes(2.5);
        _ = provider.For(AwsTarget.Regional("eu-west-2")).Right().GetS3();

        Assert.Equal(2, provider.Targets().ChildCount);
        Assert.Equal(1, provider.Targets().RoleCount);
    }

    [Fact]
    public void AWarmedRole_WithoutChildren_IsEvictedWhenIdle()
    {
        var time = new ManualTime();
        using var provider = StubProviders.For(_stub, o => o with { TargetIdleTimeout = TimeSpan.FromMinutes(10) });
        provider.Time = time;
        provider.Targets().Warm(new TargetKey(Role(1), null, "us-east-1"));
        Assert.Equal(1, provider.Targets().RoleCount);

        time.Now += TimeSpan.FromMinutes(11);
        _ = provider.For(AwsTarget.Regional("eu-west-2")).Right().GetS3();

        Assert.Equal(0, provider.Targets().RoleCount);
    }

    [Fact]
    public void TheSweep_RunsExactlyAQuarterOfTheIdleTimeAfterTheLast()
    {
        var time = new ManualTime();
        using var provider = StubProviders.For(_stub, o => o with { TargetIdleTimeout = TimeSpan.FromMinutes(10) });
        provider.Time = time;
        _ = provider.For(AwsTarget.Regional("eu-west-1")).Right().GetS3();
        var other = provider.For(AwsTarget.Regional("eu-west-2")).Right();

        time.Now += TimeSpan.FromMinutes(8);
        _ = other.GetS3();
        Assert.Equal(2, provider.Targets().ChildCount);
        time.Now += TimeSpan.FromMinutes(2.5);
        _ = other.GetS3();

        Assert.Equal(1, provider.Targets().ChildCount);
    }

    [Fact]
    public void AtExactlyItsCapacity_ANotDueUse_DoesNotSweepChildren()
    {
        var time = new ManualTime();
        using var provider = StubProviders.For(_stub, o => o with { TargetIdleTimeout = TimeSpan.FromMinutes(10), MaxCachedTargets = 2 });
        provider.Time = time;
        _ = provider.For(AwsTarget.Regional("eu-west-1")).Right().GetS3();
        time.Now += TimeSpan.FromMinutes(9);
        var other = provider.For(AwsTarget.Regional("eu-west-2")).Right();
        _ = other.GetS3();

        time.Now += TimeSpan.FromMinutes(2);
        _ = other.GetS3();

        Assert.Equal(2, provider.Targets().ChildCount);
    }

    [Fact]
    public void AtExactlyItsCapacityOfRoles_ANotDueUse_DoesNotSweepRoles()
    {
        var time = new ManualTime();
        using var provider = StubProviders.For(_stub, o => o with { TargetIdleTimeout = TimeSpan.FromMinutes(10), MaxCachedTargets = 2 });
        provider.Time = time;
        var regional = provider.For(AwsTarget.Regional("eu-west-1")).Right();
        provider.Targets().Warm(new TargetKey(Role(1), null, "us-east-1"));
        _ = regional.GetS3();
        time.Now += TimeSpan.FromMinutes(9);
        provider.Targets().Warm(new TargetKey(Role(2), null, "us-east-1"));
        _ = regional.GetS3();

        time.Now += TimeSpan.FromMinutes(2);
        _ = regional.GetS3();

        Assert.Equal(2, provider.Targets().RoleCount);
    }
}
