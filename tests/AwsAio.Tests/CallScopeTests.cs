using Xunit;

namespace AwsAio.Tests;

/// <summary>The call in progress, as code below it on the same async flow sees it.</summary>
public sealed class CallScopeTests
{
    [Fact]
    public async Task InsideACall_CodeBelowSeesItsToken_AndRecordsHeadersForIt()
    {
        using var cts = new CancellationTokenSource();
        var context = new CallContext(cts.Token);
        Assert.Null(CallScope.Context);

        using (CallScope.Enter(context))
        {
            await Task.Run(() => CallScope.Context!.ErrorCodeHeader = "SlowDown");
            Assert.Equal(cts.Token, CallScope.Token);
        }

        Assert.Equal("SlowDown", context.ErrorCodeHeader);
        Assert.Null(CallScope.Context);
        Assert.Equal(CancellationToken.None, CallScope.Token);
    }

    [Fact]
    public void NestedCalls_RestoreTheEnclosingOne()
    {
        var outer = new CallContext(CancellationToken.None);
        var inner = new CallContext(CancellationToken.None);
        using (CallScope.Enter(outer))
        {
            using (CallScope.Enter(inner))
            {
                Assert.Same(inner, CallScope.Context);
            }

            Assert.Same(outer, CallScope.Context);
        }
    }

    [Fact]
    public void ANewContext_AssumesARequestMayHaveLeft_UntilTheHttpLayerSaysOtherwise()
    {
        Assert.True(new CallContext(CancellationToken.None).RequestMayHaveLeft);
    }
}
