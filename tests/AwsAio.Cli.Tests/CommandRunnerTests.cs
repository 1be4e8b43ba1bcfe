using System.Diagnostics;
using AwsAio.Cli.Tests.Support;
using AwsAio.Tests.Peers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace AwsAio.Cli.Tests;

/// <summary>
/// What every command shares: a provider the library refuses is the command's error (no request, no result), and
/// Ctrl-C cancels the request in flight and exits 130.
/// </summary>
public sealed class CommandRunnerTests
{
    [Fact]
    public async Task OptionsTheLibraryRefuses_AreTheCommandsError_ExitThree()
    {
        var run = await Tool.RunAsync("s3", "ls", "some-bucket", "--region", "aws-global", "--output", "json");

        Assert.Equal(3, run.ExitCode);
        Assert.False(run.Json.TryGetProperty("result", out _));
        Assert.Contains("'aws-global' is a pseudo-region", run.Stderr);
    }

    [Fact]
    public async Task NoRegionAnywhere_IsInput_ExitThree()
    {
        var run = await Tool.RunAsync(["creds", "explain"], new Dictionary<string, string?> { ["AWS_REGION"] = null });

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("No AWS region is configured", run.Stderr);
    }

    [Fact]
    public async Task CtrlC_CancelsTheRequestInFlight_AndExits130()
    {
        if (OperatingSystem.IsWindows()) return;
        using var stub = new AwsWireStub();
        stub.Server.Given(Request.Create().UsingHead()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(30)));
        var started = Stopwatch.StartNew();

        var run = await Tool.RunAsync(["s3", "status", "slow-bucket"], new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = stub.Url },
            process =>
            {
                while (stub.Total == 0 && started.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(50);
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            });

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("awsaio: error: HeadBucket was cancelled.", run.Stderr);
    }
}
