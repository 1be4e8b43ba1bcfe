using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace AwsAio.Tests;

/// <summary>
/// CreateBucket as it goes on the wire, captured by a loopback WireMock server: the real SDK marshals the request, so
/// this proves the body, not our request object. The SDK once turned eu-west-1 into the legacy alias EU.
/// </summary>
public sealed partial class S3InteractionsTests
{
    /// <summary>Every region the SDK knows that a provider accepts, us-east-1 apart (the SDK also lists
    /// us-east-1-regional, the name of us-east-1's regional endpoint, which is no region to create a bucket in).</summary>
    public static TheoryData<string> SdkRegions()
    {
        var regions = new TheoryData<string>();
        foreach (var region in RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Where(r => r != "us-east-1" && Validate.Region(r).IsOk))
        {
            regions.Add(region);
        }

        return regions;
    }

    [Fact]
    public void SdkRegions_CoverEveryRegionTheSdkKnows_ButUsEast1AndItsEndpointAlias()
    {
        var skipped = RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Except(SdkRegions().Cast<object[]>().Select(row => (string)row[0]));

        Assert.Equal(["us-east-1", "us-east-1-regional"], skipped.Order(StringComparer.Ordinal));
        Assert.True(SdkRegions().Count > 30);
    }

    [Theory]
    [MemberData(nameof(SdkRegions))]
    public async Task CreateBucket_OnTheWire_SendsTheRegionVerbatimAsLocationConstraint(string region)
    {
        var body = await CreateBucketBodyAsync(region);

        var constraint = XDocument.Parse(body).Descendants().Single(e => e.Name.LocalName == "LocationConstraint");
        Assert.Equal(region, constraint.Value);
    }

    [Fact]
    public async Task CreateBucket_OnTheWire_InUsEast1_SendsNoLocationConstraint()
    {
        var body = await CreateBucketBodyAsync("us-east-1");

        Assert.DoesNotContain("LocationConstraint", body);
    }

    private static async Task<string> CreateBucketBodyAsync(string region)
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("x-amz-request-id", "REQ-WIRE"));
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            Region = region,
            Endpoint = new EndpointOverride(server.Urls[0]),
            MaxErrorRetry = 0,
        }).Right();

        (await S3Interactions.CreateBucketAsync("awsaio-wire-bucket", provider)).Right();

        var request = server.LogEntries.Single().RequestMessage;
        Assert.Equal("/awsaio-wire-bucket", request.Path.TrimEnd('/'));
        return request.Body ?? "";
    }
}
