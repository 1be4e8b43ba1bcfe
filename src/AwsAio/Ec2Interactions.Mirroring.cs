using Amazon.EC2;
using Amazon.EC2.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;
using NetworkInterface = AwsAio.Core.NetworkInterface;

namespace AwsAio;

public static partial class Ec2Interactions
{
    /// <summary>
    /// Mirrors a network interface's traffic to a mirror target through a filter (CreateTrafficMirrorSession, session
    /// number 1) and returns the session id. The session is tagged <c>Name = {vpcId}-{eniId}</c>. Interfaces EC2 cannot
    /// mirror (<c>gateway_load_balancer_endpoint</c>, <c>nat_gateway</c>) are <c>NonMirrorableEniType</c>, with no
    /// request. The request carries a client token derived from the inputs, so repeating the call — by the SDK's
    /// retries or by the caller after <c>OutcomeUnknown</c> — never creates a second session: EC2 answers with the
    /// first one. Safe to repeat with the same arguments.
    /// </summary>
    /// <param name="eni">The interface to mirror (its id and type are used).</param>
    /// <param name="trafficTarget">The traffic mirror target id (tmt-…).</param>
    /// <param name="trafficFilter">The traffic mirror filter id (tmf-…).</param>
    /// <param name="vpcId">The VPC the session is named after (vpc-…).</param>
    /// <param name="provider">Supplies the EC2 client and the call settings.</param>
    /// <param name="virtualNetworkId">The VXLAN id of the mirrored traffic, 0 to 16777215.</param>
    /// <param name="clientToken">Your own idempotency token (1 to 64 printable ASCII characters); null derives one
    /// from the inputs. EC2 keeps answering a token with the session it first made, even after that session was
    /// deleted: to mirror the same interface again after <see cref="DeleteEniMirroringAsync"/>, pass a new token.</param>
    /// <param name="ct">Cancels the call (a request already sent may still take effect: see <c>OutcomeUnknown</c>).</param>
    public static async Task<Either<DomainError, string>> MirrorEniAsync(
        NetworkInterface eni, string trafficTarget, string trafficFilter, string vpcId, IAwsClientProvider provider,
        int virtualNetworkId = Ec2Rules.DefaultVirtualNetworkId, string? clientToken = null, CancellationToken ct = default)
    {
        var invalid = Inputs.Check(provider,
            Inputs.Of(Ec2Rules.CheckMirror(eni, trafficTarget, trafficFilter, vpcId, virtualNetworkId, clientToken)));
        if (invalid is not null) return invalid;

        var token = clientToken ?? Ec2Rules.MirrorClientToken(eni.EniId, trafficTarget, trafficFilter, vpcId, virtualNetworkId);
        var request = MirrorRequest(eni, trafficTarget, trafficFilter, vpcId, virtualNetworkId);
        request.ClientToken = token;
        var created = await AwsCall.RunAsync(provider, MirrorCall(eni).WithClientToken(token),
            c => provider.GetEc2().CreateTrafficMirrorSessionAsync(request, c), ct).ConfigureAwait(false);
        return created.Bind(r => Ec2Rules.CreatedSessionId(eni.EniId, r.TrafficMirrorSession?.TrafficMirrorSessionId,
            (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId).ToEither());
    }

    /// <summary>
    /// Deletes a traffic mirror session (DeleteTrafficMirrorSession). <c>InvalidTrafficMirrorSessionId.NotFound</c> is
    /// <c>MirrorDoesNotExist</c>. Safe to repeat: after <c>OutcomeUnknown</c>, repeat it and read
    /// <c>MirrorDoesNotExist</c> as "already deleted".
    /// </summary>
    /// <param name="sessionId">The session id (tms-…).</param>
    /// <param name="provider">Supplies the EC2 client and the call settings.</param>
    /// <param name="ct">Cancels the call (a request already sent may still take effect: see <c>OutcomeUnknown</c>).</param>
    public static async Task<Either<DomainError, Unit>> DeleteEniMirroringAsync(
        string sessionId, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.Check(provider, Inputs.Of(Validate.Ec2Id(Ec2IdKind.TrafficMirrorSession, sessionId))) is { } invalid) return invalid;

        var deleted = await AwsCall.RunAsync(provider, Ec2Call(Ec2Operations.DeleteTrafficMirrorSession, sessionId),
            c => provider.GetEc2().DeleteTrafficMirrorSessionAsync(DeleteRequest(sessionId), c), ct).ConfigureAwait(false);
        return deleted.Map(_ => unit);
    }

    /// <summary>
    /// Whether the provider's credentials may make a mutating EC2 call, asked of EC2 itself: the call is sent as the
    /// real call would send it, with <c>DryRun</c> set, so nothing changes. <c>DryRunOperation</c> is
    /// <see cref="PermissionCheck.Allowed"/>, <c>UnauthorizedOperation</c> is <see cref="PermissionCheck.Denied"/> with
    /// the encoded authorization message when EC2 sent one; any other answer (a missing resource, throttling, bad
    /// credentials) is its <c>DomainError</c>, and input the real call would refuse is refused here too, with no
    /// request. The one argument that differs is the client token: EC2 asks that a token never serve two different
    /// requests, so the real call's token is not spent on its dry run (the SDK sends a fresh one). Safe to repeat.
    /// </summary>
    /// <param name="call">The call to check, for example <c>Ec2DryRunCall.MirrorEni(eni, target, filter, vpcId)</c>.</param>
    /// <param name="provider">Supplies the EC2 client (and so the credentials checked) and the call settings.</param>
    /// <param name="ct">Cancels the check.</param>
    public static async Task<Either<DomainError, PermissionCheck>> CheckPermissionAsync(
        Ec2DryRunCall call, IAwsClientProvider provider, CancellationToken ct = default)
    {
        switch (call)
        {
            case Ec2DryRunCall.CreateTrafficMirrorSession m:
            {
                var invalid = Inputs.Check(provider,
                    Inputs.Of(Ec2Rules.CheckMirror(m.Eni, m.TrafficTarget, m.TrafficFilter, m.VpcId, m.VirtualNetworkId, null)));
                if (invalid is not null) return invalid;

                var request = MirrorRequest(m.Eni, m.TrafficTarget, m.TrafficFilter, m.VpcId, m.VirtualNetworkId);
                request.DryRun = true;
                return await DryRunAsync(provider, MirrorCall(m.Eni),
                    c => provider.GetEc2().CreateTrafficMirrorSessionAsync(request, c), ct).ConfigureAwait(false);
            }
            case Ec2DryRunCall.DeleteTrafficMirrorSession d:
            {
                var invalid = Inputs.Check(provider, Inputs.Of(Validate.Ec2Id(Ec2IdKind.TrafficMirrorSession, d.SessionId)));
                if (invalid is not null) return invalid;

                var request = DeleteRequest(d.SessionId);
                request.DryRun = true;
                return await DryRunAsync(provider, Ec2Call(Ec2Operations.DeleteTrafficMirrorSession, d.SessionId),
                    c => provider.GetEc2().DeleteTrafficMirrorSessionAsync(request, c), ct).ConfigureAwait(false);
            }
            default:
                return Inputs.Check(provider) ?? DomainError.NewInvalidInput("dry-run call", "is required");
        }
    }

    /// <summary>The CreateTrafficMirrorSession that MirrorEni sends (and its dry run checks), without a client token.</summary>
    private static CreateTrafficMirrorSessionRequest MirrorRequest(
        NetworkInterface eni, string trafficTarget, string trafficFilter, string vpcId, int virtualNetworkId) => new()
    {
        NetworkInterfaceId = eni.EniId,
        TrafficMirrorTargetId = trafficTarget,
        TrafficMirrorFilterId = trafficFilter,
        SessionNumber = Ec2Rules.MirrorSessionNumber,
        VirtualNetworkId = virtualNetworkId,
        TagSpecifications =
        [
            new TagSpecification
            {
                ResourceType = new ResourceType(Ec2Rules.MirrorSessionResourceType),
                Tags = [new Tag("Name", Ec2Rules.MirrorSessionName(vpcId, eni.EniId))],
            },
        ],
    };

    private static DeleteTrafficMirrorSessionRequest DeleteRequest(string sessionId) => new() { TrafficMirrorSessionId = sessionId };

    /// <summary>A call about the interface being mirrored.</summary>
    private static CallInfo MirrorCall(NetworkInterface eni) => Ec2Call(Ec2Operations.CreateTrafficMirrorSession, eni.EniId);

    /// <summary>One dry run: EC2 answers it with an error either way, which the core reads as a permission or not.</summary>
    private static async Task<Either<DomainError, PermissionCheck>> DryRunAsync<TResponse>(
        IAwsClientProvider provider, CallInfo call, Func<CancellationToken, Task<TResponse>> sdk, CancellationToken ct)
        where TResponse : Amazon.Runtime.AmazonWebServiceResponse
    {
        var answer = await AwsCall.RunAsync(provider, call, sdk, ct).ConfigureAwait(false);
        return answer.Match(
            Right: r => Ec2Rules.DryRunAnsweredWithSuccess(call.Operation, call.Target.Resource, (int)r.HttpStatusCode,
                r.ResponseMetadata?.RequestId).ToEither(),
            Left: error => Ec2Rules.DryRunOutcome(call.Operation, error).ToEither());
    }
}
