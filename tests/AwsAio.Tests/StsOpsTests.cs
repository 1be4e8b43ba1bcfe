using AwsAio.Core;
using AwsAio.Tests.Peers;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Each STS operation is its wrapper, deferred.</summary>
public sealed class StsOpsTests : IDisposable
{
    private readonly AwsWireStub _stub = new AwsWireStub().CallerIdentity().AssumeRole(TimeSpan.FromHours(1));

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task GetCallerIdentity_AndGetEnvironment_SendNothingUntilRun_ThenAnswerAsTheWrappers()
    {
        using var provider = StubProviders.For(_stub);
        var identity = StsOps.GetCallerIdentity();
        var environment = StsOps.GetEnvironment();
        Assert.Equal(0, _stub.Total);

        Assert.Equal(await StsInteractions.GetCallerIdentityAsync(provider).Right(), await identity.RunAsync(provider).Right());
        Assert.Equal(new AwsEnvironment(AwsWireStub.Account, "us-east-1", null), await environment.RunAsync(provider).Right());
    }

    [Fact]
    public async Task AssumeRole_PassesEveryArgument_AndChecksThemAsTheWrapperDoes()
    {
        using var provider = StubProviders.For(_stub);
        var role = await StsOps.AssumeRole("arn:aws:iam::210987654321:role/x", "awsaio-test", "ext-1", TimeSpan.FromMinutes(20)).RunAsync(provider).Right();
        Assert.Equal("arn:aws:iam::210987654321:role/x", role.RoleArn);
        var body = _stub.Server.LogEntries.Single().RequestMessage.Body!;
        Assert.Contains("RoleSessionName=awsaio-test", body);
        Assert.Contains("ExternalId=ext-1", body);
        Assert.Contains("DurationSeconds=1200", body);

        Assert.Equal(await StsInteractions.AssumeRoleAsync("not-an-arn", provider).Left(), await StsOps.AssumeRole("not-an-arn").RunAsync(provider).Left());
        Assert.Equal(1, _stub.Total);
    }
}
