using System.Text;

namespace AwsAio.Faults.Tests.Support;

/// <summary>
/// Response documents in the shapes AWS documents them (S3 REST <c>ListBucketResult</c> and <c>Error</c>, STS query
/// protocol <c>GetCallerIdentityResponse</c>, <c>AssumeRoleResponse</c> and <c>ErrorResponse</c>), and the faults
/// that carry them.
/// </summary>
internal static class AwsDocuments
{
    internal const string Account = "123456789012";
    internal const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>One ListObjectsV2 page with <paramref name="count"/> keys named from <paramref name="first"/>.</summary>
    internal static string ListPage(string bucket, int count, int first = 0, bool truncated = false, string? nextToken = null)
    {
        var page = new StringBuilder($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>{bucket}</Name><Prefix></Prefix><KeyCount>{count}</KeyCount><MaxKeys>1000</MaxKeys>
              <IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>
            """);
        if (nextToken is not null) page.Append($"<NextContinuationToken>{nextToken}</NextContinuationToken>");
        for (var i = first; i < first + count; i++)
        {
            page.Append($"""
                <Contents><Key>logs/{i:D6}.gz</Key><LastModified>2026-11-24T17:50:30.000Z</LastModified>
                <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>
                """);
        }

        return page.Append("</ListBucketResult>").ToString();
    }

    /// <summary>An S3 REST error document.</summary>
    internal static string S3Error(string code, string message, string requestId = "4442587FB7D0A2F9", string extra = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Error><Code>{code}</Code><Message>{message}</Message>{extra}<RequestId>{requestId}</RequestId><HostId>fault-host-id</HostId></Error>
        """;

    /// <summary>An STS (query protocol) error document.</summary>
    internal static string StsError(string code, string message, string type = "Sender") => $"""
        <ErrorResponse xmlns="{StsNamespace}">
          <Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error>
          <RequestId>4f1a5c4e-0000-4000-8000-00000000beef</RequestId>
        </ErrorResponse>
        """;

    /// <summary>A GetCallerIdentity answer.</summary>
    internal static string CallerIdentity() => $"""
        <GetCallerIdentityResponse xmlns="{StsNamespace}">
          <GetCallerIdentityResult>
            <Arn>arn:aws:sts::{Account}:assumed-role/ops/awsaio</Arn>
            <UserId>AROAEXAMPLEID:awsaio</UserId>
            <Account>{Account}</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """;

    /// <summary>An AssumeRole answer carrying <see cref="Secrets.AssumedSecretKey"/> and <see cref="Secrets.SessionToken"/>.</summary>
    internal static string AssumeRole(DateTime expiration) => $"""
        <AssumeRoleResponse xmlns="{StsNamespace}">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>ASIAFAULTEXAMPLE0001</AccessKeyId>
              <SecretAccessKey>{Secrets.AssumedSecretKey}</SecretAccessKey>
              <SessionToken>{Secrets.SessionToken}</SessionToken>
              <Expiration>{expiration:yyyy-MM-ddTHH:mm:ssZ}</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::{Account}:assumed-role/ops/awsaio</Arn>
              <AssumedRoleId>AROAEXAMPLEID:awsaio</AssumedRoleId>
            </AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """;

    /// <summary>A 200 page that is not what the SDK asked for: a proxy's HTML page.</summary>
    internal static Fault HtmlPage { get; } =
        Fault.Answer(200, "<html><head><title>Sign in</title></head><body><h1>Network login required</h1></body></html>",
            ("Content-Type", "text/html; charset=utf-8"));

    /// <summary>A 200 with an empty body.</summary>
    internal static Fault EmptyBody { get; } = Fault.Answer(200, "", ("Content-Type", "application/xml"));

    /// <summary>A 200 carrying another S3 document (a CopyObjectResult) instead of the one asked for.</summary>
    internal static Fault OtherDocument { get; } = Fault.Xml(200, """
        <?xml version="1.0" encoding="UTF-8"?>
        <CopyObjectResult><LastModified>2026-11-24T17:50:30.000Z</LastModified><ETag>"9b2cf535f27731c974343645a3985328"</ETag></CopyObjectResult>
        """);

    /// <summary>A 200 whose XML breaks off in the middle of an element.</summary>
    internal static Fault MalformedXml { get; } =
        Fault.Xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><Name>fault-bucket</Name><IsTruncated>fal");

    /// <summary>The body of an object served by GET (100 000 bytes).</summary>
    internal static byte[] ObjectBody { get; } = Enumerable.Range(0, 100_000).Select(i => (byte)(i % 251)).ToArray();

    /// <summary>Headers of a GetObject answer; the ETag is the body's MD5, which the SDK checks once the body is read.</summary>
    internal static (string, string)[] ObjectHeaders { get; } =
        [("Content-Type", "application/octet-stream"), ("ETag", $"\"{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(ObjectBody))}\""),
         ("x-amz-request-id", "GETREQ0000000001")];
}
