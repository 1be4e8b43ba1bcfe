using System.Text;
using AwsAio.Core;

namespace AwsAio;

/// <summary>
/// Another account and/or region for a provider to work in: a role to assume there (with the external id its trust
/// policy asks for) and/or a region. Unset parts keep the provider's own. <c>ToString()</c> never shows the external id.
/// </summary>
/// <example><code>AwsTarget.Role("arn:aws:iam::210987654321:role/Audit", "awsaio-7f3c").InRegion("eu-west-1")</code></example>
public sealed record AwsTarget
{
    /// <summary>The role to assume, or null to keep the provider's credentials.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The external id the role's trust policy asks for, or null.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The region, or null to keep the provider's.</summary>
    public string? Region { get; init; }

    /// <summary>A role in another account (or the same), assumed from the provider's credentials.</summary>
    /// <param name="roleArn">The role's ARN (any partition).</param>
    /// <param name="externalId">The external id its trust policy asks for, or null.</param>
    public static AwsTarget Role(string roleArn, string? externalId = null) => new() { RoleArn = roleArn, ExternalId = externalId };

    /// <summary>The provider's own account in another region.</summary>
    /// <param name="region">The region.</param>
    public static AwsTarget Regional(string region) => new() { Region = region };

    /// <summary>The same target in <paramref name="region"/>.</summary>
    /// <param name="region">The region.</param>
    public AwsTarget InRegion(string region) => this with { Region = region };

    /// <summary>The target as the core's facts, for its checks.</summary>
    internal TargetFacts Facts() => new(RoleArn, ExternalId, Region);

    /// <summary>Renders the target without the external id.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"RoleArn = {RoleArn}, ExternalId = {(ExternalId is null ? "none" : "given (hidden)")}, Region = {Region}");
        return true;
    }
}
