using AwsAio.Core;
using AwsAio.Tests.Support;
using Xunit;

namespace AwsAio.Tests;

/// <summary>
/// The bytes of an upload (UploadSource.cs): files and memory read at any offset without copying, streams read ahead
/// up to the threshold and then in order, and every way a source cannot be read reported as its own error.
/// </summary>
public sealed class UploadSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("awsaio-source-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(byte[] content)
    {
        var path = Path.Combine(_folder, "f.bin");
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Read(Stream s)
    {
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void Open_AMissingFile_IsLocalFileDoesNotExist_AFolderOrNoPathIsInvalidInput()
    {
        var missing = Path.Combine(_folder, "none.bin");

        Assert.Equal(missing, Assert.IsType<DomainError.LocalFileDoesNotExist>(UploadSource.Open(S3Content.FromFile(missing)).Left()).Path);
        Assert.IsType<DomainError.InvalidInput>(UploadSource.Open(S3Content.FromFile(_folder)).Left());
        Assert.IsType<DomainError.InvalidInput>(UploadSource.Open(S3Content.FromFile("")).Left());
        Assert.Equal("content stream", Assert.IsType<DomainError.InvalidInput>(UploadSource.Open(S3Content.FromStream(new WriteOnly())).Left()).Field);
    }

    [Fact]
    public void AFileSegment_ReadsExactlyItsWindow_AndReadsTheSameAfterARewind()
    {
        var content = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        using var source = UploadSource.Open(S3Content.FromFile(File(content))).Right();

        using var segment = source.Segment(100, 250);
        var first = Read(segment);
        segment.Position = 0;
        var again = Read(segment);

        Assert.Equal(content[100..350], first);
        Assert.Equal(first, again);
        Assert.Equal((1000L, true), (source.Length!.Value, source.RandomAccess));
    }

    [Fact]
    public void Bytes_AreSegmentsOfTheSameArray_WithoutACopy()
    {
        var content = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        using var source = UploadSource.Open(S3Content.FromBytes(content.AsMemory(10, 50))).Right();

        Assert.Equal(content[15..25], Read(source.Segment(5, 10)));
        Assert.Equal(50, source.Length);
    }

    [Fact]
    public async Task AStreamShorterThanTheThreshold_BecomesBytesOfKnownLength()
    {
        var content = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        using var source = UploadSource.Open(S3Content.FromStream(new S3InteractionsPutTests.OneWayStream(content))).Right();

        Assert.Null(await source.ReadAheadAsync(5000, CancellationToken.None));

        Assert.Equal((3000L, true), (source.Length!.Value, source.RandomAccess));
        Assert.Equal(content, Read(source.Whole()));
    }

    [Fact]
    public async Task AStreamLongerThanTheThreshold_IsReadInOrder_FirstWhatWasReadAhead()
    {
        var content = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        using var source = UploadSource.Open(S3Content.FromStream(new S3InteractionsPutTests.OneWayStream(content))).Right();

        Assert.Null(await source.ReadAheadAsync(4000, CancellationToken.None));
        var read = new List<byte>();
        var buffer = new byte[3000];
        int n;
        while ((n = (await source.ReadAsync(buffer, CancellationToken.None)).Right()) > 0)
        {
            read.AddRange(buffer.Take(n));
        }

        Assert.Null(source.Length);
        Assert.False(source.RandomAccess);
        Assert.Equal(content, read);
    }

    private static IEnumerable<Exception> LengthFailureRows() =>
    [
        new IOException("Input/output error"),
        new NotSupportedException("This stream does not support seeking."),
        new ObjectDisposedException("pipe", "Cannot access a closed pipe."),
    ];

    public static TheoryData<string> LengthFailures() => Rows.Named(LengthFailureRows(), e => e.GetType().Name);

    [Theory]
    [MemberData(nameof(LengthFailures))]
    public void Open_ASeekableStreamWhoseLengthCannotBeRead_IsTheStreamsError(string row)
    {
        var thrown = Rows.Pick(LengthFailureRows(), row);
        var opened = UploadSource.Open(S3Content.FromStream(new LengthFails(thrown)));

        Assert.Equal(DomainError.NewLocalFileFailed("(the content stream)", thrown.Message), opened.Left());
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(30, 70)]
    [InlineData(100, 0)]
    [InlineData(150, 0)]
    public void Open_ASeekableStream_HasTheLengthFromItsPosition_NeverBelowZero(long position, long expected)
    {
        var stream = new MemoryStream(new byte[100]) { Position = position };

        using var source = UploadSource.Open(S3Content.FromStream(stream)).Right();

        Assert.Equal(expected, source.Length);
        Assert.False(source.RandomAccess);
    }

    [Fact]
    public async Task ReadAhead_WhenTheCallerCancels_IsCancelledPutObject()
    {
        using var cancel = new CancellationTokenSource();
        using var source = UploadSource.Open(S3Content.FromStream(new CancellingStream(cancel, fromItself: false))).Right();

        var error = await source.ReadAheadAsync(5000, cancel.Token);

        Assert.Equal(DomainError.NewCancelled("PutObject"), error);
    }

    [Fact]
    public async Task ReadAhead_WhenTheStreamCancelsItself_IsTheStreamsError_NotTheCallersCancel()
    {
        using var cancel = new CancellationTokenSource();
        using var source = UploadSource.Open(S3Content.FromStream(new CancellingStream(cancel, fromItself: true))).Right();

        var error = await source.ReadAheadAsync(5000, CancellationToken.None);

        Assert.Equal(DomainError.NewLocalFileFailed("(the content stream)", "A task was canceled."), error);
    }

    [Fact]
    public void Open_NoPath_IsExactlyLocalPathIsRequired()
    {
        Assert.Equal(DomainError.NewInvalidInput("local path", "is required"), UploadSource.Open(S3Content.FromFile("")).Left());
    }

    [Fact]
    public void Open_AWriteOnlyStream_IsExactlyContentStreamMustBeReadable()
    {
        Assert.Equal(DomainError.NewInvalidInput("content stream", "must be readable"),
            UploadSource.Open(S3Content.FromStream(new WriteOnly())).Left());
    }

    [Fact]
    public void ABytesSegment_IsNeverWritable()
    {
        using var source = UploadSource.Open(S3Content.FromBytes(new byte[10])).Right();
        using var segment = source.Segment(2, 5);

        Assert.False(segment.CanWrite);
        Assert.Throws<NotSupportedException>(() => segment.WriteByte(1));
    }

    [Fact]
    public async Task Dispose_ReleasesWhatWasReadAhead_SoItIsNeverReadAgain()
    {
        var content = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var source = UploadSource.Open(S3Content.FromStream(new S3InteractionsPutTests.OneWayStream(content))).Right();
        Assert.Null(await source.ReadAheadAsync(40, CancellationToken.None));

        source.Dispose();
        var buffer = new byte[10];
        var n = (await source.ReadAsync(buffer, CancellationToken.None)).Right();

        Assert.Equal(content[40..50], buffer[..n]);
    }

    /// <summary>A seekable stream whose length cannot be had.</summary>
    private sealed class LengthFails(Exception thrown) : MemoryStream
    {
        public override bool CanSeek => true;
        public override long Length => throw thrown;
    }

    /// <summary>A stream of unknown length whose first read is cancelled: by the caller, or by the stream itself (its own
    /// timeout, as an HTTP response body's), the caller's token untouched.</summary>
    private sealed class CancellingStream(CancellationTokenSource caller, bool fromItself) : ForwardOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (fromItself) return ValueTask.FromException<int>(new TaskCanceledException());
            caller.Cancel();
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

    }

    /// <summary>A stream that cannot be read.</summary>
    private sealed class WriteOnly : MemoryStream
    {
        public override bool CanRead => false;
    }
}
