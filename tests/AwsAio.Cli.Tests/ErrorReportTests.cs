using AwsAio.Cli.Tests.Support;
using Xunit;

namespace AwsAio.Cli.Tests;

/// <summary>
/// A failure is one line on stderr naming the resource and what to do; the exception behind it only with --verbose;
/// in JSON, the error object carries the category, exit code and every fact of the AWS answer.
/// </summary>
public sealed class ErrorReportTests
{
    [Fact]
    public async Task AnError_IsOneLine_NamingTheResource_AndWhatToDo()
    {
        var run = await Tool.RunAsync("s3", "status", "the-bucket");

        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("awsaio: error: S3 HeadBucket on 'the-bucket' failed before a response arrived", line);
        Assert.EndsWith("Check the network and the endpoint (--endpoint-url, AWS_ENDPOINT_URL).", line);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Verbose_AddsTheExceptionAndItsStackTrace()
    {
        var run = await Tool.RunAsync("s3", "status", "the-bucket", "--verbose");

        Assert.Equal(10, run.ExitCode);
        Assert.Contains("awsaio: error: S3 HeadBucket on 'the-bucket' failed before a response arrived", run.Stderr);
        Assert.Contains("Exception", run.Stderr);
        Assert.Contains("   at ", run.Stderr);
    }

    [Fact]
    public async Task TheJsonError_CarriesTheCategoryExitCodeAndResource()
    {
        var error = (await Tool.RunAsync("s3", "get", "the-bucket", "the/key", "/nonexistent-folder/file", "--output", "json"))
            .Json.GetProperty("error");

        Assert.Equal("LocalDirectoryMissing", error.GetProperty("type").GetString());
        Assert.Equal("NotFound", error.GetProperty("category").GetString());
        Assert.Equal(4, error.GetProperty("exitCode").GetInt32());
        Assert.False(error.GetProperty("retryable").GetBoolean());
        Assert.Equal("Local directory '/nonexistent-folder' does not exist.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ARetryableError_SaysSoInJson()
    {
        var error = (await Tool.RunAsync("s3", "status", "the-bucket", "--output", "json")).Json.GetProperty("error");

        Assert.Equal("Transport", error.GetProperty("type").GetString());
        Assert.True(error.GetProperty("retryable").GetBoolean());
        Assert.Equal("the-bucket", error.GetProperty("resource").GetString());
        Assert.Equal("HeadBucket", error.GetProperty("operation").GetString());
    }
}
