using System.CommandLine;
using AwsAio.Core;

namespace AwsAio.Cli.Commands;

/// <summary><c>awsaio whoami</c>: who the credentials belong to, and the environment string <c>aws://account/region</c>.</summary>
internal sealed class WhoamiCommand : ICommandGroup
{
    /// <inheritdoc />
    public int Order => 10;

    /// <inheritdoc />
    public Command Build(CommandRunner runner)
    {
        var command = new Command("whoami", "Show the account, ARN and user id of the credentials (one STS GetCallerIdentity), and aws://account/region");
        runner.SetAction(command, async (call, ct) =>
        {
            var identity = await StsInteractions.GetCallerIdentityAsync(call.Provider, ct).ConfigureAwait(false);
            return identity.Map(id => Render(id, new AwsEnvironment(id.Account, call.Provider.Region, call.Settings.Profile)));
        });
        return command;
    }

    private static Rendered Render(CallerIdentity id, AwsEnvironment environment) => new(
        text => TextTable.Pairs(text, [
            ("account", id.Account), ("arn", id.Arn), ("user id", id.UserId), ("region", environment.Region),
            ("environment", environment.ToString()),
        ]),
        json =>
        {
            json.WriteStartObject();
            json.WriteString("account", id.Account);
            json.WriteString("arn", id.Arn);
            json.WriteString("userId", id.UserId);
            json.WriteString("region", environment.Region);
            json.WriteString("environment", environment.ToString());
            json.WriteEndObject();
        });
}
