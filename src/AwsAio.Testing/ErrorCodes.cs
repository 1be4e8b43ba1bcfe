using FsCheck;
using FsCheck.Fluent;

namespace AwsAio.Testing;

/// <summary>The AWS services the kit generates answers for.</summary>
public enum AwsService
{
    /// <summary>Amazon S3 (REST XML).</summary>
    S3,

    /// <summary>Amazon EC2 (EC2 query protocol).</summary>
    Ec2,

    /// <summary>AWS STS (query protocol).</summary>
    Sts,
}

/// <summary>How a generated error code is written on the wire. AwsAio's core normalises every spelling but
/// <see cref="Random"/> to the same code.</summary>
public enum CodeSpelling
{
    /// <summary>As documented: <c>NoSuchBucket</c>.</summary>
    Bare,

    /// <summary>With a Smithy namespace: <c>com.amazonaws.s3#NoSuchBucket</c>.</summary>
    Namespaced,

    /// <summary>With a type URI after a colon: <c>NoSuchBucket:http://internal.amazon.com/coral/…</c>.</summary>
    WithUri,

    /// <summary>Both: <c>com.amazonaws.s3#NoSuchBucket:http://…</c>.</summary>
    NamespacedWithUri,

    /// <summary>With an <c>Exception</c> suffix, as JSON services and some SDK paths spell it: <c>NoSuchBucketException</c>.</summary>
    ExceptionSuffix,

    /// <summary>In another letter case: <c>NOSUCHBUCKET</c> or <c>nosuchbucket</c>.</summary>
    CaseChanged,

    /// <summary>With surrounding whitespace: <c>" NoSuchBucket\n"</c>.</summary>
    Padded,

    /// <summary>A bare HTTP status, as a body-less HEAD answer leaves it: <c>404</c>.</summary>
    StatusDigits,

    /// <summary>No code at all (null or empty): only the HTTP status says what happened.</summary>
    Missing,

    /// <summary>A string that is no AWS code.</summary>
    Random,
}

/// <summary>A real AWS error code and the HTTP status it usually comes with.</summary>
/// <param name="Code">The code as AWS documents it.</param>
/// <param name="Status">The usual HTTP status.</param>
public sealed record KnownCode(string Code, int Status);

/// <summary>One generated error code: what goes on the wire, and what it was made from.</summary>
/// <param name="Wire">The code as the exception carries it (may be null or empty for <see cref="CodeSpelling.Missing"/>).</param>
/// <param name="Known">The real code it spells, or null for <see cref="CodeSpelling.Random"/>.</param>
/// <param name="Spelling">How it is spelled.</param>
/// <param name="Status">The HTTP status to send with it.</param>
public sealed record GeneratedCode(string? Wire, KnownCode? Known, CodeSpelling Spelling, int Status);

/// <summary>
/// Error codes for generated failures: the real codes AwsAio's error mapping knows (its service tables and the
/// families shared by every service, see <c>src/AwsAio.Core/ErrorMapping.fs</c>), in every spelling its normaliser
/// accepts, mixed with random strings and bare statuses.
/// </summary>
public static class ErrorCodes
{
    /// <summary>S3 codes: bucket and object conditions, throttling, credentials, KMS, and the status-named codes the
    /// SDK gives body-less HEAD answers (<c>NotFound</c>, <c>Forbidden</c>, <c>BadRequest</c>, <c>MovedPermanently</c>).</summary>
    public static IReadOnlyList<KnownCode> S3 { get; } =
    [
        new("NoSuchBucket", 404), new("NoSuchKey", 404), new("NotFound", 404), new("AccessDenied", 403),
        new("Forbidden", 403), new("BucketAlreadyExists", 409), new("BucketAlreadyOwnedByYou", 409),
        new("BucketNotEmpty", 409), new("OperationAborted", 409), new("SlowDown", 503), new("InternalError", 500),
        new("ServiceUnavailable", 503), new("RequestTimeout", 400), new("InvalidBucketName", 400),
        new("InvalidArgument", 400), new("MalformedXML", 400), new("InvalidObjectState", 403),
        new("MethodNotAllowed", 405), new("NotImplemented", 501), new("ExpiredToken", 400),
        new("InvalidAccessKeyId", 403), new("SignatureDoesNotMatch", 403), new("RequestTimeTooSkewed", 403),
        new("AllAccessDisabled", 403), new("BadRequest", 400), new("MovedPermanently", 301),
        new("EntityTooLarge", 400), new("KeyTooLongError", 400), new("KMS.NotFoundException", 400),
        new("KMS.DisabledException", 400), new("KMS.KMSInvalidStateException", 400),
    ];

    /// <summary>EC2 codes: the dotted not-found codes of the resources AwsAio names, permissions, throttling, input.</summary>
    public static IReadOnlyList<KnownCode> Ec2 { get; } =
    [
        new("InvalidVpcID.NotFound", 400), new("InvalidInstanceID.NotFound", 400), new("InvalidSubnetID.NotFound", 400),
        new("InvalidNetworkInterfaceID.NotFound", 400), new("InvalidTrafficMirrorSessionId.NotFound", 400),
        new("InvalidTrafficMirrorTargetId.NotFound", 400), new("InvalidTrafficMirrorFilterId.NotFound", 400),
        new("InvalidVpcID.Malformed", 400), new("InvalidInstanceID.Malformed", 400), new("UnauthorizedOperation", 403),
        new("AuthFailure", 401), new("OptInRequired", 403), new("RequestLimitExceeded", 503), new("InternalError", 500),
        new("Unavailable", 503), new("InvalidParameterValue", 400), new("InvalidParameterCombination", 400),
        new("MissingParameter", 400), new("IdempotentParameterMismatch", 400), new("IncorrectState", 400),
        new("DryRunOperation", 412), new("InvalidClientTokenId", 401),
    ];

    /// <summary>STS codes: refused role assumption, expired and invalid tokens, disabled regions, throttling, input.</summary>
    public static IReadOnlyList<KnownCode> Sts { get; } =
    [
        new("AccessDenied", 403), new("ExpiredToken", 400), new("InvalidClientTokenId", 403),
        new("RegionDisabledException", 403), new("MalformedPolicyDocument", 400), new("PackedPolicyTooLarge", 400),
        new("Throttling", 400), new("ValidationError", 400), new("SignatureDoesNotMatch", 403),
        new("IncompleteSignature", 400), new("MissingAuthenticationToken", 403), new("InternalFailure", 500),
        new("ServiceUnavailable", 503), new("InvalidIdentityToken", 400), new("IDPRejectedClaim", 403),
    ];

    /// <summary>Throttling codes shared by many services (in any service's errors).</summary>
    public static IReadOnlyList<KnownCode> Throttling { get; } =
    [
        new("Throttling", 400), new("ThrottlingException", 400), new("TooManyRequestsException", 429),
        new("RequestLimitExceeded", 503), new("SlowDown", 503), new("ProvisionedThroughputExceededException", 400),
        new("PriorRequestNotComplete", 400), new("RequestThrottled", 400),
    ];

    /// <summary>The statuses generated beside a code's usual one (0 is "no status", as transport failures leave it).</summary>
    public static IReadOnlyList<int> Statuses { get; } =
        [0, 200, 301, 307, 400, 401, 403, 404, 405, 408, 409, 412, 429, 500, 501, 502, 503, 504, 599];

    /// <summary>The known codes of a service, throttling codes included.</summary>
    /// <param name="service">The service.</param>
    public static IReadOnlyList<KnownCode> Of(AwsService service) =>
        (service switch
        {
            AwsService.S3 => S3,
            AwsService.Ec2 => Ec2,
            _ => Sts,
        }).Concat(Throttling).DistinctBy(k => k.Code).ToArray();

    /// <summary>Writes a code in a spelling. <see cref="CodeSpelling.StatusDigits"/> writes
    /// <paramref name="status"/>; <see cref="CodeSpelling.Missing"/> writes nothing; the <paramref name="variant"/>
    /// picks between the forms a spelling has (letter case, null or empty, which namespace).</summary>
    /// <param name="service">The service whose namespace a namespaced spelling uses.</param>
    /// <param name="code">The documented code.</param>
    /// <param name="spelling">The spelling.</param>
    /// <param name="status">The HTTP status (for <see cref="CodeSpelling.StatusDigits"/>).</param>
    /// <param name="variant">Picks a form within the spelling (any integer).</param>
    public static string? Spell(AwsService service, string code, CodeSpelling spelling, int status, int variant = 0)
    {
        var ns = service switch
        {
            AwsService.S3 => "com.amazonaws.s3",
            AwsService.Ec2 => "com.amazonaws.ec2",
            _ => variant % 2 == 0 ? "com.amazonaws.sts" : "aws.sts",
        };
        var uri = $"http://internal.amazon.com/coral/{ns}/";
        return spelling switch
        {
            CodeSpelling.Bare or CodeSpelling.Random => code,
            CodeSpelling.Namespaced => $"{ns}#{code}",
            CodeSpelling.WithUri => $"{code}:{uri}",
            CodeSpelling.NamespacedWithUri => $"{ns}#{code}:{uri}",
            CodeSpelling.ExceptionSuffix => code.EndsWith("Exception", StringComparison.Ordinal) ? code : code + "Exception",
            CodeSpelling.CaseChanged => variant % 2 == 0 ? code.ToUpperInvariant() : code.ToLowerInvariant(),
            CodeSpelling.Padded => variant % 2 == 0 ? $" {code} " : $"\t{code}\n",
            CodeSpelling.StatusDigits => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => variant % 2 == 0 ? null : "",
        };
    }

    /// <summary>
    /// Codes for a service's failures: mostly real codes in every spelling (about 7 in 10), then random strings, then
    /// no code at all. The status is the code's usual one two times in three, else any of <see cref="Statuses"/> or
    /// any 1xx–5xx.
    /// </summary>
    /// <param name="service">The service.</param>
    public static Gen<GeneratedCode> Codes(AwsService service)
    {
        var known = Of(service);
        var anyStatus = Gen.Frequency((3, Gen.Elements(Statuses.ToArray())), (1, Gen.Choose(100, 599)));
        var realSpellings = Gen.Frequency(
            (6, Gen.Constant(CodeSpelling.Bare)), (1, Gen.Constant(CodeSpelling.Namespaced)),
            (1, Gen.Constant(CodeSpelling.WithUri)), (1, Gen.Constant(CodeSpelling.NamespacedWithUri)),
            (1, Gen.Constant(CodeSpelling.ExceptionSuffix)), (1, Gen.Constant(CodeSpelling.CaseChanged)),
            (1, Gen.Constant(CodeSpelling.Padded)));
        var real =
            from code in Gen.Elements(known.ToArray())
            from spelling in realSpellings
            from status in Gen.Frequency((2, Gen.Constant(code.Status)), (1, anyStatus))
            from variant in Gen.Choose(0, 1)
            select new GeneratedCode(Spell(service, code.Code, spelling, status, variant), code, spelling, status);
        var statusOnly =
            from code in Gen.Elements(known.Where(k => k.Status is 400 or 403 or 404 or 301).ToArray())
            from spelling in Gen.Elements(CodeSpelling.StatusDigits, CodeSpelling.Missing)
            from variant in Gen.Choose(0, 1)
            select new GeneratedCode(Spell(service, code.Code, spelling, code.Status, variant), code, spelling, code.Status);
        var random =
            from text in Gen.Frequency(
                (3, Gen.Elements("Teapot", "UnknownError", "Sender.Unknown", "InvalidThing.NotFound", "42", "#", ":", "Exception",
                    "ns#", "a#b#c:d:e", "0000000000000404", "99999999999")),
                (2, AwsGen.Text()))
            from status in anyStatus
            select new GeneratedCode(text, null, CodeSpelling.Random, status);
        return Gen.Frequency((14, real), (3, statusOnly), (4, random));
    }
}
