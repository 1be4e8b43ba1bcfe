using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using AwsAio.Core;
using AwsAio.Tests.Support;
using static AwsAio.Tests.Support.S3Doubles;
using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>
/// The multipart engine (S3Interactions.Multipart.cs) over a mocked IAmazonS3 that keeps the parts: every byte sent once
/// in part order, bounded parallel parts, progress, and on every failure an abort and a Left that says how far it got.
/// </summary>
public sealed class S3InteractionsMultipartTests : IDisposable
{
    private const string Bucket = "awsaio-unit-multipart";
    private const string Key = "captures/2026/11/30/eni-0a1b2c3d.pcap";
    private const long MiB = 1024 * 1024;

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;
    private readonly MultipartDouble _store;
    private readonly string _folder = Directory.CreateTempSubdirectory("awsaio-multipart-").FullName;

    public S3InteractionsMultipartTests()
    {
        _provider = ProviderFor(_s3.Object);
        _store = new MultipartDouble(_s3);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Five MiB threshold and parts, so that 12 MiB is three parts (5, 5 and 2 MiB).</summary>
    private static PutOptions Small(int parallel = 4, IProgress<TransferProgress>? progress = null) =>
        new() { MultipartThreshold = 5 * MiB, PartSize = 5 * MiB, ParallelParts = parallel, Progress = progress };

    private static byte[] Bytes(long count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private string File(byte[] content)
    {
        var path = Path.Combine(_folder, "capture.pcap");
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task Multipart_AFileAboveTheThreshold_SendsEveryByteOnce_InPartOrder_AndCompletes()
    {
        var content = Bytes(12 * MiB);
        var progress = new List<TransferProgress>();

        var uploaded = await S3Interactions.PutAsync(S3Content.FromFile(File(content)), Bucket, Key, _provider.Object,
            Small(progress: new S3InteractionsPutTests.Recorder(progress))).Right();

        Assert.Equal(content, _store.Joined());
        Assert.Equal([5 * MiB, 5 * MiB, 2 * MiB], _store.Parts.OrderBy(p => p.Key).Select(p => (long)p.Value.Length));
        Assert.All(_store.PartRequests, r => Assert.IsType<UploadSource.FileSegmentStream>(r.InputStream));
        var initiated = Assert.Single(_store.Initiated);
        Assert.Equal("application/vnd.tcpdump.pcap", initiated.ContentType);
        Assert.Null(initiated.ChecksumAlgorithm);
        var completed = Assert.Single(_store.Completed);
        Assert.Equal([1, 2, 3], completed.PartETags.Select(p => p.PartNumber ?? 0));
        Assert.Equal(MultipartDouble.UploadId, completed.UploadId);
        Assert.Empty(_store.Aborted);
        Assert.Equal(new UploadedObject(Bucket, Key, "final-3", "v-final", 12 * MiB, 3), uploaded);
        Assert.Equal(new TransferProgress(0, 12 * MiB), progress[0]);
        Assert.Equal(new TransferProgress(12 * MiB, 12 * MiB), progress[^1]);
        Assert.Equal(progress.Select(p => p.Done).Order(), progress.Select(p => p.Done));
    }

    [Fact]
    public async Task Multipart_AStreamOfUnknownLength_IsReadAPartAtATime_AndRoundTrips()
    {
        var content = Bytes(11 * MiB + 17);

        var uploaded = await S3Interactions.PutAsync(S3Content.FromStream(new S3InteractionsPutTests.OneWayStream(content)), Bucket, Key,
            _provider.Object, Small()).Right();

        Assert.Equal(content, _store.Joined());
        Assert.Equal(3, uploaded.Parts);
        Assert.Equal(content.Length, uploaded.Size);
    }

    [Fact]
    public async Task Multipart_NeverHasMorePartsInFlightThanAsked()
    {
        await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(31 * MiB)), Bucket, Key, _provider.Object, Small(parallel: 2)).Right();

        Assert.Equal(7, _store.Parts.Count);
        Assert.InRange(_store.MaxInFlight, 1, 2);
    }

    [Fact]
    public async Task Multipart_WithFlexibleChecksums_DeclaresCrc32_AndCompletesWithThePartChecksums()
    {
        var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
        var store = new MultipartDouble(s3, checksums: true);

        await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(11 * MiB)), Bucket, Key, ProviderFor(s3.Object).Object, Small()).Right();

        Assert.Equal(ChecksumAlgorithm.CRC32, Assert.Single(store.Initiated).ChecksumAlgorithm);
        Assert.All(store.PartRequests, r => Assert.Equal(ChecksumAlgorithm.CRC32, r.ChecksumAlgorithm));
        Assert.Equal(["crc-1", "crc-2", "crc-3"], Assert.Single(store.Completed).PartETags.Select(p => p.ChecksumCRC32));
    }

    [Fact]
    public async Task Multipart_WhenAPartFails_AbortsTheUpload_AndSaysHowFarItGot()
    {
        _store.OnPart = (number, _) => number == 2 ? S3Error("SlowDown", HttpStatusCode.ServiceUnavailable, "Please reduce your request rate.") : null;

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small(parallel: 1)).Left();

        var stopped = Assert.IsType<DomainError.TransferInterrupted>(error);
        Assert.Equal((Bucket, Key, MultipartDouble.UploadId), (stopped.Bucket, stopped.Key, stopped.UploadId));
        Assert.Equal((5 * MiB, 12 * MiB, 1, 3, true), (stopped.BytesDone, stopped.BytesTotal, stopped.PartsDone, stopped.PartsTotal, stopped.Aborted));
        var cause = Assert.IsType<DomainError.Throttled>(stopped.Cause);
        Assert.Equal(("UploadPart", "SlowDown", RequestId), (cause.Details.Operation, cause.Details.Code, cause.Details.RequestId));
        Assert.True(error.IsRetryable);
        Assert.Equal(MultipartDouble.UploadId, Assert.Single(_store.Aborted).UploadId);
        Assert.Empty(_store.Completed);
    }

    [Theory]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, typeof(DomainError.Throttled))]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, typeof(DomainError.ServiceUnavailable))]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, typeof(DomainError.BucketAccessDenied))]
    [InlineData("NoSuchUpload", HttpStatusCode.NotFound, typeof(DomainError.ResourceDoesNotExist))]
    [InlineData("KMS.DisabledException", HttpStatusCode.BadRequest, typeof(DomainError.EncryptionKeyError))]
    [InlineData("ExpiredToken", HttpStatusCode.BadRequest, typeof(DomainError.CredentialsExpired))]
    [InlineData("RequestTimeout", HttpStatusCode.BadRequest, typeof(DomainError.Timeout))]
    [InlineData("EntityTooLarge", HttpStatusCode.BadRequest, typeof(DomainError.InvalidRequest))]
    public async Task Multipart_APartsError_IsTheCoresDomainError_InsideTheInterruption(string code, HttpStatusCode status, Type expected)
    {
        _store.OnPart = (number, _) => number == 2 ? S3Error(code, status, "S3 said no") : null;

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small(parallel: 1)).Left();

        var cause = Assert.IsType<DomainError.TransferInterrupted>(error).Cause;
        Assert.IsType(expected, cause);
        Assert.Equal(("UploadPart", code, (int)status, RequestId), (cause.ErrorDetails.Operation, cause.ErrorDetails.Code, cause.ErrorDetails.HttpStatus,
            cause.ErrorDetails.RequestId));
        Assert.Equal(error.Category, cause.Category);
    }

    [Fact]
    public async Task Multipart_WhenTheAbortFails_SaysSo_AndNamesTheUploadToAbort()
    {
        _store.OnPart = (number, _) => number == 1 ? S3Error("InternalError", HttpStatusCode.InternalServerError, "We encountered an internal error.") : null;
        _store.AbortFailure = S3Error("AccessDenied", HttpStatusCode.Forbidden, "Access Denied");

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small(parallel: 1)).Left();

        var stopped = Assert.IsType<DomainError.TransferInterrupted>(error);
        Assert.False(stopped.Aborted);
        Assert.Contains(MultipartDouble.UploadId, stopped.ToString());
        Assert.IsType<DomainError.ServiceUnavailable>(stopped.Cause);
    }

    [Fact]
    public async Task Multipart_WhenTheUploadIsAlreadyGone_TheAbortCountsAsDone()
    {
        _store.OnPart = (number, _) => number == 3 ? S3Error("NoSuchUpload", HttpStatusCode.NotFound, "The specified upload does not exist.") : null;
        _store.AbortFailure = S3Error("NoSuchUpload", HttpStatusCode.NotFound, "The specified upload does not exist.");

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small(parallel: 1)).Left();

        var stopped = Assert.IsType<DomainError.TransferInterrupted>(error);
        Assert.True(stopped.Aborted);
        Assert.Equal("Multipart upload", Assert.IsType<DomainError.ResourceDoesNotExist>(stopped.Cause).ResourceType);
    }

    [Fact]
    public async Task Multipart_WhenTheCallerCancels_TheUploadIsStillAborted()
    {
        using var cancel = new CancellationTokenSource();
        _store.OnPart = (number, _) =>
        {
            if (number == 2) cancel.Cancel();
            return number >= 2 ? new OperationCanceledException(cancel.Token) : null;
        };

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small(parallel: 1),
            cancel.Token).Left();

        var stopped = Assert.IsType<DomainError.TransferInterrupted>(error);
        Assert.IsType<DomainError.Cancelled>(stopped.Cause);
        Assert.Equal((1, true), (stopped.PartsDone, stopped.Aborted));
        Assert.Single(_store.Aborted);
    }

    [Fact]
    public async Task Multipart_WhenTheUploadCannotStart_IsTheCauseItself_WithNothingToAbort()
    {
        _store.CreateFailure = S3Error("AccessDenied", HttpStatusCode.Forbidden, "Access Denied");

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small()).Left();

        Assert.Equal("CreateMultipartUpload", Assert.IsType<DomainError.BucketAccessDenied>(error).Details.Operation);
        Assert.Empty(_store.Aborted);
        Assert.Empty(_store.PartRequests);
    }

    [Fact]
    public async Task Multipart_WhenCompleteFails_TheUploadIsAborted()
    {
        _store.CompleteFailure = S3Error("InvalidPart", HttpStatusCode.BadRequest, "One or more of the specified parts could not be found.");

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small()).Left();

        var stopped = Assert.IsType<DomainError.TransferInterrupted>(error);
        Assert.Equal((3, 12 * MiB, true), (stopped.PartsDone, stopped.BytesDone, stopped.Aborted));
        Assert.Equal("InvalidPart", stopped.Cause.ErrorDetails.Code);
        Assert.Single(_store.Aborted);
    }

    [Fact]
    public async Task Multipart_WhenCompleteLosesItsAnswer_AndTheUploadIsGone_TheOutcomeStaysUnknown_NeverAborted()
    {
        // The completion went through but its answer was lost: the abort then finds no upload. Saying "aborted, nothing
        // left" would be a lie; the object most likely exists.
        _store.CompleteFailure = new TimeoutException("no answer to CompleteMultipartUpload");
        _store.AbortFailure = S3Error("NoSuchUpload", HttpStatusCode.NotFound, "The specified upload does not exist.");

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small()).Left();

        var unknown = Assert.IsType<DomainError.OutcomeUnknown>(error);
        Assert.Equal("CompleteMultipartUpload", unknown.Cause.ErrorDetails.Operation);
        Assert.Single(_store.Aborted);
    }

    [Fact]
    public async Task Multipart_WhenAStreamEndsBeforeItsLength_IsTheStreamsError_AndAborts()
    {
        var error = await S3Interactions.PutAsync(S3Content.FromStream(new ShortStream(12 * MiB, 7 * MiB)), Bucket, Key, _provider.Object,
            Small(parallel: 1)).Left();

        var stopped = Assert.IsType<DomainError.TransferInterrupted>(error);
        Assert.IsType<DomainError.LocalFileFailed>(stopped.Cause);
        Assert.Equal((1, true), (stopped.PartsDone, stopped.Aborted));
    }

    [Fact]
    public async Task Multipart_AStreamWithPartsTooBigToHoldInMemory_IsInvalidInput_BeforeAnyRequest()
    {
        var error = await S3Interactions.PutAsync(S3Content.FromStream(new S3InteractionsPutTests.OneWayStream(Bytes(6 * MiB))), Bucket, Key,
            _provider.Object, Small() with { PartSize = 3L * 1024 * MiB }).Left();

        Assert.Equal("part size", Assert.IsType<DomainError.InvalidInput>(error).Field);
        Assert.Empty(_store.Initiated);
    }

    [Fact]
    public async Task Multipart_AStreamOfUnknownLength_NeedingMorePartsThanS3Allows_IsTooManyParts_AfterTheLastPartItMaySend()
    {
        var sent = 0;
        _s3.Setup(s => s.UploadPartAsync(It.IsAny<Amazon.S3.Model.UploadPartRequest>(), It.IsAny<CancellationToken>()))
            .Returns((Amazon.S3.Model.UploadPartRequest r, CancellationToken _) =>
            {
                Interlocked.Increment(ref sent);
                return Task.FromResult(new Amazon.S3.Model.UploadPartResponse { PartNumber = r.PartNumber, ETag = $"\"etag-{r.PartNumber}\"", HttpStatusCode = HttpStatusCode.OK });
            });

        var error = await S3Interactions.PutAsync(S3Content.FromStream(new EndlessStream()), Bucket, Key, _provider.Object, Small(parallel: 1)).Left();

        var tooMany = DomainError.NewInvalidInput("content stream", "needs more than 10000 parts of 5242880 bytes; give a larger part size");
        Assert.Equal(DomainError.NewTransferInterrupted(Bucket, Key, MultipartDouble.UploadId, 10_000 * 5 * MiB, -1, 10_000, -1, true, tooMany), error);
        Assert.Equal(10_000, sent);
        Assert.Equal(MultipartDouble.UploadId, Assert.Single(_store.Aborted).UploadId);
        Assert.Empty(_store.Completed);
    }

    [Fact]
    public async Task Multipart_WhenTheCallerCancelsWhileAPartIsSent_IsCancelledOnTheParts_AndAbortsAfterTheSentOnes()
    {
        using var cancel = new CancellationTokenSource();
        var sent = new List<int>();
        // The caller cancels while the first part is on its way; that part still gets its answer (S3 had it), after a
        // pause that lets the run stop waiting for the next part's slot first (either order ends the same way).
        _s3.Setup(s => s.UploadPartAsync(It.IsAny<Amazon.S3.Model.UploadPartRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (Amazon.S3.Model.UploadPartRequest r, CancellationToken _) =>
            {
                lock (sent) sent.Add(r.PartNumber ?? 0);
                await cancel.CancelAsync();
                await Task.Delay(300, CancellationToken.None);
                return new Amazon.S3.Model.UploadPartResponse { PartNumber = r.PartNumber, ETag = $"\"etag-{r.PartNumber}\"", HttpStatusCode = HttpStatusCode.OK };
            });

        var error = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small(parallel: 1),
            cancel.Token).Left();

        Assert.Equal(DomainError.NewTransferInterrupted(Bucket, Key, MultipartDouble.UploadId, 5 * MiB, 12 * MiB, 1, 3, true,
            DomainError.NewCancelled("UploadPart")), error);
        Assert.Equal([1], sent);
        Assert.Single(_store.Aborted);
        Assert.Empty(_store.Completed);
    }

    [Fact]
    public async Task Multipart_WhenTheCallerCancelsAsTheStreamEnds_IsCancelledOnTheParts_AfterEveryPartWasSent()
    {
        using var cancel = new CancellationTokenSource();
        var stream = new EndingStream(11 * MiB + 5, cancel);

        var error = await S3Interactions.PutAsync(S3Content.FromStream(stream), Bucket, Key, _provider.Object, Small(parallel: 1),
            cancel.Token).Left();

        Assert.Equal(DomainError.NewTransferInterrupted(Bucket, Key, MultipartDouble.UploadId, 11 * MiB + 5, -1, 3, -1, true,
            DomainError.NewCancelled("UploadPart")), error);
        Assert.Equal([1, 2, 3], _store.PartRequests.Select(r => r.PartNumber ?? 0).Order());
        Assert.Single(_store.Aborted);
        Assert.Empty(_store.Completed);
    }

    [Fact]
    public async Task Multipart_WhenTheCallersLoggerThrowsOnEveryPart_StillCompletes_EveryPartSentOnce()
    {
        var broken = new InvalidOperationException("the log sink is closed");
        _provider.Setup(p => p.GetSettings<CallSettings>())
            .Returns(new CallSettings(CallSettings.DefaultDeadline, CallSettings.DefaultIdleTimeout, new ThrowingLogger("UploadPart", broken)));

        var put = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object, Small(parallel: 1)).Right();

        Assert.Equal(12 * MiB, put.Size);
        Assert.Equal([1, 2, 3], _store.PartRequests.Select(r => r.PartNumber ?? 0).Order());
        Assert.Empty(_store.Aborted);
        Assert.Single(_store.Completed);
    }

    [Theory]
    [InlineData(typeof(AmazonClientException))]
    [InlineData(typeof(InvalidOperationException))]
    public async Task Multipart_WhenTheClientsConfigCannotBeRead_SendsNoChecksums_AndStillCompletes(Type thrown)
    {
        _s3.Setup(s => s.Config).Throws((Exception)Activator.CreateInstance(thrown, "the client was disposed")!);

        var uploaded = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(11 * MiB)), Bucket, Key, _provider.Object, Small()).Right();

        Assert.Null(Assert.Single(_store.Initiated).ChecksumAlgorithm);
        Assert.All(_store.PartRequests, r => Assert.Null(r.ChecksumAlgorithm));
        Assert.Equal(new UploadedObject(Bucket, Key, "final-3", "v-final", 11 * MiB, 3), uploaded);
    }

    [Fact]
    public async Task Multipart_WhenTheProgressHandlerThrows_TheUploadStillCompletes_AndEveryReportIsMade()
    {
        var reports = 0;
        var progress = new Progress(_ =>
        {
            Interlocked.Increment(ref reports);
            throw new InvalidOperationException("the progress bar is gone");
        });

        var uploaded = await S3Interactions.PutAsync(S3Content.FromBytes(Bytes(12 * MiB)), Bucket, Key, _provider.Object,
            Small(parallel: 1, progress: progress)).Right();

        Assert.Equal(new UploadedObject(Bucket, Key, "final-3", "v-final", 12 * MiB, 3), uploaded);
        Assert.Equal(4, reports);
        Assert.Equal(12 * MiB, _store.Joined().Length);
    }

    /// <summary>A progress handler that runs its action synchronously (the BCL's Progress posts to a context).</summary>
    private sealed class Progress(Action<TransferProgress> action) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => action(value);
    }

    /// <summary>A logger that throws on every line naming <paramref name="operation"/>.</summary>
    private sealed class ThrowingLogger(string operation, Exception thrown) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains($" {operation} ", StringComparison.Ordinal)) throw thrown;
        }
    }

    /// <summary>A stream of unknown length whose second read at its end (the one that finds no next part) cancels
    /// <paramref name="cancel"/>.</summary>
    private sealed class EndingStream(long length, CancellationTokenSource cancel) : ForwardOnlyStream
    {
        private long _position;
        private int _ends;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            if (n == 0 && ++_ends == 2) cancel.Cancel();
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

    }

    /// <summary>A stream of unknown length that never ends (its bytes are whatever the buffer held).</summary>
    private sealed class EndlessStream : ForwardOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => count;
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(buffer.Length);
    }

    /// <summary>A seekable stream that says it is longer than it is.</summary>
    private sealed class ShortStream(long claimed, long real) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => claimed;
        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, real - _position);
            if (n <= 0) return 0;
            Array.Fill(buffer, (byte)7, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => _position = offset;
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
    [Fact]
    public async Task Multipart_ASeekableStream_IsReadInPlannedParts_TheLastOneShort_AndRoundTrips()
    {
        var content = Bytes(12 * MiB);

        var uploaded = await S3Interactions.PutAsync(S3Content.FromStream(new MemoryStream(content)), Bucket, Key, _provider.Object, Small()).Right();

        Assert.Equal(content, _store.Joined());
        Assert.Equal([5 * MiB, 5 * MiB, 2 * MiB], _store.Parts.OrderBy(p => p.Key).Select(p => (long)p.Value.Length));
        Assert.Equal(new UploadedObject(Bucket, Key, "final-3", "v-final", 12 * MiB, 3), uploaded);
        Assert.Null(Assert.Single(_store.Initiated).TagSet);
    }

    [Fact]
    public async Task Multipart_ASeekableStreamShorterThanItsLength_IsTheStreamsError_AndIsAborted()
    {
        var error = await S3Interactions.PutAsync(S3Content.FromStream(new ClaimsMore(Bytes(11 * MiB), 12 * MiB)), Bucket, Key, _provider.Object,
            Small()).Left();

        Assert.Contains("the stream ended before the 12582912 bytes it said it had", error.ToString());
        Assert.Empty(_store.Completed);
        Assert.Single(_store.Aborted);
    }

    /// <summary>A seekable stream that says it holds more bytes than it does.</summary>
    private sealed class ClaimsMore(byte[] content, long claimed) : MemoryStream(content)
    {
        public override long Length => claimed;
    }
}
