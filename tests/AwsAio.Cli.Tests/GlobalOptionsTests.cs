using AwsAio.Cli.Tests.Support;
using Xunit;

namespace AwsAio.Cli.Tests;

/// <summary>
/// The global options and the AWS CLI's environment variables, seen through <c>creds explain --output json</c> (which
/// builds the provider and sends nothing): an option given on the command line wins over its variable.
/// </summary>
public sealed class GlobalOptionsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("awsaio-cli-profiles-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Credentials()
    {
        var path = Path.Combine(_folder.FullName, "credentials");
        File.WriteAllText(path, """
            [dev]
            aws_access_key_id = AKIDDEVEXAMPLE
            aws_secret_access_key = dev-secret-wJalrXUtnFEMI
            region = eu-west-3
            """);
        return path;
    }

    private static Task<CliResult> Explain(Dictionary<string, string?> environment, params string[] extra) =>
        Tool.RunAsync(new[] { "creds", "explain", "--output", "json" }.Concat(extra), environment);

    [Fact]
    public async Task AwsRegion_IsTheRegion_AndTheLibraryNamesItAsTheSource()
    {
        var result = (await Explain(new() { ["AWS_REGION"] = "eu-north-1" })).Json.GetProperty("result");

        Assert.Equal("eu-north-1", result.GetProperty("region").GetString());
        Assert.Equal("the AWS_REGION environment variable", result.GetProperty("regionSource").GetString());
    }

    [Fact]
    public async Task AwsDefaultRegion_IsTheRegion_WhenAwsRegionIsUnset()
    {
        var result = (await Explain(new() { ["AWS_REGION"] = null, ["AWS_DEFAULT_REGION"] = "ap-south-1" })).Json.GetProperty("result");

        Assert.Equal("ap-south-1", result.GetProperty("region").GetString());
    }

    [Fact]
    public async Task TheRegionOption_WinsOverTheEnvironment()
    {
        var result = (await Explain(new() { ["AWS_REGION"] = "eu-north-1" }, "--region", "sa-east-1")).Json.GetProperty("result");

        Assert.Equal("sa-east-1", result.GetProperty("region").GetString());
    }

    [Fact]
    public async Task AwsProfile_NamesTheProfile_WithItsRegion()
    {
        var run = await Explain(new() { ["AWS_SHARED_CREDENTIALS_FILE"] = Credentials(), ["AWS_PROFILE"] = "dev", ["AWS_REGION"] = null });
        var result = run.Json.GetProperty("result");

        Assert.Equal("Profile", result.GetProperty("source").GetString());
        Assert.Contains("profile 'dev'", result.GetProperty("credentials").GetString());
        Assert.Equal("eu-west-3", result.GetProperty("region").GetString());
        Assert.DoesNotContain("dev-secret", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task AMissingProfile_IsACredentialsError_NamingIt_ExitSix()
    {
        var run = await Explain(new() { ["AWS_SHARED_CREDENTIALS_FILE"] = Credentials() }, "--profile", "prod");

        Assert.True(run.ExitCode == 6, run.ToString());
        Assert.Equal("CredentialsUnavailable", run.Json.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("profile 'prod'", run.Stderr);
    }

    [Fact]
    public async Task Compute_IgnoresAProfileInheritedFromTheEnvironment()
    {
        var result = (await Explain(new() { ["AWS_PROFILE"] = "dev" }, "--compute")).Json.GetProperty("result");

        Assert.Equal("Compute", result.GetProperty("source").GetString());
    }

    [Fact]
    public async Task ComputeAndAProfileOption_AreRefusedAsInput_ExitThree()
    {
        var run = await Explain(new(), "--compute", "--profile", "dev");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("Invalid credentials: name a profile or ask for compute credentials, not both.", run.Stderr);
    }

    [Fact]
    public async Task AwsEndpointUrl_IsTheEndpoint_AndTheOptionWinsOverIt()
    {
        var fromEnvironment = (await Explain(new() { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566" })).Json.GetProperty("result");
        var fromOption = (await Explain(new() { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566" }, "--endpoint-url", "http://localhost:9000"))
            .Json.GetProperty("result");

        Assert.Equal("http://127.0.0.1:4566", fromEnvironment.GetProperty("endpoint").GetString());
        Assert.Equal("http://localhost:9000", fromOption.GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task PlainHttpToANonLoopbackEndpoint_IsRefused_ExitThree()
    {
        var run = await Explain(new(), "--endpoint-url", "http://s3.example.internal");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("Invalid endpoint: uses plain http to a non-loopback host", run.Stderr);
    }

    [Fact]
    public async Task RoleArnAndExternalId_AssumeTheRole_AndTheExternalIdIsNeverPrinted()
    {
        var run = await Explain(new(), "--role-arn", "arn:aws-us-gov:iam::210987654321:role/ops/Capture", "--external-id", "ext-secret-4711");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("arn:aws-us-gov:iam::210987654321:role/ops/Capture", run.Json.GetProperty("result").GetProperty("roleArn").GetString());
        Assert.DoesNotContain("ext-secret-4711", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task AwsDefaultOutput_SelectsJson_AndTheOptionWinsOverIt()
    {
        var json = await Tool.RunAsync(["creds", "explain"], new Dictionary<string, string?> { ["AWS_DEFAULT_OUTPUT"] = "json" });
        var text = await Tool.RunAsync(["creds", "explain", "--output", "text"], new Dictionary<string, string?> { ["AWS_DEFAULT_OUTPUT"] = "json" });

        Assert.Equal("creds explain", json.Json.GetProperty("command").GetString());
        Assert.StartsWith("source ", text.Stdout);
    }
}
