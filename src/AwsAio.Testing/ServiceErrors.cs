using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using FsCheck;
using FsCheck.Fluent;

namespace AwsAio.Testing;

/// <summary>
/// Generated failures of SDK calls: service exceptions of the class the v4 SDK really throws for each service and code
/// (<c>AmazonS3Exception</c> and S3's modelled subclasses such as <c>NoSuchBucketException</c>,
/// <c>AmazonEC2Exception</c>, <c>AmazonSecurityTokenServiceException</c> and STS's subclasses), with generated codes
/// (see <see cref="ErrorCodes"/>), statuses, messages and request ids; and transport failures that never produced a
/// response (<see cref="HttpRequestException"/>, <see cref="IOException"/>, <see cref="SocketException"/>, timeouts).
/// Every sample is a fresh exception.
/// </summary>
public static class ServiceErrors
{
    /// <summary>Service exceptions of <paramref name="service"/>.</summary>
    /// <param name="service">The service whose exception classes to use.</param>
    public static Gen<AmazonServiceException> Of(AwsService service) =>
        from code in ErrorCodes.Codes(service)
        from message in Message()
        from requestId in AwsGen.RequestId()
        from subclass in Gen.Elements(true, false)
        from hostId in AwsGen.OrNull(Gen.Elements("HOST/ID+2=", "ef8yU9AS1ed4OpIszj7UDNEHGran"))
        select Create(service, code, message, requestId, subclass, hostId);

    /// <summary>Service exceptions for one code: as <see cref="Of"/> with the code fixed.</summary>
    /// <param name="service">The service.</param>
    /// <param name="code">The code as sent.</param>
    /// <param name="status">The HTTP status.</param>
    public static Gen<AmazonServiceException> WithCode(AwsService service, string code, int status) =>
        from message in Message()
        from requestId in AwsGen.RequestId()
        from subclass in Gen.Elements(true, false)
        select Create(service, new GeneratedCode(code, null, CodeSpelling.Bare, status), message, requestId, subclass, null);

    /// <summary>Throttling answers of a service (its own codes and the shared ones, with 400, 429 or 503).</summary>
    /// <param name="service">The service.</param>
    public static Gen<AmazonServiceException> Throttles(AwsService service) =>
        from code in Gen.Elements(ErrorCodes.Throttling.Concat(service == AwsService.S3 ? [new KnownCode("SlowDown", 503)] : []).ToArray())
        from status in Gen.Elements(400, 429, 503)
        from message in Message()
        from requestId in AwsGen.RequestId()
        select Create(service, new GeneratedCode(code.Code, code, CodeSpelling.Bare, status), message, requestId, false, null);

    /// <summary>
    /// Failures without a response: connection refused or reset, DNS and socket errors, a body cut short, the SDK's
    /// own timeout (a <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>, as
    /// <c>HttpClient</c> throws it), a cancellation nobody asked for, and the same wrapped in
    /// <see cref="AggregateException"/> or in an <c>AmazonServiceException</c> without status or code.
    /// </summary>
    public static Gen<Exception> Transport() =>
        Gen.Frequency(
            (3, Gen.Fresh<Exception>(() => new HttpRequestException("Connection refused (127.0.0.1:443)",
                new SocketException((int)SocketError.ConnectionRefused)))),
            (2, Gen.Fresh<Exception>(() => new HttpRequestException("An error occurred while sending the request.",
                new IOException("Unable to read data from the transport connection: Connection reset by peer.",
                    new SocketException((int)SocketError.ConnectionReset))))),
            (1, Gen.Fresh<Exception>(() => new SocketException((int)SocketError.HostNotFound))),
            (2, Gen.Fresh<Exception>(() => new IOException("The response ended prematurely."))),
            (2, Gen.Fresh<Exception>(() => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.",
                new TimeoutException("The operation was canceled.")))),
            (1, Gen.Fresh<Exception>(() => new TimeoutException("The operation has timed out."))),
            (1, Gen.Fresh<Exception>(() => new OperationCanceledException("The operation was canceled."))),
            (1, Gen.Fresh<Exception>(() => new AggregateException(new HttpRequestException("Name or service not known")))),
            (1, Gen.Fresh<Exception>(() => new AmazonServiceException(new HttpRequestException("The SSL connection could not be established")))));

    /// <summary>Any failure of a call to <paramref name="service"/>: service exceptions four times in five, transport
    /// failures otherwise.</summary>
    /// <param name="service">The service.</param>
    public static Gen<Exception> Any(AwsService service) =>
        Gen.Frequency((4, Of(service).Select(e => (Exception)e)), (1, Transport()));

    /// <summary>A message as services write them, or an awkward one, empty or null.</summary>
    public static Gen<string?> Message() =>
        Gen.Frequency(
            (3, Gen.Elements<string?>("The specified bucket does not exist", "Access Denied", "Please reduce your request rate.",
                "Rate exceeded", "The security token included in the request is expired",
                "We encountered an internal error. Please try again.")),
            (2, AwsGen.TextOrNull()));

    /// <summary>Builds the exception the v4 SDK throws for a code: the modelled subclass when the code on the wire is
    /// one the SDK models (and <paramref name="preferSubclass"/>: operations that do not model the error throw the base
    /// class), with the error type the SDK derives from the status.</summary>
    /// <param name="service">The service.</param>
    /// <param name="code">The code and status.</param>
    /// <param name="message">The message.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="preferSubclass">Whether to use the code's modelled subclass, if any.</param>
    /// <param name="hostId">S3's x-amz-id-2 (S3 only).</param>
    public static AmazonServiceException Create(
        AwsService service, GeneratedCode code, string? message, string? requestId, bool preferSubclass, string? hostId)
    {
        var status = (HttpStatusCode)code.Status;
        var type = code.Status >= 500 ? ErrorType.Receiver : code.Status >= 400 ? ErrorType.Sender : ErrorType.Unknown;
        var wire = code.Wire;
        // The SDK picks a modelled subclass only when the code on the wire is exactly the modelled one (checked against
        // the v4 SDK: "ExpiredToken" comes as the base class, "ExpiredTokenException" as ExpiredTokenException).
        var modelled = preferSubclass ? wire : null;
        return service switch
        {
            AwsService.S3 => modelled switch
            {
                "NoSuchBucket" => new NoSuchBucketException(message, null, type, wire, requestId, status, hostId, null),
                "NoSuchKey" => new NoSuchKeyException(message, null, type, wire, requestId, status, hostId, null),
                "BucketAlreadyExists" => new BucketAlreadyExistsException(message, null, type, wire, requestId, status, hostId, null),
                "BucketAlreadyOwnedByYou" => new BucketAlreadyOwnedByYouException(message, null, type, wire, requestId, status, hostId, null),
                "InvalidObjectState" => new InvalidObjectStateException(message, null, type, wire, requestId, status, hostId, null),
                _ => new AmazonS3Exception(message, null, type, wire, requestId, status, hostId, null),
            },
            // The EC2 protocol's errors carry no Sender/Receiver type: the SDK leaves it Unknown (checked).
            AwsService.Ec2 => new AmazonEC2Exception(message, ErrorType.Unknown, wire, requestId, status),
            _ => modelled switch
            {
                "ExpiredTokenException" => new ExpiredTokenException(message, type, wire, requestId, status),
                "RegionDisabledException" => new RegionDisabledException(message, type, wire, requestId, status),
                "MalformedPolicyDocument" => new MalformedPolicyDocumentException(message, type, wire, requestId, status),
                "PackedPolicyTooLarge" => new PackedPolicyTooLargeException(message, type, wire, requestId, status),
                "InvalidIdentityToken" => new InvalidIdentityTokenException(message, type, wire, requestId, status),
                "IDPRejectedClaim" => new IDPRejectedClaimException(message, type, wire, requestId, status),
                _ => new AmazonSecurityTokenServiceException(message, type, wire, requestId, status),
            },
        };
    }
}
