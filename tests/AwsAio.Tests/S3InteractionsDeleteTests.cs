using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using static AwsAio.Tests.Support.S3Doubles;
using LanguageExt;
using Moq;
using Xunit;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio.Tests;

/// <summary>
/// Deleting objects (S3Interactions.Delete.cs) over a mocked IAmazonS3: a missing key is success, batches of at most
/// 1,000 that must account for every key, and every refused key reported.
/// </summary>
public sealed class S3InteractionsDeleteTests
{
    private const string Bucket = "awsaio-unit-delete";

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;
    private readonly List<DeleteObjectsRequest> _batches = [];

    public S3InteractionsDeleteTests() => _provider = ProviderFor(_s3.Object);

    private void DeleteOneAnswers(Exception? e = null)
    {
        var setup = _s3.Setup(s => s.DeleteObjectAsync(It.Is<DeleteObjectRequest>(r => r.BucketName == Bucket && r.Key == "k.txt"), It.IsAny<CancellationToken>()));
        if (e is null)
            setup.ReturnsAsync(new DeleteObjectResponse { HttpStatusCode = HttpStatusCode.NoContent, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-DEL" } });
        else
            setup.ThrowsAsync(e);
    }

    /// <summary>Answers each DeleteObjects; <paramref name="refuse"/> picks keys S3 refuses, <paramref name="forget"/> keys it leaves out.</summary>
    private void DeleteManyAnswers(Func<string, bool>? refuse = null, Func<string, bool>? forget = null) =>
        _s3.Setup(s => s.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>()))
            .Returns((DeleteObjectsRequest r, CancellationToken _) =>
            {
                _batches.Add(r);
                var response = new DeleteObjectsResponse
                {
                    DeletedObjects = r.Objects.Where(o => refuse?.Invoke(o.Key) != true && forget?.Invoke(o.Key) != true)
                        .Select(o => new DeletedObject { Key = o.Key }).ToList(),
                    DeleteErrors = r.Objects.Where(o => refuse?.Invoke(o.Key) == true)
                        .Select(o => new DeleteError { Key = o.Key, Code = "AccessDenied", Message = "Access Denied" }).ToList(),
                    HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-BATCH" },
                };
                return response.DeleteErrors.Count > 0
                    ? Task.FromException<DeleteObjectsResponse>(new DeleteObjectsException(response))
                    : Task.FromResult(response);
            });

    [Fact]
    public async Task DeleteObject_IsOneDeleteObject()
    {
        DeleteOneAnswers();

        Assert.Equal(Prelude.unit, await S3Interactions.DeleteObjectAsync(S3Location.Create(Bucket, "k.txt").ToEither().Right(), _provider.Object).Right());
    }

    [Fact]
    public async Task DeleteObject_WhenTheStoreSaysNoSuchKey_IsSuccess()
    {
        DeleteOneAnswers(new NoSuchKeyException("The specified key does not exist.", ErrorType.Sender, "NoSuchKey", RequestId, HttpStatusCode.NotFound));

        Assert.Equal(Prelude.unit, await S3Interactions.DeleteObjectAsync(Bucket, "k.txt", _provider.Object).Right());
    }

    [Theory]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, typeof(DomainError.BucketDoesNotExist))]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, typeof(DomainError.AccessDenied))]
    [InlineData("InvalidRequest", HttpStatusCode.BadRequest, typeof(DomainError.InvalidRequest))]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, typeof(DomainError.Throttled))]
    public async Task DeleteObject_WhenS3Refuses_IsTheMappedError(string code, HttpStatusCode status, Type expected)
    {
        DeleteOneAnswers(S3Error(code, status));

        var error = await S3Interactions.DeleteObjectAsync(Bucket, "k.txt", _provider.Object).Left();

        Assert.IsType(expected, error);
        Assert.Equal(("DeleteObject", ErrorTarget.Of(Bucket, "k.txt")), (error.ErrorDetails.Operation, error.ErrorDetails.Target));
    }

    [Fact]
    public async Task DeleteObject_WhenTheAnswerIsLost_IsOutcomeUnknown()
    {
        DeleteOneAnswers(new HttpRequestException("The response ended prematurely.", new IOException("Connection reset by peer")));

        Assert.IsType<DomainError.OutcomeUnknown>(await S3Interactions.DeleteObjectAsync(Bucket, "k.txt", _provider.Object).Left());
    }

    [Fact]
    public async Task DeleteObjects_SendsBatchesOfAtMost1000_EachKeyOnce()
    {
        DeleteManyAnswers();
        var keys = Enumerable.Range(0, 2500).Select(i => $"logs/{i:D5}").Concat(["logs/00001", "logs/00002"]).ToList();

        Assert.Equal(Prelude.unit, await S3Interactions.DeleteObjectsAsync(Bucket, keys, _provider.Object).Right());

        Assert.Equal([1000, 1000, 500], _batches.Select(b => b.Objects.Count));
        Assert.Equal(2500, _batches.SelectMany(b => b.Objects).Select(o => o.Key).Distinct().Count());
        Assert.All(_batches, b => Assert.False(b.Quiet));
    }

    [Fact]
    public async Task DeleteObjects_ReportsEveryRefusedKey_WithItsOwnError()
    {
        DeleteManyAnswers(refuse: key => key.EndsWith('7'));
        var keys = Enumerable.Range(0, 1200).Select(i => $"k{i}").ToList();

        var error = await S3Interactions.DeleteObjectsAsync(Bucket, keys, _provider.Object).Left();

        var notDeleted = Assert.IsType<DomainError.ObjectsNotDeleted>(error);
        Assert.Equal(keys.Where(k => k.EndsWith('7')), notDeleted.Failures.Select(f => f.Key));
        Assert.All(notDeleted.Failures, f => Assert.IsType<DomainError.AccessDenied>(f.Error));
        Assert.Equal(2, _batches.Count);
    }

    [Fact]
    public async Task DeleteObjects_WhenAnAnswerLeavesAKeyOut_IsMalformed_NeverSuccess()
    {
        DeleteManyAnswers(forget: key => key == "b");

        Assert.IsType<DomainError.MalformedResponse>(await S3Interactions.DeleteObjectsAsync(Bucket, ["a", "b", "c"], _provider.Object).Left());
    }

    [Fact]
    public async Task DeleteObjects_WithNoKeys_IsSuccess_WithoutARequest()
    {
        Assert.Equal(Prelude.unit, await S3Interactions.DeleteObjectsAsync(Bucket, [], _provider.Object).Right());
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task DeleteObjects_WithAnInvalidKey_IsInvalidInput_BeforeAnyRequest()
    {
        var error = await S3Interactions.DeleteObjectsAsync(Bucket, ["ok", "../etc/passwd"], _provider.Object).Left();

        Assert.Equal("object key", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }
    [Fact]
    public async Task DeleteObject_WithoutALocation_IsLocationIsRequired_BeforeAnyRequest()
    {
        var error = await S3Interactions.DeleteObjectAsync((S3Location)null!, _provider.Object).Left();

        Assert.Equal(DomainError.NewInvalidInput("location", "is required"), error);
        _s3.VerifyNoOtherCalls();
    }
    [Fact]
    public async Task DeleteObjects_ARefusalWithoutVersionOrMessage_IsAFailureWithEmptyOnes()
    {
        _s3.Setup(s => s.DeleteObjectsAsync(It.IsAny<DeleteObjectsRequest>(), It.IsAny<CancellationToken>()))
            .Returns((DeleteObjectsRequest r, CancellationToken _) => Task.FromException<DeleteObjectsResponse>(new DeleteObjectsException(new DeleteObjectsResponse
            {
                DeletedObjects = [],
                DeleteErrors = [new DeleteError { Key = "k1", VersionId = null, Code = "AccessDenied", Message = null }],
                HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-BATCH" },
            })));

        var error = await S3Interactions.DeleteObjectsAsync(Bucket, ["k1"], _provider.Object).Left();

        var failure = Assert.Single(Assert.IsType<DomainError.ObjectsNotDeleted>(error).Failures);
        Assert.Equal(("k1", ""), (failure.Key, failure.VersionId));
        Assert.Equal("AccessDenied", failure.Error.ErrorDetails.Code);
        Assert.Equal("", failure.Error.ErrorDetails.Message);
    }
}
