using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Retry: only what may go away by itself, never an unknown outcome, within the policy's attempts and
/// deadline, stopped at once by cancellation.</summary>
public sealed partial class AwsOpTests
{
    private static readonly Backoff Quick = Backoff.Exponential(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    private static DomainError Throttled => DomainError.NewThrottled(AwsErrorDetails.Of("S3", "HeadBucket", "SlowDown", "", 503, "r"));

    /// <summary>An operation that fails with each error in turn, then succeeds; counts its attempts.</summary>
    private static (AwsOp<int> Op, Func<int> Attempts) FailingThen(params DomainError[] errors)
    {
        var attempts = 0;
        var op = AwsOp.Of<int>((_, _) =>
        {
            var n = Interlocked.Increment(ref attempts);
            return Task.FromResult(n <= errors.Length
                ? LanguageExt.Prelude.Left<DomainError, int>(errors[n - 1])
                : LanguageExt.Prelude.Right<DomainError, int>(n));
        });
        return (op, () => Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task Retry_RunsTheWholeOperationAgain_UntilARetryableErrorGoesAway()
    {
        var (op, attempts) = FailingThen(Throttled, DomainError.NewTransport("S3", "HeadBucket", "reset", null, ErrorTarget.None));
        Assert.Equal(3, await op.Retry(Quick).RunAsync(new JournalProvider()).Right());
        Assert.Equal(3, attempts());
    }

    [Fact]
    public async Task Retry_NeverRetriesAnUnknownOutcome()
    {
        var lost = DomainError.NewOutcomeUnknown(DomainError.NewTimeout(AwsErrorDetails.NoResponse("S3", "PutObject")), "");
        var (op, attempts) = FailingThen(lost);
        Assert.Same(lost, await op.Retry(Quick).RunAsync(new JournalProvider()).Left());
        Assert.Equal(1, attempts());
    }

    [Fact]
    public async Task Retry_NeverRetriesAnErrorThatIsNotRetryable()
    {
        var denied = DomainError.NewAccessDenied(AwsErrorDetails.NoResponse("S3", "HeadBucket"));
        var (op, attempts) = FailingThen(denied);
        Assert.Same(denied, await op.Retry(Quick).RunAsync(new JournalProvider()).Left());
        Assert.Equal(1, attempts());
    }

    [Fact]
    public async Task Retry_GivesUpAfterItsAttempts_WithTheLastError()
    {
        var errors = Enumerable.Range(0, 10).Select(i => DomainError.NewThrottled(AwsErrorDetails.Of("S3", "HeadBucket", "SlowDown", "", 503, $"r{i}"))).ToArray();
        var (op, attempts) = FailingThen(errors);
        var error = await op.Retry(Quick).RunAsync(new JournalProvider()).Left();
        Assert.Equal(4, attempts());
        Assert.Same(errors[3], error);
    }

    [Fact]
    public async Task Retry_WhenTheCallerCancelsDuringAWait_StopsAtOnce_AsCancelled()
    {
        var (op, attempts) = FailingThen(Enumerable.Repeat(Throttled, 10).ToArray());
        using var cts = new CancellationTokenSource();
        var slow = Backoff.Exponential(5, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)).WithJitter(0.0);
        var running = op.Retry(slow).RunAsync(new JournalProvider(), cts.Token);
        while (attempts() == 0) await Task.Delay(1);
        await cts.CancelAsync();
        Assert.IsType<DomainError.Cancelled>(await running.Left());
        Assert.Equal(1, attempts());
    }

    [Fact]
    public async Task Retry_ItsDeadline_EndsAnAttemptInFlight_AsATimeout()
    {
        var hangs = AwsOp.Of<int>(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 1;
        });
        var error = await hangs.Retry(Quick.WithDeadline(TimeSpan.FromMilliseconds(100))).RunAsync(new JournalProvider()).Left();
        Assert.IsType<DomainError.Timeout>(error);
    }

    [Fact]
    public async Task Retry_WithAnInvalidPolicy_IsInvalidInput_AndRunsNothing()
    {
        var (op, attempts) = FailingThen();
        var error = await op.Retry(Quick.WithMaxAttempts(0)).RunAsync(new JournalProvider()).Left();
        Assert.Equal("retry policy", Assert.IsType<DomainError.InvalidInput>(error).Field);
        Assert.Equal(0, attempts());
    }

    [Fact]
    public async Task Retry_AgainstAStubThatThrottlesTwice_SucceedsOnTheThirdRequest_AndLogsEachRetry()
    {
        using var stub = new AwsWireStub();
        var head = Request.Create().UsingHead().WithPath(new RegexMatcher("^/awsaio-busy/?$"));
        stub.Server.Given(head).InScenario("busy").WillSetStateTo("1")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("x-amz-error-code", "SlowDown"));
        stub.Server.Given(head).InScenario("busy").WhenStateIs("1").WillSetStateTo("2")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("x-amz-error-code", "SlowDown"));
        stub.Server.Given(head).InScenario("busy").WhenStateIs("2")
            .RespondWith(Response.Create().WithStatusCode(200));
        var logs = new CapturingLoggerFactory();
        using var provider = AwsClientProvider.Create(StubProviders.Options(stub), logs).Right();

        var status = await S3Ops.GetBucketStatus("awsaio-busy").Retry(Quick).RunAsync(provider).Right();

        Assert.Equal(BucketStatus.ExistsHaveAccess, status);
        Assert.Equal(3, stub.Total);
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("retrying in")));
    }

    private static (AwsClientProvider Provider, CapturingLoggerFactory Logs) LoggingProvider()
    {
        var logs = new CapturingLoggerFactory();
        var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            Region = "us-east-1",
        }, logs).Right();
        return (provider, logs);
    }

    [Fact]
    public async Task Retry_WhenItGivesUpAfterRetrying_LogsHowManyAttemptsAndTheLastError()
    {
        var errors = Enumerable.Range(0, 10).Select(i => DomainError.NewThrottled(AwsErrorDetails.Of("S3", "HeadBucket", "SlowDown", "", 503, $"r{i}"))).ToArray();
        var (op, _) = FailingThen(errors);
        var (provider, logs) = LoggingProvider();
        using (provider)
        {
            await op.Retry(Quick).RunAsync(provider).Left();
        }

        var line = Assert.Single(logs.Lines, l => l.Contains("Gave up"));
        Assert.Contains("Gave up after 4 attempts (", line);
        Assert.Contains($"): {errors[3]}", line);
    }

    [Fact]
    public async Task Retry_WhenTheFirstErrorIsNotRetryable_LogsNoGivingUp()
    {
        var denied = DomainError.NewAccessDenied(AwsErrorDetails.NoResponse("S3", "HeadBucket"));
        var (op, attempts) = FailingThen(denied);
        var (provider, logs) = LoggingProvider();
        using (provider)
        {
            Assert.Same(denied, await op.Retry(Quick).RunAsync(provider).Left());
        }

        Assert.Equal(1, attempts());
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Gave up"));
    }
}
