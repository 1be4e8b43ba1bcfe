using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using LanguageExt;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Any SDK call under AwsAio's rules: a real SDK exception from a loopback stub maps exactly as the built-in
/// wrappers map it, cancellation and deadlines included; bad arguments are Lefts; the operation form is lazy.</summary>
public sealed class AwsSdkTests : IDisposable
{
    private readonly AwsWireStub _stub = new();

    public void Dispose() => _stub.Dispose();

    private static void AssertSameError(DomainError builtIn, DomainError escaped)
    {
        Assert.Equal(builtIn.GetType(), escaped.GetType());
        Assert.Equal(builtIn.ToString(), escaped.ToString());
        Assert.Equal(builtIn.ErrorDetails, escaped.ErrorDetails);
        Assert.Equal(builtIn.Category, escaped.Category);
    }

    private static Task<Either<DomainError, GetObjectMetadataResponse>> HeadObjectByHand(IAwsClientProvider provider) =>
        AwsSdk.CallAsync(CallInfo.Of("S3", "HeadObject", ErrorTarget.Of("awsaio-x", "logs/a.txt")),
            ct => provider.GetS3().GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "awsaio-x", Key = "logs/a.txt" }, ct),
            provider);

    [Theory]
    [InlineData(404, "")]
    [InlineData(403, "AccessDenied")]
    [InlineData(503, "SlowDown")]
    [InlineData(500, "InternalError")]
    [InlineData(400, "ExpiredToken")]
    [InlineData(301, "PermanentRedirect")]
    [InlineData(418, "TeapotCode")]
    public async Task AnS3ErrorFromTheWire_MapsExactlyAsTheBuiltInWrapperMapsIt(int status, string code)
    {
        var answer = Response.Create().WithStatusCode(status).WithHeader("x-amz-request-id", "REQ-WIRE-1").WithHeader("x-amz-bucket-region", "eu-west-3");
        if (code.Length > 0) answer = answer.WithHeader("x-amz-error-code", code);
        _stub.Server.Given(Request.Create().UsingHead().WithPath("/awsaio-x/logs/a.txt")).RespondWith(answer);
        using var provider = StubProviders.For(_stub);

        var builtIn = await S3Interactions.GetObjectMetadataAsync("awsaio-x", "logs/a.txt", provider).Left();
        var escaped = await HeadObjectByHand(provider).Left();

        AssertSameError(builtIn, escaped);
        Assert.Equal("awsaio-x", escaped.ErrorDetails.Target.Resource);
        Assert.Equal(2, _stub.Total);
    }

    [Theory]
    [InlineData(400, "ExpiredToken")]
    [InlineData(403, "AccessDenied")]
    [InlineData(400, "Throttling")]
    [InlineData(500, "InternalFailure")]
    [InlineData(400, "SomethingNew")]
    public async Task AnStsErrorDocument_MapsExactlyAsTheBuiltInWrapperMapsIt(int status, string code)
    {
        _stub.StsError("GetCallerIdentity", status, code, "said no");
        using var provider = StubProviders.For(_stub);

        var builtIn = await StsInteractions.GetCallerIdentityAsync(provider).Left();
        var escaped = await AwsSdk.CallAsync(CallInfo.Of("STS", "GetCallerIdentity", ErrorTarget.None),
            ct => provider.GetSts().GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), provider).Left();

        AssertSameError(builtIn, escaped);
        Assert.Equal(code, escaped.ErrorDetails.Code);
    }

    [Fact]
    public async Task ANetworkFailure_IsTransport_AsForTheBuiltInWrappers()
    {
        using var provider = AwsClientProvider.Create(StubProviders.Options(TestEnvironment.NowhereUrl)).Right();
        AssertSameError(await S3Interactions.GetObjectMetadataAsync("awsaio-x", "logs/a.txt", provider).Left(), await HeadObjectByHand(provider).Left());
    }

    [Fact]
    public async Task ACallMarkedAsChangingSomething_WhoseAnswerIsLost_IsOutcomeUnknown()
    {
        _stub.Server.Given(Request.Create().UsingPost().WithPath(new RegexMatcher("^/?$")))
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)));
        using var provider = StubProviders.For(_stub, o => o with { CallDeadline = TimeSpan.FromMilliseconds(300) });
        var call = CallInfo.Of("SQS", "SendMessage", ErrorTarget.Of("queue")).WithClientToken("dedup-1");

        var lost = await AwsSdk.CallAsync(call.Mutating(), ct => provider.GetSts().GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), provider).Left();
        var plain = await AwsSdk.CallAsync(call, ct => provider.GetSts().GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), provider).Left();

        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(lost);
        Assert.Equal("dedup-1", unknown.ClientToken);
        Assert.IsType<DomainError.Timeout>(plain);
    }

    [Fact]
    public async Task ACancelledToken_IsCancelled_AndNothingIsSent()
    {
        using var provider = StubProviders.For(_stub);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var sent = 0;
        var error = await AwsSdk.CallAsync(CallInfo.Of("SSM", "GetParameter", ErrorTarget.Of("/app/x")),
            _ => Task.FromResult(Interlocked.Increment(ref sent)), provider, cts.Token).Left();
        Assert.Equal(DomainError.NewCancelled("GetParameter"), error);
        Assert.Equal(0, sent);
    }

    [Fact]
    public async Task MissingArguments_AreInvalidInput_NotExceptions()
    {
        using var provider = StubProviders.For(_stub);
        var call = CallInfo.Of("SSM", "GetParameter", ErrorTarget.None);
        Assert.Equal("provider", Assert.IsType<DomainError.InvalidInput>(await AwsSdk.CallAsync(call, _ => Task.FromResult(1), null!).Left()).Field);
        Assert.Equal(DomainError.NewInvalidInput("call", "is required"), await AwsSdk.CallAsync(null!, _ => Task.FromResult(1), provider).Left());
        Assert.Equal(DomainError.NewInvalidInput("sdk", "is required"), await AwsSdk.CallAsync<int>(call, null!, provider).Left());
    }

    [Fact]
    public async Task TheOperationForm_SendsNothingUntilRun_AndCallsOncePerRun()
    {
        _stub.CallerIdentity();
        using var provider = StubProviders.For(_stub);
        var op = AwsSdk.Call(CallInfo.Of("STS", "GetCallerIdentity", ErrorTarget.None),
            (p, ct) => p.GetSts().GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct)).Map(r => r.Account);
        Assert.Equal(0, _stub.Total);
        Assert.Equal(AwsWireStub.Account, await op.RunAsync(provider).Right());
        Assert.Equal(AwsWireStub.Account, await op.RunAsync(provider).Right());
        Assert.Equal(2, _stub.Total);
    }
}
