using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using FsCheck;
using FsCheck.Fluent;
using Moq;
using Xunit;

namespace AwsAio.Testing.Tests;

/// <summary>The example of src/AwsAio.Testing/README.md, compiled and run: keep the two in step.</summary>
public sealed class ReadmeTests
{
    // Your code: counts the objects under a prefix, or says why it could not.
    private static async Task<string> Report(IAwsClientProvider aws) =>
        (await S3Interactions.ListObjectsAsync("awsaio-logs", aws, prefix: "2026/")).Match(
            Right: objects => $"{objects.Count} objects",
            Left: error => error.IsRetryable ? "try again later" : error.ToString());

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Report_NeverThrows_AndCountsExactlyWhatS3Listed() =>
        Prop.ForAll(PageScripts.Objects().ToArbitrary(), async script =>
        {
            var pager = FakePager.ListObjectsV2(script);      // empty pages, cycles, throttles at page N, ...
            var s3 = new Mock<IAmazonS3>();
            s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>()))
              .Returns((ListObjectsV2Request r, CancellationToken ct) => pager.Answer(r, ct));

            var report = await Report(new FakeAwsClientProvider(s3.Object));

            Assert.False(pager.Overrun);                      // it stopped: no endless loop on a repeated token
            if (script.Completes) Assert.Equal($"{script.ItemsUntilEnd.Count} objects", report);
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Report_AnyAnswerToItsOneCall_IsASentence() =>
        Prop.ForAll(Answers.Of(S3Responses.ListObjectsV2(), AwsService.S3).ToArbitrary(), async answer =>
        {
            var s3 = new Mock<IAmazonS3>();
            s3.Setup(s => s.ListObjectsV2Async(It.IsAny<ListObjectsV2Request>(), It.IsAny<CancellationToken>())).Returns(answer.ToTask);

            var report = await Report(new FakeAwsClientProvider(s3.Object));

            Assert.False(string.IsNullOrWhiteSpace(report));
        });
}
