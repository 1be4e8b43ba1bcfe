using System.Net;
using System.Net.Sockets;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace AwsAio.Tests.Peers;

/// <summary>
/// WireMock.Net on 127.0.0.1 answering with real AWS response documents (STS and EC2 query-protocol XML, S3 REST), so
/// that tests run the real SDK (signing, retries, unmarshalling) against a peer that counts what it receives.
/// </summary>
public sealed class AwsWireStub : IDisposable
{
    /// <summary>The account every stubbed identity belongs to.</summary>
    public const string Account = "123456789012";

    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>Starts a stub on a free loopback port.</summary>
    public AwsWireStub()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] });
    }

    /// <summary>The WireMock server.</summary>
    public WireMockServer Server { get; }

    /// <summary>The base URL to use as an endpoint override.</summary>
    public string Url => Server.Urls[0];

    /// <summary>How many requests carried this query-protocol action.</summary>
    public int Count(string action) =>
        Server.LogEntries.Count(e => e.RequestMessage.Body?.Contains($"Action={action}&", StringComparison.Ordinal) == true
                                     || e.RequestMessage.Body?.EndsWith($"Action={action}", StringComparison.Ordinal) == true);

    /// <summary>The access key ids that signed each request of an action, in arrival order.</summary>
    public IReadOnlyList<string> SigningKeys(string action) =>
        Server.LogEntries
            .Where(e => e.RequestMessage.Body?.Contains($"Action={action}", StringComparison.Ordinal) == true)
            .Select(e => e.RequestMessage.Headers!["Authorization"].Single())
            .Select(a => a[(a.IndexOf("Credential=", StringComparison.Ordinal) + 11)..a.IndexOf('/', a.IndexOf("Credential=", StringComparison.Ordinal))])
            .ToList();

    /// <summary>How many requests the stub received in all.</summary>
    public int Total => Server.LogEntries.Count();

    /// <summary>Serves GetCallerIdentity for the given ARN.</summary>
    public AwsWireStub CallerIdentity(string arn = $"arn:aws:sts::{Account}:assumed-role/ops/awsaio")
    {
        Action("GetCallerIdentity", 200, $"""
            <GetCallerIdentityResponse xmlns="{StsNamespace}">
              <GetCallerIdentityResult>
                <Arn>{arn}</Arn>
                <UserId>AROAEXAMPLEID:awsaio</UserId>
                <Account>{Account}</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """);
        return this;
    }

    /// <summary>Serves AssumeRole: each response in turn (the last one repeats), each valid for its lifetime.</summary>
    public AwsWireStub AssumeRole(params TimeSpan[] lifetimes) => AssumeRoleWithSlowRefresh(TimeSpan.Zero, lifetimes);

    /// <summary>As <see cref="AssumeRole(TimeSpan[])"/>, every response after the first taking <paramref name="refreshDelay"/>.</summary>
    public AwsWireStub AssumeRoleWithSlowRefresh(TimeSpan refreshDelay, params TimeSpan[] lifetimes)
    {
        for (var i = 0; i < lifetimes.Length; i++)
        {
            var index = i;
            var lifetime = lifetimes[i];
            var request = Request.Create().UsingPost().WithBody(new RegexMatcher("Action=AssumeRole(&|$)"));
            // The expiration is computed when the response is served, so a credential lasts its lifetime from issue
            // however slowly the test host runs.
            IResponseBuilder response = Response.Create().WithCallback(_ => Xml(200, AssumeRoleDocument(index, DateTime.UtcNow.Add(lifetime))));
            if (i > 0 && refreshDelay > TimeSpan.Zero)
            {
                response = response.WithDelay(refreshDelay);
            }

            if (lifetimes.Length == 1)
            {
                Server.Given(request).RespondWith(response);
                break;
            }

            var step = Server.Given(request).InScenario("assume-role");
            if (i > 0) step = step.WhenStateIs(i.ToString());
            if (i < lifetimes.Length - 1) step = step.WillSetStateTo((i + 1).ToString());
            step.RespondWith(response);
        }

        return this;
    }

    private static string AssumeRoleDocument(int i, DateTime expiration) => $"""
        <AssumeRoleResponse xmlns="{StsNamespace}">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>ASIAEXAMPLE{i:D9}</AccessKeyId>
              <SecretAccessKey>assumed-secret-{i}-wJalrXUtnFEMIK7MDENGbPxRfiCY</SecretAccessKey>
              <SessionToken>assumed-token-{i}-IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH</SessionToken>
              <Expiration>{expiration:yyyy-MM-ddTHH:mm:ssZ}</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::{Account}:assumed-role/ops/awsaio</Arn>
              <AssumedRoleId>AROAEXAMPLEID:awsaio</AssumedRoleId>
            </AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c{i % 10}</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """;

    private static WireMock.ResponseMessage Xml(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("text/xml") },
        BodyData = new WireMock.Util.BodyData { BodyAsString = body, DetectedBodyType = WireMock.Types.BodyType.String },
    };

    /// <summary>Serves an STS error document for an action.</summary>
    public AwsWireStub StsError(string action, int status, string code, string message)
    {
        Action(action, status, $"""
            <ErrorResponse xmlns="{StsNamespace}">
              <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
              <RequestId>4f1a5c4e-0000-4000-8000-00000000beef</RequestId>
            </ErrorResponse>
            """);
        return this;
    }

    /// <summary>Serves EC2 DescribeAvailabilityZones with two zones.</summary>
    public AwsWireStub AvailabilityZones()
    {
        Action("DescribeAvailabilityZones", 200, """
            <DescribeAvailabilityZonesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
              <availabilityZoneInfo>
                <item><zoneName>us-east-1b</zoneName><zoneState>available</zoneState><regionName>us-east-1</regionName><zoneId>use1-az2</zoneId></item>
                <item><zoneName>us-east-1a</zoneName><zoneState>available</zoneState><regionName>us-east-1</regionName><zoneId>use1-az1</zoneId></item>
              </availabilityZoneInfo>
            </DescribeAvailabilityZonesResponse>
            """);
        return this;
    }

    /// <summary>Serves S3 HeadBucket (200) for one bucket.</summary>
    public AwsWireStub HeadBucket(string bucket)
    {
        Server.Given(Request.Create().UsingHead().WithPath(new RegexMatcher($"^/{bucket}/?$")))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("x-amz-bucket-region", "us-east-1")
                .WithHeader("x-amz-request-id", "S3REQUEST0000001"));
        return this;
    }

    /// <inheritdoc />
    public void Dispose() => Server.Stop();

    private void Action(string action, int status, string xml) =>
        Server.Given(Request.Create().UsingPost().WithBody(new RegexMatcher($"Action={action}(&|$)")))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/xml").WithBody(xml));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
