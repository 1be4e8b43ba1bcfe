using System.Net;
using Amazon.EC2;
using Amazon.Runtime;
using Moq;

namespace AwsAio.Tests.Support;

/// <summary>The doubles every EC2 test starts from: a provider mock handing out an EC2 mock, and EC2's error shape.</summary>
internal static class Ec2Doubles
{
    /// <summary>A request id in EC2's shape.</summary>
    internal const string RequestId = "ea966190-f9aa-478e-9ede-cb5432daacc0";

    /// <summary>A provider that hands out <paramref name="ec2"/>, in us-east-1.</summary>
    internal static Mock<IAwsClientProvider> ProviderFor(IAmazonEC2 ec2)
    {
        var provider = new Mock<IAwsClientProvider>();
        provider.Setup(p => p.GetEc2()).Returns(ec2);
        provider.Setup(p => p.Region).Returns("us-east-1");
        return provider;
    }

    /// <summary>An EC2 error as the SDK throws it (EC2 answers client errors with 400, or 403/412 for permission
    /// and dry-run answers; 5xx are the receiver's fault).</summary>
    internal static AmazonEC2Exception Ec2Error(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(message, (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender, code, RequestId, status);

    /// <summary>Metadata of a successful answer.</summary>
    internal static ResponseMetadata Metadata(string id = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE") => new() { RequestId = id };
}
