using System.Net;
using System.Security;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using FsCheck;
using FsCheck.Fluent;

namespace AwsAio.Testing;

/// <summary>An HTTP answer as it crosses the wire, for loopback stubs (WireMock, HttpListener, …).</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">The response headers.</param>
/// <param name="Body">The body (empty for body-less HEAD answers).</param>
public sealed record WireResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The Content-Type header, or null.</summary>
    public string? ContentType => Headers.TryGetValue("Content-Type", out var type) ? type : null;
}

/// <summary>
/// One real-world AWS error: the answer AWS sends (<see cref="Wire"/>, for wire-level stubs) and the exception the v4
/// SDK turns it into (<see cref="ToException"/>, for mocks). Both were checked against each other by serving the wire
/// answer to the real SDK on loopback (see the kit's own tests).
/// </summary>
public sealed class ErrorFixture
{
    private readonly Func<AmazonServiceException> _exception;

    internal ErrorFixture(string name, AwsService service, string operation, WireResponse wire, string source,
        Func<AmazonServiceException> exception)
    {
        Name = name;
        Service = service;
        Operation = operation;
        Wire = wire;
        Source = source;
        _exception = exception;
    }

    /// <summary>A short name, such as <c>S3NoSuchBucket</c>.</summary>
    public string Name { get; }

    /// <summary>The service that answers.</summary>
    public AwsService Service { get; }

    /// <summary>The API operation, as AWS names it (<c>HeadObject</c>, <c>CreateBucket</c>, …), that receives this
    /// answer; the SDK's exception class can depend on it.</summary>
    public string Operation { get; }

    /// <summary>The answer on the wire.</summary>
    public WireResponse Wire { get; }

    /// <summary>Where the shape of the answer is documented.</summary>
    public string Source { get; }

    /// <summary>A fresh exception, as the v4 SDK throws it for <see cref="Wire"/> on <see cref="Operation"/>.</summary>
    public AmazonServiceException ToException() => _exception();

    /// <summary>Returns <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// Real-world error answers of S3, EC2 and STS, each as a wire answer (status, headers, body) and as the exception the
/// SDK throws for it. Shapes come from AWS documentation, cited per family below; codes and messages are the ones AWS
/// documents for them.
/// </summary>
public static class ErrorFixtures
{
    // S3 REST errors: an <Error> document (Code, Message, Resource or BucketName/Key, RequestId, HostId) with
    // Content-Type application/xml, and the same ids in the x-amz-request-id and x-amz-id-2 headers.
    // Source: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses (shape and the
    // code/status list) and https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingRESTError.html (headers).
    private const string S3Source = "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses";

    // HEAD answers carry no body: "A message body is not included, so you cannot determine the exception beyond these
    // HTTP response codes." Source: https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html (and
    // API_HeadObject.html). The SDK then names the code after the status (NotFound, Forbidden, MovedPermanently).
    private const string HeadSource = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html";

    // EC2 query-protocol errors: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>.
    // Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html#api-error-response
    private const string Ec2Source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html#api-error-response";

    // STS (AWS query protocol) errors: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
    // in the STS namespace. Sources: https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html (codes) and
    // the awsQuery error shape of the Smithy protocol tests (smithy-aws-protocol-tests/model/awsQuery/xml-errors.smithy).
    private const string StsSource = "https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html";

    private const string HeadMessage = "Error making request with Error Code {0} and Http Status Code {0}. No further error information was returned by the service.";

    /// <summary>S3 ListObjectsV2 on a bucket that does not exist (404 NoSuchBucket; the SDK throws
    /// <c>NoSuchBucketException</c> for this operation).</summary>
    public static ErrorFixture S3NoSuchBucket { get; } = S3Error(
        nameof(S3NoSuchBucket), "ListObjectsV2", 404, "NoSuchBucket", "The specified bucket does not exist",
        "<BucketName>awsaio-missing</BucketName>", "4442587FB7D0A2F9",
        (m, t, c, r, s, h) => new NoSuchBucketException(m, null, t, c, r, s, h, null));

    /// <summary>S3 GetObject of a key that does not exist (404 NoSuchKey, <c>NoSuchKeyException</c>).</summary>
    public static ErrorFixture S3NoSuchKey { get; } = S3Error(
        nameof(S3NoSuchKey), "GetObject", 404, "NoSuchKey", "The specified key does not exist.",
        "<Key>reports/2026.csv</Key>", "A2B4C6D8E0F21357",
        (m, t, c, r, s, h) => new NoSuchKeyException(m, null, t, c, r, s, h, null));

    /// <summary>S3 PutObject refused by a policy (403 AccessDenied).</summary>
    public static ErrorFixture S3AccessDenied { get; } = S3Error(
        nameof(S3AccessDenied), "PutObject", 403, "AccessDenied", "Access Denied", "", "9F6HMTTJ9GAFZGXV",
        (m, t, c, r, s, h) => new AmazonS3Exception(m, null, t, c, r, s, h, null));

    /// <summary>S3 throttling a listing (503 SlowDown).</summary>
    public static ErrorFixture S3SlowDown { get; } = S3Error(
        nameof(S3SlowDown), "ListObjectsV2", 503, "SlowDown", "Please reduce your request rate.", "", "B2D15AFC0A4C9246",
        (m, t, c, r, s, h) => new AmazonS3Exception(m, null, t, c, r, s, h, null));

    /// <summary>S3 failing internally (500 InternalError).</summary>
    public static ErrorFixture S3InternalError { get; } = S3Error(
        nameof(S3InternalError), "GetObject", 500, "InternalError", "We encountered an internal error. Please try again.", "",
        "0A1B7A4F06A544B7", (m, t, c, r, s, h) => new AmazonS3Exception(m, null, t, c, r, s, h, null));

    /// <summary>S3 CreateBucket of a name another account owns (409 BucketAlreadyExists).</summary>
    public static ErrorFixture S3BucketAlreadyExists { get; } = S3Error(
        nameof(S3BucketAlreadyExists), "CreateBucket", 409, "BucketAlreadyExists",
        "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
        "<BucketName>logs</BucketName>", "12D809AE49184521",
        (m, t, c, r, s, h) => new BucketAlreadyExistsException(m, null, t, c, r, s, h, null));

    /// <summary>S3 CreateBucket of a bucket the caller already owns, outside us-east-1 (409 BucketAlreadyOwnedByYou).</summary>
    public static ErrorFixture S3BucketAlreadyOwnedByYou { get; } = S3Error(
        nameof(S3BucketAlreadyOwnedByYou), "CreateBucket", 409, "BucketAlreadyOwnedByYou",
        "Your previous request to create the named bucket succeeded and you already own it.",
        "<BucketName>awsaio-logs</BucketName>", "A6E654536D1E88D8",
        (m, t, c, r, s, h) => new BucketAlreadyOwnedByYouException(m, null, t, c, r, s, h, null));

    /// <summary>S3 DeleteBucket of a bucket that still holds objects (409 BucketNotEmpty).</summary>
    public static ErrorFixture S3BucketNotEmpty { get; } = S3Error(
        nameof(S3BucketNotEmpty), "DeleteBucket", 409, "BucketNotEmpty", "The bucket you tried to delete is not empty",
        "<BucketName>awsaio-logs</BucketName>", "FD76AS6651HDA000",
        (m, t, c, r, s, h) => new AmazonS3Exception(m, null, t, c, r, s, h, null));

    /// <summary>S3 HeadBucket of a bucket that does not exist: 404 with no body.</summary>
    public static ErrorFixture S3HeadNotFound { get; } = S3Head(nameof(S3HeadNotFound), "HeadBucket", 404, "NotFound", "7D4F1C2E9A8B3C10");

    /// <summary>S3 HeadBucket of a bucket the caller may not use: 403 with no body.</summary>
    public static ErrorFixture S3HeadForbidden { get; } = S3Head(nameof(S3HeadForbidden), "HeadBucket", 403, "Forbidden", "3E5A7C9B1D2F4A6C");

    /// <summary>S3 HeadObject (GetObjectMetadata) of a key that does not exist: 404 with no body.</summary>
    public static ErrorFixture S3HeadObjectNotFound { get; } =
        S3Head(nameof(S3HeadObjectNotFound), "HeadObject", 404, "NotFound", "5C3A1E9F7B2D4C6E");

    /// <summary>S3 HeadBucket of a bucket in another region: 301 with no body and the bucket's region in a header.</summary>
    public static ErrorFixture S3HeadWrongRegion { get; } =
        S3Head(nameof(S3HeadWrongRegion), "HeadBucket", 301, "MovedPermanently", "8B6D4F2A0C1E3A5B", ("x-amz-bucket-region", "eu-west-1"));

    /// <summary>EC2 DescribeInstances of an unknown instance (400 InvalidInstanceID.NotFound), the documentation's own example.</summary>
    public static ErrorFixture Ec2InstanceNotFound { get; } = Ec2Error(
        nameof(Ec2InstanceNotFound), "DescribeInstances", 400, "InvalidInstanceID.NotFound",
        "The instance ID 'i-1a2b3c4d' does not exist", "ea966190-f9aa-478e-9ede-example");

    /// <summary>EC2 DescribeVpcs of an unknown VPC (400 InvalidVpcID.NotFound).</summary>
    public static ErrorFixture Ec2VpcNotFound { get; } = Ec2Error(
        nameof(Ec2VpcNotFound), "DescribeVpcs", 400, "InvalidVpcID.NotFound", "The vpc ID 'vpc-0a1b2c3d' does not exist",
        "5f7a2c1e-3b4d-4e6f-8a9b-0c1d2e3f4a5b");

    /// <summary>EC2 DeleteTrafficMirrorSession of an unknown session (400 InvalidTrafficMirrorSessionId.NotFound).</summary>
    public static ErrorFixture Ec2MirrorSessionNotFound { get; } = Ec2Error(
        nameof(Ec2MirrorSessionNotFound), "DeleteTrafficMirrorSession", 400, "InvalidTrafficMirrorSessionId.NotFound",
        "The traffic mirror session ID 'tms-0123456789abcdef0' does not exist.", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");

    /// <summary>EC2 refusing a call the caller's policies do not allow (403 UnauthorizedOperation).</summary>
    public static ErrorFixture Ec2UnauthorizedOperation { get; } = Ec2Error(
        nameof(Ec2UnauthorizedOperation), "DescribeNetworkInterfaces", 403, "UnauthorizedOperation",
        "You are not authorized to perform this operation.", "9c8b7a6f-5e4d-4c3b-2a1f-0e9d8c7b6a5f");

    /// <summary>EC2 throttling (503 RequestLimitExceeded).</summary>
    public static ErrorFixture Ec2RequestLimitExceeded { get; } = Ec2Error(
        nameof(Ec2RequestLimitExceeded), "DescribeSubnets", 503, "RequestLimitExceeded", "Request limit exceeded.",
        "2b4d6f8a-0c1e-4a3b-9c5d-7e9f1a3b5c7d");

    /// <summary>STS AssumeRole refused by the role's trust policy (403 AccessDenied).</summary>
    public static ErrorFixture StsAccessDenied { get; } = StsError(
        nameof(StsAccessDenied), "AssumeRole", 403, "AccessDenied",
        "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/Capture",
        "c6104cbe-af31-11e0-8154-cbc7ccf896c7", (m, t, c, r, s) => new AmazonSecurityTokenServiceException(m, t, c, r, s));

    /// <summary>STS GetCallerIdentity with an expired session token (400 ExpiredToken).</summary>
    public static ErrorFixture StsExpiredToken { get; } = StsError(
        nameof(StsExpiredToken), "GetCallerIdentity", 400, "ExpiredToken", "The security token included in the request is expired",
        "01234567-89ab-cdef-0123-456789abcdef", (m, t, c, r, s) => new AmazonSecurityTokenServiceException(m, t, c, r, s));

    /// <summary>STS GetCallerIdentity with an unknown access key (403 InvalidClientTokenId).</summary>
    public static ErrorFixture StsInvalidClientTokenId { get; } = StsError(
        nameof(StsInvalidClientTokenId), "GetCallerIdentity", 403, "InvalidClientTokenId",
        "The security token included in the request is invalid.", "fedcba98-7654-3210-fedc-ba9876543210",
        (m, t, c, r, s) => new AmazonSecurityTokenServiceException(m, t, c, r, s));

    /// <summary>STS throttling (400 Throttling).</summary>
    public static ErrorFixture StsThrottling { get; } = StsError(
        nameof(StsThrottling), "GetCallerIdentity", 400, "Throttling", "Rate exceeded", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        (m, t, c, r, s) => new AmazonSecurityTokenServiceException(m, t, c, r, s));

    /// <summary>STS AssumeRole in a region where STS is not activated (403 RegionDisabledException).</summary>
    public static ErrorFixture StsRegionDisabled { get; } = StsError(
        nameof(StsRegionDisabled), "AssumeRole", 403, "RegionDisabledException",
        "STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.",
        "aa11bb22-cc33-dd44-ee55-ff6677889900", (m, t, c, r, s) => new RegionDisabledException(m, t, c, r, s));

    /// <summary>Every fixture.</summary>
    public static IReadOnlyList<ErrorFixture> All { get; } =
    [
        S3NoSuchBucket, S3NoSuchKey, S3AccessDenied, S3SlowDown, S3InternalError, S3BucketAlreadyExists,
        S3BucketAlreadyOwnedByYou, S3BucketNotEmpty, S3HeadNotFound, S3HeadForbidden, S3HeadObjectNotFound,
        S3HeadWrongRegion, Ec2InstanceNotFound, Ec2VpcNotFound, Ec2MirrorSessionNotFound, Ec2UnauthorizedOperation,
        Ec2RequestLimitExceeded, StsAccessDenied, StsExpiredToken, StsInvalidClientTokenId, StsThrottling, StsRegionDisabled,
    ];

    /// <summary>The fixtures of one service.</summary>
    /// <param name="service">The service.</param>
    public static IReadOnlyList<ErrorFixture> Of(AwsService service) => All.Where(f => f.Service == service).ToArray();

    /// <summary>Any fixture of <paramref name="service"/>, as a fresh exception (for mixing into generated failures).</summary>
    /// <param name="service">The service.</param>
    public static Gen<AmazonServiceException> Exceptions(AwsService service) =>
        Gen.Elements(Of(service).ToArray()).Select(f => f.ToException());

    private static ErrorFixture S3Error(
        string name, string operation, int status, string code, string message, string resource, string requestId,
        Func<string, ErrorType, string, string, HttpStatusCode, string, AmazonServiceException> create)
    {
        var hostId = $"{requestId}/hostid+EXAMPLE=";
        var body =
            $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message>{resource}<RequestId>{requestId}</RequestId><HostId>{hostId}</HostId></Error>
            """;
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/xml",
            ["x-amz-request-id"] = requestId,
            ["x-amz-id-2"] = hostId,
        };
        var type = status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return new ErrorFixture(name, AwsService.S3, operation, new WireResponse(status, headers, body), S3Source,
            () => create(message, type, code, requestId, (HttpStatusCode)status, hostId));
    }

    private static ErrorFixture S3Head(string name, string operation, int status, string code, string requestId, params (string, string)[] extra)
    {
        var hostId = $"{requestId}/hostid+EXAMPLE=";
        var headers = new Dictionary<string, string> { ["x-amz-request-id"] = requestId, ["x-amz-id-2"] = hostId };
        foreach (var (header, value) in extra)
        {
            headers[header] = value;
        }

        var type = status >= 400 ? ErrorType.Sender : ErrorType.Unknown;
        return new ErrorFixture(name, AwsService.S3, operation, new WireResponse(status, headers, ""), HeadSource,
            () => new AmazonS3Exception(string.Format(System.Globalization.CultureInfo.InvariantCulture, HeadMessage, code), null, type, code,
                requestId, (HttpStatusCode)status, hostId, null));
    }

    private static ErrorFixture Ec2Error(string name, string operation, int status, string code, string message, string requestId)
    {
        var body =
            $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message></Error></Errors><RequestID>{requestId}</RequestID></Response>
            """;
        var headers = new Dictionary<string, string> { ["Content-Type"] = "text/xml;charset=UTF-8" };
        return new ErrorFixture(name, AwsService.Ec2, operation, new WireResponse(status, headers, body), Ec2Source,
            () => new AmazonEC2Exception(message, ErrorType.Unknown, code, requestId, (HttpStatusCode)status));
    }

    private static ErrorFixture StsError(
        string name, string operation, int status, string code, string message, string requestId,
        Func<string, ErrorType, string, string, HttpStatusCode, AmazonServiceException> create)
    {
        var body =
            $"""
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error>
                <Type>Sender</Type>
                <Code>{code}</Code>
                <Message>{SecurityElement.Escape(message)}</Message>
              </Error>
              <RequestId>{requestId}</RequestId>
            </ErrorResponse>
            """;
        var headers = new Dictionary<string, string> { ["Content-Type"] = "text/xml", ["x-amzn-RequestId"] = requestId };
        return new ErrorFixture(name, AwsService.Sts, operation, new WireResponse(status, headers, body), StsSource,
            () => create(message, ErrorType.Sender, code, requestId, (HttpStatusCode)status));
    }
}
