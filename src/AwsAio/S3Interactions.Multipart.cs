using System.Buffers;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

// Multipart transfers are written here rather than handed to the SDK's TransferUtility: TransferUtility neither says
// how far a failed upload got nor sends its parts through AwsAio's call runner (deadline per request, the core's error
// mapping, one Debug line each), and it leaves the abort of a failed upload to its own rules. Here every part is one
// AwsCall, the plan is the core's (S3Transfers.PartPlan), and a failure or cancellation always ends in
// AbortMultipartUpload, reported in the Left (S3Transfers.Interrupted).
public static partial class S3Interactions
{
    /// <summary>A part ready to send: its number and size, how to send it (given the upload id), and the buffer it
    /// holds until it is sent.</summary>
    private sealed record PartJob(int Number, long Length, Func<string, CancellationToken, Task<Either<DomainError, PartETag>>> Send, IDisposable? Lease);

    /// <summary>The next part of a transfer, None when there is none left.</summary>
    private delegate Task<Either<DomainError, Option<PartJob>>> NextPart(int number, CancellationToken ct);

    private static Task<Either<DomainError, UploadedObject>> PutMultipartAsync(
        UploadSource source, string bucket, string key, UploadHeaders headers, IAwsClientProvider provider, PutOptions options,
        CancellationToken ct)
    {
        TransferPart[]? plan = null;
        if (source.Length is { } length)
        {
            var planned = S3Transfers.PartPlan(length, options.PartSize);
            if (planned.IsError) return Task.FromResult(Left<DomainError, UploadedObject>(planned.ErrorValue));
            plan = planned.ResultValue;
        }

        if (!source.RandomAccess && S3Transfers.CheckBufferedPart(plan?[0].Length ?? options.PartSize) is { IsError: true } tooBig)
        {
            return Task.FromResult(Left<DomainError, UploadedObject>(tooBig.ErrorValue));
        }

        var checksums = ChecksumsOnWrite(provider);
        var initiate = new InitiateMultipartUploadRequest { BucketName = bucket, Key = key };
        headers.ApplyTo(initiate);
        if (checksums) initiate.ChecksumAlgorithm = ChecksumAlgorithm.CRC32;
        var chunked = S3Settings.Of(provider).UseChunkEncoding;

        PartJob Job(int number, long partLength, Func<Stream> body, IDisposable? lease) => new(number, partLength, async (uploadId, c) =>
        {
            await using var stream = body();
            var request = new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = number, PartSize = partLength, InputStream = stream,
                UseChunkEncoding = chunked,
            };
            if (checksums) request.ChecksumAlgorithm = ChecksumAlgorithm.CRC32;
            var sent = await AwsCall.RunAsync(provider, S3Call(S3Operations.UploadPart, bucket, key),
                x => provider.GetS3().UploadPartAsync(request, x), c).ConfigureAwait(false);
            return sent.Map(r => new PartETag(number, r.ETag) { ChecksumCRC32 = r.ChecksumCRC32 });
        }, lease);

        NextPart next;
        if (plan is not null && source.RandomAccess)
        {
            next = (number, _) => Task.FromResult(Right<DomainError, Option<PartJob>>(
                number > plan.Length ? None : Some(Job(number, plan[number - 1].Length, () => source.Segment(plan[number - 1].Offset, plan[number - 1].Length), null))));
        }
        else
        {
            // A stream is read in order, one part at a time, into a pooled buffer held until the part is sent.
            next = async (number, c) =>
            {
                if (plan is not null && number > plan.Length) return Right<DomainError, Option<PartJob>>(None);
                var wanted = plan is not null ? plan[number - 1].Length : options.PartSize;
                var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(wanted, System.Array.MaxLength));
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)wanted), c).ConfigureAwait(false);
                if (!read.TryGetRight(out var count, out var failed) || count == 0 || (plan is not null && count < wanted))
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    if (failed is not null) return failed;
                    if (plan is not null) return UploadSource.StreamFailed(new EndOfStreamException($"the stream ended before the {source.Length} bytes it said it had"));
                    return Right<DomainError, Option<PartJob>>(None);
                }

                if (number > S3Transfers.MaxParts)
                {
                    // Only a stream of unknown length gets here: it has more bytes than 10,000 parts of this size hold.
                    ArrayPool<byte>.Shared.Return(buffer);
                    return S3Transfers.TooManyParts(options.PartSize);
                }

                return Some(Job(number, count, () => new MemoryStream(buffer, 0, count, writable: false), new Lease(buffer)));
            };
        }

        return RunMultipartAsync(provider, bucket, key, initiate, S3Operations.UploadPart, source.Length ?? -1, plan?.Length ?? -1, next,
            options.ParallelParts, options.Progress, ct);
    }

    /// <summary>
    /// The one multipart engine (uploads and copies): CreateMultipartUpload, then the parts with at most
    /// <paramref name="parallel"/> in flight (the first failure stops the rest), then CompleteMultipartUpload; any
    /// failure or cancellation aborts the upload and is reported with how far it got.
    /// </summary>
    private static async Task<Either<DomainError, UploadedObject>> RunMultipartAsync(
        IAwsClientProvider provider, string bucket, string key, InitiateMultipartUploadRequest initiate, string partOperation, long total,
        int partsTotal, NextPart next, int parallel, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var created = await AwsCall.RunAsync(provider, S3Call(S3Operations.CreateMultipartUpload, bucket, key),
            c => provider.GetS3().InitiateMultipartUploadAsync(initiate, c), ct).ConfigureAwait(false);
        var started = created.Bind(r =>
            S3Transfers.UploadStarted(bucket, key, r.UploadId, (int)r.HttpStatusCode, r.ResponseMetadata?.RequestId).ToEither());
        if (!started.TryGetRight(out var uploadId, out var notStarted))
        {
            return S3Transfers.Interrupted(bucket, key, "", new TransferProgress(0, total), 0, partsTotal, notStarted, null);
        }

        Report(progress, 0, total);
        var gate = new object();
        var etags = new List<PartETag>();
        long done = 0;
        DomainError? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(parallel);
        var running = new List<Task>();

        void Fail(DomainError error)
        {
            lock (gate) failure ??= error;
            stop.Cancel();
        }

        for (var number = 1; !stop.IsCancellationRequested; number++)
        {
            try
            {
                await slots.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var job = await next(number, stop.Token).ConfigureAwait(false);
            var sending = job.MatchUnsafe(Right: part => part.MatchUnsafe(Some: p => p, None: () => (PartJob?)null), Left: _ => null);
            if (sending is null)
            {
                slots.Release();
                if (job.ErrorOrNull() is { } unavailable) Fail(unavailable);
                break;
            }

            running.Add(Task.Run(async () =>
            {
                try
                {
                    var sent = await sending.Send(uploadId, stop.Token).ConfigureAwait(false);
                    sent.Match(
                        Right: etag =>
                        {
                            // Reported under the gate, so that progress never goes backwards.
                            lock (gate)
                            {
                                etags.Add(etag);
                                done += sending.Length;
                                Report(progress, done, total);
                            }
                        },
                        Left: Fail);
                }
                catch (Exception e)
                {
                    // Send runs through the call runner and does not throw; this keeps the promise if that ever changes.
                    Fail(DomainError.NewUnexpected(AwsErrorDetails.NoResponse(S3Operations.Service, partOperation).On(ErrorTarget.Of(bucket, key)), e));
                }
                finally
                {
                    sending.Lease?.Dispose();
                    slots.Release();
                }
            }, CancellationToken.None));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        if (failure is null && stop.IsCancellationRequested)
        {
            failure = DomainError.NewCancelled(partOperation);
        }

        if (failure is not null)
        {
            return await AbortAsync(provider, bucket, key, uploadId, failure, done, total, etags.Count, partsTotal).ConfigureAwait(false);
        }

        var complete = new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId };
        complete.AddPartETags(etags.OrderBy(e => e.PartNumber));
        var completed = await AwsCall.RunAsync(provider, S3Call(S3Operations.CompleteMultipartUpload, bucket, key),
            c => provider.GetS3().CompleteMultipartUploadAsync(complete, c), ct).ConfigureAwait(false);
        if (!completed.TryGetRight(out var result, out var notCompleted))
        {
            return await AbortAsync(provider, bucket, key, uploadId, notCompleted, done, total, etags.Count, partsTotal).ConfigureAwait(false);
        }

        return S3Objects.Uploaded(bucket, key, result.ETag, result.VersionId, done, etags.Count);
    }

    /// <summary>Aborts a stopped upload (even when the caller cancelled: the abort has its own deadline) and reports how
    /// far it got; an upload already gone counts as aborted.</summary>
    private static async Task<Either<DomainError, UploadedObject>> AbortAsync(
        IAwsClientProvider provider, string bucket, string key, string uploadId, DomainError cause, long done, long total, int partsDone,
        int partsTotal)
    {
        var aborted = await AwsCall.RunStepAsync(provider, S3Call(S3Operations.AbortMultipartUpload, bucket, key).Toward(CallGoal.UploadGone),
            c => provider.GetS3().AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, c), CancellationToken.None).ConfigureAwait(false);
        var abortError = aborted.MatchUnsafe(Right: _ => null, Left: outcome => outcome.IsGoalHolds ? null : outcome.Error);
        if (S3Transfers.CompletionMayHaveHappened(cause, aborted.MatchUnsafe(Right: _ => false, Left: outcome => outcome.IsGoalHolds)))
        {
            return cause;
        }

        return S3Transfers.Interrupted(bucket, key, uploadId, new TransferProgress(done, total), partsDone, partsTotal, cause, abortError);
    }

    /// <summary>Whether uploads carry flexible checksums (the client computes them unless told to only when required,
    /// as the endpoint profile does); a multipart upload must then declare CRC32 when it starts.</summary>
    private static bool ChecksumsOnWrite(IAwsClientProvider provider)
    {
        try
        {
            return provider.GetS3().Config?.RequestChecksumCalculation != RequestChecksumCalculation.WHEN_REQUIRED;
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reports progress; a caller's progress handler that throws is not allowed to break the transfer.</summary>
    private static void Report(IProgress<TransferProgress>? progress, long done, long total)
    {
        try
        {
            progress?.Report(new TransferProgress(done, total));
        }
        catch (Exception)
        {
            // The handler is the caller's code; the transfer's outcome does not depend on it.
        }
    }

    /// <summary>A pooled buffer, returned when the part it holds has been sent.</summary>
    private sealed class Lease(byte[] buffer) : IDisposable
    {
        private byte[]? _buffer = buffer;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _buffer, null) is { } held) ArrayPool<byte>.Shared.Return(held);
        }
    }
}
