using Amazon.Runtime;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>
/// The shared assumed-role credentials against a real STS document server: one STS call per credential lifetime,
/// one background refresh near expiry, one single-flight refresh on expiry, and failures reported as role failures.
/// </summary>
public sealed class AssumedRoleCredentialsTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/ops";
    private readonly AwsWireStub _stub = new();

    public void Dispose() => _stub.Dispose();

    private AwsClientProvider Provider(TimeSpan refreshWindow) =>
        AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDBASEEXAMPLE", "base-secret-wJalrXUtnFEMI"),
            Region = "us-east-1",
            Endpoint = new EndpointOverride(_stub.Url),
            AssumeRoleArn = Role,
            ExternalId = "ext-4711",
            CredentialRefreshWindow = refreshWindow,
            MaxErrorRetry = 0,
        }).Right();

    [Fact]
    public async Task ACredentialNearExpiry_IsRefreshedExactlyOnce_InTheBackground()
    {
        // The first credentials are inside the 5-minute window from the start; the second last an hour, and STS takes
        // 1.5 s to hand them over, so a refresh that blocked callers would show up as calls signed with the new key.
        _stub.CallerIdentity().AssumeRoleWithSlowRefresh(TimeSpan.FromSeconds(1.5), TimeSpan.FromMinutes(4), TimeSpan.FromHours(1));
        using var provider = Provider(TimeSpan.FromMinutes(5));

        for (var i = 0; i < 20; i++)
        {
            (await StsInteractions.GetCallerIdentityAsync(provider)).Right();
        }

        Assert.All(_stub.SigningKeys("GetCallerIdentity"), key => Assert.Equal("ASIAEXAMPLE000000000", key));
        await WaitUntil(() => _stub.Count("AssumeRole") >= 2 && provider.AssumeRoleCalls >= 2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 20; i++)
        {
            (await StsInteractions.GetCallerIdentityAsync(provider)).Right();
        }

        Assert.Equal(2, _stub.Count("AssumeRole"));
        Assert.Equal(40, _stub.Count("GetCallerIdentity"));
        Assert.Equal("ASIAEXAMPLE000000001", _stub.SigningKeys("GetCallerIdentity")[^1]);
    }

    [Fact]
    public async Task TheCredentialsExpiry_IsKnownOnceTheRoleIsAssumed_ForThePresigner()
    {
        _stub.AssumeRole(TimeSpan.FromHours(1));
        using var provider = Provider(TimeSpan.FromMinutes(5));
        var before = DateTimeOffset.UtcNow;

        var expiry = await ((ICredentialLifetime)provider).CredentialExpiryAsync(CancellationToken.None).Right();

        // STS states the expiry to the second.
        Assert.InRange(expiry.At!.Value, before.AddHours(1).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(1, _stub.Count("AssumeRole"));
        (await ((ICredentialLifetime)provider).CredentialExpiryAsync(CancellationToken.None)).Right();
        Assert.Equal(1, _stub.Count("AssumeRole"));
    }

    [Fact]
    public async Task CredentialsThatAreNotARole_HaveNoKnownExpiry_AndCostNoRequest()
    {
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDBASEEXAMPLE", "base-secret-wJalrXUtnFEMI"), Region = "us-east-1", Endpoint = new EndpointOverride(_stub.Url),
        }).Right();

        Assert.Null((await ((ICredentialLifetime)provider).CredentialExpiryAsync(CancellationToken.None).Right()).At);
        Assert.Equal(0, _stub.Total);
    }

    [Fact]
    public async Task ManyConcurrentCallsOnAnExpiredCredential_MakeExactlyOneAssumeRole()
    {
        // The SDK stores expiry one minute early, so 62 s of lifetime expire after about 2 s.
        _stub.CallerIdentity().AssumeRole(TimeSpan.FromSeconds(62), TimeSpan.FromHours(1));
        using var provider = Provider(TimeSpan.Zero);
        (await StsInteractions.GetCallerIdentityAsync(provider)).Right();
        Assert.Equal(1, _stub.Count("AssumeRole"));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var calls = Enumerable.Range(0, 256).Select(_ => Task.Run(() => StsInteractions.GetCallerIdentityAsync(provider)));
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.IsRight, r.ToString()));
        Assert.Equal(2, _stub.Count("AssumeRole"));
        Assert.Equal(2, provider.AssumeRoleCalls);
        Assert.Equal(257, _stub.Count("GetCallerIdentity"));
    }

    [Fact]
    public async Task TheAssumeRoleRequest_CarriesRoleSessionAndExternalId()
    {
        _stub.CallerIdentity().AssumeRole(TimeSpan.FromHours(1));
        using var provider = Provider(TimeSpan.FromMinutes(5));

        (await StsInteractions.GetCallerIdentityAsync(provider)).Right();

        var body = _stub.Server.LogEntries.Select(e => e.RequestMessage.Body ?? "").Single(b => b.Contains("Action=AssumeRole"));
        Assert.Contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fops", body);
        Assert.Contains("ExternalId=ext-4711", body);
        Assert.Contains($"RoleSessionName={AwsClientProviderOptions.DefaultRoleSessionName}", body);
    }

    [Fact]
    public async Task ARefusedAssumeRole_DuringAnS3Call_IsReportedAsARoleFailure_NotABucketProblem()
    {
        _stub.StsError("AssumeRole", 403, "AccessDenied",
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: " + Role);
        using var provider = Provider(TimeSpan.FromMinutes(5));

        var status = await S3Probe(provider);

        var error = Assert.IsType<DomainError.AssumeRoleFailed>(status);
        Assert.Equal(Role, error.RoleArn);
        Assert.Equal("AccessDenied", error.Details.Code);
        Assert.Equal(403, error.Details.HttpStatus);
        Assert.Equal("4f1a5c4e-0000-4000-8000-00000000beef", error.Details.RequestId);
        Assert.Equal(ErrorCategory.Access, error.Category);
    }

    [Fact]
    public async Task AnUnreachableSts_IsATransportError_NamingAssumeRole()
    {
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDBASEEXAMPLE", "base-secret"),
            Region = "us-east-1",
            Endpoint = new EndpointOverride(TestEnvironment.NowhereUrl),
            AssumeRoleArn = Role,
            MaxErrorRetry = 0,
        }).Right();

        var error = await StsInteractions.GetCallerIdentityAsync(provider).Left();

        var transport = Assert.IsType<DomainError.Transport>(error);
        Assert.Equal("AssumeRole", transport.Operation);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task AFailingSts_IsAskedOnceForManyConcurrentCallers_AndTheFailureIsRemembered()
    {
        _stub.StsError("AssumeRole", 500, "InternalFailure", "STS is having a bad day");
        using var provider = Provider(TimeSpan.FromMinutes(5));

        var results = await Task.WhenAll(Enumerable.Range(0, 256).Select(_ => Task.Run(() => StsInteractions.GetCallerIdentityAsync(provider))));
        var again = await StsInteractions.GetCallerIdentityAsync(provider);

        Assert.All(results.Append(again), r => Assert.IsType<DomainError.ServiceUnavailable>(r.Left()));
        // Single flight: one attempt (MaxErrorRetry = 0 here), shared by every waiting caller; then the back-off.
        Assert.Equal(1, provider.AssumeRoleCalls);
        Assert.Equal(1, _stub.Count("AssumeRole"));
        Assert.Equal(0, _stub.Count("GetCallerIdentity"));
    }

    [Fact]
    public async Task AHangingSts_KeepsNoCallerPastItsOwnDeadline()
    {
        _stub.Server.Given(WireMock.RequestBuilders.Request.Create().UsingPost().WithBody(new WireMock.Matchers.RegexMatcher("Action=AssumeRole(&|$)")))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(500).WithDelay(TimeSpan.FromSeconds(8)));
        using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDBASEEXAMPLE", "base-secret-wJalrXUtnFEMI"),
            Region = "us-east-1",
            Endpoint = new EndpointOverride(_stub.Url),
            AssumeRoleArn = Role,
            MaxErrorRetry = 0,
            CallDeadline = TimeSpan.FromSeconds(2),
        }).Right();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => StsInteractions.GetCallerIdentityAsync(provider))));
        clock.Stop();

        // Each caller waits on the one refresh for at most its own 2 s deadline: all 64 are done long before 64 × 2 s.
        Assert.All(results, r => Assert.IsType<DomainError.Timeout>(r.Left()));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.Equal(1, provider.AssumeRoleCalls);
    }

    [Fact]
    public void ToString_NamesTheRoleOnly()
    {
        _stub.AssumeRole(TimeSpan.FromHours(1));
        using var provider = Provider(TimeSpan.FromMinutes(5));
        var text = provider.ToString();
        Assert.Contains(Role, text);
        Assert.DoesNotContain("base-secret", text);
    }

    [Fact]
    public void ToString_OfTheCredentials_NamesTheRoleAndSession_Only()
    {
        using var provider = Provider(TimeSpan.FromMinutes(5));
        using var credentials = new AssumedRoleCredentials(
            provider.GetSts(), Role, "awsaio-audit", "ext-4711", null, TimeSpan.FromMinutes(5), CallSettings.Default);

        Assert.Equal($"assumed role {Role} (session awsaio-audit)", credentials.ToString());
    }

    [Fact]
    public async Task AnAssumeRoleAnswerWithoutASessionToken_IsAMalformedResponse_NamingTheRole()
    {
        _stub.Server.Given(WireMock.RequestBuilders.Request.Create().UsingPost().WithBody(new WireMock.Matchers.RegexMatcher("Action=AssumeRole(&|$)")))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml").WithBody($"""
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <Credentials>
                      <AccessKeyId>ASIAEXAMPLE000000001</AccessKeyId>
                      <SecretAccessKey>assumed-secret-wJalrXUtnFEMIK7MDENGbPxRfiCY</SecretAccessKey>
                      <Expiration>{DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}</Expiration>
                    </Credentials>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                </AssumeRoleResponse>
                """));
        using var provider = Provider(TimeSpan.FromMinutes(5));

        var error = await S3Probe(provider);

        Assert.Equal(StsRules.IncompleteCredentials(Role, 200, "c6104cbe-af31-11e0-8154-cbc7ccf896c7"), error);
        Assert.DoesNotContain("assumed-secret", error.ToString());
    }

    private static async Task<DomainError> S3Probe(AwsClientProvider provider)
    {
        var result = await AwsCall.RunAsync((IAwsClientProvider)provider, CallInfo.Of("S3", "HeadBucket", ErrorTarget.Of("some-bucket")),
            ct => provider.GetS3().HeadBucketAsync(new HeadBucketRequest { BucketName = "some-bucket" }, ct), CancellationToken.None);
        return result.Left();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }

    private sealed class ManualTime : TimeProvider
    {
        internal DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A provider with the base credentials only, so that every AssumeRole the stub sees is the credentials' own.</summary>
    private AwsClientProvider Plain() =>
        AwsClientProvider.Create(new AwsClientProviderOptions
        {
            Credentials = new BasicAWSCredentials("AKIDBASEEXAMPLE", "base-secret-wJalrXUtnFEMI"),
            Region = "us-east-1",
            Endpoint = new EndpointOverride(_stub.Url),
            MaxErrorRetry = 0,
        }).Right();

    private static AssumedRoleCredentials Credentials(AwsClientProvider provider, TimeProvider? time = null) =>
        new(provider.GetSts(), Role, "awsaio-audit", "ext-4711", null, TimeSpan.FromMinutes(5), CallSettings.Default, time);

    [Fact]
    public async Task AfterDispose_TheCredentialsFailAsDisposed_HaveNoExpiry_AndAssumeNothing()
    {
        _stub.AssumeRole(TimeSpan.FromHours(1));
        using var provider = Plain();
        var credentials = Credentials(provider);
        await credentials.GetCredentialsAsync();
        Assert.NotNull(credentials.Expiry);

        credentials.Dispose();

        Assert.Null(credentials.Expiry);
        var failed = await Assert.ThrowsAsync<CredentialsFailedException>(() => credentials.GetCredentialsAsync());
        Assert.Equal(DomainError.NewInvalidInput("provider", "has been disposed"), failed.Error);
        Assert.Equal(1, credentials.AssumeCalls);
    }

    [Fact]
    public async Task TheGivenClock_DecidesWhenTheCredentialsHaveExpired()
    {
        _stub.AssumeRole(TimeSpan.FromHours(1), TimeSpan.FromHours(3));
        using var provider = Plain();
        var time = new ManualTime();
        using var credentials = Credentials(provider, time);
        var first = await credentials.GetCredentialsAsync();

        time.Now += TimeSpan.FromHours(2);
        var second = await credentials.GetCredentialsAsync();

        Assert.Equal(2, credentials.AssumeCalls);
        Assert.NotEqual(first.AccessKey, second.AccessKey);
    }

    [Fact]
    public async Task InsideTheRefreshWindow_TheCurrentCredentialsAreGiven_AndARefreshStarts()
    {
        _stub.AssumeRole(TimeSpan.FromHours(1), TimeSpan.FromHours(3));
        using var provider = Plain();
        var time = new ManualTime();
        using var credentials = Credentials(provider, time);
        var first = await credentials.GetCredentialsAsync();

        time.Now += TimeSpan.FromMinutes(57);
        var during = await credentials.GetCredentialsAsync();
        Assert.Equal(first.AccessKey, during.AccessKey);
        await WaitUntil(() => credentials.AssumeCalls == 2 && _stub.Count("AssumeRole") == 2);

        Assert.Equal(2, credentials.AssumeCalls);
    }

    [Fact]
    public async Task Prefetch_WhenNoCredentialsYet_StartsTheAssumeRole_AndAfterDispose_DoesNothing()
    {
        _stub.AssumeRole(TimeSpan.FromHours(1));
        using var provider = Plain();
        using var credentials = Credentials(provider);

        credentials.Prefetch();
        await WaitUntil(() => _stub.Count("AssumeRole") == 1);
        Assert.Equal(1, _stub.Count("AssumeRole"));

        var disposed = Credentials(provider);
        disposed.Dispose();
        disposed.Prefetch();
        Assert.Equal(0, disposed.AssumeCalls);
    }
}
