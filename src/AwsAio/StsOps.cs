using AwsAio.Core;

namespace AwsAio;

/// <summary>Every <see cref="StsInteractions"/> call as an operation (<see cref="AwsOp{T}"/>).</summary>
public static class StsOps
{
    /// <summary><see cref="StsInteractions.GetCallerIdentityAsync"/> as an operation.</summary>
    public static AwsOp<CallerIdentity> GetCallerIdentity() =>
        AwsOp.Of((p, ct) => StsInteractions.GetCallerIdentityAsync(p, ct));

    /// <summary><see cref="StsInteractions.AssumeRoleAsync"/> as an operation.</summary>
    /// <param name="roleArn">The role to assume (any partition).</param>
    /// <param name="sessionName">The role session name; null for the default.</param>
    /// <param name="externalId">The external id the role's trust policy asks for, or null.</param>
    /// <param name="duration">How long the credentials last; null for STS's default.</param>
    public static AwsOp<AssumedRole> AssumeRole(
        string roleArn, string? sessionName = null, string? externalId = null, TimeSpan? duration = null) =>
        AwsOp.Of((p, ct) => StsInteractions.AssumeRoleAsync(roleArn, p, sessionName, externalId, duration, ct));

    /// <summary><see cref="IAwsClientProvider.GetEnvironmentAsync"/> as an operation: the account and region of the
    /// provider the operation runs with (handy across many targets).</summary>
    public static AwsOp<AwsEnvironment> GetEnvironment() =>
        AwsOp.Of((p, ct) => p.GetEnvironmentAsync(ct));
}
