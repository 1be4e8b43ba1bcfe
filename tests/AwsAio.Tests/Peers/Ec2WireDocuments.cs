using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace AwsAio.Tests.Peers;

/// <summary>
/// EC2 query-protocol documents for <see cref="AwsWireStub"/>, and a reader for the forms the SDK sends.
/// Shapes follow AWS's EC2 API reference (docs.aws.amazon.com/AWSEC2/latest/APIReference): the response elements of
/// each action (API_DescribeSubnets, API_DescribeVpcs with API_Vpc / API_VpcCidrBlockState, API_DescribeNetworkInterfaces
/// with API_NetworkInterface, API_DescribeInstances, API_DescribeAvailabilityZones with API_AvailabilityZone,
/// API_CreateTrafficMirrorSession / API_DeleteTrafficMirrorSession), lists as <c>&lt;xxxSet&gt;&lt;item&gt;</c>, the page token
/// as <c>nextToken</c>, and the error document of "Error codes for the Amazon EC2 API" (errors-overview):
/// <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/Errors&gt;&lt;RequestID/&gt;&lt;/Response&gt;</c>, with
/// DryRunOperation answered 412 ("Request would have succeeded, but DryRun flag is set.") and UnauthorizedOperation 403.
/// </summary>
internal static class Ec2WireDocuments
{
    /// <summary>The namespace of every EC2 answer (API version 2016-11-15, the one the SDK speaks).</summary>
    internal const string Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    /// <summary>Serves one EC2 action: each request's form goes to <paramref name="answer"/>, which returns (status, body).</summary>
    internal static AwsWireStub Ec2(this AwsWireStub stub, string action, Func<IReadOnlyDictionary<string, string>, (int Status, string Xml)> answer,
        TimeSpan? delay = null)
    {
        IResponseBuilder response = Response.Create().WithCallback(request =>
        {
            var (status, xml) = answer(Form(request.Body));
            return new ResponseMessage
            {
                StatusCode = status,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("text/xml;charset=UTF-8") },
                BodyData = new BodyData { BodyAsString = xml, DetectedBodyType = BodyType.String },
            };
        });
        if (delay is { } wait) response = response.WithDelay(wait);
        stub.Server.Given(Request.Create().UsingPost().WithBody(new RegexMatcher($"Action={action}(&|$)"))).RespondWith(response);
        return stub;
    }

    /// <summary>The forms of every request that carried this action, in arrival order.</summary>
    internal static IReadOnlyList<IReadOnlyDictionary<string, string>> Forms(this AwsWireStub stub, string action) =>
        stub.Server.LogEntries
            .OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => Form(e.RequestMessage.Body))
            .Where(f => f.TryGetValue("Action", out var a) && a == action)
            .ToList();

    /// <summary>An application/x-www-form-urlencoded body as name → value (the SDK percent-encodes per RFC 3986).</summary>
    internal static IReadOnlyDictionary<string, string> Form(string? body) =>
        (body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    /// <summary>EC2's error document.</summary>
    internal static (int, string) Error(int status, string code, string message, string requestId = "ea966190-f9aa-478e-9ede-example") =>
        (status, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>{code}</Code><Message>{Escape(message)}</Message></Error></Errors><RequestID>{requestId}</RequestID></Response>
            """);

    internal static string Escape(string text) => System.Security.SecurityElement.Escape(text);

    private static string Next(string? token) => token is null ? "" : $"<nextToken>{Escape(token)}</nextToken>";

    /// <summary>A DescribeSubnets page.</summary>
    internal static (int, string) Subnets(string vpcId, string? nextToken, params string[] subnetIds) =>
        (200, $"""
            <DescribeSubnetsResponse xmlns="{Ns}">
              <requestId>0c6f6bd4-3a10-4e35-a4e0-000000000001</requestId>
              <subnetSet>
                {string.Concat(subnetIds.Select((id, i) => $"""
                <item>
                  <subnetId>{id}</subnetId>
                  <subnetArn>arn:aws:ec2:us-east-1:{AwsWireStub.Account}:subnet/{id}</subnetArn>
                  <state>available</state>
                  <vpcId>{vpcId}</vpcId>
                  <ownerId>{AwsWireStub.Account}</ownerId>
                  <cidrBlock>10.0.{i}.0/24</cidrBlock>
                  <availableIpAddressCount>251</availableIpAddressCount>
                  <availabilityZone>us-east-1a</availabilityZone>
                  <availabilityZoneId>use1-az1</availabilityZoneId>
                  <defaultForAz>false</defaultForAz>
                  <mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>
                </item>
                """))}
              </subnetSet>
              {Next(nextToken)}
            </DescribeSubnetsResponse>
            """);

    /// <summary>A DescribeVpcs answer for one VPC with CIDR associations in the given states.</summary>
    internal static (int, string) Vpc(string vpcId, string tenancy, params (string Cidr, string State)[] blocks) =>
        (200, $"""
            <DescribeVpcsResponse xmlns="{Ns}">
              <requestId>0c6f6bd4-3a10-4e35-a4e0-000000000002</requestId>
              <vpcSet>
                <item>
                  <vpcId>{vpcId}</vpcId>
                  <state>available</state>
                  <cidrBlock>{blocks.FirstOrDefault().Cidr}</cidrBlock>
                  <cidrBlockAssociationSet>
                    {string.Concat(blocks.Select((b, i) => $"""
                    <item>
                      <cidrBlock>{b.Cidr}</cidrBlock>
                      <associationId>vpc-cidr-assoc-0000000{i}</associationId>
                      <cidrBlockState><state>{b.State}</state></cidrBlockState>
                    </item>
                    """))}
                  </cidrBlockAssociationSet>
                  <dhcpOptionsId>dopt-19edf471</dhcpOptionsId>
                  <instanceTenancy>{tenancy}</instanceTenancy>
                  <isDefault>false</isDefault>
                  <ownerId>{AwsWireStub.Account}</ownerId>
                </item>
              </vpcSet>
            </DescribeVpcsResponse>
            """);

    private static string Interface(string eniId, string subnetId, string vpcId, string type) => $"""
        <item>
          <networkInterfaceId>{eniId}</networkInterfaceId>
          <subnetId>{subnetId}</subnetId>
          <vpcId>{vpcId}</vpcId>
          <availabilityZone>us-east-1a</availabilityZone>
          <description/>
          <ownerId>{AwsWireStub.Account}</ownerId>
          <requesterManaged>false</requesterManaged>
          <status>in-use</status>
          <macAddress>02:74:b0:72:79:61</macAddress>
          <privateIpAddress>10.0.1.17</privateIpAddress>
          <sourceDestCheck>true</sourceDestCheck>
          <interfaceType>{type}</interfaceType>
          <groupSet/>
        </item>
        """;

    /// <summary>A DescribeNetworkInterfaces page.</summary>
    internal static (int, string) Interfaces(string subnetId, string vpcId, string? nextToken, params (string Id, string Type)[] enis) =>
        (200, $"""
            <DescribeNetworkInterfacesResponse xmlns="{Ns}">
              <requestId>0c6f6bd4-3a10-4e35-a4e0-000000000003</requestId>
              <networkInterfaceSet>
                {string.Concat(enis.Select(e => Interface(e.Id, subnetId, vpcId, e.Type)))}
              </networkInterfaceSet>
              {Next(nextToken)}
            </DescribeNetworkInterfacesResponse>
            """);

    /// <summary>A DescribeInstances answer: one reservation, one instance with the given interfaces.</summary>
    internal static (int, string) Instance(string instanceId, string subnetId, string vpcId, params (string Id, string Type)[] enis) =>
        (200, $"""
            <DescribeInstancesResponse xmlns="{Ns}">
              <requestId>0c6f6bd4-3a10-4e35-a4e0-000000000004</requestId>
              <reservationSet>
                <item>
                  <reservationId>r-1234567890abcdef0</reservationId>
                  <ownerId>{AwsWireStub.Account}</ownerId>
                  <groupSet/>
                  <instancesSet>
                    <item>
                      <instanceId>{instanceId}</instanceId>
                      <imageId>ami-0abcdef1234567890</imageId>
                      <instanceState><code>16</code><name>running</name></instanceState>
                      <instanceType>m5.large</instanceType>
                      <subnetId>{subnetId}</subnetId>
                      <vpcId>{vpcId}</vpcId>
                      <networkInterfaceSet>
                        {string.Concat(enis.Select((e, i) => $"""
                        <item>
                          <networkInterfaceId>{e.Id}</networkInterfaceId>
                          <subnetId>{subnetId}</subnetId>
                          <vpcId>{vpcId}</vpcId>
                          <ownerId>{AwsWireStub.Account}</ownerId>
                          <status>in-use</status>
                          <interfaceType>{e.Type}</interfaceType>
                          <attachment><attachmentId>eni-attach-0000000{i}</attachmentId><deviceIndex>{i}</deviceIndex><status>attached</status></attachment>
                        </item>
                        """))}
                      </networkInterfaceSet>
                    </item>
                  </instancesSet>
                </item>
              </reservationSet>
            </DescribeInstancesResponse>
            """);

    /// <summary>A DescribeAvailabilityZones answer.</summary>
    internal static (int, string) Zones(params (string Name, string State)[] zones) =>
        (200, $"""
            <DescribeAvailabilityZonesResponse xmlns="{Ns}">
              <requestId>0c6f6bd4-3a10-4e35-a4e0-000000000005</requestId>
              <availabilityZoneInfo>
                {string.Concat(zones.Select((z, i) => $"""
                <item>
                  <zoneName>{z.Name}</zoneName>
                  <zoneState>{z.State}</zoneState>
                  <regionName>us-east-1</regionName>
                  <zoneId>use1-az{i + 1}</zoneId>
                  <optInStatus>opt-in-not-required</optInStatus>
                  <groupName>us-east-1-zg-1</groupName>
                  <networkBorderGroup>us-east-1</networkBorderGroup>
                  <zoneType>availability-zone</zoneType>
                  <messageSet/>
                </item>
                """))}
              </availabilityZoneInfo>
            </DescribeAvailabilityZonesResponse>
            """);

    /// <summary>A CreateTrafficMirrorSession answer echoing the request's form.</summary>
    internal static (int, string) MirrorSession(string sessionId, IReadOnlyDictionary<string, string> form) =>
        (200, $"""
            <CreateTrafficMirrorSessionResponse xmlns="{Ns}">
              <requestId>0c6f6bd4-3a10-4e35-a4e0-000000000006</requestId>
              <trafficMirrorSession>
                <trafficMirrorSessionId>{sessionId}</trafficMirrorSessionId>
                <trafficMirrorTargetId>{form["TrafficMirrorTargetId"]}</trafficMirrorTargetId>
                <trafficMirrorFilterId>{form["TrafficMirrorFilterId"]}</trafficMirrorFilterId>
                <networkInterfaceId>{form["NetworkInterfaceId"]}</networkInterfaceId>
                <ownerId>{AwsWireStub.Account}</ownerId>
                <packetLength>8500</packetLength>
                <sessionNumber>{form["SessionNumber"]}</sessionNumber>
                <virtualNetworkId>{form["VirtualNetworkId"]}</virtualNetworkId>
                <tagSet><item><key>Name</key><value>{Escape(form.GetValueOrDefault("TagSpecification.1.Tag.1.Value", ""))}</value></item></tagSet>
              </trafficMirrorSession>
              <clientToken>{Escape(form.GetValueOrDefault("ClientToken", ""))}</clientToken>
            </CreateTrafficMirrorSessionResponse>
            """);

    /// <summary>A DeleteTrafficMirrorSession answer.</summary>
    internal static (int, string) MirrorDeleted(string sessionId) =>
        (200, $"""
            <DeleteTrafficMirrorSessionResponse xmlns="{Ns}">
              <requestId>0c6f6bd4-3a10-4e35-a4e0-000000000007</requestId>
              <trafficMirrorSessionId>{sessionId}</trafficMirrorSessionId>
            </DeleteTrafficMirrorSessionResponse>
            """);
}
