using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsAio.Core;
using AwsAio.Testing;
using FsCheck;
using FsCheck.Fluent;
using Moq;
using Xunit;
using static AwsAio.Tests.Support.NeverThrowsAssert;

namespace AwsAio.Tests.NeverThrows;

/// <summary>
/// The STS calls of StsInteractions.cs never throw, by property: a mocked IAmazonSecurityTokenService answers with
/// generated responses (missing accounts, credentials and parts of credentials included) or generated STS and
/// transport exceptions; a Right carries exactly what STS said, a Left is classified, and no secret is ever rendered.
/// </summary>
public sealed class StsInteractionsNeverThrowsTests
{
    private const string RoleArn = "arn:aws:iam::210987654321:role/Capture";

    /// <summary>A GetCallerIdentity answer.</summary>
    public sealed record IdentityCase(Answer<GetCallerIdentityResponse> Answer);

    /// <summary>An AssumeRole answer, with the optional arguments the call was given.</summary>
    public sealed record AssumeCase(string? SessionName, string? ExternalId, TimeSpan? Duration, Answer<AssumeRoleResponse> Answer)
    {
        /// <summary>Describes the case for counterexamples (the credentials' parts, never their values).</summary>
        public override string ToString() =>
            $"session {SessionName ?? "null"}, external id {ExternalId ?? "null"}, duration {Duration?.ToString() ?? "null"}, {Answer} " +
            (Answer.Response is { } r
                ? $"(credentials {(r.Credentials is { } c ? $"key '{c.AccessKeyId}', secret {(c.SecretAccessKey is null ? "null" : $"{c.SecretAccessKey.Length} chars")}, token {(c.SessionToken is null ? "null" : $"{c.SessionToken.Length} chars")}, expiration {c.Expiration?.ToString("O") ?? "null"}" : "null")})"
                : "");
    }

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property GetCallerIdentity_AnyAnswer_IsTheIdentityServed_OrItsClassifiedError() =>
        Prop.ForAll(Answers.Of(StsResponses.GetCallerIdentity(), AwsService.Sts).Select(a => new IdentityCase(a)).ToArbitrary(), async c =>
        {
            var sts = new Mock<IAmazonSecurityTokenService>(MockBehavior.Strict);
            sts.Setup(s => s.GetCallerIdentityAsync(It.IsAny<GetCallerIdentityRequest>(), It.IsAny<CancellationToken>())).Returns(c.Answer.ToTask);

            var result = await StsInteractions.GetCallerIdentityAsync(new FakeAwsClientProvider(sts: sts.Object));

            var error = Classified(result);
            if (!c.Answer.Succeeds)
            {
                Same(Expected("STS", "GetCallerIdentity", ErrorTarget.None, c.Answer.Error!), error ?? LeftOf(result));
                return;
            }

            var served = c.Answer.Response!;
            if (string.IsNullOrEmpty(served.Account))
            {
                // An identity without an account is no identity: a malformed answer, with STS's request id.
                var malformed = Assert.IsType<DomainError.MalformedResponse>(error);
                Assert.Equal(served.ResponseMetadata?.RequestId ?? "", malformed.Details.RequestId);
                return;
            }

            Assert.Equal(new CallerIdentity(served.Account, served.Arn ?? "", served.UserId ?? ""), RightOf(result));
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property AssumeRole_AnyAnswer_IsTheCompleteCredentialsServed_OrAClassifiedError_AndNeverShowsASecret() =>
        Prop.ForAll(AssumeCases().ToArbitrary(), async c =>
        {
            var sts = new Mock<IAmazonSecurityTokenService>(MockBehavior.Strict);
            sts.Setup(s => s.AssumeRoleAsync(It.IsAny<AssumeRoleRequest>(), It.IsAny<CancellationToken>())).Returns(c.Answer.ToTask);

            var result = await StsInteractions.AssumeRoleAsync(RoleArn, new FakeAwsClientProvider(sts: sts.Object), c.SessionName, c.ExternalId, c.Duration);

            var error = Classified(result);
            Assert.DoesNotContain(StsResponses.SecretPrefix, result.Match(Right: r => r.ToString(), Left: e => e.ToString()));
            sts.Verify(s => s.AssumeRoleAsync(It.Is<AssumeRoleRequest>(r =>
                r.RoleArn == RoleArn && r.RoleSessionName == (c.SessionName ?? AwsClientProviderOptions.DefaultRoleSessionName)
                && r.ExternalId == c.ExternalId && r.DurationSeconds == (c.Duration.HasValue ? (int)c.Duration.Value.TotalSeconds : null)),
                It.IsAny<CancellationToken>()), Times.Once);
            if (!c.Answer.Succeeds)
            {
                Same(Expected("STS", "AssumeRole", ErrorTarget.Of(RoleArn), c.Answer.Error!), error ?? LeftOf(result));
                return;
            }

            var served = c.Answer.Response!;
            if (served.Credentials is not { AccessKeyId: { Length: > 0 } key, SecretAccessKey: { Length: > 0 } secret, SessionToken: { Length: > 0 } token, Expiration: { } expiration })
            {
                // Incomplete credentials are no AssumeRole answer: a malformed answer about the role.
                var malformed = Assert.IsType<DomainError.MalformedResponse>(error);
                Assert.Equal(RoleArn, malformed.Details.Target.Resource);
                return;
            }

            var assumed = RightOf(result);
            Assert.Equal(RoleArn, assumed.RoleArn);
            Assert.Equal(served.AssumedRoleUser?.Arn ?? "", assumed.AssumedRoleArn);
            Assert.Equal(served.AssumedRoleUser?.AssumedRoleId ?? "", assumed.AssumedRoleId);
            Assert.Equal(expiration.ToUniversalTime(), assumed.Expiration.UtcDateTime);
            var credentials = await assumed.Credentials.GetCredentialsAsync();
            Assert.Equal((key, secret, token), (credentials.AccessKey, credentials.SecretKey, credentials.Token));
        });

    private static Gen<AssumeCase> AssumeCases() =>
        from session in Gen.Elements<string?>(null, "awsaio", "capture@ops.example-1")
        from externalId in Gen.Elements<string?>(null, "awsaio-7f3c")
        from duration in Gen.Elements<TimeSpan?>(null, TimeSpan.FromMinutes(15), TimeSpan.FromHours(12))
        from answer in Answers.Of(StsResponses.AssumeRole(), AwsService.Sts)
        select new AssumeCase(session, externalId, duration, answer);
}
