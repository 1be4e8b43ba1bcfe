using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio;

public static partial class S3Interactions
{
    /// <summary>
    /// What S3 knows about an object (one HeadObject): size, ETag, content type, encoding, cache control, last modified,
    /// version id, storage class, encryption and user metadata, shaped by the core (<c>S3Objects.ObjectInfo</c>). Not
    /// found is <c>ObjectDoesNotExist</c>.
    /// </summary>
    /// <param name="location">The object.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static Task<Either<DomainError, ObjectInfo>> GetObjectInfoAsync(
        S3Location location, IAwsClientProvider provider, CancellationToken ct = default) =>
        location is null ? Task.FromResult(NoLocation<ObjectInfo>()) : GetObjectInfoAsync(location.Bucket, location.Key, provider, ct);

    /// <summary>What S3 knows about an object, as <see cref="GetObjectInfoAsync(S3Location, IAwsClientProvider, CancellationToken)"/>.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, ObjectInfo>> GetObjectInfoAsync(
        string bucket, string key, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.S3(provider, bucket, key) is { } invalid) return invalid;

        var head = await AwsCall.RunAsync(provider, S3Call(S3Operations.HeadObject, bucket, key),
            c => provider.GetS3().GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, c), ct).ConfigureAwait(false);
        return head.Map(r => S3Objects.ObjectInfo(bucket, key, r.ContentLength, r.ETag, r.Headers?.ContentType, r.Headers?.ContentEncoding,
            r.Headers?.CacheControl, r.LastModified, r.VersionId, r.StorageClass?.Value, r.ServerSideEncryptionMethod?.Value,
            r.ServerSideEncryptionKeyManagementServiceKeyId, MetadataOf(r.Metadata)));
    }

    /// <summary>
    /// Reads an object through <paramref name="read"/>, which gets the body as a stream and returns what it made of it;
    /// the response is disposed when <paramref name="read"/> returns, whatever happens, so it cannot leak. An optional
    /// byte range (<paramref name="offset"/>, <paramref name="length"/>) is checked by the core before any request, and
    /// an answer that is not the range asked for is <c>MalformedResponse</c>, never handed over. The call deadline and
    /// the body idle timeout bound the whole read; an exception <paramref name="read"/> throws is a Left
    /// (<c>Unexpected</c>, carrying it; a failed body read is <c>Transport</c>). Not found is <c>ObjectDoesNotExist</c>.
    /// </summary>
    /// <typeparam name="T">What the reader makes of the body (never null).</typeparam>
    /// <param name="location">The object.</param>
    /// <param name="read">Reads the body; given the token that carries the caller's cancellation and the deadline.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="offset">The first byte to read; null for the start.</param>
    /// <param name="length">How many bytes to read; null for the rest of the object.</param>
    /// <param name="ct">Cancels the read.</param>
    public static async Task<Either<DomainError, T>> ReadObjectAsync<T>(
        S3Location location, Func<Stream, CancellationToken, Task<T>> read, IAwsClientProvider provider, long? offset = null,
        long? length = null, CancellationToken ct = default)
    {
        if (location is null) return NoLocation<T>();
        var (bucket, key) = (location.Bucket, location.Key);
        var range = S3Objects.RangeHeader(offset, length);
        var invalid = Inputs.S3(provider, bucket, key)
                      ?? (read is null ? DomainError.NewInvalidInput("reader", "is required") : null)
                      ?? Inputs.Of(range);
        if (invalid is not null) return invalid;

        var request = new GetObjectRequest { BucketName = bucket, Key = key };
        if (range.ResultValue is { } header) request.ByteRange = new ByteRange(header);
        var got = await AwsCall.RunAsync(provider, S3Call(S3Operations.GetObject, bucket, key), async c =>
        {
            using var response = await provider.GetS3().GetObjectAsync(request, c).ConfigureAwait(false);
            var answer = S3Objects.RangeAnswer(bucket, key, offset, length, (int)response.HttpStatusCode, response.ContentRange,
                response.ResponseMetadata?.RequestId);
            if (answer.IsError) throw new DecidedFailure(answer.ErrorValue);
            return new ReadResult<T>(await read!(response.ResponseStream, c).ConfigureAwait(false));
        }, ct).ConfigureAwait(false);
        return got.Bind(r => r.Value is { } value
            ? Right<DomainError, T>(value)
            : DomainError.NewInvalidInput("reader", "returned null (a result must be a value)"));
    }

    /// <summary>Reads an object through <paramref name="read"/>, as
    /// <see cref="ReadObjectAsync{T}(S3Location, Func{Stream, CancellationToken, Task{T}}, IAwsClientProvider, long?, long?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">What the reader makes of the body (never null).</typeparam>
    /// <param name="location">The object.</param>
    /// <param name="read">Reads the body.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="offset">The first byte to read; null for the start.</param>
    /// <param name="length">How many bytes to read; null for the rest of the object.</param>
    /// <param name="ct">Cancels the read.</param>
    public static Task<Either<DomainError, T>> ReadObjectAsync<T>(
        S3Location location, Func<Stream, Task<T>> read, IAwsClientProvider provider, long? offset = null, long? length = null,
        CancellationToken ct = default) =>
        ReadObjectAsync<T>(location, read is null ? null! : (stream, _) => read(stream), provider, offset, length, ct);

    /// <summary>Downloads an object to a new local file, as
    /// <see cref="GetObjectToFileAsync(string, string, string, IAwsClientProvider, CancellationToken)"/>: never overwrites,
    /// never leaves a partial file.</summary>
    /// <param name="from">The object.</param>
    /// <param name="localPath">The file to create (it must not exist; its folder must).</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the download (the temporary file is removed).</param>
    public static Task<Either<DomainError, S3File>> GetObjectToFileAsync(
        S3Location from, string localPath, IAwsClientProvider provider, CancellationToken ct = default) =>
        from is null ? Task.FromResult(NoLocation<S3File>()) : GetObjectToFileAsync(from.Bucket, from.Key, localPath, provider, ct);

    /// <summary>The SDK's metadata collection as entries for the core.</summary>
    private static IEnumerable<KeyValuePair<string, string>> MetadataOf(MetadataCollection? metadata) =>
        metadata is null ? [] : metadata.Keys.Select(k => KeyValuePair.Create(k, metadata[k]));

    private static Either<DomainError, T> NoLocation<T>() => DomainError.NewInvalidInput("location", "is required");

    /// <summary>A reader's result, boxed so that a null from the reader is told apart from a missing SDK response.</summary>
    private sealed record ReadResult<T>(T? Value);
}
