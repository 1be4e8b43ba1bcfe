using System.Net;
using System.Net.Sockets;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using Xunit;

namespace AwsAio.Testing.Tests;

/// <summary>
/// Every error fixture's ready exception is what the real v4 SDK throws for its wire answer: each wire answer is
/// served by WireMock on 127.0.0.1 to a real SDK client (no retries) calling the fixture's operation, and the thrown
/// exception is compared with the fixture's. The fixtures' codes also reach the core's mapping.
/// </summary>
public sealed class ErrorFixturesTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });

    public static TheoryData<string> Names => [.. ErrorFixtures.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ToException_IsWhatTheSdkThrowsForTheWireAnswer(string name)
    {
        var fixture = ErrorFixtures.All.Single(f => f.Name == name);
        _server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(fixture.Wire.Status).WithHeaders(fixture.Wire.Headers.ToDictionary()).WithBody(fixture.Wire.Body));

        var thrown = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => Call(fixture));
        var expected = fixture.ToException();

        Assert.Equal(expected.GetType(), thrown.GetType());
        Assert.Equal(expected.ErrorCode, thrown.ErrorCode);
        Assert.Equal(expected.StatusCode, thrown.StatusCode);
        Assert.Equal(expected.RequestId, thrown.RequestId);
        Assert.Equal(expected.Message, thrown.Message);
        Assert.Equal(expected.ErrorType, thrown.ErrorType);
        if (expected is AmazonS3Exception s3)
        {
            Assert.Equal(s3.AmazonId2, ((AmazonS3Exception)thrown).AmazonId2);
        }

        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public void All_HaveADocumentedSource_ABodyUnlessHead_AndAFreshExceptionEachTime()
    {
        Assert.All(ErrorFixtures.All, f =>
        {
            Assert.StartsWith("https://docs.aws.amazon.com/", f.Source);
            Assert.Equal(f.Name.Contains("Head", StringComparison.Ordinal), f.Wire.Body.Length == 0);
            Assert.NotSame(f.ToException(), f.ToException());
        });
        Assert.Equal(ErrorFixtures.All.Count, ErrorFixtures.All.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void All_MapToACaseOtherThanUnexpected()
    {
        var unmapped = ErrorFixtures.All
            .Where(f => ErrorMapping.Map(ErrorTarget.Of("resource"), Facts(f), null) is DomainError.Unexpected)
            .Select(f => f.Name);

        Assert.Empty(unmapped);
    }

    [Fact]
    public void Of_GroupsTheFixturesByService_AndExceptionsDrawsFromThem()
    {
        Assert.All(ErrorFixtures.Of(AwsService.Ec2), f => Assert.Equal(AwsService.Ec2, f.Service));
        Assert.Equal(ErrorFixtures.All.Count, ErrorFixtures.Of(AwsService.S3).Count + ErrorFixtures.Of(AwsService.Ec2).Count + ErrorFixtures.Of(AwsService.Sts).Count);
        Assert.All(FsCheck.Fluent.Gen.Sample(ErrorFixtures.Exceptions(AwsService.Sts), 50), e => Assert.IsAssignableFrom<AmazonSecurityTokenServiceException>(e));
    }

    public void Dispose() => _server.Stop();

    private static AwsErrorDetails Facts(ErrorFixture f)
    {
        var e = f.ToException();
        var service = f.Service switch { AwsService.S3 => "S3", AwsService.Ec2 => "EC2", _ => "STS" };
        return AwsErrorDetails.Of(service, f.Operation, e.ErrorCode, e.Message, (int)e.StatusCode, e.RequestId);
    }

    private Task Call(ErrorFixture fixture)
    {
        var credentials = new BasicAWSCredentials("AKIDEXAMPLE", "not-a-secret");
        var url = _server.Urls[0];
        switch (fixture.Service)
        {
            case AwsService.S3:
                var s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
                return fixture.Operation switch
                {
                    "ListObjectsV2" => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "awsaio-logs" }),
                    "GetObject" => s3.GetObjectAsync("awsaio-logs", "reports/2026.csv"),
                    "PutObject" => s3.PutObjectAsync(new PutObjectRequest { BucketName = "awsaio-logs", Key = "k", ContentBody = "x", UseChunkEncoding = false }),
                    "CreateBucket" => s3.PutBucketAsync("awsaio-logs"),
                    "DeleteBucket" => s3.DeleteBucketAsync("awsaio-logs"),
                    "HeadBucket" => s3.HeadBucketAsync(new HeadBucketRequest { BucketName = "awsaio-logs" }),
                    "HeadObject" => s3.GetObjectMetadataAsync("awsaio-logs", "k"),
                    var other => throw new InvalidOperationException($"no call for {other}"),
                };
            case AwsService.Ec2:
                var ec2 = new AmazonEC2Client(credentials, new AmazonEC2Config { ServiceURL = url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
                return fixture.Operation switch
                {
                    "DescribeInstances" => ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = ["i-1a2b3c4d"] }),
                    "DescribeVpcs" => ec2.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = ["vpc-0a1b2c3d"] }),
                    "DeleteTrafficMirrorSession" => ec2.DeleteTrafficMirrorSessionAsync(new DeleteTrafficMirrorSessionRequest { TrafficMirrorSessionId = "tms-0123456789abcdef0" }),
                    "DescribeNetworkInterfaces" => ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest()),
                    "DescribeSubnets" => ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest()),
                    var other => throw new InvalidOperationException($"no call for {other}"),
                };
            default:
                var sts = new AmazonSecurityTokenServiceClient(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
                return fixture.Operation switch
                {
                    "AssumeRole" => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::210987654321:role/Capture", RoleSessionName = "awsaio" }),
                    "GetCallerIdentity" => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()),
                    var other => throw new InvalidOperationException($"no call for {other}"),
                };
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
