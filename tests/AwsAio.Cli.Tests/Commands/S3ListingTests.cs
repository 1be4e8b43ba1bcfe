using AwsAio.Cli.Tests.Support;
using AwsAio.Tests.Peers;
using Xunit;

namespace AwsAio.Cli.Tests.Commands;

/// <summary><c>awsaio s3 ls</c> against s3rver: streamed page by page, aligned or as one document, no progress when
/// stderr is not a terminal.</summary>
public sealed class S3ListingTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly S3Store _store = new(s3rver);

    public void Dispose() => _store.Dispose();

    private Task<CliResult> Run(params string[] args) => _store.Run(args);

    private Task<string> BucketWith(int objects) => _store.BucketWith(objects);

    [Fact]
    public async Task Ls_StreamsEveryPage_OneRequestPerPage_WithAlignedColumnsAndTotals()
    {
        var bucket = await BucketWith(7);
        await s3rver.ResetRequestCountAsync();

        var run = await Run("s3", "ls", bucket, "--page-size", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, await s3rver.GetRequestCountAsync());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Length);
        Assert.All(lines[..7], l => Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}  +\d+  logs-\d{2}\.log$", l));
        Assert.Single(lines[..7].Select(l => l.IndexOf("  logs-", StringComparison.Ordinal)).Distinct());
        Assert.Equal($"7 objects, {Enumerable.Range(100, 7).Sum()} bytes", lines[7]);
    }

    [Fact]
    public async Task LsAsJson_IsOneDocumentWithEveryObject_AndTheTotals()
    {
        var bucket = await BucketWith(5);

        var json = (await Run("s3", "ls", bucket, "--page-size", "2", "--prefix", "logs-", "--output", "json")).Json;

        Assert.Equal("s3 ls", json.GetProperty("command").GetString());
        Assert.True(json.GetProperty("ok").GetBoolean());
        var result = json.GetProperty("result");
        Assert.Equal(bucket, result.GetProperty("bucket").GetString());
        Assert.Equal("logs-", result.GetProperty("prefix").GetString());
        Assert.Equal(5, result.GetProperty("count").GetInt32());
        var first = result.GetProperty("objects")[0];
        Assert.Equal("logs-00.log", first.GetProperty("key").GetString());
        Assert.Equal(100, first.GetProperty("size").GetInt64());
        Assert.Equal("Standard", first.GetProperty("storageClass").GetString());
        Assert.True(DateTimeOffset.TryParse(first.GetProperty("lastModified").GetString(), out _));
        Assert.Equal(5, result.GetProperty("objects").GetArrayLength());
    }

    [Fact]
    public async Task Ls_ShowsNoProgress_WhenStderrIsRedirected()
    {
        var bucket = await BucketWith(12);

        var run = await Run("s3", "ls", bucket, "--page-size", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task LsOfAMissingBucket_IsNotFound_ExitFour_WithNoResult()
    {
        var run = await Run("s3", "ls", S3Store.NewBucket(), "--output", "json");

        Assert.Equal(4, run.ExitCode);
        Assert.False(run.Json.TryGetProperty("result", out _));
        Assert.Equal("BucketDoesNotExist", run.Json.GetProperty("error").GetProperty("type").GetString());
    }
}
