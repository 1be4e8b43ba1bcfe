using System.Collections.Concurrent;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using LanguageExt;
using Moq;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace AwsAio.Tests;

/// <summary>One operation across many accounts and regions: one AssumeRole per role, the bound held, every target's
/// own result in order, cancellation honoured.</summary>
public sealed partial class AwsOpTests
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

    private static string RoleOf(long account) => $"arn:aws:iam::{account:D12}:role/ops/Audit";

    private static List<AwsTarget> Targets(int accounts) =>
        Enumerable.Range(1, accounts).SelectMany(a => Regions.Select(r => AwsTarget.Role(RoleOf(a), "awsaio-ext").InRegion(r))).ToList();

    [Fact]
    public async Task RunAcross_AssumesEachRoleOnce_AcrossRegionsAndManyOperations()
    {
        using var stub = new AwsWireStub().AssumeRole(TimeSpan.FromHours(1)).HeadBucket("awsaio-audit");
        using var provider = StubProviders.For(stub);
        var op = S3Ops.GetBucketStatus("awsaio-audit").Bind(_ => S3Ops.GetBucketStatus("awsaio-audit"));
        var targets = Targets(5);

        var first = await op.RunAcrossAsync(targets, provider, maxConcurrency: 4);
        var second = await op.RunAcrossAsync(targets, provider, maxConcurrency: 4);

        Assert.All(first.Concat(second), r => Assert.Equal(BucketStatus.ExistsHaveAccess, r.Result.Right()));
        Assert.Equal(5, stub.Count("AssumeRole"));
        Assert.Equal(2 * 2 * 15, stub.Total - 5);
        Assert.All(stub.SigningKeys("AssumeRole"), key => Assert.Equal(StubProviders.BaseKey, key));
        var signedRegions = stub.Server.LogEntries.Where(e => e.RequestMessage.Method == "HEAD")
            .Select(e => e.RequestMessage.Headers!["Authorization"].Single().Split('/')[2]).Distinct().Order();
        Assert.Equal(Regions.Order(), signedRegions);
        Assert.Equal(5, stub.Server.LogEntries.Count(e => e.RequestMessage.Body?.Contains("ExternalId=awsaio-ext") == true));
    }

    [Fact]
    public async Task RunAcross_NeverHasMoreTargetsInFlightThanItsBound_Measured()
    {
        using var stub = new AwsWireStub();
        using var provider = StubProviders.For(stub);
        var inFlight = 0;
        var most = 0;
        var op = AwsOp.Of<string>(async (p, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(3, ct);
            Interlocked.Decrement(ref inFlight);
            return p.Region!;
        });

        var results = await op.RunAcrossAsync(Targets(20), provider, maxConcurrency: 6);

        Assert.Equal(60, results.Count);
        Assert.InRange(most, 1, 6);
        Assert.Equal(Targets(20).Select(t => t.Region), results.Select(r => r.Result.Right()));
        // The only requests are the role credentials fetched one round ahead, at most one per role.
        Assert.Equal(stub.Total, stub.Count("AssumeRole"));
        Assert.InRange(stub.Total, 0, 20);
    }

    [Fact]
    public async Task RunAcross_AFailingOrInvalidTarget_DoesNotAffectTheOthers_AndResultsKeepTheTargetsOrder()
    {
        using var stub = new AwsWireStub().AssumeRole(TimeSpan.FromHours(1)).HeadBucket("awsaio-audit");
        stub.Server.Given(Request.Create().UsingPost().WithBody(new RegexMatcher("Action=AssumeRole.*999999999999")))
            .AtPriority(-1)
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "text/xml").WithBody("""
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not trusted</Message></Error>
                  <RequestId>4f1a5c4e-0000-4000-8000-00000000dead</RequestId>
                </ErrorResponse>
                """));
        using var provider = StubProviders.For(stub);
        var targets = new List<AwsTarget>
        {
            AwsTarget.Role(RoleOf(1)),
            AwsTarget.Role(RoleOf(999999999999)).InRegion("eu-west-1"),
            AwsTarget.Role("arn:aws:iam::12:role/not-an-account"),
            AwsTarget.Regional("eu-west-1"),
            AwsTarget.Role(RoleOf(2), "awsaio-ext"),
        };

        var results = await S3Ops.GetBucketStatus("awsaio-audit").RunAcrossAsync(targets, provider, maxConcurrency: 5);

        Assert.Equal(targets, results.Select(r => r.Target));
        Assert.Equal(Enumerable.Range(0, 5), results.Select(r => r.Index));
        Assert.Equal(BucketStatus.ExistsHaveAccess, results[0].Result.Right());
        Assert.Contains("999999999999", results[1].Result.Left().ToString());
        Assert.Equal(DomainError.NewInvalidInput("role ARN", ""), results[2].Result.Left() switch
        {
            DomainError.InvalidInput { Field: var f } => DomainError.NewInvalidInput(f, ""),
            var other => other,
        });
        Assert.Equal(BucketStatus.ExistsHaveAccess, results[3].Result.Right());
        Assert.Equal(BucketStatus.ExistsHaveAccess, results[4].Result.Right());
    }

    [Fact]
    public async Task RunAcross_WhenTheCallerCancels_TargetsNotStartedAreCancelled_AndNothingMoreIsSent()
    {
        using var stub = new AwsWireStub();
        using var provider = StubProviders.For(stub);
        using var cts = new CancellationTokenSource();
        var started = 0;
        var op = AwsOp.Of<int>(async (_, ct) =>
        {
            if (Interlocked.Increment(ref started) == 3) await cts.CancelAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return 1;
        });

        var results = await op.RunAcrossAsync(Targets(10), provider, maxConcurrency: 3, ct: cts.Token);

        Assert.Equal(30, results.Count);
        Assert.All(results, r => Assert.IsType<DomainError.Cancelled>(r.Result.Left()));
        Assert.Equal(3, started);
    }

    [Fact]
    public async Task RunAcross_FetchesTheRoleOfTheTargetOneRoundAhead_WhileThisRoundRuns()
    {
        using var stub = new AwsWireStub().AssumeRole(TimeSpan.FromHours(1));
        using var provider = StubProviders.For(stub);
        var rolesSeen = new List<int>();
        var op = AwsOp.Of<int>((_, _) =>
        {
            lock (rolesSeen) rolesSeen.Add(provider.Targets().RoleCount);
            return Task.FromResult(LanguageExt.Prelude.Right<DomainError, int>(1));
        });
        var targets = Enumerable.Range(1, 5).Select(a => AwsTarget.Role(RoleOf(a))).ToList();

        await op.RunAcrossAsync(targets, provider, maxConcurrency: 1);

        // When target k runs, its own role and the next target's are already there (the last has no next).
        Assert.Equal([2, 3, 4, 5, 5], rolesSeen);
    }

    [Fact]
    public async Task RunAcross_ReportsEachTargetOnce_AsItFinishes()
    {
        using var stub = new AwsWireStub();
        using var provider = StubProviders.For(stub);
        var seen = new ConcurrentBag<int>();
        var progress = new SynchronousProgress<TargetResult<string>>(r => seen.Add(r.Index));

        await AwsOp.Of<string>((p, _) => Task.FromResult(LanguageExt.Prelude.Right<DomainError, string>(p.Region!)))
            .RunAcrossAsync(Targets(4), provider, maxConcurrency: 3, progress);

        Assert.Equal(Enumerable.Range(0, 12), seen.Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(AwsOp.MaxConcurrency + 1)]
    public async Task RunAcross_WithABoundOutOfRange_GivesEveryTargetInvalidInput_AndRunsNothing(int bound)
    {
        var provider = new JournalProvider();
        var results = await new OpSpec([1], null, 1).Build().RunAcrossAsync(Targets(2), provider, bound);
        Assert.Equal(6, results.Count);
        Assert.All(results, r => Assert.Equal("max concurrency", Assert.IsType<DomainError.InvalidInput>(r.Result.Left()).Field));
        Assert.Empty(provider.Journal);
    }

    [Fact]
    public async Task RunAcross_WithAProviderThatCannotWorkElsewhere_GivesEachTargetALeft_NeverBottom()
    {
        var mock = new Mock<IAwsClientProvider>();
        var fromMock = await AwsOp.Right(1).RunAcrossAsync(Targets(1), mock.Object, 2);
        var fromDouble = await AwsOp.Right(1).RunAcrossAsync(Targets(1), new JournalProvider(), 2);
        Assert.All(fromMock.Concat(fromDouble), r => Assert.IsType<DomainError.InvalidInput>(r.Result.Left()));
        Assert.Empty(await AwsOp.Right(1).RunAcrossAsync(null!, new JournalProvider(), 2));
    }

    [Fact]
    public async Task RunAcross_WithAProviderThatThrowsForTargets_GivesEachTargetAnUnexpected_AndWarmingSwallowsIt()
    {
        var thrown = new InvalidOperationException("the provider's own failure");
        var mock = new Mock<IAwsClientProvider>();
        mock.Setup(p => p.For(It.IsAny<AwsTarget>())).Throws(thrown);

        var results = await AwsOp.Right(1).RunAcrossAsync(Targets(1), mock.Object, 1);

        Assert.Equal(3, results.Count);
        var expected = DomainError.NewUnexpected(
            AwsErrorDetails.Of("", "operation", "", "the provider threw InvalidOperationException for a target", 0, ""), thrown);
        Assert.All(results, r => Assert.Equal(expected, r.Result.Left()));
        // Two targets were warmed one round ahead (each For threw there too), then each target's own turn asked again.
        mock.Verify(p => p.For(It.IsAny<AwsTarget>()), Times.Exactly(5));
    }

    [Fact]
    public async Task RunAcross_WithAProviderThatGivesBottom_GivesEachTargetInvalidInput_NamingIt()
    {
        var results = await AwsOp.Right(1).RunAcrossAsync(Targets(1), new Mock<IAwsClientProvider>().Object, 1);

        Assert.All(results, r => Assert.Equal(DomainError.NewInvalidInput("target", "the provider gave no provider for it"), r.Result.Left()));
    }

    [Fact]
    public async Task RunAcross_ANullTarget_IsInvalidInput_AndTheOthersRun()
    {
        using var stub = new AwsWireStub();
        using var provider = StubProviders.For(stub);

        var results = await AwsOp.Of<string>((p, _) => Task.FromResult<Either<DomainError, string>>(p.Region!))
            .RunAcrossAsync([null!, AwsTarget.Regional("eu-west-1")], provider, 1);

        Assert.Equal(DomainError.NewInvalidInput("target", "is required"), results[0].Result.Left());
        Assert.Equal("eu-west-1", results[1].Result.Right());
    }

    /// <summary>Reports on the thread that finished the target (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public async Task RunAcross_WithoutAProvider_GivesEachTargetInvalidInput_NamingTheProvider()
    {
        var results = await AwsOp.Right(1).RunAcrossAsync(Targets(1), null!, 2);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(DomainError.NewInvalidInput("provider", "is required"), r.Result.Left()));
    }

    [Fact]
    public async Task RunAcross_ANullTarget_IsInvalidInput_WithoutAskingTheProvider()
    {
        var mock = new Mock<IAwsClientProvider>(MockBehavior.Strict);

        var results = await AwsOp.Right(1).RunAcrossAsync([null!], mock.Object, 1);

        Assert.Equal(DomainError.NewInvalidInput("target", "is required"), Assert.Single(results).Result.Left());
    }
}
