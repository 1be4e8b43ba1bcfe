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

    /// <summary>A stream that cannot be read.</summary>
    private sealed class WriteOnly : MemoryStream
    {
        public override bool CanRead => false;
    }
}
