using Xunit;
using static AwsAio.Testing.Tests.Support.Sampling;

namespace AwsAio.Testing.Tests;

/// <summary>Generated STS answers include missing accounts, missing credentials and credentials missing a part.</summary>
public sealed class StsResponsesTests
{
    [Fact]
    public void GetCallerIdentity_HasNullEmptyAndMalformedAccounts_AndValidOnes()
    {
        var samples = Draw(StsResponses.GetCallerIdentity());

        Assert.Contains(samples, r => r.Account is null);
        Assert.Contains(samples, r => r.Account == "");
        Assert.Contains(samples, r => r.Account is { Length: 12 } a && a.All(char.IsAsciiDigit));
        Assert.Contains(samples, r => r.Arn is null);
        Assert.Contains(samples, r => r.UserId is null);
    }

    [Fact]
    public void AssumeRole_HasNoCredentials_IncompleteCredentials_EmptyParts_AndCompleteOnes()
    {
        var samples = Draw(StsResponses.AssumeRole());

        Assert.Contains(samples, r => r.Credentials is null);
        Assert.Contains(samples, r => r.Credentials is { SecretAccessKey: null });
        Assert.Contains(samples, r => r.Credentials is { Expiration: null });
        Assert.Contains(samples, r => r.Credentials is { AccessKeyId: "" });
        Assert.Contains(samples, r => r.Credentials is { SessionToken: "" });
        ShareBetween(samples, r => r.Credentials is { AccessKeyId.Length: > 0, SecretAccessKey: not null, SessionToken: not null, Expiration: not null },
            0.2, 0.7, "complete credentials");
        Assert.Contains(samples, r => r.AssumedRoleUser is null);
        Assert.Contains(samples, r => r.AssumedRoleUser is { Arn: null });
    }

    [Fact]
    public void AssumeRole_EveryNonEmptySecretStartsWithTheMarkedPrefix_SoLeaksCanBeFound()
    {
        var credentials = Draw(StsResponses.AssumeRole()).Select(r => r.Credentials).Where(c => c is not null).ToList();

        Assert.All(credentials.Where(c => c!.SecretAccessKey is { Length: > 0 }), c => Assert.StartsWith(StsResponses.SecretPrefix, c!.SecretAccessKey));
        Assert.All(credentials.Where(c => c!.SessionToken is { Length: > 0 }), c => Assert.StartsWith(StsResponses.SecretPrefix, c!.SessionToken));
    }
}
