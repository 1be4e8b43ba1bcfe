using System.Runtime.InteropServices;
using System.Text;

namespace AwsAio;

/// <summary>
/// What an upload sends: a local file, a stream, bytes or text. A type of its own so that an upload cannot take a
/// local path for a key (or the other way round).
/// </summary>
public sealed class S3Content
{
    private S3Content(string? localPath, Stream? stream, ReadOnlyMemory<byte> bytes, bool isText)
    {
        LocalPath = localPath;
        Stream = stream;
        Bytes = bytes;
        IsText = isText;
    }

    /// <summary>The local file to send; null for other content.</summary>
    internal string? LocalPath { get; }

    /// <summary>The stream to send from its current position; null for other content.</summary>
    internal Stream? Stream { get; }

    /// <summary>The bytes to send (the UTF-8 of text).</summary>
    internal ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Whether the bytes are UTF-8 text (the guessed Content-Type then says so).</summary>
    internal bool IsText { get; }

    /// <summary>A local file, streamed from disk (never read whole into memory); large files go up in parallel parts
    /// read straight from the file. The Content-Type is guessed from the file's name when none is given.</summary>
    /// <param name="localPath">The file to send.</param>
    public static S3Content FromFile(string localPath) => new(localPath ?? "", null, ReadOnlyMemory<byte>.Empty, false);

    /// <summary>
    /// A stream, read from its current position to its end; the caller keeps ownership (it is not disposed). A seekable
    /// stream's length decides single or multipart; a stream of unknown length is read a part at a time (at most the
    /// multipart threshold, then the parallel parts, in memory) and goes multipart once it passes the threshold.
    /// </summary>
    /// <param name="stream">The stream to read.</param>
    public static S3Content FromStream(Stream stream) => new(null, stream, ReadOnlyMemory<byte>.Empty, false);

    /// <summary>Bytes already in memory (not copied).</summary>
    /// <param name="bytes">The bytes to send.</param>
    public static S3Content FromBytes(ReadOnlyMemory<byte> bytes) => new(null, null, bytes, false);

    /// <summary>Text, sent as UTF-8 without a byte-order mark; a guessed <c>text/*</c> Content-Type says
    /// <c>charset=utf-8</c>.</summary>
    /// <param name="text">The text to send.</param>
    public static S3Content FromText(string text) => new(null, null, Encoding.UTF8.GetBytes(text ?? ""), true);

    /// <summary>The bytes as an array segment (without a copy when they live in an array).</summary>
    internal ArraySegment<byte> Segment() =>
        MemoryMarshal.TryGetArray(Bytes, out var segment) ? segment : new ArraySegment<byte>(Bytes.ToArray());

    /// <summary>Says what kind of content this is; never the content itself.</summary>
    public override string ToString() =>
        LocalPath is not null ? $"file {LocalPath}" : Stream is not null ? "a stream" : IsText ? $"text ({Bytes.Length} bytes)" : $"{Bytes.Length} bytes";
}
