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
        // A loopback peer that takes the request and never answers; the signal goes once the request has arrived
        // (WireMock logs a request only after answering it, so its log cannot say when one is in flight).
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptTcpClientAsync();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";

        var run = await Tool.RunAsync(["s3", "status", "slow-bucket"], new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = url },
            process =>
            {
                Assert.True(accepted.Wait(TimeSpan.FromSeconds(60)), "the CLI never sent its request");
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            });
        using var connection = await accepted;

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("awsaio: error: HeadBucket was cancelled.", run.Stderr);
    }
}
