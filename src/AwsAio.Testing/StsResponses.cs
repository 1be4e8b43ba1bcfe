using Amazon.SecurityToken.Model;
using FsCheck;
using FsCheck.Fluent;

namespace AwsAio.Testing;

/// <summary>
/// Generated STS answers, as the v4 SDK returns them: every nested object and nullable value may be null.
/// Generated secrets all start with <see cref="SecretPrefix"/>, so a test can check none leaks into a message.
/// </summary>
public static class StsResponses
{
    /// <summary>The start of every generated secret access key and session token.</summary>
    public const string SecretPrefix = "SECRETwJalrXUtnFEMI";

    /// <summary>An account id: 12 digits, sometimes empty, malformed or null.</summary>
    public static Gen<string?> Account() =>
        Gen.Frequency(
            (5, Gen.Elements("0123456789".ToCharArray()).ArrayOf(12).Select(cs => (string?)new string(cs))),
            (1, Gen.Elements<string?>("", "12345", "not-an-account", null)));

    /// <summary>An ARN of a user, role or assumed-role session, in any partition; sometimes empty or null.</summary>
    public static Gen<string?> Arn() =>
        Gen.Frequency(
            (5, Gen.Elements<string?>("arn:aws:iam::123456789012:user/dev", "arn:aws:sts::123456789012:assumed-role/Capture/awsaio",
                "arn:aws-us-gov:sts::210987654321:assumed-role/ops/Reader/s", "arn:aws-cn:iam::123456789012:root")),
            (1, Gen.Elements<string?>("", null, "arn:")));

    /// <summary>GetCallerIdentity.</summary>
    public static Gen<GetCallerIdentityResponse> GetCallerIdentity() =>
        AwsGen.Response(
            AwsGen.Field(Account(), (GetCallerIdentityResponse r, string? v) => r.Account = v),
            AwsGen.Field(Arn(), (GetCallerIdentityResponse r, string? v) => r.Arn = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("AIDAJQABLZS4A3QDU576Q", "AROA3XFRBF535PLBIFPI4:awsaio", "")),
                (GetCallerIdentityResponse r, string? v) => r.UserId = v));

    /// <summary>Temporary credentials: complete about half the time, else with a part missing (null) or empty.</summary>
    public static Gen<Credentials> Credentials() =>
        AwsGen.Object(() => new Credentials(),
            AwsGen.Field(Mostly(Gen.Frequency((5, Gen.Constant("ASIAIOSFODNN7EXAMPLE")), (1, Gen.Constant("")))), (Credentials c, string? v) => c.AccessKeyId = v),
            AwsGen.Field(Mostly(Gen.Frequency((9, Secret()), (1, Gen.Constant("")))), (Credentials c, string? v) => c.SecretAccessKey = v),
            AwsGen.Field(Mostly(Gen.Frequency((9, Secret().Select(s => s + "/SessionToken//////////wEaCXVz")), (1, Gen.Constant("")))),
                (Credentials c, string? v) => c.SessionToken = v),
            AwsGen.Field(Gen.Frequency((1, Gen.Constant<DateTime?>(null)), (7, AwsGen.Timestamp().Where(t => t is not null))),
                (Credentials c, DateTime? v) => c.Expiration = v));

    /// <summary>AssumeRole: credentials and the assumed-role user may each be missing, or have missing parts.</summary>
    public static Gen<AssumeRoleResponse> AssumeRole() =>
        AwsGen.Response(
            AwsGen.Field(Gen.Frequency((1, Gen.Constant<Credentials?>(null)), (6, Credentials().Select(c => (Credentials?)c))),
                (AssumeRoleResponse r, Credentials? v) => r.Credentials = v),
            AwsGen.Field(AwsGen.OrNull(AwsGen.Object(() => new AssumedRoleUser(),
                    AwsGen.Field(Arn(), (AssumedRoleUser u, string? v) => u.Arn = v),
                    AwsGen.Field(AwsGen.OrNull(Gen.Elements("AROA3XFRBF535PLBIFPI4:awsaio", "")), (AssumedRoleUser u, string? v) => u.AssumedRoleId = v))),
                (AssumeRoleResponse r, AssumedRoleUser? v) => r.AssumedRoleUser = v),
            AwsGen.Field(AwsGen.OrNullValue(Gen.Choose(0, 100)), (AssumeRoleResponse r, int? v) => r.SessionTokenUtilization = v),
            AwsGen.Field(AwsGen.TextOrNull(), (AssumeRoleResponse r, string? v) => r.SourceIdentity = v));

    /// <summary>A value seven times in eight, else null: credentials are complete more often than other answers.</summary>
    private static Gen<string?> Mostly(Gen<string> values) =>
        Gen.Frequency((1, Gen.Constant<string?>(null)), (7, values.Select(v => (string?)v)));

    private static Gen<string> Secret() =>
        Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".ToCharArray())
            .ArrayOf(20).Select(cs => SecretPrefix + new string(cs));
}
