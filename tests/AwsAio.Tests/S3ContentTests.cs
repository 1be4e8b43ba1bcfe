using System.Text;
using Xunit;

namespace AwsAio.Tests;

/// <summary>What an upload sends (S3Content.cs): text as UTF-8 without a byte-order mark, bytes without a copy, and a
/// rendering that names the kind of content but never the content.</summary>
public sealed class S3ContentTests
{
    [Fact]
    public void Text_IsUtf8_WithoutAByteOrderMark_AndMarkedAsText()
    {
        var content = S3Content.FromText("Zoë");

        Assert.Equal(Encoding.UTF8.GetBytes("Zoë"), content.Bytes.ToArray());
        Assert.True(content.IsText);
        Assert.Empty(S3Content.FromText(null!).Bytes.ToArray());
    }

    [Fact]
    public void Bytes_InAnArray_AreSegmentsOfThatArray()
    {
        var array = new byte[10];

        var segment = S3Content.FromBytes(array.AsMemory(2, 5)).Segment();

        Assert.Same(array, segment.Array);
        Assert.Equal((2, 5), (segment.Offset, segment.Count));
    }

    [Fact]
    public void Rendering_NamesTheKind_NeverTheContent()
    {
        Assert.Equal("text (6 bytes)", S3Content.FromText("secret").ToString());
        Assert.Equal("3 bytes", S3Content.FromBytes(new byte[] { 1, 2, 3 }).ToString());
        Assert.Equal("a stream", S3Content.FromStream(new MemoryStream()).ToString());
        Assert.Equal("file /tmp/app.log", S3Content.FromFile("/tmp/app.log").ToString());
    }
    [Fact]
    public void FromFile_OfNull_IsAnEmptyPath_ThatIsNotText()
    {
        var content = S3Content.FromFile(null!);

        Assert.Equal("", content.LocalPath);
        Assert.False(content.IsText);
    }

    [Fact]
    public void FromFile_AndFromStream_AreNeverText()
    {
        Assert.False(S3Content.FromFile("/tmp/notes.txt").IsText);
        Assert.False(S3Content.FromStream(new MemoryStream()).IsText);
    }
}
