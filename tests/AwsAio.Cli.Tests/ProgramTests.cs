using AwsAio.Cli.Tests.Support;
using Xunit;

namespace AwsAio.Cli.Tests;

/// <summary>The root command: help, the exit-code table, and usage errors (exit 2, usage on stderr, nothing run).</summary>
public sealed class ProgramTests
{
    [Fact]
    public async Task Help_ListsTheGlobalOptionsCommandsAndExitCodes_AndExitsZero()
    {
        var run = await Tool.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--profile", "--region", "--role-arn", "--external-id", "--endpoint-url", "--compute", "--output", "--verbose" })
        {
            Assert.Contains(option, run.Stdout);
        }

        Assert.Contains("Exit codes:", run.Stdout);
        Assert.Contains("  4  not found", run.Stdout);
        Assert.Contains(" 10  transport", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task HelpOfASubcommand_ShowsItsArguments_WithoutTheExitCodeTable()
    {
        var run = await Tool.RunAsync("s3", "put", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("awsaio s3 put <bucket> <key> <file> [options]", run.Stdout);
        Assert.Contains("--metadata <key=value>", run.Stdout);
        Assert.DoesNotContain("Exit codes:", run.Stdout);
    }

    [Theory]
    [InlineData("s3", "frobnicate")]
    [InlineData("s3", "put", "only-a-bucket")]
    [InlineData("s3", "ls", "b", "--page-size", "many")]
    [InlineData("whoami", "--output", "xml")]
    [InlineData("s3", "put", "b", "k", "file", "--metadata", "no-equals-sign")]
    [InlineData("s3", "destroy", "b")]
    public async Task BadArguments_PrintTheProblemAndUsageOnStderr_AndExitTwo(params string[] args)
    {
        var run = await Tool.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("awsaio: error: ", run.Stderr);
        Assert.Contains("Usage:", run.Stderr);
    }

    [Fact]
    public async Task DestroyWithoutYes_SaysWhatItWouldDelete()
    {
        var run = await Tool.RunAsync("s3", "destroy", "precious-bucket");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'s3 destroy' deletes bucket 'precious-bucket' and everything in it; add --yes to confirm.", run.Stderr);
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var run = await Tool.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Stdout.Trim());
    }
}
