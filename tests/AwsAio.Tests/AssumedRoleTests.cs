using Amazon.Runtime;
using Xunit;

namespace AwsAio.Tests;

/// <summary>An assumed role's result: rendered with its identity and expiry, never its credentials.</summary>
public sealed class AssumedRoleTests
{
    [Fact]
    public void ToString_RendersIdentityAndExpiry_HidesTheCredentials()
    {
        var role = new AssumedRole("arn:aws:iam::210987654321:role/Audit", "arn:aws:sts::210987654321:assumed-role/Audit/s",
            "AROAEXAMPLE:s", new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero),
            new SessionAWSCredentials("AKIDEXAMPLE", "secret-key-4711", "token-4711"));
        Assert.Equal("AssumedRole { RoleArn = arn:aws:iam::210987654321:role/Audit, "
            + "AssumedRoleArn = arn:aws:sts::210987654321:assumed-role/Audit/s, AssumedRoleId = AROAEXAMPLE:s, "
            + "Expiration = 2026-12-01T06:00:00.0000000+00:00, Credentials = (hidden) }", role.ToString());
    }
}
