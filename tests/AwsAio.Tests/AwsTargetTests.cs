using Xunit;

namespace AwsAio.Tests;

/// <summary>Targets: built from roles and regions, rendered without the external id.</summary>
public sealed class AwsTargetTests
{
    [Fact]
    public void ARoleInARegion_KeepsEveryPart()
    {
        var target = AwsTarget.Role("arn:aws:iam::210987654321:role/Audit", "awsaio-7f3c").InRegion("eu-west-1");
        Assert.Equal(new AwsTarget { RoleArn = "arn:aws:iam::210987654321:role/Audit", ExternalId = "awsaio-7f3c", Region = "eu-west-1" }, target);
        Assert.Equal(new AwsAio.Core.TargetFacts("arn:aws:iam::210987654321:role/Audit", "awsaio-7f3c", "eu-west-1"), target.Facts());
        Assert.Equal(new AwsTarget { Region = "ap-south-1" }, AwsTarget.Regional("ap-south-1"));
    }

    [Fact]
    public void ToString_NeverShowsTheExternalId()
    {
        var text = AwsTarget.Role("arn:aws:iam::210987654321:role/Audit", "awsaio-7f3c-very-secret").ToString();
        Assert.DoesNotContain("very-secret", text);
        Assert.Contains("given (hidden)", text);
        Assert.Contains("role/Audit", text);
    }

    [Fact]
    public void ToString_WithAndWithoutExternalId_RendersExactly()
    {
        Assert.Equal("AwsTarget { RoleArn = arn:aws:iam::210987654321:role/Audit, ExternalId = given (hidden), Region = eu-west-1 }",
            AwsTarget.Role("arn:aws:iam::210987654321:role/Audit", "awsaio-7f3c").InRegion("eu-west-1").ToString());
        Assert.Equal("AwsTarget { RoleArn = , ExternalId = none, Region = ap-south-1 }", AwsTarget.Regional("ap-south-1").ToString());
    }
}
