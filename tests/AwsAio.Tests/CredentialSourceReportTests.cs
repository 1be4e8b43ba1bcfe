using Xunit;

namespace AwsAio.Tests;

/// <summary>The credential-source report reads as a few plain lines.</summary>
public sealed class CredentialSourceReportTests
{
    [Fact]
    public void ToString_ListsSourceRoleRegionEndpointAndEverySkippedSource()
    {
        var report = new CredentialSourceReport(CredentialSource.Profile, "profile 'dev' (static keys)", "arn:aws:iam::123456789012:role/r",
            "eu-west-1", "profile 'dev'", null, ["credentials in the options: none given", "default credential chain: not consulted"]);

        Assert.Equal(
            string.Join(Environment.NewLine,
                "credentials: profile 'dev' (static keys)",
                "role: assumes arn:aws:iam::123456789012:role/r",
                "region: eu-west-1 (profile 'dev')",
                "endpoint: AWS",
                "skipped: credentials in the options: none given",
                "skipped: default credential chain: not consulted"),
            report.ToString());
    }

    [Fact]
    public void ToString_SaysWhenNoRoleIsAssumed()
    {
        var report = new CredentialSourceReport(CredentialSource.Explicit, "given", null, "us-east-1", "set", "http://127.0.0.1:1", []);
        Assert.Contains("role: none assumed", report.ToString());
        Assert.Contains("endpoint: http://127.0.0.1:1", report.ToString());
    }
}
