using Amazon.SQS;
using AwsAio.Core;
using LanguageExt;

namespace AwsAio.Tests.Examples;

/// <summary>The README's user-written wrapper, kept here so that it compiles: SQS in AwsAio's style (errors mapped by
/// the core, deadline, logging, shared credentials) with nothing but the public API.</summary>
public static class SqsQueue
{
    private static IAmazonSQS Sqs(IAwsClientProvider p) =>
        p.Client<AmazonSQSClient, AmazonSQSConfig>((credentials, config) => new AmazonSQSClient(credentials, config));

    public static async Task<Either<DomainError, string>> SendAsync(
        string queueUrl, string body, IAwsClientProvider provider, CancellationToken ct = default) =>
        (await AwsSdk.CallAsync(CallInfo.Of("SQS", "SendMessage", ErrorTarget.Of(queueUrl)).Mutating(),
            c => Sqs(provider).SendMessageAsync(queueUrl, body, c), provider, ct)).Map(r => r.MessageId);

    public static AwsOp<string> Send(string queueUrl, string body) => AwsOp.Of((p, ct) => SendAsync(queueUrl, body, p, ct));
}
