using System.Buffers;

namespace AwsAio;

/// <summary>
/// A response document read whole, asynchronously and under the idle timeout, before the SDK parses it (the SDK parses
/// with synchronous reads, which on a stalled socket would hold a thread-pool thread). The bytes live in one buffer
/// rented from AwsAio's own pool, sized from <c>Content-Length</c> when the answer has one, and go back to the pool when
/// the SDK disposes the response: a listing page costs no allocation beyond the stream object itself.
/// </summary>
/// <remarks>
/// The pool is AwsAio's, not <see cref="ArrayPool{T}.Shared"/>: documents include STS answers that carry secret keys
/// and session tokens, and a buffer of the shared pool goes next to any code in the process that rents one, its old
/// bytes uncleared. Ours go only to the next document read here, which exposes only the bytes it read itself.
/// </remarks>
internal sealed class DocumentBody : Stream
{
    /// <summary>The first buffer when the answer names no length (chunked): most error documents fit.</summary>
    private const int UnknownLengthStart = 16 * 1024;

    /// <summary>The largest first buffer a <c>Content-Length</c> may ask for; a larger document still arrives whole,
    /// the buffer growing as bytes actually come (a header alone never reserves more).</summary>
    private const int LargestFirstBuffer = 4 * 1024 * 1024;

    /// <summary>The documents' pool: arrays up to 16 MiB kept (larger ones are made and dropped).</summary>
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(16 * 1024 * 1024, 32);

    private byte[]? _buffer;
    private readonly int _length;
    private int _position;

    private DocumentBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>
    /// Reads <paramref name="body"/> to its end into a pooled buffer and disposes it. Each wait for bytes is bounded by
    /// <paramref name="idleTimeout"/> (a <see cref="TimeoutException"/> when it passes) and ends when
    /// <paramref name="ct"/> or the call in progress is cancelled; one timer serves every read.
    /// </summary>
    /// <param name="body">The body as the network delivers it.</param>
    /// <param name="contentLength">The answer's <c>Content-Length</c>, if it has one (0: nothing to read, as for a HEAD,
    /// and the body is <see cref="Stream.Null"/>).</param>
    /// <param name="idleTimeout">The longest wait for the next bytes.</param>
    /// <param name="ct">The request's cancellation.</param>
    internal static async Task<Stream> ReadAsync(Stream body, long? contentLength, TimeSpan idleTimeout, CancellationToken ct)
    {
        if (contentLength == 0)
        {
            await body.DisposeAsync().ConfigureAwait(false);
            return Null;
        }

        var call = CallScope.Token;
        // One byte more than announced, so that the end of the body is seen without growing the buffer; a length
        // beyond any buffer (a hostile header) is clamped before the addition can overflow.
        var buffer = Pool.Rent(contentLength is { } known and > 0
            ? (int)Math.Min(known, LargestFirstBuffer - 1) + 1
            : UnknownLengthStart);
        var filled = 0;
        try
        {
            await using (body.ConfigureAwait(false))
            {
                // Linking a token that can never be cancelled registers nothing.
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct, call);
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        var larger = Pool.Rent(checked(buffer.Length * 2));
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        Pool.Return(buffer);
                        buffer = larger;
                    }

                    idle.CancelAfter(idleTimeout);
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer.AsMemory(filled), idle.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested && !call.IsCancellationRequested)
                    {
                        throw new TimeoutException($"no bytes of the response body arrived for {idleTimeout.TotalSeconds:0.###} s");
                    }

                    if (read == 0) break;
                    filled += read;
                }
            }

            // HttpClient ends a body at its Content-Length, and a connection that closes early may still read as a
            // clean end: a document shorter than announced is cut, never whole.
            if (contentLength is { } announced and > 0 && filled < announced)
            {
                throw new IOException($"the response body ended after {filled} of the {announced} bytes announced");
            }
        }
        catch
        {
            Pool.Return(buffer);
            throw;
        }

        return new DocumentBody(buffer, filled);
    }

    /// <inheritdoc />
    public override bool CanRead => _buffer is not null;

    /// <inheritdoc />
    public override bool CanSeek => _buffer is not null;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => Bytes().Length;

    /// <inheritdoc />
    public override long Position
    {
        get
        {
            Bytes();
            return _position;
        }
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var rest = Bytes()[_position..];
        var n = Math.Min(rest.Length, buffer.Length);
        rest[..n].CopyTo(buffer);
        _position += n;
        return n;
    }

    /// <inheritdoc />
    public override int ReadByte()
    {
        var rest = Bytes()[_position..];
        if (rest.IsEmpty) return -1;
        _position++;
        return rest[0];
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<int>(cancellationToken)
            : Task.FromResult(Read(buffer.AsSpan(offset, count)));

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<int>(cancellationToken)
            : ValueTask.FromResult(Read(buffer.Span));

    /// <inheritdoc />
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        var rest = Bytes().Length - _position;
        var start = _position;
        _position += rest;
        await destination.WriteAsync(_buffer.AsMemory(start, rest), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin)
    {
        var length = Bytes().Length;
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0 || target > length) throw new IOException("cannot seek outside the document");
        _position = (int)target;
        return _position;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // Exactly once, whoever disposes: a buffer returned twice would be handed to two renters.
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            Pool.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private ReadOnlySpan<byte> Bytes() =>
        _buffer is { } buffer ? buffer.AsSpan(0, _length) : throw new ObjectDisposedException(nameof(DocumentBody));
}
