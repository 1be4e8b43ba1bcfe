using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace AwsAio.Tests.Examples;

/// <summary>The README's SQS wrapper against SQS's JSON protocol on a loopback stub: the message is sent with the
/// provider's role credentials, and SQS's errors come back as the core maps them.</summary>
public sealed class SqsQueueTests : IDisposable
{
    private readonly AwsWireStub _stub = new AwsWireStub().AssumeRole(TimeSpan.FromHours(1));

    public void Dispose() => _stub.Dispose();

    private string Queue => $"{_stub.Url}/123456789012/awsaio-queue";

    private void SqsAnswers(int status, string json) =>
        _stub.Server.Given(Request.Create().UsingPost().WithHeader("X-Amz-Target", new ExactMatcher("AmazonSQS.SendMessage")))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/x-amz-json-1.0").WithBody(json));

    [Fact]
    public async Task Send_SignsWithTheProvidersRole_AndGivesTheMessageId_OnlyWhenRun()
    {
        // MD5 of "hello", which the SDK checks against the body it sent.
        SqsAnswers(200, """{"MessageId":"5fea7756-0ea4-451a-a703-a558b933e274","MD5OfMessageBody":"5d41402abc4b2a76b9719d911017c592"}""");
        using var provider = StubProviders.For(_stub, o => o with { AssumeRoleArn = "arn:aws:iam::123456789012:role/ops" });

        var send = SqsQueue.Send(Queue, "hello");
        Assert.Equal(0, _stub.Total);
        Assert.Equal("5fea7756-0ea4-451a-a703-a558b933e274", await send.RunAsync(provider).Right());

        Assert.Equal(1, _stub.Count("AssumeRole"));
        var sqs = _stub.Server.LogEntries.Single(e => e.RequestMessage.Headers!.ContainsKey("X-Amz-Target"));
        Assert.Contains("Credential=ASIAEXAMPLE", sqs.RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task SqsErrors_AreTheCoresErrors_NamingTheQueue()
    {
        SqsAnswers(400, """{"__type":"com.amazonaws.sqs#RequestThrottled","message":"slow down"}""");
        using var provider = StubProviders.For(_stub);

        var error = await SqsQueue.SendAsync(Queue, "hello", provider).Left();

        var throttled = Assert.IsType<DomainError.Throttled>(error);
        Assert.Equal("SQS", throttled.Details.Service);
        Assert.Equal("SendMessage", throttled.Details.Operation);
        Assert.Equal(Queue, throttled.Details.Target.Resource);
        Assert.True(error.IsRetryable);
    }
}
