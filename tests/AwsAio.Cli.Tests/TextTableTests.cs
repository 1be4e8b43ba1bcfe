using AwsAio.Cli.Tests.Support;
using Xunit;

namespace AwsAio.Cli.Tests;

/// <summary>Text output is aligned: every value of a label/value listing starts in the same column.</summary>
public sealed class TextTableTests
{
    [Fact]
    public async Task LabelsAndValues_AreAligned()
    {
        var lines = (await Tool.RunAsync("creds", "explain")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var labelWidth = lines.Max(l => l.IndexOf(' '));
        Assert.All(lines, l =>
        {
            Assert.Equal(' ', l[labelWidth]);
            Assert.Equal(' ', l[labelWidth + 1]);
            Assert.NotEqual(' ', l[labelWidth + 2]);
        });
    }
}
