using Xunit;

namespace AwsAio.Tests;

/// <summary>Which cancellations are an operation's deadline, and which the caller's.</summary>
public sealed class OpDeadlineTests
{
    [Fact]
    public void Passed_OutsideAnyDeadline_IsFalse() => Assert.False(OpDeadline.Passed);

    [Fact]
    public async Task Passed_WhenTheDeadlineFired_AndTheCallerDidNotCancel_IsTrue_OnlyInsideTheScope()
    {
        using var outer = new CancellationTokenSource();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(outer.Token);
        using (OpDeadline.Enter(timer, outer.Token))
        {
            Assert.False(OpDeadline.Passed);
            await timer.CancelAsync();
            Assert.True(OpDeadline.Passed);
            Assert.True(await Task.Run(() => OpDeadline.Passed));
        }

        Assert.False(OpDeadline.Passed);
    }

    [Fact]
    public async Task Passed_WhenTheCallerCancelled_IsFalse_EvenThoughTheDeadlinesTokenIsCancelledToo()
    {
        using var outer = new CancellationTokenSource();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(outer.Token);
        using var scope = OpDeadline.Enter(timer, outer.Token);
        await outer.CancelAsync();
        Assert.True(timer.IsCancellationRequested);
        Assert.False(OpDeadline.Passed);
    }

    [Fact]
    public async Task Passed_SeesAnEnclosingDeadline_ThroughAnInnerOneThatHasNotFired()
    {
        using var caller = new CancellationTokenSource();
        using var outerTimer = CancellationTokenSource.CreateLinkedTokenSource(caller.Token);
        using var outerScope = OpDeadline.Enter(outerTimer, caller.Token);
        using var innerTimer = CancellationTokenSource.CreateLinkedTokenSource(outerTimer.Token);
        using var innerScope = OpDeadline.Enter(innerTimer, outerTimer.Token);
        await outerTimer.CancelAsync();
        Assert.True(OpDeadline.Passed);
    }
}
