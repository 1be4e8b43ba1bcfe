using Amazon.S3.Model;
using AwsAio.Core;
using Moq;
using Amazon.S3;
using Xunit;
using static AwsAio.Testing.Tests.Support.Sampling;

namespace AwsAio.Testing.Tests;

/// <summary>Answers carry out a response, a faulted task or a synchronous throw; scripted calls serve their answers in
/// order and record every request.</summary>
public sealed class AnswerTests
{
    [Fact]
    public async Task Respond_CompletesWithTheResponse()
    {
        var response = new HeadBucketResponse();

        Assert.Same(response, await Answer<HeadBucketResponse>.Respond(response).ToTask());
    }

    [Fact]
    public void Fail_FaultsTheTask_OrThrowsFromTheCallWhenSynchronous()
    {
        var error = new IOException("cut");

        var faulted = Answer<HeadBucketResponse>.Fail(error).ToTask();

        Assert.True(faulted.IsFaulted);
        Assert.Same(error, faulted.Exception!.InnerException);
        Assert.Same(error, Assert.Throws<IOException>(() => { _ = Answer<HeadBucketResponse>.Fail(error, synchronously: true).ToTask(); }));
    }

    [Fact]
    public void Of_MixesResponsesAndFailures_SomeThrownSynchronously()
    {
        var samples = Draw(Answers.Of(S3Responses.HeadBucket(), AwsService.S3));

        ShareBetween(samples, a => a.Succeeds, 0.4, 0.6, "responses");
        ShareBetween(samples.Where(a => !a.Succeeds).ToList(), a => a.ThrowsSynchronously, 0.15, 0.35, "synchronous throws among failures");
    }

    [Fact]
    public async Task Answer_PlugsIntoMoq_AsReturns()
    {
        var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
        var answer = Answer<HeadBucketResponse>.Fail(ErrorFixtures.S3HeadNotFound.ToException());
        s3.Setup(s => s.HeadBucketAsync(It.IsAny<HeadBucketRequest>(), It.IsAny<CancellationToken>())).Returns(answer.ToTask);

        var result = await S3Interactions.GetBucketStatusAsync("awsaio-logs", new FakeAwsClientProvider(s3.Object));

        Assert.Equal(BucketStatus.DoesNotExist, result.Match(Right: s => s, Left: e => throw new InvalidOperationException(e.ToString())));
    }

    [Fact]
    public async Task ScriptedCalls_ServeTheScriptInOrder_RecordEveryRequest_ThenTheAnswerAfterTheScript()
    {
        var first = new DeleteObjectsResponse();
        var after = new DeleteObjectsResponse();
        var calls = new ScriptedCalls<string, DeleteObjectsResponse>(
            [Answer<DeleteObjectsResponse>.Respond(first), Answer<DeleteObjectsResponse>.Fail(new TimeoutException())],
            Answer<DeleteObjectsResponse>.Respond(after));

        Assert.Same(first, await calls.Answer("a", default));
        await Assert.ThrowsAsync<TimeoutException>(() => calls.Answer("b", default));
        Assert.Same(after, await calls.Answer("c", default));
        Assert.Same(after, await calls.Answer("d", default));

        Assert.Equal(["a", "b", "c", "d"], calls.Requests);
        Assert.Equal(4, calls.Served.Count);
        Assert.False(calls.Overrun);
    }

    [Fact]
    public async Task ScriptedCalls_WithResponders_AnswerFromEachRequest_AndRecordTheAnswersGiven()
    {
        var echo = new Responder<string, DeleteObjectsResponse>("echoes the key",
            key => Answer<DeleteObjectsResponse>.Respond(new DeleteObjectsResponse { DeletedObjects = [new DeletedObject { Key = key }] }));
        var calls = new ScriptedCalls<string, DeleteObjectsResponse>([echo], echo);

        var first = await calls.Answer("a", default);
        var second = await calls.Answer("b", default);

        Assert.Equal("a", Assert.Single(first.DeletedObjects).Key);
        Assert.Equal("b", Assert.Single(second.DeletedObjects).Key);
        Assert.Equal([first, second], calls.Served.Select(a => a.Response));
        Assert.Equal("echoes the key", echo.ToString());
    }

    [Fact]
    public async Task ScriptedCalls_WithoutAnAnswerAfterTheScript_FailLaterCalls_AndSayTheyOverran()
    {
        var calls = new ScriptedCalls<string, DeleteObjectsResponse>([Answer<DeleteObjectsResponse>.Respond(new DeleteObjectsResponse())]);

        await calls.Answer("a", default);
        await Assert.ThrowsAsync<InvalidOperationException>(() => calls.Answer("b", default));

        Assert.True(calls.Overrun);
    }

    [Fact]
    public void ToString_NamesTheResponseTypeOrTheFailuresCodeAndStatus()
    {
        Assert.Equal("responds HeadBucketResponse", Answer<HeadBucketResponse>.Respond(new HeadBucketResponse()).ToString());
        Assert.Equal("fails with AmazonS3Exception(code 'NotFound', status 404, request id '7D4F1C2E9A8B3C10')",
            Answer<HeadBucketResponse>.Fail(ErrorFixtures.S3HeadNotFound.ToException()).ToString());
    }
}
