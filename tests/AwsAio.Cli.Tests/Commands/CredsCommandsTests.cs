using AwsAio.Cli.Tests.Support;
using Xunit;

namespace AwsAio.Cli.Tests.Commands;

/// <summary><c>awsaio creds explain</c>: the credential-source report, aligned or as JSON, with no secret and no request.</summary>
public sealed class CredsCommandsTests
{
    [Fact]
    public async Task Explain_PrintsTheSourceRegionEndpointAndSkippedSources_Aligned()
    {
        var run = await Tool.RunAsync("creds", "explain");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("source       DefaultChain\n", run.Stdout);
        Assert.Contains("credentials  the SDK's default chain, first candidate: environment variables (AWS_ACCESS_KEY_ID)\n", run.Stdout);
        Assert.Contains("region       us-east-1 (the AWS_REGION environment variable)\n", run.Stdout);
        Assert.Contains($"endpoint     {TestEnvironment.NowhereUrl}\n", run.Stdout);
        Assert.Contains("skipped      ", run.Stdout);
    }

    [Fact]
    public async Task ExplainAsJson_HasTheDocumentedShape()
    {
        var result = (await Tool.RunAsync("creds", "explain", "--output", "json")).Json.GetProperty("result");

        Assert.Equal("DefaultChain", result.GetProperty("source").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("roleArn").ValueKind);
        Assert.Equal("us-east-1", result.GetProperty("region").GetString());
        Assert.Equal(TestEnvironment.NowhereUrl, result.GetProperty("endpoint").GetString());
        Assert.True(result.GetProperty("skipped").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Explain_NeverPrintsTheSecretKey_EvenVerbose()
    {
        var run = await Tool.RunAsync("creds", "explain", "--verbose");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("cli-test-secret", run.Stdout + run.Stderr);
    }
}
