using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Xunit;

namespace AwsAio.Tests.Peers;

/// <summary>
/// The README's pipeline against a real S3 server (s3rver, which counts requests): built from operations it sends
/// nothing until it runs, and each run sends again; built from Task-returning calls it sends while being built.
/// </summary>
public sealed class S3OpsPeerTests(S3rverFixture peer) : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly AwsClientProvider _provider = AwsClientProvider.Create(new AwsClientProviderOptions
    {
        Credentials = new BasicAWSCredentials(S3rverFixture.Credentials.AccessKey, S3rverFixture.Credentials.SecretKey),
        Region = "us-east-1",
        Endpoint = new EndpointOverride(peer.ServiceUrl.ToString()),
    }).Right();

    private readonly string _logFile = Path.Combine(Directory.CreateTempSubdirectory("awsaio-ops-").FullName, "app.log.gz");

    public void Dispose()
    {
        _provider.Dispose();
        Directory.Delete(Path.GetDirectoryName(_logFile)!, recursive: true);
    }

    [Fact]
    public async Task TheReadmePipeline_SendsNothingWhileBuilt_AndEachRunSendsAgain()
    {
        await File.WriteAllBytesAsync(_logFile, "compressed log lines"u8.ToArray());
        await peer.ResetRequestCountAsync();

        // The README's pipeline, verbatim apart from the names.
        var pipeline =
            from ensured in S3Ops.EnsureBucketExists("awsaio-logs")
            from uploaded in S3Ops.PutFile(_logFile, "awsaio-logs", "2026/11/24/app.log.gz")
            from objects in S3Ops.ListObjects("awsaio-logs", prefix: "2026/")
            select objects;
        Assert.Equal(0, await peer.GetRequestCountAsync());

        var first = await pipeline.RunAsync(_provider).Right();
        var afterFirst = await peer.GetRequestCountAsync();
        var second = await pipeline.RunAsync(_provider).Right();
        var afterSecond = await peer.GetRequestCountAsync();

        Assert.Equal(4, afterFirst);               // HeadBucket, CreateBucket, PutObject, ListObjectsV2
        Assert.Equal(afterFirst + 3, afterSecond); // the bucket exists now: HeadBucket, PutObject, ListObjectsV2
        Assert.Equal(new[] { "2026/11/24/app.log.gz" }, first.Map(o => o.Key));
        Assert.Equal(first.Map(o => o.Key), second.Map(o => o.Key));
    }

    [Fact]
    public async Task TheSamePipeline_FromTaskReturningCalls_SendsWhileItIsBeingBuilt()
    {
        await File.WriteAllBytesAsync(_logFile, "compressed log lines"u8.ToArray());
        await peer.ResetRequestCountAsync();

        var eager =
            from ensured in S3Interactions.EnsureBucketExistsAsync("awsaio-eager", _provider).ToAsync()
            from uploaded in S3Interactions.PutFileAsync(_logFile, "awsaio-eager", "a.log", _provider).ToAsync()
            select uploaded;
        // Nothing has matched the pipeline yet, but its first request is already under way.
        var sent = 0;
        for (var i = 0; i < 100 && sent == 0; i++)
        {
            sent = await peer.GetRequestCountAsync();
            if (sent == 0) await Task.Delay(50);
        }

        Assert.True(sent > 0, "a Task starts when it is made, before anything matches it");
        await eager.Match(Right: _ => true, Left: _ => false);
    }
}
