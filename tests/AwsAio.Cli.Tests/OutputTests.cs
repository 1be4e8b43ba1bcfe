using System.Text.Json;
using AwsAio.Cli.Tests.Support;
using Xunit;

namespace AwsAio.Cli.Tests;

/// <summary>
/// The output contract: with --output json, stdout is exactly one document — <c>command</c> and <c>ok</c> always,
/// <c>result</c> when there is one, <c>error</c> when ok is false; in text, results on stdout and errors on stderr.
/// </summary>
public sealed class OutputTests
{
    private static string[] Keys(JsonElement json) => json.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task ASuccess_IsCommandResultAndOkTrue()
    {
        var run = await Tool.RunAsync("creds", "explain", "--output", "json");

        Assert.Equal(["command", "result", "ok"], Keys(run.Json));
        Assert.Equal("creds explain", run.Json.GetProperty("command").GetString());
        Assert.True(run.Json.GetProperty("ok").GetBoolean());
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task AFailure_IsCommandOkFalseAndTheError_OnStdout_WithTheLineOnStderr()
    {
        var run = await Tool.RunAsync("s3", "status", "some-bucket", "--output", "json");

        Assert.Equal(["command", "ok", "error"], Keys(run.Json));
        Assert.False(run.Json.GetProperty("ok").GetBoolean());
        Assert.Equal(
            ["type", "category", "exitCode", "retryable", "message", "service", "operation", "code", "httpStatus", "requestId", "resource", "key"],
            Keys(run.Json.GetProperty("error")));
        Assert.Single(run.StderrLines);
    }

    [Fact]
    public async Task InText_AFailurePrintsNothingOnStdout()
    {
        var run = await Tool.RunAsync("s3", "status", "some-bucket");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("awsaio: error: ", run.Stderr);
    }
}
