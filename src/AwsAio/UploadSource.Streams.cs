using AwsAio.Core;
using Microsoft.Win32.SafeHandles;

namespace AwsAio;

/// <summary>The streams an upload hands the SDK: windows onto a file, and the caller's stream guarded.</summary>
internal sealed partial class UploadSource
{
    /// <summary>A read-only window onto a file, read at absolute offsets (so parts of one file can be sent at once),
    /// seekable so the SDK can rewind it for a retry; a read failure is the file's, decided here.</summary>
    internal sealed class FileSegmentStream(SafeFileHandle file, string path, long start, long length) : Stream
    {
        private long _position;
        private bool _closed;

        public override bool CanRead => !_closed && !file.IsClosed;
        public override bool CanSeek => CanRead;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = Math.Clamp(value, 0, length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var wanted = (int)Math.Min(buffer.Length, length - _position);
            if (wanted <= 0) return 0;
            try
            {
                var read = System.IO.RandomAccess.Read(file, buffer[..wanted], start + _position);
                _position += read;
                return read;
            }
            catch (Exception e) when (e is not OperationCanceledException && LocalFiles.ReadError(path, e) is { } local)
            {
                throw new DecidedFailure(local.Value);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var wanted = (int)Math.Min(buffer.Length, length - _position);
            if (wanted <= 0) return 0;
            try
            {
                var read = await System.IO.RandomAccess.ReadAsync(file, buffer[..wanted], start + _position, cancellationToken).ConfigureAwait(false);
                _position += read;
                return read;
            }
            catch (Exception e) when (e is not OperationCanceledException && LocalFiles.ReadError(path, e) is { } local)
            {
                throw new DecidedFailure(local.Value);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>Moves within the window (clamped to it) and returns the position reached, not the one asked for.</summary>
        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Closes the window (the file itself is closed with its source).</summary>
        protected override void Dispose(bool disposing)
        {
            _closed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>The caller's stream as the SDK reads it: a read failure is the stream's (decided here), and disposing
    /// it leaves the caller's stream open.</summary>
    private sealed class GuardedStream(Stream inner) : Stream
    {
        private bool _closed;

        public override bool CanRead => !_closed;
        public override bool CanSeek => !_closed && inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return inner.Read(buffer, offset, count);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                throw new DecidedFailure(StreamFailed(e));
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
            {
                throw new DecidedFailure(StreamFailed(e));
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Closes the wrapper only: the caller's stream stays open.</summary>
        protected override void Dispose(bool disposing)
        {
            _closed = true;
            base.Dispose(disposing);
        }
    }
}
