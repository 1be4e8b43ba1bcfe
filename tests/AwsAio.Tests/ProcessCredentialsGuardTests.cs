using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>
/// A profile whose credential_process fails: the error says it failed and with which exit code, never what the
/// process printed (a process may echo a secret).
/// </summary>
public sealed class ProcessCredentialsGuardTests : IDisposable
{
    private const string Leak = "SECRET-wJalrXUtnFEMI-K7MDENG";
    private readonly string _folder = Directory.CreateTempSubdirectory("awsaio-process-").FullName;

    private string Profiles(string command)
    {
        var path = Path.Combine(_folder, "credentials");
        File.WriteAllText(path, $"[proc]\ncredential_process = {command}\nregion = eu-west-1\n");
        return path;
    }

    [Fact]
    public async Task AFailingProcess_IsCredentialsUnavailable_WithItsExitCode_AndNoneOfItsOutput()
    {
        var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "proc",
            ProfilesLocation = Profiles($"sh -c \"echo {Leak} >&2; echo {Leak}; exit 3\""),
            Endpoint = new EndpointOverride(TestEnvironment.NowhereUrl),
        }).Right();
        using var _ = provider;

        var error = await StsInteractions.GetCallerIdentityAsync(provider).Left();

        var unavailable = Assert.IsType<DomainError.CredentialsUnavailable>(error);
        Assert.Equal("profile 'proc'", unavailable.Source);
        Assert.Contains("exit code 3", unavailable.Reason);
        Assert.DoesNotContain(Leak, error.ToString());
        Assert.DoesNotContain(Leak, error.ErrorDetails.Message);
    }

    [Fact]
    public async Task TheGuard_ThrowsAnExceptionThatCarriesNothingOfTheProcess()
    {
        var inner = new ProcessAWSCredentials($"sh -c \"echo {Leak} >&2; exit 7\"");
        var guard = new ProcessCredentialsGuard(inner, "proc");

        var thrown = await Assert.ThrowsAsync<CredentialsFailedException>(() => guard.GetCredentialsAsync());

        Assert.Null(thrown.InnerException);
        Assert.DoesNotContain(Leak, thrown.ToString());
        Assert.Contains("exit code 7", thrown.Message);
        Assert.Equal("the credential_process of profile 'proc'", guard.ToString());
    }

    [Fact]
    public void AWorkingProcess_GivesItsCredentials_ThroughTheGuard()
    {
        var json = "{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"process-secret\"}";
        var guard = new ProcessCredentialsGuard(new ProcessAWSCredentials($"echo '{json}'"), "proc");
        Assert.Equal("AKIDPROCESS", guard.GetCredentials().AccessKey);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Credentials whose every fetch throws <paramref name="thrown"/>.</summary>
    private sealed class Throwing(Exception thrown) : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw thrown;

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromException<ImmutableCredentials>(thrown);
    }

    [Fact]
    public async Task TheGuard_LetsTheLibrarysOwnFailureAndCancellationThrough_Unchanged()
    {
        var failure = new CredentialsFailedException(AwsAio.Core.DomainError.NewInvalidInput("provider", "has been disposed"));
        var cancelled = new OperationCanceledException("stopped");

        Assert.Same(failure, await Assert.ThrowsAsync<CredentialsFailedException>(() => new ProcessCredentialsGuard(new Throwing(failure), "proc").GetCredentialsAsync()));
        Assert.Same(cancelled, await Assert.ThrowsAsync<OperationCanceledException>(() => new ProcessCredentialsGuard(new Throwing(cancelled), "proc").GetCredentialsAsync()));
    }
}
