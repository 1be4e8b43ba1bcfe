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
        var (logFile, provider, ct) = (_logFile, _provider, CancellationToken.None);
        await File.WriteAllBytesAsync(logFile, "compressed log lines"u8.ToArray());
        await peer.ResetRequestCountAsync();

        // ---- the README's pipeline, verbatim ----
        // A description of the work: building it sends nothing.
        var pipeline =
            from ensured  in S3Ops.EnsureBucketExists("awsaio-logs")
            from uploaded in S3Ops.PutFile(logFile, "awsaio-logs", "2026/11/24/app.log.gz")
            from objects  in S3Ops.ListObjects("awsaio-logs", prefix: "2026/")
            select objects;
        Assert.Equal(0, await peer.GetRequestCountAsync());

        // Running it sends the requests (and running it again sends them again): here retried as a whole while the error may
        // go away by itself, and bounded in time.
        var outcome = await pipeline
            .Retry(Backoff.Exponential(4, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)))
            .Timeout(TimeSpan.FromMinutes(2))
            .RunAsync(provider, ct);

        var message = outcome.Match(
            Right: objects => $"{objects.Count} object(s), {objects.Sum(o => o.Size)} bytes",
            Left: error => error switch
            {
                DomainError.CouldNotEnsureBucketExists { Cause: DomainError.BucketNameNotAvailable } => "pick another bucket name",
                DomainError.LocalFileDoesNotExist missing => $"nothing to upload at {missing.Path}",
                DomainError.ObjectListingInterrupted stopped => $"listed {stopped.Listed.Count}, resume at {stopped.Resume.Token}",
                DomainError.OutcomeUnknown unknown => $"the upload may or may not have happened: {unknown}",
                _ when error.IsRetryable => $"try again later: {error}",
                _ => error.ToString(),   // one sentence naming the resource, code and request id
            });
        // ---- end of the README's pipeline ----

        var afterFirst = await peer.GetRequestCountAsync();
        var second = await pipeline.RunAsync(provider, ct).Right();
        var afterSecond = await peer.GetRequestCountAsync();

        Assert.Equal("1 object(s), 20 bytes", message);
        Assert.Equal(4, afterFirst);               // HeadBucket, CreateBucket, PutObject, ListObjectsV2
        Assert.Equal(afterFirst + 3, afterSecond); // the bucket exists now: HeadBucket, PutObject, ListObjectsV2
        Assert.Equal(new[] { "2026/11/24/app.log.gz" }, second.Map(o => o.Key));
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
