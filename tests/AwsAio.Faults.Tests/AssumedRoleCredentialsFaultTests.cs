using AwsAio.Core;
using AwsAio.Faults.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AwsAio.Faults.Tests;

/// <summary>
/// The shared assumed-role credentials when STS fails or hangs, counted at the fault server: concurrent callers share
/// one attempt's outcome (single flight), a failure is remembered for a short back-off instead of being retried by
/// every waiting caller in turn, and each caller keeps its own deadline.
/// </summary>
public sealed class AssumedRoleCredentialsFaultTests(ITestOutputHelper output) : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/ops/Capture";
    private readonly FaultRig _rig = new(output);

    public void Dispose() => _rig.Dispose();

    private AwsClientProvider RoleProvider(int maxErrorRetry = 2) =>
        _rig.Provider(_rig.Options(maxErrorRetry) with { AssumeRoleArn = Role, ExternalId = "fault-external-id" });

    [Fact]
    public async Task WhenAssumeRoleAnswers500_256ConcurrentCalls_MakeABoundedNumberOfAttempts()
    {
        _rig.Server
            .OnAction("AssumeRole", Fault.Xml(500, AwsDocuments.StsError("InternalFailure", "The request processing has failed because of an unknown error.", "Receiver")))
            .OnAction("GetCallerIdentity", Fault.Xml(200, AwsDocuments.CallerIdentity()));
        var provider = RoleProvider();

        var results = await Task.WhenAll(Enumerable.Range(0, 256)
            .Select(_ => Task.Run(() => _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider)))));

        Assert.All(results, r =>
        {
            Assert.Equal(("STS", "AssumeRole", 500), (r.Error.ErrorDetails.Service, r.Error.ErrorDetails.Operation, r.Error.ErrorDetails.HttpStatus));
            Assert.True(r.Error.IsRetryable);
        });
        var attempts = provider.AssumeRoleCalls;
        Assert.InRange(attempts, 1, 2);
        Assert.InRange(_rig.Server.Count("AssumeRole"), 1, 3 * attempts);
        Assert.Equal(0, _rig.Server.Count("GetCallerIdentity"));

        // Remembered: a call right after the burst gets the same failure without a new attempt.
        var again = await _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider));
        Assert.Equal("AssumeRole", again.Error.ErrorDetails.Operation);
        Assert.Equal(attempts, provider.AssumeRoleCalls);
        _rig.Row("STS AssumeRole 500, 256 concurrent callers", "role provider + GetCallerIdentityAsync", results[0], _rig.Server.Count("AssumeRole"));
    }

    [Fact]
    public async Task WhenAssumeRoleHangs_64CallersWithTheirOwnDeadlines_EachReturnInTime()
    {
        _rig.Server.OnAction("AssumeRole", Fault.Hang).OnAction("GetCallerIdentity", Fault.Xml(200, AwsDocuments.CallerIdentity()));
        var provider = RoleProvider();
        var deadline = TimeSpan.FromSeconds(3);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            using var own = new CancellationTokenSource(deadline);
            return await _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider, own.Token));
        })));

        Assert.All(results, r =>
        {
            Assert.Equal(ErrorCategory.Cancelled, r.Error.Category);
            Assert.True(r.Elapsed < deadline + TimeSpan.FromSeconds(10), $"a caller answered after {r.Elapsed.TotalSeconds:F1} s");
        });
        Assert.Equal(0, _rig.Server.Count("GetCallerIdentity"));
        _rig.Row("STS AssumeRole hangs, 64 callers with 3 s tokens", "role provider + GetCallerIdentityAsync", results.MaxBy(r => r.Elapsed)!, _rig.Server.Count("AssumeRole"));
    }

    [Fact]
    public async Task WhenAssumeRoleIsDenied_TheCallIsAssumeRoleFailed_NamingTheRole_WithoutSecrets()
    {
        _rig.Server
            .OnAction("AssumeRole", Fault.Xml(403, AwsDocuments.StsError("AccessDenied",
                $"User: arn:aws:iam::123456789012:user/ops is not authorized to perform: sts:AssumeRole on resource: {Role}")))
            .OnAction("GetCallerIdentity", Fault.Xml(200, AwsDocuments.CallerIdentity()));
        var provider = RoleProvider();

        var result = await _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider));

        var failed = Assert.IsType<DomainError.AssumeRoleFailed>(result.Error);
        Assert.Equal(Role, failed.RoleArn);
        Assert.Equal(1, _rig.Server.Count("AssumeRole"));
        Assert.Equal(0, _rig.Server.Count("GetCallerIdentity"));
        _rig.Row("STS AssumeRole 403 AccessDenied", "role provider + GetCallerIdentityAsync", result, 1);
    }

    [Fact]
    public async Task WhenAssumeRoleSucceeds_TheSessionSecretsNeverReachTheLogs()
    {
        // The control row for the secret checks: the assumed credentials are used (GetCallerIdentity is signed with
        // them), logged about, and never printed.
        _rig.Server
            .OnAction("AssumeRole", Fault.Xml(200, AwsDocuments.AssumeRole(DateTime.UtcNow.AddHours(1))))
            .OnAction("GetCallerIdentity", Fault.Xml(500, AwsDocuments.StsError("InternalFailure", "The request processing has failed because of an unknown error.", "Receiver")));
        var provider = RoleProvider();

        var result = await _rig.FailsAsync(() => StsInteractions.GetCallerIdentityAsync(provider));

        Assert.IsType<DomainError.ServiceUnavailable>(result.Error);
        Assert.Equal(1, _rig.Server.Count("AssumeRole"));
        Assert.Equal(3, _rig.Server.Count("GetCallerIdentity"));
        Assert.All(_rig.Server.Received.Where(r => r.Route == "GetCallerIdentity"),
            r => Assert.Equal(Secrets.SessionToken, r.Request.Headers["X-Amz-Security-Token"]));
        Assert.NotEmpty(_rig.Logs.Lines);
        Secrets.AssertAbsent(provider.ToString(), "the provider's ToString()");
    }
}
