using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio;

public static partial class S3Interactions
{
    /// <summary>
    /// Deletes one object (one DeleteObject). An object that is not there is success, as S3 itself answers; in a
    /// versioned bucket S3 adds a delete marker. A lost answer is <c>OutcomeUnknown</c> (repeating it is harmless).
    /// </summary>
    /// <param name="location">The object.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static Task<Either<DomainError, Unit>> DeleteObjectAsync(S3Location location, IAwsClientProvider provider, CancellationToken ct = default) =>
        location is null ? Task.FromResult(NoLocation<Unit>()) : DeleteObjectAsync(location.Bucket, location.Key, provider, ct);

    /// <summary>Deletes one object, as <see cref="DeleteObjectAsync(S3Location, IAwsClientProvider, CancellationToken)"/>.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, Unit>> DeleteObjectAsync(
        string bucket, string key, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.S3(provider, bucket, key) is { } invalid) return invalid;

        var deleted = await AwsCall.RunStepAsync(provider, S3Call(S3Operations.DeleteObject, bucket, key).Toward(CallGoal.ObjectGone),
            c => provider.GetS3().DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, c), ct).ConfigureAwait(false);
        return deleted.Match(Right: _ => unit, Left: ToGoal);
    }

    /// <summary>
    /// Deletes many objects of one bucket, at most 1,000 per DeleteObjects (duplicates named once; keys that are not
    /// there count as deleted). Every key is accounted for: an answer that leaves a key out is <c>MalformedResponse</c>,
    /// and every key S3 refused is reported in one <c>ObjectsNotDeleted</c> with its own error. Every key is checked
    /// before any request. A failed request stops the run (keys of earlier batches stay deleted).
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="keys">The object keys.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the run (batches already sent stay done).</param>
    public static async Task<Either<DomainError, Unit>> DeleteObjectsAsync(
        string bucket, IEnumerable<string> keys, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.S3(provider, bucket) is { } invalid) return invalid;
        var checkedKeys = S3Objects.DeleteKeys(keys, S3Settings.Of(provider).AllowDotSegmentKeys);
        if (Inputs.Of(checkedKeys) is { } refusedKey) return refusedKey;

        var failures = new List<DeleteFailure>();
        foreach (var batch in checkedKeys.ResultValue.Chunk(S3Rules.MaxDeleteBatch))
        {
            var deleted = await DeleteBatchAsync(bucket, batch, provider, ct, CallGoal.Answer).ConfigureAwait(false);
            if (!deleted.TryGetRight(out var refused, out var failed)) return failed.Error;
            failures.AddRange(refused);
        }

        return failures.Count == 0 ? unit : DomainError.NewObjectsNotDeleted(bucket, failures);
    }
}
