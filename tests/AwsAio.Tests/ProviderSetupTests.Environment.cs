using Amazon.Runtime;
using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Tests that change process-wide environment variables, kept away from every other test.</summary>
[CollectionDefinition(nameof(EnvironmentVariables), DisableParallelization = true)]
public sealed class EnvironmentVariables;

/// <summary>
/// What provider setup reads from the environment: AWS_SHARED_CREDENTIALS_FILE per provider (the SDK alone reads it
/// once per process), AWS_REGION against a profile's region, compute credentials and instance metadata. Each test
/// sets the environment it needs (<see cref="EnvironmentScope"/>), so none depends on the machine's.
/// </summary>
[Collection(nameof(EnvironmentVariables))]
public sealed class ProviderSetupEnvironmentTests
{
    [Fact]
    public void ASourceProfilePlusRoleProfile_ResolvesThroughTheSdk_AndSaysSo()
    {
        using var environment = new EnvironmentScope();
        using var files = new ProfileFiles();
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "dev", ProfilesLocation = files.CredentialsPath,
        }).Right();

        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.Profile, report.Source);
        Assert.Equal("profile 'dev' (assumes arn:aws-us-gov:iam::123456789012:role/dev from source profile 'base')", report.Detail);
        Assert.Equal("us-gov-west-1", provider.Region);
        Assert.Equal("profile 'dev'", report.RegionSource);
    }

    [Fact]
    public void TheOptionsProfilesLocation_WinsOverAwsSharedCredentialsFile()
    {
        using var files = new ProfileFiles();
        var other = Path.Combine(Path.GetDirectoryName(files.CredentialsPath)!, "other-credentials");
        File.WriteAllText(other, "[unrelated]\naws_access_key_id = AKIDX\naws_secret_access_key = x\n");
        using var environment = new EnvironmentScope(("AWS_SHARED_CREDENTIALS_FILE", other));

        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "dev", ProfilesLocation = files.CredentialsPath,
        }).Right();

        Assert.Equal(CredentialSource.Profile, provider.DescribeCredentialSource().Source);
        Assert.Equal("us-gov-west-1", provider.Region);
    }

    [Fact]
    public void AwsRegion_WinsOverTheProfilesRegion_AndSaysSo()
    {
        using var environment = new EnvironmentScope(("AWS_REGION", "ap-south-1"));
        using var files = new ProfileFiles();
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "dev", ProfilesLocation = files.CredentialsPath,
        }).Right();

        Assert.Equal("ap-south-1", provider.Region);
        Assert.Equal("the AWS_REGION environment variable", provider.DescribeCredentialSource().RegionSource);
    }

    [Fact]
    public void AProfileWithoutRegion_AndNoOtherRegion_IsRegionUnresolved_NeverAMadeUpRegion()
    {
        using var environment = new EnvironmentScope();
        using var files = new ProfileFiles();
        File.AppendAllText(files.CredentialsPath, "\n[regionless]\naws_access_key_id = AKIDX\naws_secret_access_key = x\n");

        var error = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "regionless", ProfilesLocation = files.CredentialsPath,
        }).Left();

        var unresolved = Assert.IsType<DomainError.RegionUnresolved>(error);
        Assert.Contains("AWS_REGION", unresolved.Reason);
        Assert.DoesNotContain("aws-global", error.ToString());
    }

    [Fact]
    public void AProfileWithoutRegion_TakesAwsRegion_WhenTheEnvironmentNamesOne()
    {
        using var environment = new EnvironmentScope(("AWS_REGION", "eu-south-2"));
        using var files = new ProfileFiles();
        File.AppendAllText(files.CredentialsPath, "\n[regionless]\naws_access_key_id = AKIDX\naws_secret_access_key = x\n");

        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "regionless", ProfilesLocation = files.CredentialsPath,
        }).Right();

        Assert.Equal("eu-south-2", provider.Region);
    }

    [Fact]
    public void AMalformedAwsRegion_IsAnInvalidInput_NamingWhereItCameFrom()
    {
        using var environment = new EnvironmentScope(("AWS_REGION", "Frankfurt"));

        var error = AwsClientProvider.Create(new AwsClientProviderOptions { Credentials = new BasicAWSCredentials("AKID", "SECRET") }).Left();

        var invalid = Assert.IsType<DomainError.InvalidInput>(error);
        Assert.Equal("region", invalid.Field);
        Assert.Contains("AWS_REGION", invalid.Rule);
    }

    [Fact]
    public void AwsSharedCredentialsFile_IsReadWhenTheProviderIsCreated()
    {
        using var files = new ProfileFiles();
        var before = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", files.CredentialsPath);
        try
        {
            using var provider = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "static" }).Right();
            Assert.Equal("profile 'static' (static keys)", provider.DescribeCredentialSource().Detail);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", before);
        }
    }

    [Fact]
    public async Task ARoleOnTopOfComputeCredentials_AssumesWithTheMachinesKeys_AndCallsWithTheRoles()
    {
        using var stub = new Peers.AwsWireStub().CallerIdentity().AssumeRole(TimeSpan.FromHours(1));
        var saved = (Key: Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Secret: Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "environment-secret");
        try
        {
            using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
            {
                Compute = true, Region = "us-east-1", Endpoint = new EndpointOverride(stub.Url),
                AssumeRoleArn = "arn:aws:iam::210987654321:role/cluster/Capture", MaxErrorRetry = 0,
            }).Right();

            (await StsInteractions.GetCallerIdentityAsync(provider)).Right();

            string SignedBy(string action) => stub.Server.LogEntries
                .Single(e => e.RequestMessage.Body?.Contains($"Action={action}") == true).RequestMessage.Headers!["Authorization"].Single();
            Assert.Contains("Credential=AKIDFROMENVIRONMENT/", SignedBy("AssumeRole"));
            Assert.Contains("Credential=ASIAEXAMPLE", SignedBy("GetCallerIdentity"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", saved.Key);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", saved.Secret);
        }
    }

    [Fact]
    public void ComputeMode_TakesTheRegionFromInstanceMetadata_WhenNothingElseNamesOne()
    {
        using var imds = new Peers.AwsWireStub();
        imds.Server.Given(WireMock.RequestBuilders.Request.Create().UsingPut().WithPath("/latest/api/token"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody("AQAEAexampletoken=="));
        imds.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet().WithPath("/latest/dynamic/instance-identity/document"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/plain").WithBody("""
                {"accountId":"123456789012","architecture":"x86_64","availabilityZone":"ap-northeast-3a","imageId":"ami-0123456789abcdef0",
                 "instanceId":"i-0123456789abcdef0","instanceType":"m7g.large","privateIp":"10.0.0.12","region":"ap-northeast-3",
                 "version":"2017-09-30"}
                """));
        var names = new[] { "AWS_REGION", "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_PROFILE" };
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        Environment.SetEnvironmentVariable("AWS_REGION", null);
        Environment.SetEnvironmentVariable("AWS_PROFILE", null);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", null);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.Url);
        Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
        FallbackRegionFactory.Reset();
        try
        {
            // Outside compute mode the metadata service is never asked (asked first: the SDK caches what it finds).
            var workstation = AwsClientProvider.Create(new AwsClientProviderOptions { Credentials = new BasicAWSCredentials("AKID", "SECRET") });
            workstation.Match(
                Right: p => { Assert.NotEqual("ap-northeast-3", p.Region); p.Dispose(); },
                Left: e => Assert.IsType<DomainError.RegionUnresolved>(e));
            Assert.Equal(0, imds.Total);

            using var provider = AwsClientProvider.Create(new AwsClientProviderOptions { Compute = true }).Right();
            Assert.Equal("ap-northeast-3", provider.Region);
            Assert.Contains("instance metadata", provider.DescribeCredentialSource().RegionSource);
            Assert.True(imds.Total >= 2);
        }
        finally
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
            Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
            FallbackRegionFactory.Reset();
        }
    }

    private static readonly AwsErrorDetails NoResponse = AwsErrorDetails.NoResponse("", "");

    private static readonly DomainError SharedFilesUnparsable = DomainError.NewCredentialsUnavailable(
        "the shared config and credentials files", "they could not be parsed (no line of them is shown here)", NoResponse);

    private static AwsClientProviderOptions Keys => new() { Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"), Region = "us-east-1" };

    [Theory]
    [InlineData("[default]\naws_access_key_id = AKIDMALFORMED\n<aws_secret_access_key wJalrXUtnFEMITOPSECRET\n", "")]
    [InlineData("", "[default]\nregion = eu-west-1\n<aws_secret_access_key wJalrXUtnFEMITOPSECRET\n")]
    public void UnparsableDefaultSharedFiles_AreCredentialsUnavailable_EvenWithCredentialsGiven_AndQuoteNoLine(string credentials, string config)
    {
        using var files = new SharedFilesScope(credentials, config);

        var error = AwsClientProvider.Create(Keys).Left();

        Assert.Equal(SharedFilesUnparsable, error);
        Assert.DoesNotContain("TOPSECRET", error.ToString());
    }

    [Fact]
    public void ADefaultProfileNamingAMissingSsoSession_IsCredentialsUnavailable_NotAnException()
    {
        using var files = new SharedFilesScope("", "[default]\nsso_session = gone\nsso_account_id = 123456789012\nsso_role_name = R\n");

        Assert.Equal(SharedFilesUnparsable, AwsClientProvider.Create(Keys).Left());
    }

    [Fact]
    public void ANamedProfileNamingAMissingSsoSession_IsCredentialsUnavailable_NotAnException()
    {
        using var files = new SharedFilesScope("", "[profile sso-gone]\nsso_session = gone\nsso_account_id = 123456789012\nsso_role_name = R\n");

        var error = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "sso-gone", Region = "us-east-1" }).Left();

        Assert.Equal(DomainError.NewCredentialsUnavailable(
            "profile 'sso-gone'", "its settings in the shared config and credentials files could not be read", NoResponse), error);
    }

    public static TheoryData<string, string> ProfileKinds => new()
    {
        { "static", "static keys" },
        { "session", "session keys" },
        { "web", "assumes arn:aws:iam::123456789012:role/web with a web identity token" },
        { "env-role", "assumes arn:aws:iam::123456789012:role/env" },
        { "chained", "assumes arn:aws:iam::123456789012:role/chained from source profile 'static'" },
        { "process", "credential_process" },
        { "sso-legacy", "SSO" },
    };

    [Theory]
    [MemberData(nameof(ProfileKinds))]
    public void AProfile_IsDescribedByWhatItHolds(string profile, string kind)
    {
        using var files = new SharedFilesScope("""
            [static]
            aws_access_key_id = AKIDSTATIC
            aws_secret_access_key = static-secret
            [session]
            aws_access_key_id = ASIASESSION
            aws_secret_access_key = session-secret
            aws_session_token = session-token
            [web]
            role_arn = arn:aws:iam::123456789012:role/web
            web_identity_token_file = /nonexistent/awsaio/token
            [env-role]
            role_arn = arn:aws:iam::123456789012:role/env
            credential_source = Environment
            [chained]
            role_arn = arn:aws:iam::123456789012:role/chained
            source_profile = static
            [process]
            credential_process = sh -c "exit 9"
            [sso-legacy]
            sso_account_id = 123456789012
            sso_role_name = ReadOnly
            sso_start_url = https://corp.awsapps.example/start
            sso_region = eu-west-1
            """, environment: [("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT"), ("AWS_SECRET_ACCESS_KEY", "environment-secret")]);

        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = profile, Region = "us-east-1" }).Right();

        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.Profile, report.Source);
        Assert.Equal($"profile '{profile}' ({kind})", report.Detail);
        Assert.Equal(
        new[]
        {
            "credentials in the options: none given",
            $"default credential chain: not consulted, profile '{profile}' was named (no silent fallback)",
            "instance metadata: not asked for the region outside compute mode",
        }, report.Skipped);
    }

    [Fact]
    public void AProfileTheSdkRefuses_WithAnInvalidOperation_IsCredentialsUnavailable_WithTheSdksReason()
    {
        using var files = new SharedFilesScope("[env-role]\nrole_arn = arn:aws:iam::123456789012:role/env\ncredential_source = Environment\n",
            environment: [("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null)]);

        var error = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "env-role", Region = "us-east-1" }).Left();

        Assert.Equal(DomainError.NewCredentialsUnavailable("profile 'env-role'",
            "The environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN were not set with AWS credentials.",
            NoResponse), error);
    }

    [Fact]
    public void AProfileTheSdkRefuses_WithAnArgumentError_IsCredentialsUnavailable_WithTheSdksReason()
    {
        using var files = new SharedFilesScope(
            "[sso-no-region]\nsso_account_id = 123456789012\nsso_role_name = R\nsso_start_url = https://corp.awsapps.example/start\n");

        var error = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "sso-no-region", Region = "us-east-1" }).Left();

        Assert.Equal(DomainError.NewCredentialsUnavailable("profile 'sso-no-region'", "Value cannot be null. (Parameter 'region')", NoResponse), error);
    }

    [Fact]
    public void AProfileWithNoCredentials_IsCredentialsUnavailable_NamingItsSettingsAndTheFile()
    {
        using var files = new SharedFilesScope("[bare]\noutput = json\n");

        var error = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "bare", ProfilesLocation = files.CredentialsPath, Region = "us-east-1",
        }).Left();

        Assert.Equal(DomainError.NewCredentialsUnavailable("profile 'bare'", $"its settings in {files.CredentialsPath} could not be read", NoResponse), error);
    }

    [Fact]
    public void AProfileWhoseSourceProfileIsMissing_IsCredentialsUnavailable_NamingTheSourceAndTheFile()
    {
        using var files = new SharedFilesScope("[broken]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = nowhere\n");

        var error = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Profile = "broken", ProfilesLocation = files.CredentialsPath, Region = "us-east-1",
        }).Left();

        Assert.Equal(DomainError.NewCredentialsUnavailable(
            "profile 'broken'", $"its source profile 'nowhere' in {files.CredentialsPath} could not be read", NoResponse), error);
    }

    [Fact]
    public void AMalformedNamedFile_IsCredentialsUnavailable_NamingTheFile_WhileTheDefaultFilesParse()
    {
        using var files = new SharedFilesScope("[default]\nregion = eu-west-1\n");
        var named = Path.Combine(files.Folder, "named");
        File.WriteAllText(named, "[dev]\naws_access_key_id = AKIDMALFORMED\n<aws_secret_access_key wJalrXUtnFEMITOPSECRET\n");

        var error = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "dev", ProfilesLocation = named, Region = "us-east-1" }).Left();

        Assert.Equal(DomainError.NewCredentialsUnavailable("profile 'dev'", $"{named} could not be parsed", NoResponse), error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/nonexistent/awsaio/credentials")]
    public void AMissingProfile_InTheDefaultFiles_IsNamedSo_AndAnAbsentSharedCredentialsFileIsIgnored(string? sharedCredentialsFile)
    {
        using var files = new SharedFilesScope("[static]\naws_access_key_id = AKIDSTATIC\naws_secret_access_key = static-secret\n",
            environment: [("AWS_SHARED_CREDENTIALS_FILE", sharedCredentialsFile)]);

        var error = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "ghost", Region = "us-east-1" }).Left();

        Assert.Equal(DomainError.NewCredentialsUnavailable("profile 'ghost'",
            "there is no profile named 'ghost' in the shared config and credentials files, and no other source was tried", NoResponse), error);
    }

    [Fact]
    public void AMissingProfile_InTheFileAwsSharedCredentialsFileNames_NamesThatFile()
    {
        using var files = new SharedFilesScope("[ghost]\naws_access_key_id = AKIDGHOST\naws_secret_access_key = ghost-secret\n");
        var other = Path.Combine(files.Folder, "other");
        File.WriteAllText(other, "[static]\naws_access_key_id = AKIDSTATIC\naws_secret_access_key = static-secret\n");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", other);

        var error = AwsClientProvider.Create(new AwsClientProviderOptions { Profile = "ghost", Region = "us-east-1" }).Left();

        Assert.Equal(DomainError.NewCredentialsUnavailable("profile 'ghost'",
            $"there is no profile named 'ghost' in {other}, and no other source was tried", NoResponse), error);
    }

    private static IEnumerable<(string Credentials, (string, string?)[] Environment, string Candidate)> ChainCandidateRows() =>
    [
        ("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n",
            [("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/awsaio/token"), ("AWS_PROFILE", "ops"),
             ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials")],
            "environment variables (AWS_ACCESS_KEY_ID)"),
        ("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n",
            [("AWS_ACCESS_KEY_ID", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/awsaio/token"), ("AWS_PROFILE", "ops")],
            "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)"),
        ("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n",
            [("AWS_ACCESS_KEY_ID", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_PROFILE", "ops")],
            "profile 'ops' (AWS_PROFILE)"),
        ("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n",
            [("AWS_ACCESS_KEY_ID", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials")],
            "profile 'default'"),
        ("[ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = ops-secret\n",
            [("AWS_ACCESS_KEY_ID", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials"),
             ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null)],
            "container credentials"),
        ("",
            [("AWS_ACCESS_KEY_ID", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null),
             ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/credentials")],
            "container credentials"),
        ("",
            [("AWS_ACCESS_KEY_ID", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null),
             ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null)],
            "instance metadata (on EC2), as nothing else is configured"),
    ];

    public static TheoryData<string> ChainCandidates => Rows.Named(ChainCandidateRows(), r => r.Candidate);

    [Theory]
    [MemberData(nameof(ChainCandidates))]
    public void TheDefaultChain_NamesItsFirstCandidate_AndWhatItSkipped(string row)
    {
        var (credentials, environment, candidate) = Rows.Pick(ChainCandidateRows(), row);
        using var files = new SharedFilesScope(credentials, environment: environment);

        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions { Region = "us-east-1" }).Right();

        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.DefaultChain, report.Source);
        Assert.Equal($"the SDK's default chain, first candidate: {candidate}", report.Detail);
        Assert.Equal(
        new[]
        {
            "credentials in the options: none given",
            "named profile: none named, so the chain reads AWS_PROFILE or 'default'",
            "instance metadata: not asked for the region outside compute mode",
        }, report.Skipped);
    }

    [Theory]
    [MemberData(nameof(ChainCandidates))]
    public void ComputeMode_NamesTheChainsFirstCandidate_AndWhatItSkipped(string row)
    {
        var (credentials, environment, candidate) = Rows.Pick(ChainCandidateRows(), row);
        using var files = new SharedFilesScope(credentials, environment: environment);

        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions { Compute = true, Region = "us-east-1" }).Right();

        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.Compute, report.Source);
        Assert.Equal($"the SDK's default chain on a compute platform, first candidate: {candidate}", report.Detail);
        Assert.Equal(
        new[]
        {
            "credentials in the options: none given",
            "named profile: none named (compute mode reads the machine's own credentials)",
        }, report.Skipped);
    }

    [Fact]
    public void ExplicitCredentials_AreDescribedSo_WithEverySkippedSource()
    {
        using var files = new SharedFilesScope("");

        using var provider = AwsClientProvider.Create(Keys).Right();

        var report = provider.DescribeCredentialSource();
        Assert.Equal(CredentialSource.Explicit, report.Source);
        Assert.Equal("credentials given in the options", report.Detail);
        Assert.Equal(
        new[]
        {
            "named profile: none named",
            "default credential chain: not consulted, credentials were given directly",
            "instance metadata: not asked for the region outside compute mode",
        }, report.Skipped);
    }
}
