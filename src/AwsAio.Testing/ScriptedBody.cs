namespace AwsAio.Testing;

/// <summary>
/// A response body that serves given bytes in chunks of at most <see cref="MaxChunk"/> bytes and, when scripted,
/// fails after <see cref="FailAfter"/> bytes with <see cref="Failure"/> — a connection cut mid-download. It records how
/// much was read and whether it was disposed, so a test can check that the code under test closed it.
/// </summary>
public sealed class ScriptedBody : Stream
{
    private readonly byte[] _content;
    private int _position;

    /// <summary>Creates a body.</summary>
    /// <param name="content">The bytes to serve.</param>
    /// <param name="failAfter">After how many bytes to fail (null: never). Must be at most the content's length.</param>
    /// <param name="failure">What to throw then (an <see cref="IOException"/> when null).</param>
    /// <param name="maxChunk">The most bytes one read returns (at least 1).</param>
    public ScriptedBody(byte[] content, int? failAfter = null, Exception? failure = null, int maxChunk = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
        FailAfter = failAfter is { } n ? Math.Clamp(n, 0, content.Length) : null;
        Failure = FailAfter is null ? null : failure ?? new IOException("The response ended prematurely.");
        MaxChunk = Math.Max(1, maxChunk);
    }

    /// <summary>The bytes this body serves when nothing fails.</summary>
    public IReadOnlyList<byte> Content => _content;

    /// <summary>After how many bytes the body fails; null when it never does.</summary>
    public int? FailAfter { get; }

    /// <summary>What the body throws at <see cref="FailAfter"/>; null when it never fails.</summary>
    public Exception? Failure { get; }

    /// <summary>The most bytes one read returns.</summary>
    public int MaxChunk { get; }

    /// <summary>Whether the body serves all its content without failing.</summary>
    public bool Completes => FailAfter is null;

    /// <summary>How many bytes have been read so far.</summary>
    public int BytesRead => _position;

    /// <summary>Whether the body was disposed.</summary>
    public bool Disposed { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => !Disposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => _content.Length;

    /// <inheritdoc />
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("A response body cannot seek.");
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        var end = FailAfter ?? _content.Length;
        if (_position >= end && Failure is not null)
        {
            throw Failure;
        }

        var n = Math.Min(Math.Min(buffer.Length, MaxChunk), end - _position);
        _content.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        try
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int>(e);
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A response body cannot seek.");

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("A response body is read-only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A response body is read-only.");

    /// <summary>Describes the body for counterexamples.</summary>
    public override string ToString() =>
        $"ScriptedBody({_content.Length} bytes, chunks of ≤{MaxChunk}{(FailAfter is { } n ? $", fails after {n} with {Failure!.GetType().Name}" : "")})";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
