using AwsAio.Core;
using AwsAio.Faults.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace AwsAio.Faults.Tests;

/// <summary>
/// The provider's own faults: an endpoint that carries secrets in its query string, and a <c>credential_process</c>
/// that fails while printing secrets. Neither may reach the server, an error, a rendering or a log.
/// </summary>
public sealed class AwsClientProviderFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly FaultRig _rig = new(output);

    public void Dispose() => _rig.Dispose();

    [Fact]
    public void Create_WhenTheEndpointHasAQueryString_IsInvalidInput_AndNeverPrintsIt()
    {
        var options = _rig.Options() with
        {
            Endpoint = new EndpointOverride($"{_rig.Server.Url}/?X-Amz-Security-Token={Secrets.EndpointQuery}"),
        };

        var created = AwsClientProvider.Create(options, _rig.Logs);

        created.IfRight(p => p.Dispose());
        Assert.True(created.IsLeft, "a provider was built on an endpoint with a query string");
        var invalid = Assert.IsType<DomainError.InvalidInput>(created.Match(Right: _ => throw new InvalidOperationException(), Left: e => e));
        Assert.Equal("endpoint", invalid.Field);
        Secrets.AssertAbsent(invalid, _rig.Logs.Lines);
        Secrets.AssertAbsent(options.ToString(), "the options' ToString()");
        Assert.Equal(0, _rig.Server.Total);
    }

    [Fact]
    public async Task ACredentialProcessThatFails_IsALeftNamingItsExitCode_WithoutItsOutput()
    {
        var error = await ProfileCallFailsAsync($"sh -c 'echo {Secrets.ProcessOutput} >&2; echo {Secrets.ProcessOutput}; exit 1'");

        Assert.Equal(ErrorCategory.Credentials, error.Category);
        Assert.Matches(@"(?i)exit\D{0,20}\b1\b", error.ToString());
        Assert.Equal(0, _rig.Server.Total);
    }

    [Fact]
    public async Task ACredentialProcessThatPrintsNoJson_IsALeft_WithoutItsOutput()
    {
        var error = await ProfileCallFailsAsync($"sh -c 'echo {Secrets.ProcessOutput}; exit 0'");

        Assert.Equal(ErrorCategory.Credentials, error.Category);
        Assert.Equal(0, _rig.Server.Total);
    }

    /// <summary>Writes a profile whose credentials come from <paramref name="command"/> and lists a bucket with it; the
    /// error may come from <c>Create</c> or from the call, and carries no secret either way.</summary>
    private async Task<DomainError> ProfileCallFailsAsync(string command)
    {
        _rig.Server.On("list", S3Routes.List, Fault.Xml(200, AwsDocuments.ListPage(FaultRig.Bucket, 1)));
        var credentials = Path.Combine(_rig.Folder, "credentials");
        await File.WriteAllTextAsync(credentials, $"[fault-process]\ncredential_process = {command}\n");
        var options = new AwsClientProviderOptions
        {
            Profile = "fault-process",
            ProfilesLocation = credentials,
            Region = "us-east-1",
            Endpoint = new EndpointOverride(_rig.Server.Url),
            Timeout = TimeSpan.FromSeconds(5),
            MaxErrorRetry = 2,
        };

        var created = AwsClientProvider.Create(options, _rig.Logs);
        if (created.IsLeft)
        {
            var early = created.Match(Right: _ => throw new InvalidOperationException(), Left: e => e);
            Secrets.AssertAbsent(early, _rig.Logs.Lines);
            return early;
        }

        var provider = _rig.Own(created.Match(Right: p => p, Left: _ => throw new InvalidOperationException()));
        var result = await _rig.FailsAsync(() => S3Interactions.ListObjectsAsync(FaultRig.Bucket, provider));
        _rig.Row("credential_process fails", "ListObjectsAsync", result, _rig.Server.Total);
        return result.Error;
    }
}
