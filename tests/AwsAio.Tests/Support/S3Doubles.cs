using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Moq;

namespace AwsAio.Tests.Support;

/// <summary>The doubles every S3 test starts from: a provider mock handing out an S3 mock, and S3's error shape.</summary>
internal static class S3Doubles
{
    /// <summary>The request id every stubbed S3 error carries.</summary>
    internal const string RequestId = "REQ123";

    /// <summary>A provider that hands out <paramref name="s3"/>, in eu-west-1, uploading with chunk encoding.</summary>
    internal static Mock<IAwsClientProvider> ProviderFor(IAmazonS3 s3)
    {
        var provider = new Mock<IAwsClientProvider>();
        provider.Setup(p => p.GetS3()).Returns(s3);
        provider.Setup(p => p.Region).Returns("eu-west-1");
        provider.Setup(p => p.GetSettings<S3Settings>()).Returns(new S3Settings(UseChunkEncoding: true));
        return provider;
    }

    /// <summary>An S3 error as the SDK throws it: 5xx are the receiver's fault, the rest the sender's.</summary>
    internal static AmazonS3Exception S3Error(string code, HttpStatusCode status, string message = "S3 said no") =>
        new(message, (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender, code, RequestId, status);
}
