using AwsAio.Core;
using Xunit;

namespace AwsAio.Tests;

/// <summary>The defaults of an upload (PutOptions.cs) are the core's: a 16 MiB threshold, 8 MiB parts, four in flight,
/// and nothing else asked for.</summary>
public sealed class PutOptionsTests
{
    [Fact]
    public void Defaults_AreTheCoresSizes_AndAskForNothingElse()
    {
        var options = PutOptions.Default;

        Assert.Equal((S3Transfers.DefaultMultipartThreshold, S3Transfers.DefaultPartSize, S3Transfers.DefaultParallelParts),
            (options.MultipartThreshold, options.PartSize, options.ParallelParts));
        Assert.Equal(16L * 1024 * 1024, options.MultipartThreshold);
        Assert.True(options is { ContentType: null, ContentEncoding: null, CacheControl: null, Metadata: null, Tags: null, StorageClass: null, Encryption: null, Progress: null });
        Assert.True(S3Transfers.CheckSizes(options.MultipartThreshold, options.PartSize).IsOk);
    }
}
