using AwsAio.Cli.Tests.Support;
using Xunit;

namespace AwsAio.Cli.Tests;

/// <summary>The command groups are found in the tool's assembly and listed in their order.</summary>
public sealed class CommandGroupTests
{
    [Fact]
    public async Task EveryGroup_IsACommandOfTheRoot_InItsOrder()
    {
        var help = (await Tool.RunAsync("--help")).Stdout;

        var whoami = help.IndexOf("\n  whoami ", StringComparison.Ordinal);
        var creds = help.IndexOf("\n  creds ", StringComparison.Ordinal);
        var s3 = help.IndexOf("\n  s3 ", StringComparison.Ordinal);
        Assert.True(whoami > 0 && whoami < creds && creds < s3, help);
    }

    [Theory]
    [InlineData("s3", "status", "create", "ensure", "ls", "put", "get", "meta", "destroy")]
    [InlineData("creds", "explain")]
    public async Task AGroup_HasItsSubcommands(string group, params string[] subcommands)
    {
        var help = (await Tool.RunAsync(group, "--help")).Stdout;

        Assert.All(subcommands, c => Assert.Contains($"\n  {c} ", help));
    }
}
