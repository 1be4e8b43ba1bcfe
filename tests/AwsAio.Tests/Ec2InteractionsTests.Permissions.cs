using System.Net;
using Amazon.EC2.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;
using static AwsAio.Tests.Support.Ec2Doubles;

namespace AwsAio.Tests;

/// <summary>
/// Permission checks (Ec2Interactions.Mirroring.cs): dry runs of the real calls, read as Allowed or Denied, any other
/// answer its error, never an outcome unknown, and nothing sent for input the real call would refuse.
/// </summary>
public sealed partial class Ec2InteractionsTests
{
    // ---- CheckPermission ------------------------------------------------------------------------------------------

    private static Exception DryRunOperation() =>
        Ec2Error("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", HttpStatusCode.PreconditionFailed);

    private static Exception Unauthorized(string encoded) =>
        Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation." +
            (encoded.Length == 0 ? "" : $" Encoded authorization failure message: {encoded}"), HttpStatusCode.Forbidden);

    [Fact]
    public async Task CheckPermission_ForMirrorEni_WhenEc2SaysDryRunOperation_IsAllowed_AndSendsTheRealCallsArgumentsWithDryRun()
    {
        var sent = ServeCreate(_ => Throws<CreateTrafficMirrorSessionResponse>(DryRunOperation()));

        var check = await Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.MirrorEni(Eni, Target, Filter, VpcId), _provider.Object).Right();

        var allowed = Assert.IsType<PermissionCheck.Allowed>(check);
        Assert.Equal(("CreateTrafficMirrorSession", RequestId), (allowed.Operation, allowed.Details.RequestId));
        var request = Assert.Single(sent);
        AssertTheMirrorRequest(request);
        Assert.True(request.DryRun);
        Assert.Null(request.ClientToken);
    }

    [Fact]
    public async Task CheckPermission_ForMirrorEni_WhenEc2SaysUnauthorizedOperation_IsDenied_WithTheEncodedMessage()
    {
        ServeCreate(_ => Throws<CreateTrafficMirrorSessionResponse>(Unauthorized(EncodedMessage)));

        var check = await Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.MirrorEni(Eni, Target, Filter, VpcId, 42), _provider.Object).Right();

        var denied = Assert.IsType<PermissionCheck.Denied>(check);
        Assert.Equal(("CreateTrafficMirrorSession", EncodedMessage, 403), (denied.Operation, denied.EncodedMessage, denied.Details.HttpStatus));
        Assert.False(check.IsAllowed);
    }

    [Fact]
    public async Task CheckPermission_ForDeleteEniMirroring_ReadsBothAnswers_AndSendsDryRun()
    {
        var answers = new Queue<Exception>([DryRunOperation(), Unauthorized("")]);
        var sent = ServeDelete(() => Throws<DeleteTrafficMirrorSessionResponse>(answers.Dequeue()));
        var call = Ec2DryRunCall.DeleteEniMirroring(SessionId);

        var first = await Ec2Interactions.CheckPermissionAsync(call, _provider.Object).Right();
        var second = await Ec2Interactions.CheckPermissionAsync(call, _provider.Object).Right();

        Assert.Equal("DeleteTrafficMirrorSession", Assert.IsType<PermissionCheck.Allowed>(first).Operation);
        Assert.Equal("", Assert.IsType<PermissionCheck.Denied>(second).EncodedMessage);
        Assert.All(sent, r => Assert.Equal((SessionId, true), (r.TrafficMirrorSessionId, r.DryRun)));
    }

    [Fact]
    public async Task CheckPermission_WhenEc2AnswersSomethingElse_ReturnsThatClassifiedError()
    {
        ServeDelete(() => Throws<DeleteTrafficMirrorSessionResponse>(
            Ec2Error("InvalidTrafficMirrorSessionId.NotFound", $"The traffic mirror session ID '{SessionId}' does not exist.")));

        var error = await Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.DeleteEniMirroring(SessionId), _provider.Object).Left();

        Assert.IsType<DomainError.MirrorDoesNotExist>(error);
    }

    [Fact]
    public async Task CheckPermission_WhenTheAnswerIsLost_ReturnsTheCause_NeverOutcomeUnknown_ForADryRunChangesNothing()
    {
        ServeDelete(() => Throws<DeleteTrafficMirrorSessionResponse>(new TimeoutException("The operation has timed out.")));

        Assert.IsType<DomainError.Timeout>(await Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.DeleteEniMirroring(SessionId), _provider.Object).Left());
    }

    [Fact]
    public async Task CheckPermission_WhenThePeerIgnoresDryRunAndSucceeds_ReturnsMalformedResponse_SayingTheCallMayHaveTakenEffect()
    {
        ServeCreate(Created);

        var error = await Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.MirrorEni(Eni, Target, Filter, VpcId), _provider.Object).Left();

        Assert.Contains("may have taken effect", Assert.IsType<DomainError.MalformedResponse>(error).Reason);
    }

    [Fact]
    public async Task CheckPermission_RefusesWhatTheRealCallWouldRefuse_WithZeroRequests()
    {
        var nat = await Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.MirrorEni(EniOf(type: "nat_gateway"), Target, Filter, VpcId), _provider.Object).Left();
        var badSession = await Ec2Interactions.CheckPermissionAsync(Ec2DryRunCall.DeleteEniMirroring("tms-nope"), _provider.Object).Left();
        var noCall = await Ec2Interactions.CheckPermissionAsync(null!, _provider.Object).Left();

        Assert.IsType<DomainError.NonMirrorableEniType>(nat);
        Assert.Equal("tms id", Assert.IsType<DomainError.InvalidInput>(badSession).Field);
        Assert.Equal("dry-run call", Assert.IsType<DomainError.InvalidInput>(noCall).Field);
        _ec2.VerifyNoOtherCalls();
    }
}
