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
}
