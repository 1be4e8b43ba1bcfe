using System.Text;
using AwsAio.Core;
using AwsAio.Faults.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AwsAio.Faults.Tests;

/// <summary>
/// STS (<c>GetCallerIdentityAsync</c>, and the provider's <c>GetEnvironmentAsync</c> on top of it) against every fault,
/// in the query protocol's own shapes: a form-encoded POST answered with <c>ErrorResponse</c> documents.
/// </summary>
public sealed class StsInteractionsFaultTests(ITestOutputHelper output) : IDisposable
{
    private const string Wrapper = "GetCallerIdentityAsync";
    private const string Action = "GetCallerIdentity";
    private readonly FaultRig _rig = new(output);

    public void Dispose() => _rig.Dispose();

    private Task<FaultResult> IdentityFailsAsync(AwsClientProviderOptions? options = null, CancellationToken ct = default)
    {
        var provider = _rig.Provider(options);
        return _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider, ct));
    }

    [Fact]
    public async Task GetCallerIdentity_When500InternalFailure_IsServiceUnavailable_RetriedThreeTimes()
    {
        _rig.Server.OnAction(Action, Fault.Xml(500, AwsDocuments.StsError("InternalFailure", "The request processing has failed because of an unknown error.", "Receiver")));

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.ServiceUnavailable>(result.Error);
        Assert.Equal(3, _rig.Server.Count(Action));
        _rig.Row("500 InternalFailure", Wrapper, result, 3);
    }

    [Fact]
    public async Task GetCallerIdentity_When503ServiceUnavailable_IsServiceUnavailable_RetriedThreeTimes()
    {
        _rig.Server.OnAction(Action, Fault.Xml(503, AwsDocuments.StsError("ServiceUnavailable", "Service is unable to handle request.", "Receiver")));

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.ServiceUnavailable>(result.Error);
        Assert.Equal(3, _rig.Server.Count(Action));
        _rig.Row("503 ServiceUnavailable", Wrapper, result, 3);
    }

    [Fact]
    public async Task GetCallerIdentity_When400Throttling_IsThrottled_RetriedThreeTimes()
    {
        _rig.Server.OnAction(Action, Fault.Xml(400, AwsDocuments.StsError("Throttling", "Rate exceeded")));

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(3, _rig.Server.Count(Action));
        _rig.Row("400 Throttling", Wrapper, result, 3);
    }

    [Fact]
    public async Task GetCallerIdentity_When429_IsThrottled_RetriedThreeTimes()
    {
        _rig.Server.OnAction(Action, Fault.Answer(429));

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.Throttled>(result.Error);
        Assert.Equal(3, _rig.Server.Count(Action));
        _rig.Row("429 (no body)", Wrapper, result, 3);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenResetBeforeAnswer_IsTransport_ResentThirteenTimes()
    {
        _rig.Server.OnAction(Action, Fault.ResetBeforeAnswer);

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(13, _rig.Server.Count(Action));
        _rig.Row("reset before the answer", Wrapper, result, 13);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenResetDuringBody_IsTransport_ResentThirteenTimes()
    {
        var body = Encoding.UTF8.GetBytes(AwsDocuments.CallerIdentity());
        _rig.Server.OnAction(Action, Fault.ResetDuringBody(200, body, 100, ("Content-Type", "text/xml")));

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(13, _rig.Server.Count(Action));
        _rig.Row("reset during the body", Wrapper, result, 13);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenBodyIsShorterThanItsLength_IsTransport_ResentThirteenTimes()
    {
        var body = Encoding.UTF8.GetBytes(AwsDocuments.CallerIdentity());
        _rig.Server.OnAction(Action, Fault.Truncated(200, body, 100, ("Content-Type", "text/xml")));

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(13, _rig.Server.Count(Action));
        _rig.Row("truncated body (FIN)", Wrapper, result, 13);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenServerNeverAnswers_IsTimeout_AfterThreeTimedOutAttempts()
    {
        _rig.Server.OnAction(Action, Fault.Hang);

        var result = await IdentityFailsAsync(_rig.Options(timeout: TimeSpan.FromSeconds(1)));

        Assert.IsType<DomainError.Timeout>(result.Error);
        FaultRig.AssertAttemptsAfterTimeouts(_rig.Server.Count(Action));
        _rig.Row("hang (Timeout 1 s per attempt)", Wrapper, result, _rig.Server.Count(Action));
    }

    [Fact]
    public async Task GetCallerIdentity_WhenXmlIsMalformed_IsMalformedResponse_NotRetried()
    {
        _rig.Server.OnAction(Action, Fault.Xml(200, $"<GetCallerIdentityResponse xmlns=\"{AwsDocuments.StsNamespace}\"><GetCallerIdentityResult><Arn>arn:aws:sts::1"));

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.MalformedResponse>(result.Error);
        Assert.Equal(1, _rig.Server.Count(Action));
        _rig.Row("malformed XML (200)", Wrapper, result, 1);
    }

    [Fact]
    public async Task GetCallerIdentity_When200IsAnHtmlPage_IsMalformedResponse_NeverAnIdentity()
    {
        _rig.Server.OnAction(Action, AwsDocuments.HtmlPage);

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.MalformedResponse>(result.Error);
        Assert.Equal("GetCallerIdentity", result.Error.ErrorDetails.Operation);
        Assert.Equal(1, _rig.Server.Count(Action));
        _rig.Row("200 text/html page", Wrapper, result, 1);
    }

    [Fact]
    public async Task GetCallerIdentity_When200IsAnHtmlPage_IsStillALeft_NeverAnIdentity()
    {
        // What holds today whatever the case: a proxy's page is never taken for an identity.
        _rig.Server.OnAction(Action, AwsDocuments.HtmlPage);

        var result = await IdentityFailsAsync();

        Assert.Equal("GetCallerIdentity", result.Error.ErrorDetails.Operation);
        Assert.Equal(200, result.Error.ErrorDetails.HttpStatus);
        Assert.Equal(1, _rig.Server.Count(Action));
    }

    [Fact]
    public async Task AssumeRole_When200IsAnHtmlPage_IsMalformedResponse_NotAnAccessProblem()
    {
        _rig.Server.OnAction("AssumeRole", AwsDocuments.HtmlPage);
        var provider = _rig.Provider();

        var result = await _rig.FailsAsync(() => StsInteractions.AssumeRoleAsync("arn:aws:iam::123456789012:role/ops/Capture", provider));

        Assert.IsType<DomainError.MalformedResponse>(result.Error);
        Assert.Equal("AssumeRole", result.Error.ErrorDetails.Operation);
        Assert.Equal(1, _rig.Server.Count("AssumeRole"));
        _rig.Row("200 text/html page", "AssumeRoleAsync", result, 1);
    }

    [Fact]
    public async Task AssumeRole_When500InternalFailure_IsServiceUnavailable_RetriedThreeTimes()
    {
        _rig.Server.OnAction("AssumeRole", Fault.Xml(500, AwsDocuments.StsError("InternalFailure", "The request processing has failed because of an unknown error.", "Receiver")));
        var provider = _rig.Provider();

        var result = await _rig.FailsAsync(() => StsInteractions.AssumeRoleAsync("arn:aws:iam::123456789012:role/ops/Capture", provider));

        Assert.IsType<DomainError.ServiceUnavailable>(result.Error);
        Assert.Equal(3, _rig.Server.Count("AssumeRole"));
        _rig.Row("500 InternalFailure", "AssumeRoleAsync", result, 3);
    }

    [Fact]
    public async Task GetCallerIdentity_When400ExpiredToken_IsCredentialsExpired()
    {
        _rig.Server.OnAction(Action, Fault.Xml(400, AwsDocuments.StsError("ExpiredToken", "The security token included in the request is expired")));

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.CredentialsExpired>(result.Error);
        Assert.Equal(1, _rig.Server.Count(Action));
        _rig.Row("400 ExpiredToken", Wrapper, result, 1);
    }

    [Fact]
    public async Task GetCallerIdentity_When403AccessDenied_IsAccessDenied()
    {
        _rig.Server.OnAction(Action, Fault.Xml(403, AwsDocuments.StsError("AccessDenied", "User is not authorized to perform: sts:GetCallerIdentity")));

        var result = await IdentityFailsAsync();

        Assert.IsType<DomainError.AccessDenied>(result.Error);
        Assert.Equal(1, _rig.Server.Count(Action));
        _rig.Row("403 AccessDenied", Wrapper, result, 1);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenCancelledWhileWaiting_IsCancelled()
    {
        _rig.Server.OnAction(Action, Fault.Hang);
        using var cancel = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (_rig.Server.Count(Action) == 0) await Task.Delay(20);
            await cancel.CancelAsync();
        });

        var result = await IdentityFailsAsync(ct: cancel.Token);

        Assert.IsType<DomainError.Cancelled>(result.Error);
        Assert.Equal(1, _rig.Server.Count(Action));
        _rig.Row("cancellation while waiting", Wrapper, result, 1);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenThePortIsClosed_IsTransport()
    {
        var result = await IdentityFailsAsync(_rig.Options() with { Endpoint = new EndpointOverride(TestEnvironment.NowhereUrl) });

        Assert.IsType<DomainError.Transport>(result.Error);
        _rig.Row("closed port", Wrapper, result, 0);
    }

    [Fact]
    public async Task GetCallerIdentity_WhenTheHostDoesNotResolve_IsTransport_AfterThreeAttempts()
    {
        var provider = _rig.Own(new UnresolvableHostProvider());

        var result = await _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider));

        Assert.IsType<DomainError.Transport>(result.Error);
        Assert.Equal(3, provider.ConnectAttempts);
        _rig.Row("unresolvable host name", Wrapper, result, 0);
    }

    [Fact]
    public async Task GetEnvironment_AfterAFailure_AsksAgain_ThenCachesTheAnswer()
    {
        // Three 500s use up the first call's attempts; the next call gets the identity; the third asks nobody.
        var failure = Fault.Xml(500, AwsDocuments.StsError("InternalFailure", "The request processing has failed because of an unknown error.", "Receiver"));
        _rig.Server.OnAction(Action, failure, failure, failure, Fault.Xml(200, AwsDocuments.CallerIdentity()));
        var provider = _rig.Provider();

        var first = await _rig.FailsAsync(() => provider.GetEnvironmentAsync());
        var second = await _rig.SucceedsAsync(() => provider.GetEnvironmentAsync());
        var third = await _rig.SucceedsAsync(() => provider.GetEnvironmentAsync());

        Assert.IsType<DomainError.ServiceUnavailable>(first.Error);
        Assert.Equal(AwsDocuments.Account, second.Account);
        Assert.Equal(second, third);
        Assert.Equal(4, _rig.Server.Count(Action));
        _rig.Row("500 InternalFailure, then 200", "GetEnvironmentAsync", first, 3);
    }
}
