using System.Text;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

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

/// <summary>STS calls over <c>Either</c>: who am I, and explicit role assumption.</summary>
public static class StsInteractions
{
    /// <summary>Who the provider's credentials belong to (account, ARN, user id).</summary>
    public static async Task<Either<DomainError, CallerIdentity>> GetCallerIdentityAsync(
        IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (AwsCall.NoProvider(provider) is { } missing) return missing;
        var response = await AwsCall.RunAsync(
            "STS", "GetCallerIdentity", ErrorTarget.None, c => provider.GetSts().GetCallerIdentityAsync(new GetCallerIdentityRequest(), c), ct)
            .ConfigureAwait(false);
        return response.Bind(r => r.Account is { Length: > 0 } account
            ? Right<DomainError, CallerIdentity>(new CallerIdentity(account, r.Arn ?? "", r.UserId ?? ""))
            : Left<DomainError, CallerIdentity>(Incomplete("GetCallerIdentity", "an account", r)));
    }

    /// <summary>
    /// Assumes a role once with the provider's STS client and returns its temporary credentials. The role ARN, session
    /// name, external id and duration are checked before any request. (Providers built with <c>AssumeRoleArn</c>
    /// assume and refresh their role by themselves; this is for explicit use.)
    /// </summary>
    public static async Task<Either<DomainError, AssumedRole>> AssumeRoleAsync(
        string roleArn, IAwsClientProvider provider, string? sessionName = null, string? externalId = null,
        TimeSpan? duration = null, CancellationToken ct = default)
    {
        if (AwsCall.NoProvider(provider) is { } missing) return missing;
        var session = sessionName ?? AwsClientProviderOptions.DefaultRoleSessionName;
        var invalid =
            AwsCall.ErrorOf(Validate.RoleArn(roleArn))
            ?? AwsCall.ErrorOf(Validate.RoleSessionName(session))
            ?? AwsCall.ErrorOf(externalId, Validate.ExternalId)
            ?? (duration is { } d ? AwsCall.ErrorOf(Validate.SessionDuration(d)) : null);
        if (invalid is not null)
        {
            return invalid;
        }

        var request = new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = session,
            ExternalId = externalId,
            DurationSeconds = duration is { } lifetime ? (int)lifetime.TotalSeconds : null,
        };
        var response = await AwsCall.RunAsync(
            "STS", "AssumeRole", ErrorTarget.Of(roleArn), c => provider.GetSts().AssumeRoleAsync(request, c), ct).ConfigureAwait(false);
        return response.Bind(r => ToAssumedRole(roleArn, r));
    }

    private static Either<DomainError, AssumedRole> ToAssumedRole(string roleArn, AssumeRoleResponse r) =>
        r.Credentials is { AccessKeyId: { } key, SecretAccessKey: { } secret, SessionToken: { } token, Expiration: { } expiration }
            ? Right<DomainError, AssumedRole>(new AssumedRole(
                roleArn, r.AssumedRoleUser?.Arn ?? "", r.AssumedRoleUser?.AssumedRoleId ?? "",
                new DateTimeOffset(expiration.ToUniversalTime(), TimeSpan.Zero), new SessionAWSCredentials(key, secret, token)))
            : Left<DomainError, AssumedRole>(DomainError.NewAssumeRoleFailed(roleArn,
                AwsErrorDetails.Of("STS", "AssumeRole", "", "STS answered without complete credentials",
                    (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId ?? "")));

    private static DomainError Incomplete(string operation, string what, AmazonWebServiceResponse r) =>
        DomainError.NewUnexpected(
            AwsErrorDetails.Of("STS", operation, "", $"STS answered without {what}", (int)r.HttpStatusCode,
                r.ResponseMetadata?.RequestId ?? ""), null);
}
