using System.Text;
using Xunit;

namespace AwsAio.Tests;

/// <summary>
/// A response document read whole into a pooled buffer before the SDK parses it: every byte arrives or the read fails,
/// a stall is a timeout, a body shorter than announced is never taken for a whole document, and the buffer is given
/// back exactly once.
/// </summary>
public sealed class DocumentBodyTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(300);

    /// <summary>A network body: the given bytes in chunks, then either its end or a wait that only cancellation ends.</summary>
    private sealed class NetworkBody(byte[] bytes, int chunk, bool stallAtEnd) : Stream
    {
        private int _at;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_at == bytes.Length)
            {
                if (stallAtEnd) await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }

            var n = Math.Min(Math.Min(chunk, buffer.Length), bytes.Length - _at);
            bytes.AsMemory(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("sync read");
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _at; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static byte[] Document(int size) => Encoding.ASCII.GetBytes(new string('x', size));

    [Theory]
    [InlineData(0, 1000, true)]
    [InlineData(5, 1000, true)]
    [InlineData(70_000, 4096, true)]
    [InlineData(70_000, 4096, false)]
    [InlineData(300_000, 65_536, true)]
    public async Task ReadAsync_AWholeBody_KnownOrUnknownLength_GivesEveryByteOnce(int size, int chunk, bool announced)
    {
        var bytes = Document(size);
        await using var body = await DocumentBody.ReadAsync(new NetworkBody(bytes, chunk, false), announced ? size : null, Idle, default);

        var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(size, body.Length);
    }

    [Fact]
    public async Task ReadAsync_AHugeContentLengthThenAStall_IsATimeout_NotAnEmptyDocument()
    {
        var partial = Encoding.ASCII.GetBytes("<ListBucketResult><Name>b</Name>");

        var e = await Assert.ThrowsAsync<TimeoutException>(() =>
            DocumentBody.ReadAsync(new NetworkBody(partial, 1000, stallAtEnd: true), long.MaxValue, Idle, default));
        Assert.Contains("no bytes", e.Message);
    }

    [Theory]
    [InlineData(100L)]
    [InlineData(long.MaxValue)]
    public async Task ReadAsync_ABodyEndingBeforeItsContentLength_IsCut_NeverWhole(long contentLength)
    {
        var partial = Encoding.ASCII.GetBytes("<ListBucketResult><Name>b</Name>");

        var e = await Assert.ThrowsAsync<IOException>(() =>
            DocumentBody.ReadAsync(new NetworkBody(partial, 1000, stallAtEnd: false), contentLength, Idle, default));
        Assert.Contains($"after {partial.Length} of the {contentLength} bytes", e.Message);
    }

    [Fact]
    public async Task ReadAsync_ZeroContentLength_ReadsNothing()
    {
        var body = await DocumentBody.ReadAsync(new NetworkBody(Document(10), 10, true), 0, Idle, default);

        Assert.Same(Stream.Null, body);
    }

    [Fact]
    public async Task ReadAsync_CancelledByTheCaller_IsCancellation_NotATimeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            DocumentBody.ReadAsync(new NetworkBody(Document(10), 10, stallAtEnd: true), null, TimeSpan.FromSeconds(30), cts.Token));
    }

    [Fact]
    public async Task TheDocument_ReadsSeeksAndCopies_ThenAfterDisposeRefusesToRead()
    {
        var body = await DocumentBody.ReadAsync(new NetworkBody(Encoding.ASCII.GetBytes("abcdef"), 2, false), 6, Idle, default);

        Assert.Equal('a', body.ReadByte());
        body.Seek(-2, SeekOrigin.End);
        var tail = new byte[4];
        Assert.Equal(2, body.Read(tail, 0, 4));
        Assert.Equal("ef", Encoding.ASCII.GetString(tail, 0, 2));
        Assert.Equal(-1, body.ReadByte());
        Assert.Throws<IOException>(() => body.Seek(7, SeekOrigin.Begin));

        body.Dispose();
        body.Dispose();
        Assert.False(body.CanRead);
        Assert.Throws<ObjectDisposedException>(() => body.ReadByte());
    }
}
