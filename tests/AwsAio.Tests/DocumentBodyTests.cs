using System.Text;
using AwsAio.Tests.Support;
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
    private sealed class NetworkBody(byte[] bytes, int chunk, bool stallAtEnd) : ForwardOnlyStream
    {
        private int _at;

        /// <summary>The size of the buffer the first read was given (the document's first pooled buffer).</summary>
        internal int FirstBuffer { get; private set; } = -1;

        /// <summary>The array behind the buffer the first read was given (the document's pooled buffer).</summary>
        internal byte[]? FirstArray { get; private set; }

        /// <summary>Whether the reader disposed this body.</summary>
        internal bool Disposed { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (FirstBuffer < 0)
            {
                FirstBuffer = buffer.Length;
                FirstArray = System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(buffer, out var array) ? array.Array : null;
            }

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
        public override long Position { get => _at; set => throw new NotSupportedException(); }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private static Task<Stream> Abcdef() =>
        DocumentBody.ReadAsync(new NetworkBody(Encoding.ASCII.GetBytes("abcdef"), 2, false), 6, Idle, default);

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

    [Theory]
    [InlineData(1024L, 2048)]
    [InlineData(1L, 16)]
    [InlineData(100_000_000L, 4 * 1024 * 1024)]
    [InlineData(long.MaxValue, 4 * 1024 * 1024)]
    public async Task ReadAsync_AKnownLength_RentsOneByteMoreThanAnnounced_ClampedToTheLargestFirstBuffer(long contentLength, int firstBuffer)
    {
        var network = new NetworkBody(Document(1), 1000, stallAtEnd: false);

        var failure = await Record.ExceptionAsync(async () => await (await DocumentBody.ReadAsync(network, contentLength, Idle, default)).DisposeAsync());

        Assert.Equal(firstBuffer, network.FirstBuffer);
        Assert.Equal(contentLength == 1 ? null : typeof(IOException), failure?.GetType());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(-5L)]
    public async Task ReadAsync_AnUnknownOrNegativeLength_StartsWithSixteenKilobytes(long? contentLength)
    {
        var network = new NetworkBody(Document(3), 1000, stallAtEnd: false);

        await using var body = await DocumentBody.ReadAsync(network, contentLength, Idle, default);

        Assert.Equal(16 * 1024, network.FirstBuffer);
        Assert.Equal(3, body.Length);
        Assert.True(network.Disposed);
    }

    [Fact]
    public async Task ReadAsync_ExactlyAsLongAsItsFirstBuffer_GrowsAndKeepsEveryByte()
    {
        var bytes = Enumerable.Range(0, 16 * 1024 * 3 + 7).Select(i => (byte)(i * 31)).ToArray();
        var network = new NetworkBody(bytes, 16 * 1024, stallAtEnd: false);

        await using var body = await DocumentBody.ReadAsync(network, null, Idle, default);

        var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(bytes.Length, body.Position);
    }

    [Fact]
    public async Task ReadAsync_ZeroContentLength_DisposesTheBodyUnread()
    {
        var network = new NetworkBody(Document(10), 10, true);

        _ = await DocumentBody.ReadAsync(network, 0, Idle, default);

        Assert.True(network.Disposed);
        Assert.Equal(-1, network.FirstBuffer);
    }

    [Fact]
    public async Task ReadAsync_AStall_IsATimeoutNamingTheIdleTimeoutInSeconds()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(() =>
            DocumentBody.ReadAsync(new NetworkBody(Document(4), 4, stallAtEnd: true), null, TimeSpan.FromMilliseconds(250), default));

        Assert.Equal("no bytes of the response body arrived for 0.25 s", e.Message);
    }

    [Fact]
    public async Task ReadAsync_ACutBody_NamesTheBytesReadAndAnnounced()
    {
        var e = await Assert.ThrowsAsync<IOException>(() =>
            DocumentBody.ReadAsync(new NetworkBody(Document(7), 3, stallAtEnd: false), 8, Idle, default));

        Assert.Equal("the response body ended after 7 of the 8 bytes announced", e.Message);
    }

    [Fact]
    public async Task ReadAsync_WhenTheCallInProgressIsCancelled_IsCancellation_NotATimeout()
    {
        using var call = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        using var scope = CallScope.Enter(new CallContext(call.Token));

        // The idle timeout is far away: only the call's own token can end this read before the bound below.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            DocumentBody.ReadAsync(new NetworkBody(Document(10), 10, stallAtEnd: true), null, TimeSpan.FromMinutes(10), default)
                .WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task TheDocument_IsReadableAndSeekable_NeverWritable_UntilDisposed()
    {
        var body = await Abcdef();

        Assert.Equal((true, true, false), (body.CanRead, body.CanSeek, body.CanWrite));
        Assert.Equal((6L, 0L), (body.Length, body.Position));

        body.Dispose();

        Assert.Equal((false, false, false), (body.CanRead, body.CanSeek, body.CanWrite));
        Assert.Throws<ObjectDisposedException>(() => body.Length);
        Assert.Throws<ObjectDisposedException>(() => body.Position);
        Assert.Throws<ObjectDisposedException>(() => body.Seek(0, SeekOrigin.Begin));
        Assert.Throws<ObjectDisposedException>(() => body.Read(new byte[1], 0, 1));
    }

    [Fact]
    public async Task Read_GivesAsManyBytesAsFit_ThenTheRest_ThenZero_MovingThePosition()
    {
        await using var body = await Abcdef();
        var buffer = new byte[6];

        Assert.Equal(4, body.Read(buffer, 1, 4));
        Assert.Equal("\0abcd\0", Encoding.ASCII.GetString(buffer));
        Assert.Equal(4, body.Position);
        Assert.Equal(2, body.Read(buffer, 0, 6));
        Assert.Equal("ef", Encoding.ASCII.GetString(buffer, 0, 2));
        Assert.Equal(6, body.Position);
        Assert.Equal(0, body.Read(buffer, 0, 6));
        Assert.Equal(6, body.Position);
    }

    [Fact]
    public async Task ReadByte_GivesEachByteInTurn_ThenMinusOne_WithoutMovingPastTheEnd()
    {
        await using var body = await Abcdef();

        Assert.Equal("abcdef", new string(Enumerable.Range(0, 6).Select(_ => (char)body.ReadByte()).ToArray()));
        Assert.Equal(-1, body.ReadByte());
        Assert.Equal(6, body.Position);
    }

    [Fact]
    public async Task ReadAsyncArray_GivesTheBytes_OrACancelledTaskThatReadsNothing()
    {
        await using var body = await Abcdef();
        var buffer = new byte[4];

        var cancelled = body.ReadAsync(buffer, 0, 4, new CancellationToken(canceled: true));

        Assert.True(cancelled.IsCanceled);
        Assert.Equal(0, body.Position);
        Assert.Equal(3, await body.ReadAsync(buffer, 1, 3, CancellationToken.None));
        Assert.Equal("\0abc", Encoding.ASCII.GetString(buffer));
        Assert.Equal(3, body.Position);
    }

    [Fact]
    public async Task ReadAsyncMemory_GivesTheBytes_OrACancelledTaskThatReadsNothing()
    {
        await using var body = await Abcdef();
        var buffer = new byte[10];

        var cancelled = body.ReadAsync(buffer.AsMemory(), new CancellationToken(canceled: true));

        Assert.True(cancelled.IsCanceled);
        Assert.Equal(0, body.Position);
        Assert.Equal(6, await body.ReadAsync(buffer.AsMemory(), CancellationToken.None));
        Assert.Equal("abcdef", Encoding.ASCII.GetString(buffer, 0, 6));
        Assert.Equal(0, await body.ReadAsync(buffer.AsMemory(), CancellationToken.None));
    }

    [Fact]
    public async Task CopyToAsync_CopiesOnlyWhatIsLeft_AndEndsAtTheEnd()
    {
        await using var body = await Abcdef();
        body.Position = 2;
        var copy = new MemoryStream();

        await body.CopyToAsync(copy);
        await body.CopyToAsync(copy);

        Assert.Equal("cdef", Encoding.ASCII.GetString(copy.ToArray()));
        Assert.Equal(6, body.Position);
    }

    [Theory]
    [InlineData(0L, SeekOrigin.Begin, 0L, 'a')]
    [InlineData(2L, SeekOrigin.Begin, 2L, 'c')]
    [InlineData(6L, SeekOrigin.Begin, 6L, -1)]
    [InlineData(1L, SeekOrigin.Current, 4L, 'e')]
    [InlineData(-3L, SeekOrigin.Current, 0L, 'a')]
    [InlineData(3L, SeekOrigin.Current, 6L, -1)]
    [InlineData(0L, SeekOrigin.End, 6L, -1)]
    [InlineData(-1L, SeekOrigin.End, 5L, 'f')]
    [InlineData(-6L, SeekOrigin.End, 0L, 'a')]
    public async Task Seek_FromEachOrigin_ReturnsAndKeepsTheNewPosition(long offset, SeekOrigin origin, long expected, int next)
    {
        await using var body = await Abcdef();
        body.Position = 3;

        Assert.Equal(expected, body.Seek(offset, origin));
        Assert.Equal(expected, body.Position);
        Assert.Equal(next, body.ReadByte());
    }

    [Theory]
    [InlineData(-1L, SeekOrigin.Begin)]
    [InlineData(7L, SeekOrigin.Begin)]
    [InlineData(-4L, SeekOrigin.Current)]
    [InlineData(4L, SeekOrigin.Current)]
    [InlineData(1L, SeekOrigin.End)]
    [InlineData(-7L, SeekOrigin.End)]
    public async Task Seek_OutsideTheDocument_FailsAndLeavesThePosition(long offset, SeekOrigin origin)
    {
        await using var body = await Abcdef();
        body.Position = 3;

        var e = Assert.Throws<IOException>(() => body.Seek(offset, origin));

        Assert.Equal("cannot seek outside the document", e.Message);
        Assert.Equal(3, body.Position);
    }

    [Fact]
    public async Task Seek_FromAnUnknownOrigin_IsAnArgumentOutOfRangeNamingTheOrigin()
    {
        await using var body = await Abcdef();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => body.Seek(0, (SeekOrigin)3));

        Assert.Equal("origin", e.ParamName);
        Assert.Equal(0, body.Position);
    }

    [Fact]
    public async Task SettingThePosition_SeeksFromTheBeginning_AndRefusesOutsideTheDocument()
    {
        await using var body = await Abcdef();
        _ = body.ReadByte();

        body.Position = 4;

        Assert.Equal('e', body.ReadByte());
        Assert.Throws<IOException>(() => body.Position = 7);
        Assert.Equal(5, body.Position);
    }

    [Fact]
    public async Task TheDocument_CannotBeWrittenOrResized_AndFlushChangesNothing()
    {
        await using var body = await Abcdef();
        _ = body.ReadByte();

        body.Flush();

        Assert.Throws<NotSupportedException>(() => body.SetLength(2));
        Assert.Throws<NotSupportedException>(() => body.Write(new byte[1], 0, 1));
        Assert.Equal((6L, 1L), (body.Length, body.Position));
    }

    // Documents of 1.5 MB use the pool's 2 MiB arrays, which no other test's documents reach: what these tests rent
    // is what the tests before them in this class gave back.
    private const int PoolProbe = 1_500_000;

    private static async Task<byte[]?> ReadProbe(bool whole)
    {
        var network = new NetworkBody(new byte[whole ? PoolProbe : 10], 64 * 1024, stallAtEnd: false);
        try
        {
            await (await DocumentBody.ReadAsync(network, PoolProbe, Idle, default)).DisposeAsync();
        }
        catch (IOException) when (!whole)
        {
        }

        return network.FirstArray;
    }

    [Fact]
    public async Task Dispose_GivesTheBufferBackToThePool_ExactlyOnce()
    {
        // Another document still open: the pool drops a return beyond what was rented, so a second return shows only
        // while another buffer is out.
        await using var held = await DocumentBody.ReadAsync(new NetworkBody(new byte[PoolProbe], 64 * 1024, false), PoolProbe, Idle, default);
        var network = new NetworkBody(new byte[PoolProbe], 64 * 1024, stallAtEnd: false);
        var body = await DocumentBody.ReadAsync(network, PoolProbe, Idle, default);
        var first = network.FirstArray;
        body.Dispose();
        body.Dispose();

        var second = new NetworkBody(new byte[PoolProbe], 64 * 1024, stallAtEnd: false);
        var third = new NetworkBody(new byte[PoolProbe], 64 * 1024, stallAtEnd: false);
        await using var again = await DocumentBody.ReadAsync(second, PoolProbe, Idle, default);
        await using var another = await DocumentBody.ReadAsync(third, PoolProbe, Idle, default);

        Assert.NotNull(first);
        Assert.Same(first, second.FirstArray);
        Assert.NotSame(second.FirstArray, third.FirstArray);
    }

    [Fact]
    public async Task ReadAsync_ThatFails_GivesItsBufferBackToThePool()
    {
        var failed = await ReadProbe(whole: false);
        var next = await ReadProbe(whole: true);

        Assert.NotNull(failed);
        Assert.Same(failed, next);
    }
}
