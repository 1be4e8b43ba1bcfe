using AwsAio.Cli.Tests.Support;
using AwsAio.Tests.Peers;
using Xunit;

namespace AwsAio.Cli.Tests.Commands;

/// <summary>
/// <c>awsaio whoami</c> against a WireMock STS serving real GetCallerIdentity documents, and the exit codes of the
/// error categories only that peer can produce: access, throttled, transient and unexpected.
/// </summary>
public sealed class WhoamiCommandTests : IDisposable
{
    private const string Arn = $"arn:aws:sts::{AwsWireStub.Account}:assumed-role/ops/awsaio";
    private readonly AwsWireStub _sts = new();

    public void Dispose() => _sts.Dispose();

    private Task<CliResult> Whoami(params string[] extra) =>
        Tool.RunAsync(new[] { "whoami" }.Concat(extra), new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = _sts.Url });

    [Fact]
    public async Task Whoami_PrintsTheIdentityAndTheEnvironment_InOneRequest()
    {
        _sts.CallerIdentity(Arn);

        var run = await Whoami("--region", "eu-central-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, _sts.Count("GetCallerIdentity"));
        Assert.Contains($"account      {AwsWireStub.Account}\n", run.Stdout);
        Assert.Contains($"arn          {Arn}\n", run.Stdout);
        Assert.Contains($"environment  aws://{AwsWireStub.Account}/eu-central-1\n", run.Stdout);
    }

    [Fact]
    public async Task WhoamiAsJson_HasTheDocumentedShape()
    {
        _sts.CallerIdentity(Arn);

        var json = (await Whoami("--output", "json")).Json;

        Assert.Equal("whoami", json.GetProperty("command").GetString());
        Assert.True(json.GetProperty("ok").GetBoolean());
        var result = json.GetProperty("result");
        Assert.Equal(AwsWireStub.Account, result.GetProperty("account").GetString());
        Assert.Equal(Arn, result.GetProperty("arn").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("userId").GetString()));
        Assert.Equal("us-east-1", result.GetProperty("region").GetString());
        Assert.Equal($"aws://{AwsWireStub.Account}/us-east-1", result.GetProperty("environment").GetString());
    }

    [Theory]
    [InlineData(403, "AccessDenied", 5, "Access")]
    [InlineData(400, "Throttling", 8, "Throttled")]
    [InlineData(503, "ServiceUnavailable", 9, "Transient")]
    [InlineData(418, "Teapot", 1, "Unknown")]
    public async Task AnStsError_ExitsWithTheCodeOfItsCategory(int status, string code, int exitCode, string category)
    {
        _sts.StsError("GetCallerIdentity", status, code, "Not today");

        var run = await Whoami("--output", "json");

        Assert.True(run.ExitCode == exitCode, run.ToString());
        var error = run.Json.GetProperty("error");
        Assert.Equal(category, error.GetProperty("category").GetString());
        Assert.Equal(exitCode, error.GetProperty("exitCode").GetInt32());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(status, error.GetProperty("httpStatus").GetInt32());
        Assert.Equal("STS", error.GetProperty("service").GetString());
        Assert.Equal("GetCallerIdentity", error.GetProperty("operation").GetString());
        Assert.Single(run.StderrLines);
    }
}
