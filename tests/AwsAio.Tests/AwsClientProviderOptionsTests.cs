using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Options render without secrets; the default session name identifies the tool and the user.</summary>
public sealed class AwsClientProviderOptionsTests
{
    private static readonly Gen<string> Secret =
        Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".ToCharArray())
            .ArrayOf().Where(a => a.Length >= 16).Select(a => new string(a));

    private static readonly Gen<string> ExternalId =
        Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".ToCharArray())
            .ArrayOf().Where(a => a.Length >= 16).Select(a => "ext-" + new string(a));

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property NothingTheProviderRendersOrReports_ContainsASecret() =>
        Prop.ForAll(Secret.Zip(Secret).Zip(ExternalId).ToArbitrary(), t =>
        {
            var ((secretKey, token), externalId) = t;
            var options = new AwsClientProviderOptions
            {
                Credentials = new SessionAWSCredentials("ASIAEXAMPLEKEY", secretKey, token),
                Region = "eu-central-1",
                AssumeRoleArn = "arn:aws:iam::123456789012:role/ops",
                ExternalId = externalId,
                Endpoint = new EndpointOverride("http://127.0.0.1:4566"),
            };
            using var provider = AwsClientProvider.Create(options).Right();
            var broken = AwsClientProvider.Create(options with { Region = "nowhere" }).Left();
            var assumed = new AssumedRole("arn:aws:iam::123456789012:role/ops", "arn:aws:sts::123456789012:assumed-role/ops/s",
                "AROA:s", DateTimeOffset.UtcNow, new SessionAWSCredentials("ASIAEXAMPLEKEY", secretKey, token));
            var failed = new CredentialsFailedException(DomainError.NewAssumeRoleFailed(options.AssumeRoleArn!,
                AwsErrorDetails.NoResponse("STS", "AssumeRole")));
            var rendered = string.Join("\n", options.ToString(), provider.ToString(), provider.DescribeCredentialSource().ToString(),
                broken.ToString(), options.Endpoint!.ToString(), assumed.ToString(), failed.Message, failed.ToString());
            return !rendered.Contains(secretKey) && !rendered.Contains(token) && !rendered.Contains(externalId);
        });

    [Fact]
    public void AnEndpointUrlWithAPassword_IsNeverPrinted()
    {
        var endpoint = new EndpointOverride("https://minio:hunter2-long-password@s3.example.internal");
        var options = new AwsClientProviderOptions { Endpoint = endpoint };
        Assert.DoesNotContain("hunter2", endpoint.ToString());
        Assert.DoesNotContain("hunter2", options.ToString());
        Assert.DoesNotContain("hunter2", AwsClientProvider.Create(options).Left().ToString());
    }

    [Fact]
    public void TheDefaultSessionName_IsAValidSessionName_ThatNamesTheTool()
    {
        var name = AwsClientProviderOptions.DefaultRoleSessionName;
        Assert.StartsWith("awsaio", name);
        Assert.True(Validate.RoleSessionName(name).IsOk);
    }

    [Fact]
    public void EndpointDefaults_SuitEmulators()
    {
        var endpoint = new EndpointOverride("http://127.0.0.1:4568");
        Assert.True(endpoint.ForcePathStyle);
        Assert.True(endpoint.ChecksumsOnlyWhenRequired);
        Assert.False(endpoint.UseChunkEncoding);
        Assert.Null(endpoint.AuthenticationRegion);
    }

    [Fact]
    public void ToString_EveryOption_PrintedByName_SecretsAsGivenOrNone()
    {
        var bare = new AwsClientProviderOptions();
        var full = new AwsClientProviderOptions
        {
            Profile = "audit",
            ProfilesLocation = "/etc/aws/credentials",
            Region = "eu-west-1",
            Compute = true,
            Credentials = new BasicAWSCredentials("AKIDPRINTEXAMPLE", "print-secret-wJalrXUtnFEMI"),
            AssumeRoleArn = "arn:aws:iam::123456789012:role/reader",
            ExternalId = "ext-print-0123456789",
            RoleSessionName = "printer",
            SessionDuration = TimeSpan.FromMinutes(30),
            CredentialRefreshWindow = TimeSpan.FromMinutes(4),
            Endpoint = new EndpointOverride("http://127.0.0.1:4569"),
            AllowInsecureHttp = true,
            Timeout = TimeSpan.FromSeconds(7),
            MaxErrorRetry = 1,
            CallDeadline = TimeSpan.FromSeconds(40),
            IdleTimeout = TimeSpan.FromSeconds(9),
            AllowDotSegmentKeys = true,
            ConfigureClient = _ => { },
            MaxCachedTargets = 12,
            TargetIdleTimeout = TimeSpan.FromMinutes(3),
        };

        Assert.Equal(
            "AwsClientProviderOptions { Profile = audit, ProfilesLocation = /etc/aws/credentials, Region = eu-west-1, " +
            "Compute = True, Credentials = given (hidden), AssumeRoleArn = arn:aws:iam::123456789012:role/reader, " +
            "ExternalId = given (hidden), RoleSessionName = printer, SessionDuration = 00:30:00, CredentialRefreshWindow = 00:04:00, " +
            "Endpoint = EndpointOverride { Url = http://127.0.0.1:4569, AuthenticationRegion = , ForcePathStyle = True, " +
            "ChecksumsOnlyWhenRequired = True, UseChunkEncoding = False }, AllowInsecureHttp = True, Timeout = 00:00:07, " +
            "MaxErrorRetry = 1, CallDeadline = 00:00:40, IdleTimeout = 00:00:09, AllowDotSegmentKeys = True, " +
            "ConfigureClient = given, MaxCachedTargets = 12, TargetIdleTimeout = 00:03:00 }",
            full.ToString());
        Assert.Contains("Compute = False, Credentials = none,", bare.ToString());
        Assert.Contains("AllowDotSegmentKeys = False,", bare.ToString());
        Assert.Contains("ExternalId = none,", bare.ToString());
        Assert.Contains("ConfigureClient = none,", bare.ToString());
        Assert.DoesNotContain("print-secret", full.ToString());
        Assert.DoesNotContain("ext-print", full.ToString());
    }
}
