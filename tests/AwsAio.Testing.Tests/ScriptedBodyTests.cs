using Xunit;

namespace AwsAio.Testing.Tests;

/// <summary>A scripted body serves its bytes in the chunks it was given, fails where scripted, and records disposal.</summary>
public sealed class ScriptedBodyTests
{
    [Fact]
    public async Task ReadAsync_ServesEveryByteInChunksOfAtMostMaxChunk_ThenZero()
    {
        var body = new ScriptedBody([1, 2, 3, 4, 5], maxChunk: 2);
        var buffer = new byte[10];

        var reads = new List<int>();
        int n;
        while ((n = await body.ReadAsync(buffer.AsMemory(reads.Sum()))) > 0)
        {
            reads.Add(n);
        }

        Assert.Equal([2, 2, 1], reads);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, buffer[..5]);
        Assert.True(body.Completes);
        Assert.Equal(5, body.BytesRead);
    }

    [Fact]
    public async Task ReadAsync_WhenScriptedToFail_ServesTheBytesBeforeTheCut_ThenThrowsTheGivenException()
    {
        var cut = new IOException("reset");
        var body = new ScriptedBody([1, 2, 3, 4, 5], failAfter: 3, failure: cut);
        using var copy = new MemoryStream();

        var thrown = await Assert.ThrowsAsync<IOException>(() => body.CopyToAsync(copy));

        Assert.Same(cut, thrown);
        Assert.Equal(new byte[] { 1, 2, 3 }, copy.ToArray());
        Assert.False(body.Completes);
    }

    [Fact]
    public void FailAfter_WithoutAFailure_ThrowsAnIOException_AndIsClampedToTheContent()
    {
        var body = new ScriptedBody([1, 2], failAfter: 10);

        Assert.Equal(2, body.FailAfter);
        Assert.IsType<IOException>(body.Failure);
    }

    [Fact]
    public async Task ReadAsync_WithACancelledToken_IsCancelled()
    {
        var body = new ScriptedBody([1]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => body.ReadAsync(new byte[1], new CancellationToken(true)).AsTask());
    }

    [Fact]
    public void Dispose_IsRecorded_AndLaterReadsFail()
    {
        var body = new ScriptedBody([1]);

        body.Dispose();

        Assert.True(body.Disposed);
        Assert.False(body.CanRead);
        Assert.Throws<ObjectDisposedException>(() => body.ReadByte());
    }
}
