using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>The SDK's default chain, resolved when first asked: here from the environment, the chain's first source.</summary>
[Collection(nameof(EnvironmentVariables))]
public sealed class DefaultChainCredentialsTests
{
    [Fact]
    public async Task TheChain_IsAskedWhenCredentialsAreNeeded_AndGivesTheEnvironmentsKeys()
    {
        var credentials = new DefaultChainCredentials();
        using (new EnvironmentScope(("AWS_ACCESS_KEY_ID", "AKIDCHAINEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "chain-secret-wJalrXUtnFEMI"),
                   ("AWS_SESSION_TOKEN", null)))
        {
            var found = await credentials.GetCredentialsAsync();

            Assert.Equal("AKIDCHAINEXAMPLE", found.AccessKey);
            Assert.Equal("chain-secret-wJalrXUtnFEMI", found.SecretKey);
            Assert.Equal("AKIDCHAINEXAMPLE", credentials.GetCredentials().AccessKey);
        }

        Assert.Equal("the SDK's default credential chain", credentials.ToString());
        Assert.DoesNotContain("chain-secret", credentials.ToString());
    }

    private static readonly (string, string?)[] NoOtherSource =
    [
        ("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", null),
        ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null), ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null),
    ];

    [Fact]
    public async Task ADefaultProfileWhoseProcessFails_IsThatProcessFailing_WithItsExitCodeOnly()
    {
        using var files = new SharedFilesScope("", environment: NoOtherSource);
        var script = Path.Combine(files.Folder, "fail.sh");
        File.WriteAllText(script, "echo SECRET-wJalrXUtnFEMI-K7MDENG >&2\nexit 3\n");
        File.WriteAllText(files.CredentialsPath, $"[default]\ncredential_process = sh {script}\n");

        var thrown = await Assert.ThrowsAsync<CredentialsFailedException>(() => new DefaultChainCredentials().GetCredentialsAsync());

        Assert.Equal(DomainError.NewCredentialsUnavailable("profile 'default'",
            "its credential_process failed with exit code 3 (its output is not shown: it may hold secrets)",
            AwsErrorDetails.NoResponse("", "")), thrown.Error);
        Assert.Null(thrown.InnerException);
        Assert.DoesNotContain("SECRET-wJalrXUtnFEMI", thrown.ToString());
    }

    [Fact]
    public async Task NoSourceAnywhere_IsCredentialsUnavailable_NamingTheChain_WithTheSdksExceptionKeptInside()
    {
        using var files = new SharedFilesScope("", environment: NoOtherSource);

        var thrown = await Assert.ThrowsAsync<CredentialsFailedException>(() => new DefaultChainCredentials().GetCredentialsAsync());

        Assert.Equal(DomainError.NewCredentialsUnavailable("the SDK's default credential chain",
            "no source had credentials (environment, web identity, profile, container, instance metadata)",
            AwsErrorDetails.NoResponse("", "")), thrown.Error);
        Assert.IsAssignableFrom<AmazonClientException>(thrown.InnerException);
        Assert.IsNotType<CredentialsFailedException>(thrown.InnerException);
    }
}
