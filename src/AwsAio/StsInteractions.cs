using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>STS calls over <c>Either</c>: who am I, and explicit role assumption.</summary>
public static class StsInteractions
{
    /// <summary>Who the provider's credentials belong to (account, ARN, user id).</summary>
    /// <param name="provider">Supplies the STS client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static Task<Either<DomainError, CallerIdentity>> GetCallerIdentityAsync(
        IAwsClientProvider provider, CancellationToken ct = default) =>
        Inputs.Check(provider) is { } invalid
            ? Task.FromResult(Left<DomainError, CallerIdentity>(invalid))
            : AwsClientProvider.CallerIdentityAsync(provider, ct);

    /// <summary>
    /// Assumes a role once with the provider's STS client and returns its temporary credentials. The role ARN, session
    /// name, external id and duration are checked before any request. (Providers built with <c>AssumeRoleArn</c>
    /// assume and refresh their role by themselves; this is for explicit use.)
    /// </summary>
    /// <param name="roleArn">The role to assume (any partition).</param>
    /// <param name="provider">Supplies the STS client and the call settings.</param>
    /// <param name="sessionName">The role session name; null for the default (awsaio- and the user name).</param>
    /// <param name="externalId">The external id the role's trust policy asks for, or null.</param>
    /// <param name="duration">How long the credentials last (900 to 43200 seconds); null for STS's default.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, AssumedRole>> AssumeRoleAsync(
        string roleArn, IAwsClientProvider provider, string? sessionName = null, string? externalId = null,
        TimeSpan? duration = null, CancellationToken ct = default)
    {
        var session = sessionName ?? AwsClientProviderOptions.DefaultRoleSessionName;
        var invalid = Inputs.Check(provider,
            Inputs.Of(Validate.RoleArn(roleArn)),
            Inputs.Of(Validate.RoleSessionName(session)),
            Inputs.OfOptional(externalId, Validate.ExternalId),
            duration is { } d ? Inputs.Of(Validate.SessionDuration(d)) : null);
        if (invalid is not null) return invalid;

        var request = new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = session,
            ExternalId = externalId,
            DurationSeconds = duration is { } lifetime ? (int)lifetime.TotalSeconds : null,
        };
        var response = await AwsCall.RunAsync(provider, CallInfo.Of(StsOperations.Service, StsOperations.AssumeRole, ErrorTarget.Of(roleArn)),
            c => provider.GetSts().AssumeRoleAsync(request, c), ct).ConfigureAwait(false);
        return response.Bind(r => ToAssumedRole(roleArn, r));
    }

    private static Either<DomainError, AssumedRole> ToAssumedRole(string roleArn, AssumeRoleResponse r) =>
        CredentialRules.IsComplete(r.Credentials?.AccessKeyId, r.Credentials?.SecretAccessKey, r.Credentials?.SessionToken, r.Credentials?.Expiration)
            ? Right<DomainError, AssumedRole>(new AssumedRole(
                roleArn, r.AssumedRoleUser?.Arn ?? "", r.AssumedRoleUser?.AssumedRoleId ?? "",
                new DateTimeOffset(r.Credentials!.Expiration!.Value.ToUniversalTime(), TimeSpan.Zero),
                new SessionAWSCredentials(r.Credentials.AccessKeyId, r.Credentials.SecretAccessKey, r.Credentials.SessionToken)))
            : Left<DomainError, AssumedRole>(StsRules.IncompleteCredentials(roleArn, (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId));
}
