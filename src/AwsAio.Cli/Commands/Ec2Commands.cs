using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using AwsAio.Core;

namespace AwsAio.Cli.Commands;

/// <summary>
/// <c>awsaio ec2 …</c>: subnets, interfaces, VPCs and zones, traffic mirror sessions, and dry-run permission checks
/// through <see cref="Ec2Interactions"/>.
/// </summary>
internal sealed class Ec2Commands : ICommandGroup
{
    /// <summary>The command's answer when EC2 says a call would be denied (<c>ec2 can …</c>).</summary>
    private static readonly int DeniedExitCode = (int)ExitCode.Access;

    /// <inheritdoc />
    public int Order => 40;

    /// <inheritdoc />
    public Command Build(CommandRunner runner) => new("ec2", "EC2 subnets, network interfaces, VPCs and zones; traffic mirror sessions")
    {
        Subnets(runner), Enis(runner), Vpc(runner), Azs(runner), Mirror(runner), Unmirror(runner), Can(runner),
    };

    private static Command Subnets(CommandRunner runner)
    {
        var vpcId = VpcArgument();
        var command = new Command("subnets", "List the ids of a VPC's subnets (DescribeSubnets, every page)") { vpcId };
        runner.SetAction(command, async (call, ct) =>
        {
            var vpc = call.Parse.GetRequiredValue(vpcId);
            var subnets = await Ec2Interactions.GetSubnetsOfVpcAsync(vpc, call.Provider, ct).ConfigureAwait(false);
            return subnets.Map(ids => new Rendered(
                text => Lines(text, ids, "(no subnets)"),
                json =>
                {
                    json.WriteStartObject();
                    json.WriteString("vpcId", vpc);
                    Strings(json, "subnets", ids);
                    json.WriteNumber("count", ids.Count);
                    json.WriteEndObject();
                }));
        });
        return command;
    }

    private static Command Enis(CommandRunner runner)
    {
        var subnet = new Option<string?>("--subnet") { Description = "Every interface in this subnet (DescribeNetworkInterfaces)", HelpName = "subnet-id" };
        var instance = new Option<string?>("--instance") { Description = "The interfaces attached to this instance (DescribeInstances)", HelpName = "instance-id" };
        var command = new Command("enis", "List network interfaces (id, type, subnet, VPC) of a subnet or of an instance") { subnet, instance };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(subnet) is null) == (result.GetValue(instance) is null))
            {
                result.AddError("'ec2 enis' takes exactly one of --subnet or --instance.");
            }
        });
        runner.SetAction(command, async (call, ct) =>
        {
            var (subnetId, instanceId) = (call.Parse.GetValue(subnet), call.Parse.GetValue(instance));
            var enis = subnetId is not null
                ? await Ec2Interactions.GetEnisOfSubnetAsync(subnetId, call.Provider, ct).ConfigureAwait(false)
                : await Ec2Interactions.GetEnisOfInstanceAsync(instanceId!, call.Provider, ct).ConfigureAwait(false);
            return enis.Map(list => new Rendered(
                text =>
                {
                    if (list.IsEmpty) text.WriteLine("(no network interfaces)");
                    TextTable.Rows(text, list.Select(e => new[] { e.EniId, e.EniType, e.SubnetId, e.VpcId }).ToList());
                },
                json =>
                {
                    json.WriteStartObject();
                    json.WriteString("subnetId", subnetId);
                    json.WriteString("instanceId", instanceId);
                    json.WriteStartArray("interfaces");
                    foreach (var e in list)
                    {
                        json.WriteStartObject();
                        json.WriteString("eniId", e.EniId);
                        json.WriteString("type", e.EniType);
                        json.WriteString("subnetId", e.SubnetId);
                        json.WriteString("vpcId", e.VpcId);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteNumber("count", list.Count);
                    json.WriteEndObject();
                }));
        });
        return command;
    }

    private static Command Vpc(CommandRunner runner)
    {
        var vpcId = VpcArgument();
        var command = new Command("vpc", "Show a VPC's owner, tenancy and the IPv4 CIDR blocks in use (DescribeVpcs)") { vpcId };
        runner.SetAction(command, async (call, ct) =>
        {
            var details = await Ec2Interactions.GetVpcDetailsAsync(call.Parse.GetRequiredValue(vpcId), call.Provider, ct).ConfigureAwait(false);
            return details.Map(v => new Rendered(
                text => TextTable.Pairs(text,
                    new[] { ("vpc", v.VpcId), ("owner", v.OwnerId), ("tenancy", Tenancy(v.Tenancy)) }
                        .Concat(v.CidrBlocks.Select(c => ("cidr block", c)))),
                json =>
                {
                    json.WriteStartObject();
                    json.WriteString("vpcId", v.VpcId);
                    json.WriteString("ownerId", v.OwnerId);
                    json.WriteString("tenancy", Tenancy(v.Tenancy));
                    Strings(json, "cidrBlocks", v.CidrBlocks);
                    json.WriteEndObject();
                }));
        });
        return command;
    }

    private static Command Azs(CommandRunner runner)
    {
        var all = new Option<bool>("--all") { Description = "Also list zones that are not available (impaired, constrained, unavailable)" };
        var command = new Command("azs", "List the availability zones of the region, sorted (DescribeAvailabilityZones)") { all };
        runner.SetAction(command, async (call, ct) =>
        {
            var includeUnavailable = call.Parse.GetValue(all);
            var zones = await Ec2Interactions.GetAvailabilityZonesAsync(call.Provider, includeUnavailable, ct).ConfigureAwait(false);
            return zones.Map(names => new Rendered(
                text => Lines(text, names, "(no zones)"),
                json =>
                {
                    json.WriteStartObject();
                    json.WriteString("region", call.Provider.Region);
                    json.WriteBoolean("includeUnavailable", includeUnavailable);
                    Strings(json, "zones", names);
                    json.WriteEndObject();
                }));
        });
        return command;
    }

    private static Command Mirror(CommandRunner runner)
    {
        var mirror = new MirrorArguments();
        var clientToken = new Option<string?>("--client-token")
        {
            Description = "Your own idempotency token. Without it the token is derived from the arguments, and EC2 answers a token it has " +
                          "seen with the session it made, even a deleted one: pass a new token to mirror an interface again after 'ec2 unmirror'",
            HelpName = "token",
        };
        var command = new Command("mirror",
            "Mirror a network interface's traffic to a target through a filter (CreateTrafficMirrorSession, session number 1, " +
            "tagged Name={vpc}-{eni}); prints the session id. Safe to repeat with the same arguments");
        mirror.AddTo(command);
        command.Options.Add(clientToken);
        runner.SetAction(command, async (call, ct) =>
        {
            var m = mirror.Read(call.Parse);
            var session = await Ec2Interactions.MirrorEniAsync(m.Eni, m.Target, m.Filter, m.Eni.VpcId, call.Provider, m.Vni,
                call.Parse.GetValue(clientToken), ct).ConfigureAwait(false);
            return session.Map(id => new Rendered(
                text => TextTable.Pairs(text, [
                    ("session", id), ("interface", $"{m.Eni.EniId} ({m.Eni.EniType})"), ("target", m.Target), ("filter", m.Filter),
                    ("vpc", m.Eni.VpcId), ("vxlan id", m.Vni.ToString(CultureInfo.InvariantCulture)), ("name", m.Name),
                ]),
                json =>
                {
                    json.WriteStartObject();
                    json.WriteString("sessionId", id);
                    json.WriteString("eniId", m.Eni.EniId);
                    json.WriteString("eniType", m.Eni.EniType);
                    json.WriteString("trafficTarget", m.Target);
                    json.WriteString("trafficFilter", m.Filter);
                    json.WriteString("vpcId", m.Eni.VpcId);
                    json.WriteNumber("virtualNetworkId", m.Vni);
                    json.WriteString("name", m.Name);
                    json.WriteEndObject();
                }));
        });
        return command;
    }

    private static Command Unmirror(CommandRunner runner)
    {
        var sessionId = SessionArgument();
        var yes = new Option<bool>("--yes") { Description = "Confirm: the traffic mirror session is deleted" };
        var command = new Command("unmirror", "Delete a traffic mirror session (DeleteTrafficMirrorSession); a session already gone is not found (exit 4)")
        {
            sessionId, yes,
        };
        command.Validators.Add(result =>
        {
            if (!result.GetValue(yes))
            {
                result.AddError($"'ec2 unmirror' deletes traffic mirror session '{result.GetValue(sessionId)}'; add --yes to confirm.");
            }
        });
        runner.SetAction(command, async (call, ct) =>
        {
            var session = call.Parse.GetRequiredValue(sessionId);
            var deleted = await Ec2Interactions.DeleteEniMirroringAsync(session, call.Provider, ct).ConfigureAwait(false);
            return deleted.Map(_ => new Rendered(
                text => TextTable.Pairs(text, [("deleted", session), ("region", call.Provider.Region)]),
                json =>
                {
                    json.WriteStartObject();
                    json.WriteString("sessionId", session);
                    json.WriteString("region", call.Provider.Region);
                    json.WriteString("done", "deleted");
                    json.WriteEndObject();
                }));
        });
        return command;
    }

    private static Command Can(CommandRunner runner)
    {
        var verdicts = $"Exit code 0 if allowed, {DeniedExitCode} (access) if denied, another code if EC2 gave no verdict";
        var mirror = new MirrorArguments();
        var canMirror = new Command("mirror", $"Whether 'ec2 mirror' with these arguments would be allowed (a dry run). {verdicts}");
        mirror.AddTo(canMirror);
        runner.SetStreamingAction(canMirror, (call, ct) =>
        {
            var m = mirror.Read(call.Parse);
            return Check(call, m.Eni.EniId, Ec2DryRunCall.MirrorEni(m.Eni, m.Target, m.Filter, m.Eni.VpcId, m.Vni), ct);
        });

        var sessionId = SessionArgument();
        var canUnmirror = new Command("unmirror", $"Whether 'ec2 unmirror' of this session would be allowed (a dry run). {verdicts}") { sessionId };
        runner.SetStreamingAction(canUnmirror, (call, ct) =>
        {
            var session = call.Parse.GetRequiredValue(sessionId);
            return Check(call, session, Ec2DryRunCall.DeleteEniMirroring(session), ct);
        });

        return new Command("can", "Ask EC2 whether these credentials may make a change, without making it (the call with DryRun set)")
        {
            canMirror, canUnmirror,
        };
    }

    /// <summary>
    /// One permission check: the verdict is the result either way. A denial is also the command's error — EC2's
    /// <c>UnauthorizedOperation</c>, the <c>AccessDenied</c> the real call would meet — so that the exit code says
    /// "denied" (5) and a script can write <c>if awsaio ec2 can unmirror …; then …</c>. No verdict is the error EC2 gave.
    /// </summary>
    private static async Task<DomainError?> Check(CommandCall call, string resource, Ec2DryRunCall dryRun, CancellationToken ct)
    {
        var checkedCall = await Ec2Interactions.CheckPermissionAsync(dryRun, call.Provider, ct).ConfigureAwait(false);
        return checkedCall.MatchUnsafe(
            Right: verdict =>
            {
                call.Output.Write(Verdict(resource, verdict));
                return verdict is PermissionCheck.Denied denied ? DomainError.NewAccessDenied(denied.Details) : null;
            },
            Left: error => error);
    }

    private static Rendered Verdict(string resource, PermissionCheck verdict)
    {
        var allowed = verdict is PermissionCheck.Allowed;
        var (operation, encoded, details) = verdict switch
        {
            PermissionCheck.Allowed a => (a.Operation, "", a.Details),
            PermissionCheck.Denied d => (d.Operation, d.EncodedMessage, d.Details),
            _ => (verdict.ToString(), "", AwsErrorDetails.NoResponse(Ec2Operations.Service, "")),
        };
        var decode = encoded.Length == 0 ? "" : $"aws sts decode-authorization-message --encoded-message {encoded}";
        return new Rendered(
            text =>
            {
                var rows = new List<(string, string)>
                {
                    ("operation", operation), ("resource", resource), ("verdict", allowed ? "allowed" : "denied"), ("request id", details.RequestId),
                };
                if (encoded.Length > 0) rows.AddRange([("encoded message", encoded), ("decode with", decode)]);
                TextTable.Pairs(text, rows);
            },
            json =>
            {
                json.WriteStartObject();
                json.WriteString("operation", operation);
                json.WriteString("resource", resource);
                json.WriteBoolean("allowed", allowed);
                json.WriteString("encodedMessage", encoded);
                json.WriteString("decodeCommand", decode);
                json.WriteString("requestId", details.RequestId);
                json.WriteEndObject();
            });
    }

    /// <summary>The arguments of a mirror session, shared by <c>ec2 mirror</c> and <c>ec2 can mirror</c>.</summary>
    private sealed class MirrorArguments
    {
        private readonly Argument<string> _eni = new("eni-id") { Description = "The network interface to mirror (eni-…)" };
        private readonly Option<string> _target = new("--target") { Description = "The traffic mirror target (tmt-…)", HelpName = "tmt-id", Required = true };
        private readonly Option<string> _filter = new("--filter") { Description = "The traffic mirror filter (tmf-…)", HelpName = "tmf-id", Required = true };
        private readonly Option<string> _vpc = new("--vpc") { Description = "The VPC the session is named after (vpc-…)", HelpName = "vpc-id", Required = true };

        private readonly Option<string> _type = new("--type")
        {
            Description = "The interface's type as 'ec2 enis' shows it; nat_gateway and gateway_load_balancer_endpoint are refused " +
                          "before any request, other types are left to EC2",
            HelpName = "eni-type",
            DefaultValueFactory = _ => "interface",
        };

        private readonly Option<int> _vni = new("--vni")
        {
            Description = "The VXLAN id of the mirrored traffic, 0 to 16777215",
            HelpName = "n",
            DefaultValueFactory = _ => Ec2Rules.DefaultVirtualNetworkId,
        };

        public void AddTo(Command command)
        {
            command.Arguments.Add(_eni);
            foreach (var option in new Option[] { _target, _filter, _vpc, _type, _vni })
            {
                command.Options.Add(option);
            }
        }

        public MirrorCall Read(ParseResult parse)
        {
            var (eniId, vpcId) = (parse.GetRequiredValue(_eni), parse.GetRequiredValue(_vpc));
            return new MirrorCall(Ec2Rules.NetworkInterfaceOf(vpcId, null, eniId, parse.GetRequiredValue(_type)),
                parse.GetRequiredValue(_target), parse.GetRequiredValue(_filter), parse.GetValue(_vni),
                Ec2Rules.MirrorSessionName(vpcId, eniId));
        }
    }

    /// <summary>A mirror session's arguments as read from the command line.</summary>
    private sealed record MirrorCall(NetworkInterface Eni, string Target, string Filter, int Vni, string Name);

    private static Argument<string> VpcArgument() => new("vpc-id") { Description = "The VPC (vpc-…)" };

    private static Argument<string> SessionArgument() => new("session-id") { Description = "The traffic mirror session (tms-…)" };

    /// <summary>EC2's own word for a tenancy (<c>default</c>, <c>dedicated</c>, <c>host</c>), or <c>unknown</c>.</summary>
    private static string Tenancy(VpcTenancy tenancy) => tenancy.ToString().ToLowerInvariant();

    private static void Lines(TextWriter text, IEnumerable<string> lines, string whenEmpty)
    {
        var none = true;
        foreach (var line in lines)
        {
            text.WriteLine(line);
            none = false;
        }

        if (none) text.WriteLine(whenEmpty);
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
