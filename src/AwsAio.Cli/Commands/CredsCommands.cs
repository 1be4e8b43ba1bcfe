using System.CommandLine;
using AwsAio.Core;

namespace AwsAio.Cli.Commands;

/// <summary><c>awsaio creds …</c>: where credentials and region come from, before any request is made.</summary>
internal sealed class CredsCommands : ICommandGroup
{
    /// <inheritdoc />
    public int Order => 20;

    /// <inheritdoc />
    public Command Build(CommandRunner runner)
    {
        var explain = new Command("explain",
            "Show which source supplies credentials and region, and why the others were skipped; sends nothing, prints no secret");
        runner.SetAction(explain, (call, _) =>
            Task.FromResult(LanguageExt.Prelude.Right<DomainError, Rendered>(Render(call.Provider.DescribeCredentialSource()))));
        return new Command("creds", "Where credentials and region come from") { explain };
    }

    private static Rendered Render(CredentialSourceReport report) => new(
        text => TextTable.Pairs(text, new[]
            {
                ("source", report.Source.ToString()), ("credentials", report.Detail),
                ("role", report.AssumeRoleArn ?? "none assumed"), ("region", $"{report.Region} ({report.RegionSource})"),
                ("endpoint", report.Endpoint ?? "AWS"),
            }
            .Concat(report.Skipped.Select(s => ("skipped", s)))),
        json =>
        {
            json.WriteStartObject();
            json.WriteString("source", report.Source.ToString());
            json.WriteString("credentials", report.Detail);
            json.WriteString("roleArn", report.AssumeRoleArn);
            json.WriteString("region", report.Region);
            json.WriteString("regionSource", report.RegionSource);
            json.WriteString("endpoint", report.Endpoint);
            json.WriteStartArray("skipped");
            foreach (var skipped in report.Skipped)
            {
                json.WriteStringValue(skipped);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
}
