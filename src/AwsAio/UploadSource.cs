using System.Buffers;
using AwsAio.Core;
using LanguageExt;
using Microsoft.Win32.SafeHandles;

namespace AwsAio;

/// <summary>
/// The bytes of one upload, whatever they came from. Files and memory are read at any offset, so their parts go up in
/// parallel without being copied; a stream is read in order, a part at a time. A failure to read the source is a
/// domain error decided here (a local file problem), never taken for a network failure.
/// </summary>
internal sealed partial class UploadSource : IDisposable
{
    private readonly SafeFileHandle? _file;
    private readonly string? _path;
    private readonly Stream? _stream;
    private ArraySegment<byte> _memory;
    private byte[]? _prefix;
    private int _prefixLength;
    private int _prefixRead;

    private UploadSource(SafeFileHandle? file, string? path, Stream? stream, ArraySegment<byte> memory, long? length)
    {
        _file = file;
        _path = path;
        _stream = stream;
        _memory = memory;
        Length = length;
    }

    /// <summary>How many bytes will be sent; null while a stream's length is unknown.</summary>
    internal long? Length { get; private set; }

    /// <summary>Whether parts can be read at any offset (a file or memory), so concurrently and without buffering.</summary>
    internal bool RandomAccess => _file is not null || _stream is null || _prefix is not null && Length is not null;

    /// <summary>Opens the content: a missing or unreadable file is its local error; a stream must be readable.</summary>
    /// <param name="content">What to send.</param>
    internal static Either<DomainError, UploadSource> Open(S3Content content)
    {
        if (content.LocalPath is { } path)
        {
            if (path.Length == 0) return DomainError.NewInvalidInput("local path", "is required");
            if (Directory.Exists(path)) return DomainError.NewInvalidInput("local path", "must name a file, not a folder");
            try
            {
                var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                return new UploadSource(handle, path, null, default, System.IO.RandomAccess.GetLength(handle));
            }
            catch (Exception e) when (LocalFiles.ReadError(path, e) is { } local)
            {
                return local.Value;
            }
        }

        if (content.Stream is { } stream)
        {
            if (!stream.CanRead) return DomainError.NewInvalidInput("content stream", "must be readable");
            long? length = null;
            try
            {
                if (stream.CanSeek) length = Math.Max(0, stream.Length - stream.Position);
            }
            catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
            {
                return StreamFailed(e);
            }

            return new UploadSource(null, null, stream, default, length);
        }

        var bytes = content.Segment();
        return new UploadSource(null, null, null, bytes, bytes.Count);
    }

    /// <summary>
    /// For a stream of unknown length: reads up to <paramref name="threshold"/> bytes ahead, so that a short stream
    /// becomes one request of known length and a long one starts its multipart upload with those bytes.
    /// </summary>
    /// <param name="threshold">The multipart threshold.</param>
    /// <param name="ct">Cancels the read.</param>
    internal async Task<DomainError?> ReadAheadAsync(long threshold, CancellationToken ct)
    {
        if (Length is not null || _stream is null) return null;
        var capacity = (int)Math.Min(threshold, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _prefix = buffer;
        var read = await FillAsync(buffer.AsMemory(0, capacity), ct).ConfigureAwait(false);
        if (!read.TryGetRight(out var count, out var error)) return error;
        _prefixLength = count;
        if (count < capacity)
        {
            // The stream ended before the buffer filled: all of it is in memory, sent as bytes of known length.
            Length = count;
            _memory = new ArraySegment<byte>(buffer, 0, count);
        }

        return null;
    }

    /// <summary>A stream over the bytes from <paramref name="offset"/> (random-access sources only).</summary>
    /// <param name="offset">The first byte.</param>
    /// <param name="length">How many bytes.</param>
    internal Stream Segment(long offset, long length) =>
        _file is not null
            ? new FileSegmentStream(_file, _path!, offset, length)
            : new MemoryStream(_memory.Array!, _memory.Offset + (int)offset, (int)length, writable: false);

    /// <summary>The whole content for one PutObject: a file or memory segment, or the caller's seekable stream guarded
    /// so that its read errors are reported as its own.</summary>
    internal Stream Whole() =>
        RandomAccess ? Segment(0, Length ?? 0) : new GuardedStream(_stream!);

    /// <summary>Reads the next bytes of a sequential source into <paramref name="buffer"/>, as many as fit (fewer only
    /// at the end): first what was read ahead, then the stream.</summary>
    /// <param name="buffer">Where the bytes go.</param>
    /// <param name="ct">Cancels the read.</param>
    internal async Task<Either<DomainError, int>> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        var copied = 0;
        if (_prefix is not null && _prefixRead < _prefixLength)
        {
            copied = Math.Min(buffer.Length, _prefixLength - _prefixRead);
            _prefix.AsMemory(_prefixRead, copied).CopyTo(buffer);
            _prefixRead += copied;
        }

        if (copied == buffer.Length) return copied;
        var rest = await FillAsync(buffer[copied..], ct).ConfigureAwait(false);
        return rest.Map(n => n + copied);
    }

    /// <summary>Returns the read-ahead buffer; the caller's stream stays open (it is the caller's).</summary>
    public void Dispose()
    {
        _file?.Dispose();
        if (_prefix is { } prefix)
        {
            _prefix = null;
            ArrayPool<byte>.Shared.Return(prefix);
        }
    }

    private async Task<Either<DomainError, int>> FillAsync(Memory<byte> buffer, CancellationToken ct)
    {
        var total = 0;
        try
        {
            while (total < buffer.Length)
            {
                var read = await _stream!.ReadAsync(buffer[total..], ct).ConfigureAwait(false);
                if (read == 0) break;
                total += read;
            }
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            return StreamFailed(e);
        }
        catch (OperationCanceledException e)
        {
            // The caller's cancel is a cancel; a stream that cancels its own read (its own timeout) failed as a stream,
            // and must not escape as an exception.
            return ct.IsCancellationRequested ? DomainError.NewCancelled(S3Operations.PutObject) : StreamFailed(e);
        }

        return total;
    }

    /// <summary>The error for a caller's stream that could not be read.</summary>
    /// <param name="e">What the stream threw.</param>
    internal static DomainError StreamFailed(Exception e) => DomainError.NewLocalFileFailed("(the content stream)", e.Message);
}
