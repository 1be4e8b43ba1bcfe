using System.Text;
using Amazon.Runtime;

namespace AwsAio;

/// <summary>Temporary credentials from an explicit AssumeRole. <c>ToString()</c> never shows the credentials.</summary>
/// <param name="RoleArn">The role that was assumed.</param>
/// <param name="AssumedRoleArn">The ARN of the assumed-role session.</param>
/// <param name="AssumedRoleId">The id of the assumed-role session.</param>
/// <param name="Expiration">When the credentials expire.</param>
/// <param name="Credentials">The session credentials, ready to hand to an SDK client.</param>
public sealed record AssumedRole(
    string RoleArn, string AssumedRoleArn, string AssumedRoleId, DateTimeOffset Expiration, AWSCredentials Credentials)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"RoleArn = {RoleArn}, AssumedRoleArn = {AssumedRoleArn}, AssumedRoleId = {AssumedRoleId}, ");
        builder.Append($"Expiration = {Expiration:O}, Credentials = (hidden)");
        return true;
    }
}
