using System.Net;
using System.Net.Http;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using Xunit;
using static AwsAio.Testing.Tests.Support.Sampling;

namespace AwsAio.Testing.Tests;

/// <summary>Generated failures use each service's own exception classes (modelled subclasses included), carry the
/// generated facts, and include failures that never got a response.</summary>
public sealed class ServiceErrorsTests
{
    [Fact]
    public void Of_S3_ThrowsS3ExceptionsIncludingTheModelledSubclasses()
    {
        var samples = Draw(ServiceErrors.Of(AwsService.S3));

        Assert.All(samples, e => Assert.IsAssignableFrom<AmazonS3Exception>(e));
        Assert.Contains(samples, e => e.GetType() == typeof(AmazonS3Exception));
        Assert.Contains(samples, e => e is NoSuchBucketException);
        Assert.Contains(samples, e => e is NoSuchKeyException);
        Assert.Contains(samples, e => e is BucketAlreadyExistsException or BucketAlreadyOwnedByYouException);
        Assert.Contains(samples, e => e is AmazonS3Exception { AmazonId2: not null });
    }

    [Fact]
    public void Of_Ec2AndSts_ThrowTheirServicesExceptions()
    {
        var ec2 = Draw(ServiceErrors.Of(AwsService.Ec2));
        var sts = Draw(ServiceErrors.Of(AwsService.Sts));

        Assert.All(ec2, e => Assert.IsType<AmazonEC2Exception>(e));
        Assert.All(ec2, e => Assert.Equal(ErrorType.Unknown, e.ErrorType));
        Assert.All(sts, e => Assert.IsAssignableFrom<AmazonSecurityTokenServiceException>(e));
        Assert.Contains(sts, e => e.GetType() == typeof(AmazonSecurityTokenServiceException));
        Assert.Contains(sts, e => e is RegionDisabledException or ExpiredTokenException or MalformedPolicyDocumentException or PackedPolicyTooLargeException);
    }

    [Fact]
    public void Of_ModelledSubclasses_CarryExactlyTheirModelledCode()
    {
        var subclassed = Draw(ServiceErrors.Of(AwsService.S3)).Concat(Draw(ServiceErrors.Of(AwsService.Sts)))
            .Where(e => e.GetType() != typeof(AmazonS3Exception) && e.GetType() != typeof(AmazonSecurityTokenServiceException))
            .ToList();

        Assert.NotEmpty(subclassed);
        Assert.All(subclassed, e => Assert.Equal(e.GetType().Name, e.ErrorCode + (e.ErrorCode!.EndsWith("Exception", StringComparison.Ordinal) ? "" : "Exception")));
    }

    [Fact]
    public void Of_VariesCodesStatusesMessagesAndRequestIds_NullsIncluded()
    {
        var samples = Draw(ServiceErrors.Of(AwsService.S3));

        Assert.Contains(samples, e => e.ErrorCode is null);
        Assert.Contains(samples, e => e.RequestId is null);
        Assert.Contains(samples, e => e.StatusCode == 0);
        Assert.True(samples.Select(e => e.StatusCode).Distinct().Count() >= 15, "too few distinct statuses");
        Assert.True(samples.Select(e => e.ErrorCode).Distinct().Count() >= 40, "too few distinct codes");
        Assert.Contains(samples, e => string.IsNullOrEmpty(e.Message) || e.Message.StartsWith("Exception of type", StringComparison.Ordinal));
    }

    [Fact]
    public void Of_ErrorType_FollowsTheStatus()
    {
        Assert.All(Draw(ServiceErrors.Of(AwsService.S3)), e => Assert.Equal(
            (int)e.StatusCode >= 500 ? ErrorType.Receiver : (int)e.StatusCode >= 400 ? ErrorType.Sender : ErrorType.Unknown, e.ErrorType));
    }

    [Fact]
    public void Transport_FailsWithoutAResponse_InEveryFormTheCoreRecognises()
    {
        var samples = Draw(ServiceErrors.Transport());

        Assert.All(samples, e => Assert.True(e is not AmazonServiceException { StatusCode: not 0 }));
        Assert.Contains(samples, e => e is HttpRequestException);
        Assert.Contains(samples, e => e is IOException);
        Assert.Contains(samples, e => e is System.Net.Sockets.SocketException);
        Assert.Contains(samples, e => e is TaskCanceledException { InnerException: TimeoutException });
        Assert.Contains(samples, e => e is AggregateException);
        var mapped = samples.Select(e => ErrorMapping.OfException(ErrorTarget.None, "S3", "GetObject", e, false)).ToList();
        Assert.Contains(mapped, m => m is DomainError.Transport);
        Assert.Contains(mapped, m => m is DomainError.Timeout);
    }

    [Fact]
    public void Any_MixesServiceAndTransportFailures()
    {
        var samples = Draw(ServiceErrors.Any(AwsService.Sts));

        ShareBetween(samples, e => e is AmazonServiceException { StatusCode: not 0 } or AmazonServiceException { ErrorCode.Length: > 0 }, 0.6, 0.9, "service errors");
        ShareBetween(samples, e => e is not AmazonServiceException, 0.1, 0.3, "transport failures");
    }

    [Fact]
    public void Throttles_AreThrottlingToTheCore()
    {
        Assert.All(Draw(ServiceErrors.Throttles(AwsService.S3), 500), e =>
            Assert.IsType<DomainError.Throttled>(ErrorMapping.Map(ErrorTarget.None,
                AwsErrorDetails.Of("S3", "ListObjectsV2", e.ErrorCode, e.Message, (int)e.StatusCode, e.RequestId ?? ""), e)));
    }

    [Fact]
    public void WithCode_KeepsTheCodeAndStatusGiven()
    {
        Assert.All(Draw(ServiceErrors.WithCode(AwsService.S3, "NoSuchBucket", 404), 300), e =>
        {
            Assert.Equal("NoSuchBucket", e.ErrorCode);
            Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        });
    }
}
