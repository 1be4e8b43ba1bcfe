using System.Net;
using Amazon.EC2.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Moq;
using Xunit;
using static AwsAio.Tests.Support.Ec2Doubles;
using NetworkInterface = AwsAio.Core.NetworkInterface;

namespace AwsAio.Tests;

/// <summary>
/// Mirror sessions (Ec2Interactions.Mirroring.cs): the whole request sent, the derived client token, no request for
/// refused input, and outcome unknown for answers lost after sending.
/// </summary>
public sealed partial class Ec2InteractionsTests
{
    private const string Target = "tmt-0a1b2c3d4e5f60718";
    private const string Filter = "tmf-0a1b2c3d4e5f60718";
    private const string SessionId = "tms-0a1b2c3d4e5f60718";
    private const string EncodedMessage = "mR08NOyRPjVfde9BZ_4YPDcmtO8Ojb5O9HlyX9Vxc2kKmx6Z1rwWuiGVK8-3bVc9EsUylNxNcLdH9xm";

    private static readonly NetworkInterface Eni = EniOf();

    private static NetworkInterface EniOf(string eniId = "eni-0a1b2c3d4e5f60718", string type = "interface", string subnetId = SubnetId) =>
        new(VpcId, subnetId, eniId, type);

    private List<CreateTrafficMirrorSessionRequest> ServeCreate(Func<CreateTrafficMirrorSessionRequest, Task<CreateTrafficMirrorSessionResponse>> answer)
    {
        var sent = new List<CreateTrafficMirrorSessionRequest>();
        _ec2.Setup(e => e.CreateTrafficMirrorSessionAsync(It.IsAny<CreateTrafficMirrorSessionRequest>(), It.IsAny<CancellationToken>()))
            .Callback((CreateTrafficMirrorSessionRequest r, CancellationToken _) => sent.Add(r))
            .Returns((CreateTrafficMirrorSessionRequest r, CancellationToken _) => answer(r));
        return sent;
    }

    private static Task<CreateTrafficMirrorSessionResponse> Created(CreateTrafficMirrorSessionRequest r) =>
        Task.FromResult(new CreateTrafficMirrorSessionResponse
        {
            ClientToken = r.ClientToken, HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("REQ-CREATE"),
            TrafficMirrorSession = new TrafficMirrorSession { TrafficMirrorSessionId = SessionId, NetworkInterfaceId = r.NetworkInterfaceId },
        });

    private List<DeleteTrafficMirrorSessionRequest> ServeDelete(Func<Task<DeleteTrafficMirrorSessionResponse>> answer)
    {
        var sent = new List<DeleteTrafficMirrorSessionRequest>();
        _ec2.Setup(e => e.DeleteTrafficMirrorSessionAsync(It.IsAny<DeleteTrafficMirrorSessionRequest>(), It.IsAny<CancellationToken>()))
            .Callback((DeleteTrafficMirrorSessionRequest r, CancellationToken _) => sent.Add(r))
            .Returns(answer);
        return sent;
    }

    private static Task<T> Throws<T>(Exception e) => Task.FromException<T>(e);

    private static void AssertTheMirrorRequest(CreateTrafficMirrorSessionRequest request, int vni = 123)
    {
        Assert.Equal((Eni.EniId, Target, Filter, 1, vni), (request.NetworkInterfaceId, request.TrafficMirrorTargetId,
            request.TrafficMirrorFilterId, request.SessionNumber, request.VirtualNetworkId));
        var tags = Assert.Single(request.TagSpecifications);
        Assert.Equal("traffic-mirror-session", tags.ResourceType.Value);
        var name = Assert.Single(tags.Tags);
        Assert.Equal(("Name", $"{VpcId}-{Eni.EniId}"), (name.Key, name.Value));
    }

    // ---- MirrorEni ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task MirrorEni_SendsTheWholeRequest_WithAClientTokenDerivedFromTheInputs_AndReturnsTheSessionId()
    {
        var sent = ServeCreate(Created);

        var session = await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, _provider.Object).Right();

        Assert.Equal(SessionId, session);
        var request = Assert.Single(sent);
        AssertTheMirrorRequest(request);
        Assert.Equal(Ec2Rules.MirrorClientToken(Eni.EniId, Target, Filter, VpcId, 123), request.ClientToken);
        Assert.NotEqual(true, request.DryRun);
    }

    [Fact]
    public async Task MirrorEni_RepeatedByTheCaller_SendsTheSameClientToken_SoEc2CannotCreateASecondSession()
    {
        var sent = ServeCreate(Created);

        await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, _provider.Object).Right();
        await Ec2Interactions.MirrorEniAsync(EniOf(subnetId: "subnet-99999999"), Target, Filter, VpcId, _provider.Object).Right();
        await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, _provider.Object, virtualNetworkId: 7).Right();

        Assert.Equal(sent[0].ClientToken, sent[1].ClientToken);
        Assert.NotEqual(sent[0].ClientToken, sent[2].ClientToken);
        AssertTheMirrorRequest(sent[2], vni: 7);
    }

    [Fact]
    public async Task MirrorEni_WithTheCallersOwnToken_SendsThatToken()
    {
        var sent = ServeCreate(Created);

        await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, _provider.Object, clientToken: "remirror-2").Right();

        Assert.Equal("remirror-2", Assert.Single(sent).ClientToken);
    }

    [Theory]
    [InlineData("nat_gateway")]
    [InlineData("gateway_load_balancer_endpoint")]
    public async Task MirrorEni_ForANonMirrorableInterface_ReturnsNonMirrorableEniType_WithZeroRequests(string eniType)
    {
        var error = await Ec2Interactions.MirrorEniAsync(EniOf(type: eniType), Target, Filter, VpcId, _provider.Object).Left();

        var refused = Assert.IsType<DomainError.NonMirrorableEniType>(error);
        Assert.Equal((Eni.EniId, eniType), (refused.EniId, refused.EniType));
        _provider.Verify(p => p.GetEc2(), Times.Never);
        _ec2.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("eni-XYZ", Target, Filter, VpcId, 123, null, "eni id")]
    [InlineData("eni-0a1b2c3d", Filter, Filter, VpcId, 123, null, "tmt id")]
    [InlineData("eni-0a1b2c3d", Target, "tmf-1", VpcId, 123, null, "tmf id")]
    [InlineData("eni-0a1b2c3d", Target, Filter, "vpc", 123, null, "vpc id")]
    [InlineData("eni-0a1b2c3d", Target, Filter, VpcId, -1, null, "virtual network id")]
    [InlineData("eni-0a1b2c3d", Target, Filter, VpcId, 123, "two words", "client token")]
    public async Task MirrorEni_WithInvalidInput_ReturnsInvalidInput_WithZeroRequests(
        string eniId, string target, string filter, string vpcId, int vni, string? token, string field)
    {
        var error = await Ec2Interactions.MirrorEniAsync(EniOf(eniId), target, filter, vpcId, _provider.Object, vni, token).Left();

        Assert.Equal(field, Assert.IsType<DomainError.InvalidInput>(error).Field);
        _ec2.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task MirrorEni_WhenTheInterfaceIsUnknown_ReturnsResourceDoesNotExist_NamingTheInterface()
    {
        ServeCreate(_ => Throws<CreateTrafficMirrorSessionResponse>(
            Ec2Error("InvalidNetworkInterfaceID.NotFound", $"The networkInterface ID '{Eni.EniId}' does not exist")));

        var missing = Assert.IsType<DomainError.ResourceDoesNotExist>(
            await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, _provider.Object).Left());

        Assert.Equal(("Network interface", Eni.EniId), (missing.ResourceType, missing.ResourceId));
    }

    private static IEnumerable<(string Why, Exception Lost)> LostAnswerRows() =>
    [
        ("the SDK's timeout", new TimeoutException("The operation has timed out.")),
        ("the connection closed mid-answer", new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.")),
        ("a reset wrapped by the SDK", new Amazon.Runtime.AmazonServiceException("no response", new IOException("Connection reset by peer"))),
    ];

    public static TheoryData<string> LostAnswers => Rows.Named(LostAnswerRows(), r => r.Why);

    [Theory]
    [MemberData(nameof(LostAnswers))]
    public async Task MirrorEni_WhenTheAnswerIsLostAfterSending_ReturnsOutcomeUnknown_CarryingTheClientToken(string row)
    {
        var (why, lost) = Rows.Pick(LostAnswerRows(), row);
        ServeCreate(_ => Throws<CreateTrafficMirrorSessionResponse>(lost));

        var error = await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, _provider.Object).Left();

        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(error);
        Assert.Equal(Ec2Rules.MirrorClientToken(Eni.EniId, Target, Filter, VpcId, 123), unknown.ClientToken);
        Assert.True(unknown.Cause is DomainError.Timeout or DomainError.Transport, why);
        Assert.Equal(ErrorCategory.OutcomeUnknown, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Contains($"repeating it with client token '{unknown.ClientToken}' is safe", error.ToString());
    }

    [Fact]
    public async Task MirrorEni_WhenTheConnectionIsRefused_ReturnsTransport_BecauseNothingWasSent()
    {
        ServeCreate(_ => Throws<CreateTrafficMirrorSessionResponse>(
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9)")));

        var error = await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, _provider.Object).Left();

        Assert.IsType<DomainError.Transport>(error);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task MirrorEni_WhenTheAnswerNamesNoSession_ReturnsMalformedResponse_NeverAnEmptyId()
    {
        ServeCreate(_ => Task.FromResult(new CreateTrafficMirrorSessionResponse { HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata("R") }));

        var malformed = Assert.IsType<DomainError.MalformedResponse>(await Ec2Interactions.MirrorEniAsync(Eni, Target, Filter, VpcId, _provider.Object).Left());
        Assert.Equal(("CreateTrafficMirrorSession", "R"), (malformed.Details.Operation, malformed.Details.RequestId));
    }

    // ---- DeleteEniMirroring ---------------------------------------------------------------------------------------

    [Fact]
    public async Task DeleteEniMirroring_DeletesTheSession()
    {
        var sent = ServeDelete(() => Task.FromResult(new DeleteTrafficMirrorSessionResponse
        {
            TrafficMirrorSessionId = SessionId, HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = Metadata(),
        }));

        Assert.Equal(Unit.Default, await Ec2Interactions.DeleteEniMirroringAsync(SessionId, _provider.Object).Right());
        var request = Assert.Single(sent);
        Assert.Equal(SessionId, request.TrafficMirrorSessionId);
        Assert.Null(request.DryRun);
    }

    [Fact]
    public async Task DeleteEniMirroring_WhenTheSessionIsUnknown_ReturnsMirrorDoesNotExist()
    {
        ServeDelete(() => Throws<DeleteTrafficMirrorSessionResponse>(
            Ec2Error("InvalidTrafficMirrorSessionId.NotFound", $"The traffic mirror session ID '{SessionId}' does not exist.")));

        var missing = Assert.IsType<DomainError.MirrorDoesNotExist>(await Ec2Interactions.DeleteEniMirroringAsync(SessionId, _provider.Object).Left());

        Assert.Equal(SessionId, missing.SessionId);
    }

    [Fact]
    public async Task DeleteEniMirroring_WhenTheAnswerIsLost_ReturnsOutcomeUnknown_WithoutAToken()
    {
        ServeDelete(() => Throws<DeleteTrafficMirrorSessionResponse>(new TimeoutException("The operation has timed out.")));

        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(await Ec2Interactions.DeleteEniMirroringAsync(SessionId, _provider.Object).Left());

        Assert.Equal("", unknown.ClientToken);
        Assert.Contains("check whether it took effect", unknown.ToString());
    }

    [Fact]
    public async Task DeleteEniMirroring_WithAMalformedId_ReturnsInvalidInput_BeforeAnyRequest()
    {
        Assert.Equal("tms id", Assert.IsType<DomainError.InvalidInput>(await Ec2Interactions.DeleteEniMirroringAsync("tmt-0a1b2c3d", _provider.Object).Left()).Field);
        _ec2.VerifyNoOtherCalls();
    }
    [Fact]
    public async Task CheckPermission_WithoutACall_IsExactlyDryRunCallIsRequired_BeforeAnyRequest()
    {
        var error = await Ec2Interactions.CheckPermissionAsync(null!, _provider.Object).Left();

        Assert.Equal(DomainError.NewInvalidInput("dry-run call", "is required"), error);
        _ec2.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CheckPermission_WithoutACallOrAProvider_IsProviderIsRequired()
    {
        var error = await Ec2Interactions.CheckPermissionAsync(null!, null!).Left();

        Assert.Equal(DomainError.NewInvalidInput("provider", "is required"), error);
    }
}
