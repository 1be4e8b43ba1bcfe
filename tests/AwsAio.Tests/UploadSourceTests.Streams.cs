using AwsAio.Core;
using AwsAio.Tests.Support;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace AwsAio.Tests;

/// <summary>
/// The streams an upload hands the SDK (UploadSource.Streams.cs): a file window reads exactly its bytes, seeks within
/// them and reports a read failure as the file's; the caller's stream, guarded, reports its read failures as its own,
/// and is never written, resized or closed through the guard.
/// </summary>
public sealed class UploadSourceStreamsTests : IDisposable
{
    private static readonly byte[] Content = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();

    private readonly string _folder = Directory.CreateTempSubdirectory("awsaio-streams-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FilePath()
    {
        var path = Path.Combine(_folder, "f.bin");
        File.WriteAllBytes(path, Content);
        return path;
    }

    private UploadSource FileSource() => UploadSource.Open(S3Content.FromFile(FilePath())).Right();

    // ---- a window onto a file ----------------------------------------------------------------------------------------

    [Fact]
    public async Task AFileWindow_ReadAtItsEnd_IsZero_WithoutTouchingTheFile()
    {
        var source = FileSource();
        using var window = source.Segment(100, 250);
        window.Position = 250;
        source.Dispose();

        Assert.Equal(0, window.Read(new byte[8], 0, 8));
        Assert.Equal(0, await window.ReadAsync(new byte[8]));
    }

    [Fact]
    public void AFileWindow_IsReadableAndSeekable_NeverWritable_OfItsOwnLength()
    {
        using var source = FileSource();
        using var window = source.Segment(100, 250);

        Assert.Equal((true, true, false), (window.CanRead, window.CanSeek, window.CanWrite));
        Assert.Equal((250L, 0L), (window.Length, window.Position));
    }

    [Fact]
    public void AFileWindow_Disposed_IsNeitherReadableNorSeekable()
    {
        using var source = FileSource();
        var window = source.Segment(0, 10);

        window.Dispose();

        Assert.Equal((false, false), (window.CanRead, window.CanSeek));
    }

    [Fact]
    public void AFileWindow_OfAClosedSource_IsNeitherReadableNorSeekable()
    {
        var source = FileSource();
        using var window = source.Segment(0, 10);

        source.Dispose();

        Assert.Equal((false, false), (window.CanRead, window.CanSeek));
    }

    [Fact]
    public void AFileWindow_ReadsAsManyBytesAsFit_ThenTheRestOfItsWindow_ThenZero()
    {
        using var source = FileSource();
        using var window = source.Segment(100, 250);
        var buffer = new byte[300];

        Assert.Equal(200, window.Read(buffer, 50, 200));
        Assert.Equal(Content[100..300], buffer[50..250]);
        Assert.Equal(200, window.Position);
        Assert.Equal(50, window.Read(buffer.AsSpan()));
        Assert.Equal(Content[300..350], buffer[..50]);
        Assert.Equal(250, window.Position);
        Assert.Equal(0, window.Read(buffer.AsSpan()));
        Assert.Equal(250, window.Position);
    }

    [Fact]
    public async Task AFileWindow_ReadsAsynchronously_AsManyBytesAsFit_ThenTheRestOfItsWindow_ThenZero()
    {
        using var source = FileSource();
        using var window = source.Segment(900, 100);
        var buffer = new byte[300];

        Assert.Equal(60, await window.ReadAsync(buffer, 10, 60, CancellationToken.None));
        Assert.Equal(Content[900..960], buffer[10..70]);
        Assert.Equal(40, await window.ReadAsync(buffer.AsMemory(), CancellationToken.None));
        Assert.Equal(Content[960..1000], buffer[..40]);
        Assert.Equal(100, window.Position);
        Assert.Equal(0, await window.ReadAsync(buffer.AsMemory(), CancellationToken.None));
    }

    [Theory]
    [InlineData(17L, 17L)]
    [InlineData(0L, 0L)]
    [InlineData(-5L, 0L)]
    [InlineData(250L, 250L)]
    [InlineData(999L, 250L)]
    public void AFileWindow_PositionIsKeptWithinTheWindow(long set, long expected)
    {
        using var source = FileSource();
        using var window = source.Segment(100, 250);

        window.Position = set;

        Assert.Equal(expected, window.Position);
    }

    [Theory]
    [InlineData(10L, SeekOrigin.Begin, 10L)]
    [InlineData(5L, SeekOrigin.Current, 25L)]
    [InlineData(-5L, SeekOrigin.Current, 15L)]
    [InlineData(-30L, SeekOrigin.Current, 0L)]
    [InlineData(-10L, SeekOrigin.End, 240L)]
    [InlineData(10L, SeekOrigin.End, 250L)]
    public void AFileWindow_SeeksFromEachOrigin_WithinTheWindow_AndReadsFromThere(long offset, SeekOrigin origin, long expected)
    {
        using var source = FileSource();
        using var window = source.Segment(100, 250);
        window.Position = 20;

        Assert.Equal(expected, window.Seek(offset, origin));
        Assert.Equal(expected, window.Position);
        var next = new byte[1];
        Assert.Equal(expected < 250 ? 1 : 0, window.Read(next, 0, 1));
        if (expected < 250) Assert.Equal(Content[100 + expected], next[0]);
    }

    [Fact]
    public void AFileWindow_CannotBeWrittenOrResized_AndFlushChangesNothing()
    {
        using var source = FileSource();
        using var window = source.Segment(100, 250);
        window.Position = 3;

        window.Flush();

        Assert.Throws<NotSupportedException>(() => window.SetLength(1));
        Assert.Throws<NotSupportedException>(() => window.Write(new byte[1], 0, 1));
        Assert.Equal((250L, 3L), (window.Length, window.Position));
        Assert.Equal(Content[103], (byte)window.ReadByte());
        Assert.Equal(Content, File.ReadAllBytes(Path.Combine(_folder, "f.bin")));
    }

    /// <summary>A handle the file system refuses to read through (opened for writing only), and what a read through it
    /// throws.</summary>
    private (SafeFileHandle Handle, string Path, Exception Refusal) WriteOnlyHandle()
    {
        var path = FilePath();
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        var refusal = Record.Exception(() => RandomAccess.Read(handle, new byte[1], 0));
        return (handle, path, refusal!);
    }

    [Fact]
    public void AFileWindow_AReadTheFileSystemRefuses_IsTheFilesPermissionError()
    {
        var (handle, path, refusal) = WriteOnlyHandle();
        using var opened = handle;
        using var window = new UploadSource.FileSegmentStream(handle, path, 0, 10);

        var failure = Assert.Throws<DecidedFailure>(() => window.Read(new byte[10], 0, 10));

        Assert.IsType<UnauthorizedAccessException>(refusal);
        Assert.Equal(DomainError.NewLocalFilePermissionDenied(path, refusal.Message), failure.Error);
        Assert.Equal(0, window.Position);
    }

    [Fact]
    public async Task AFileWindow_AnAsynchronousReadTheFileSystemRefuses_IsTheFilesPermissionError()
    {
        var (handle, path, refusal) = WriteOnlyHandle();
        using var opened = handle;
        using var window = new UploadSource.FileSegmentStream(handle, path, 0, 10);

        var failure = await Assert.ThrowsAsync<DecidedFailure>(async () => _ = await window.ReadAsync(new byte[10].AsMemory()));

        Assert.Equal(DomainError.NewLocalFilePermissionDenied(path, refusal.Message), failure.Error);
        Assert.Equal(0, window.Position);
    }

    [Fact]
    public async Task AFileWindow_AReadAtAnOffsetNoFileHas_IsAnInvalidPath_ReadEitherWay()
    {
        var path = FilePath();
        using var handle = File.OpenHandle(path);
        using var window = new UploadSource.FileSegmentStream(handle, path, -10, 5);
        var invalid = DomainError.NewInvalidInput("local path", "is not a valid path on this system");

        Assert.Equal(invalid, Assert.Throws<DecidedFailure>(() => window.Read(new byte[5].AsSpan())).Error);
        Assert.Equal(invalid, (await Assert.ThrowsAsync<DecidedFailure>(async () => _ = await window.ReadAsync(new byte[5].AsMemory()))).Error);
    }

    [Fact]
    public async Task AFileWindow_ACancelledAsynchronousRead_IsCancellation_NotAFileError()
    {
        using var source = FileSource();
        using var window = source.Segment(0, 10);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            _ = await window.ReadAsync(new byte[10].AsMemory(), new CancellationToken(canceled: true)));
        Assert.Equal(0, window.Position);
    }

    // ---- the caller's stream, guarded ----------------------------------------------------------------------------------

    /// <summary>The guard around a seekable caller's stream (a source of known length read as one request).</summary>
    private static Stream Guarded(Stream callers) => UploadSource.Open(S3Content.FromStream(callers)).Right().Whole();

    [Fact]
    public void TheGuardedStream_IsReadable_SeekableAsTheCallersIs_NeverWritable()
    {
        var callers = new MemoryStream(Content);
        var guarded = Guarded(callers);

        Assert.NotSame(callers, guarded);
        Assert.Equal((true, true, false), (guarded.CanRead, guarded.CanSeek, guarded.CanWrite));
        Assert.Equal(1000L, guarded.Length);
        Assert.False(Guarded(new S3InteractionsPutTests.OneWayStream(Content)).CanSeek);
    }

    [Fact]
    public void TheGuardedStream_ItsPositionAndSeeksAreTheCallersStreams()
    {
        var callers = new MemoryStream(Content);
        var guarded = Guarded(callers);

        guarded.Position = 40;
        Assert.Equal(40, callers.Position);
        Assert.Equal(Content[40], (byte)guarded.ReadByte());
        Assert.Equal(41, guarded.Position);
        Assert.Equal(51, guarded.Seek(10, SeekOrigin.Current));
        Assert.Equal(51, callers.Position);
        Assert.Equal(990, guarded.Seek(-10, SeekOrigin.End));
        Assert.Equal(990, callers.Position);
    }

    [Fact]
    public async Task TheGuardedStream_ReadsTheCallersBytes_EitherWay()
    {
        var guarded = Guarded(new MemoryStream(Content));
        var buffer = new byte[1000];

        Assert.Equal(300, guarded.Read(buffer, 0, 300));
        Assert.Equal(300, await guarded.ReadAsync(buffer, 300, 300, CancellationToken.None));
        Assert.Equal(400, await guarded.ReadAsync(buffer.AsMemory(600)));
        Assert.Equal(0, await guarded.ReadAsync(buffer.AsMemory()));
        Assert.Equal(Content, buffer);
    }

    [Fact]
    public void TheGuardedStream_CannotBeWrittenOrResized_AndFlushChangesNothing()
    {
        var callers = new MemoryStream(Content.ToArray());
        var guarded = Guarded(callers);
        guarded.Position = 5;

        guarded.Flush();

        Assert.Throws<NotSupportedException>(() => guarded.SetLength(1));
        Assert.Throws<NotSupportedException>(() => guarded.Write(new byte[1], 0, 1));
        Assert.Equal((1000L, 5L), (callers.Length, callers.Position));
        Assert.Equal(Content, callers.ToArray());
    }

    [Fact]
    public void TheGuardedStream_Disposed_IsClosed_ButTheCallersStreamStaysOpen()
    {
        var callers = new MemoryStream(Content);
        var guarded = Guarded(callers);

        guarded.Dispose();

        Assert.Equal((false, false), (guarded.CanRead, guarded.CanSeek));
        Assert.True(callers.CanRead);
        Assert.Equal(Content[0], (byte)callers.ReadByte());
    }

    /// <summary>A seekable caller's stream whose every read throws <paramref name="failure"/>.</summary>
    private sealed class Failing(Exception failure) : MemoryStream(new byte[100])
    {
        public override int Read(byte[] buffer, int offset, int count) => throw failure;
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(failure);
    }

    private static IEnumerable<Exception> StreamFailureRows() =>
    [
        new IOException("Input/output error"),
        new ObjectDisposedException("content"),
        new NotSupportedException("the stream cannot be read now"),
    ];

    public static TheoryData<string> StreamFailures() => Rows.Named(StreamFailureRows(), e => e.GetType().Name);

    [Theory]
    [MemberData(nameof(StreamFailures))]
    public void TheGuardedStream_AReadFailure_IsTheStreamsOwnError(string row)
    {
        var failure = Rows.Pick(StreamFailureRows(), row);
        var guarded = Guarded(new Failing(failure));

        var decided = Assert.Throws<DecidedFailure>(() => guarded.Read(new byte[10], 0, 10));

        Assert.Equal(DomainError.NewLocalFileFailed("(the content stream)", failure.Message), decided.Error);
    }

    [Theory]
    [MemberData(nameof(StreamFailures))]
    public async Task TheGuardedStream_AnAsynchronousReadFailure_IsTheStreamsOwnError(string row)
    {
        var failure = Rows.Pick(StreamFailureRows(), row);
        var guarded = Guarded(new Failing(failure));

        var decided = await Assert.ThrowsAsync<DecidedFailure>(() => guarded.ReadAsync(new byte[10], 0, 10, CancellationToken.None));

        Assert.Equal(DomainError.NewLocalFileFailed("(the content stream)", failure.Message), decided.Error);
    }

    [Fact]
    public async Task TheGuardedStream_AFailureThatIsNotAboutReading_PassesThroughUnchanged()
    {
        var bug = new InvalidOperationException("a bug in the caller's stream");
        var guarded = Guarded(new Failing(bug));

        Assert.Same(bug, Assert.Throws<InvalidOperationException>(() => guarded.Read(new byte[10], 0, 10)));
        Assert.Same(bug, await Assert.ThrowsAsync<InvalidOperationException>(async () => _ = await guarded.ReadAsync(new byte[10].AsMemory())));
    }
}
