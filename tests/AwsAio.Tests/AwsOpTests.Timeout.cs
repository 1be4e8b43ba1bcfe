using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Timeout: a Left, never an exception; a lost change stays of unknown outcome; the caller's cancellation
/// stays a cancellation.</summary>
public sealed partial class AwsOpTests
{
    private static AwsWireStub SlowStub(string method, TimeSpan delay)
    {
        var stub = new AwsWireStub();
        var request = method == "HEAD" ? Request.Create().UsingHead() : Request.Create().UsingPut();
        stub.Server.Given(request.WithPath(new RegexMatcher("^/awsaio-slow/?$")))
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(delay));
        return stub;
    }

    [Fact]
    public async Task Timeout_OfAReadThatHangs_IsATimeoutLeft()
    {
        using var stub = SlowStub("HEAD", TimeSpan.FromSeconds(5));
        using var provider = StubProviders.For(stub);
        var error = await S3Ops.GetBucketStatus("awsaio-slow").Timeout(TimeSpan.FromMilliseconds(200)).RunAsync(provider).Left();
        var timeout = Assert.IsType<DomainError.Timeout>(error);
        Assert.Equal("HeadBucket", timeout.Details.Operation);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Timeout_OfAChangeWhoseAnswerIsLost_IsOutcomeUnknown_AndNotRetryable()
    {
        using var stub = SlowStub("PUT", TimeSpan.FromSeconds(5));
        using var provider = StubProviders.For(stub);
        var error = await S3Ops.CreateBucket("awsaio-slow").Timeout(TimeSpan.FromMilliseconds(300)).RunAsync(provider).Left();
        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(error);
        Assert.IsType<DomainError.Timeout>(unknown.Cause);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task Timeout_WhenTheCallerCancels_IsCancelled()
    {
        using var stub = SlowStub("HEAD", TimeSpan.FromSeconds(5));
        using var provider = StubProviders.For(stub);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var error = await S3Ops.GetBucketStatus("awsaio-slow").Timeout(TimeSpan.FromMinutes(5)).RunAsync(provider, cts.Token).Left();
        Assert.IsType<DomainError.Cancelled>(error);
    }

    [Fact]
    public async Task Timeout_OfWorkThatIgnoresCancellation_AbandonsIt_AsOutcomeUnknown()
    {
        var stubborn = AwsOp.Of<int>(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
            return 1;
        });
        var error = await stubborn.Timeout(TimeSpan.FromMilliseconds(50)).RunAsync(new JournalProvider()).Left();
        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(error);
        Assert.Contains("did not stop when cancelled", unknown.Cause.ToString());
    }

    [Fact]
    public async Task Timeout_OfUserWorkCancelledByIt_IsATimeout()
    {
        var waits = AwsOp.Of<int>(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return 1;
        });
        Assert.IsType<DomainError.Timeout>(await waits.Timeout(TimeSpan.FromMilliseconds(50)).RunAsync(new JournalProvider()).Left());
    }

    [Fact]
    public async Task Timeout_OfWorkThatFinishesInTime_IsItsResult()
    {
        Assert.Equal(5, await AwsOp.Right(5).Timeout(TimeSpan.FromSeconds(30)).RunAsync(new JournalProvider()).Right());
        var failed = DomainError.NewAccessDenied(AwsErrorDetails.NoResponse("S3", "HeadBucket"));
        Assert.Same(failed, await AwsOp.Left<int>(failed).Timeout(TimeSpan.FromSeconds(30)).RunAsync(new JournalProvider()).Left());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Timeout_OfASpanOutOfBounds_IsInvalidInput_AndRunsNothing(int milliseconds)
    {
        var provider = new JournalProvider();
        var error = await new OpSpec([1], null, 1).Build().Timeout(TimeSpan.FromMilliseconds(milliseconds)).RunAsync(provider).Left();
        Assert.IsType<DomainError.InvalidInput>(error);
        Assert.Empty(provider.Journal);
    }

    private static DomainError TimedOutError(string message) =>
        DomainError.NewTimeout(AwsErrorDetails.Of("", "operation", "", message, 0, ""));

    [Fact]
    public async Task Timeout_OfUserWorkCancelledByIt_SaysTheSpan()
    {
        var waits = AwsOp.Of<int>(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return 1;
        });
        Assert.Equal(TimedOutError("the operation did not finish within 50 ms"),
            await waits.Timeout(TimeSpan.FromMilliseconds(50)).RunAsync(new JournalProvider()).Left());
    }

    [Fact]
    public async Task Timeout_OfWorkThatIgnoresCancellation_SaysItDidNotStop()
    {
        var stubborn = AwsOp.Of<int>(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
            return 1;
        });
        Assert.Equal(DomainError.NewOutcomeUnknown(TimedOutError("the operation did not finish within 50 ms and did not stop when cancelled"), ""),
            await stubborn.Timeout(TimeSpan.FromMilliseconds(50)).RunAsync(new JournalProvider()).Left());
    }

    [Fact]
    public async Task Timeout_WhenTheCallerCancelsWorkThatIgnoresCancellation_IsCancelled()
    {
        var stubborn = AwsOp.Of<int>(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
            return 1;
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.Equal(DomainError.NewCancelled("operation"),
            await stubborn.Timeout(TimeSpan.FromMinutes(5)).RunAsync(new JournalProvider(), cts.Token).Left());
    }
}
