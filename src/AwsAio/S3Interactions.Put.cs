using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;
using S3Location = AwsAio.Core.S3Location;

namespace AwsAio;

public static partial class S3Interactions
{
    /// <summary>
    /// Uploads a file, a stream, bytes or text to an object. Below <see cref="PutOptions.MultipartThreshold"/> (16 MiB)
    /// it is one PutObject; from there a multipart upload with <see cref="PutOptions.ParallelParts"/> parts in flight
    /// (the core's part plan), progress after each part, and on any failure or cancellation the upload is aborted so
    /// that no part stays stored and billed: the Left is <c>TransferInterrupted</c> with how far it got and whether the
    /// abort succeeded. Every header value, the metadata and the tags are checked before any request; the Content-Type
    /// is guessed from the file name or key when none is given (<c>app.log</c> is <c>text/plain</c>). A lost answer to
    /// a PutObject is <c>OutcomeUnknown</c>.
    /// </summary>
    /// <param name="content">What to upload (<see cref="S3Content.FromFile"/>, <see cref="S3Content.FromStream"/>, …).</param>
    /// <param name="to">The object to write.</param>
    /// <param name="provider">Supplies the S3 client and the call and S3 settings.</param>
    /// <param name="options">Headers, metadata, tags, storage class, encryption, progress and part sizes; null for the
    /// defaults.</param>
    /// <param name="ct">Cancels the upload (a multipart upload is aborted).</param>
    public static Task<Either<DomainError, UploadedObject>> PutAsync(
        S3Content content, S3Location to, IAwsClientProvider provider, PutOptions? options = null, CancellationToken ct = default) =>
        to is null
            ? Task.FromResult(Left<DomainError, UploadedObject>(DomainError.NewInvalidInput("location", "is required")))
            : PutAsync(content, to.Bucket, to.Key, provider, options, ct);

    /// <summary>Uploads a file, a stream, bytes or text to an object, as
    /// <see cref="PutAsync(S3Content, S3Location, IAwsClientProvider, PutOptions?, CancellationToken)"/>.</summary>
    /// <param name="content">What to upload.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="provider">Supplies the S3 client and the call and S3 settings.</param>
    /// <param name="options">Headers, metadata, tags, storage class, encryption, progress and part sizes; null for the
    /// defaults.</param>
    /// <param name="ct">Cancels the upload (a multipart upload is aborted).</param>
    public static async Task<Either<DomainError, UploadedObject>> PutAsync(
        S3Content content, string bucket, string key, IAwsClientProvider provider, PutOptions? options = null, CancellationToken ct = default)
    {
        options ??= PutOptions.Default;
        if (content is null) return DomainError.NewInvalidInput("content", "is required");
        if (Inputs.S3(provider, bucket, key) is { } invalid) return invalid;

        var checkedHeaders = UploadHeaders.Check(options, content.LocalPath is { } path ? Path.GetFileName(path) : null, key, content.IsText);
        if (!checkedHeaders.TryGetRight(out var headers, out var refused)) return refused;

        var opened = UploadSource.Open(content);
        if (!opened.TryGetRight(out var source, out var unreadable)) return unreadable;
        using (source)
        {
            if (await source.ReadAheadAsync(options.MultipartThreshold, ct).ConfigureAwait(false) is { } readError)
            {
                return readError;
            }

            return source.Length is { } length && !S3Transfers.IsMultipart(length, options.MultipartThreshold)
                ? await PutOnceAsync(source, length, bucket, key, headers, provider, options.Progress, ct).ConfigureAwait(false)
                : await PutMultipartAsync(source, bucket, key, headers, provider, options, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Uploads a local file to an object, as
    /// <see cref="PutAsync(S3Content, S3Location, IAwsClientProvider, PutOptions?, CancellationToken)"/>.</summary>
    /// <param name="localPath">The file to upload.</param>
    /// <param name="to">The object to write.</param>
    /// <param name="provider">Supplies the S3 client and the call and S3 settings.</param>
    /// <param name="options">Headers, metadata, tags, storage class, encryption, progress and part sizes; null for the
    /// defaults.</param>
    /// <param name="ct">Cancels the upload (a multipart upload is aborted).</param>
    public static Task<Either<DomainError, UploadedObject>> PutFileAsync(
        string localPath, S3Location to, IAwsClientProvider provider, PutOptions? options = null, CancellationToken ct = default) =>
        PutAsync(S3Content.FromFile(localPath), to, provider, options, ct);

    /// <summary>
    /// Uploads a local file, streamed from disk (never read whole into memory), with optional user metadata and
    /// server-side encryption; the Content-Type is guessed from the file's name, and files from 16 MiB go multipart
    /// (see <see cref="PutAsync(S3Content, string, string, IAwsClientProvider, PutOptions?, CancellationToken)"/>). A
    /// missing local file is a Left before any request; NoSuchBucket is <c>BucketDoesNotExist</c>, AccessDenied
    /// <c>BucketAccessDenied</c>, and KMS errors stay KMS errors. A lost answer is <c>OutcomeUnknown</c>.
    /// </summary>
    /// <param name="localPath">The file to upload.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="provider">Supplies the S3 client and the call and S3 settings.</param>
    /// <param name="metadata">User metadata (keys without the x-amz-meta- prefix), or null.</param>
    /// <param name="encryption">Server-side encryption, or null for the bucket's default.</param>
    /// <param name="ct">Cancels the upload.</param>
    public static async Task<Either<DomainError, Unit>> PutFileAsync(
        string localPath, string bucket, string key, IAwsClientProvider provider,
        IReadOnlyDictionary<string, string>? metadata = null, S3Encryption? encryption = null, CancellationToken ct = default)
    {
        var put = await PutAsync(S3Content.FromFile(localPath), bucket, key, provider,
            new PutOptions { Metadata = metadata, Encryption = encryption }, ct).ConfigureAwait(false);
        return put.Map(_ => unit);
    }

    private static async Task<Either<DomainError, UploadedObject>> PutOnceAsync(
        UploadSource source, long length, string bucket, string key, UploadHeaders headers, IAwsClientProvider provider,
        IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        Report(progress, 0, length);
        await using var body = source.Whole();
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = S3Settings.Of(provider).UseChunkEncoding,
        };
        headers.ApplyTo(request);
        var put = await AwsCall.RunAsync(provider, S3Call(S3Operations.PutObject, bucket, key),
            c => provider.GetS3().PutObjectAsync(request, c), ct).ConfigureAwait(false);
        return put.Map(r =>
        {
            Report(progress, length, length);
            return S3Objects.Uploaded(bucket, key, r.ETag, r.VersionId, length, 1);
        });
    }

    /// <summary>The headers of an upload, every one checked by the core before any request.</summary>
    private sealed record UploadHeaders(
        string ContentType, string? ContentEncoding, string? CacheControl, IReadOnlyList<KeyValuePair<string, string>> Metadata,
        IReadOnlyList<KeyValuePair<string, string>> Tags, string? StorageClass, S3Encryption? Encryption)
    {
        internal static Either<DomainError, UploadHeaders> Check(PutOptions options, string? localName, string key, bool isText)
        {
            var metadata = Validate.UserMetadata(options.Metadata);
            var tags = S3Objects.Tags(options.Tags);
            var contentType = S3Objects.ContentType(options.ContentType, localName, key, isText);
            var storageClass = S3Objects.StorageClassName(options.StorageClass);
            var invalid = Inputs.Of(contentType)
                          ?? Inputs.OfOptional(options.ContentEncoding, v => Validate.HeaderValue("content encoding", v))
                          ?? Inputs.OfOptional(options.CacheControl, v => Validate.HeaderValue("cache control", v))
                          ?? Inputs.Of(metadata)
                          ?? Inputs.Of(tags)
                          ?? Inputs.Of(storageClass)
                          ?? Inputs.OfOptional(options.Encryption?.KmsKeyId, id => Validate.HeaderValue("KMS key id", id))
                          ?? Inputs.Of(S3Transfers.CheckSizes(options.MultipartThreshold, options.PartSize))
                          ?? Inputs.Of(S3Transfers.CheckParallelism(options.ParallelParts));
            if (invalid is not null) return invalid;
            return new UploadHeaders(contentType.ResultValue, options.ContentEncoding, options.CacheControl, metadata.ResultValue,
                tags.ResultValue, storageClass.ResultValue, options.Encryption);
        }

        internal void ApplyTo(PutObjectRequest request)
        {
            request.ContentType = ContentType;
            Apply(request.Headers, request.Metadata);
            if (Tags.Count > 0) request.TagSet = Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();
            if (StorageClass is not null) request.StorageClass = Amazon.S3.S3StorageClass.FindValue(StorageClass);
            if (Encryption is not null)
            {
                request.ServerSideEncryptionMethod = Encryption.Method;
                request.ServerSideEncryptionKeyManagementServiceKeyId = Encryption.KmsKeyId;
            }
        }

        internal void ApplyTo(InitiateMultipartUploadRequest request)
        {
            request.ContentType = ContentType;
            Apply(request.Headers, request.Metadata);
            if (Tags.Count > 0) request.TagSet = Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();
            if (StorageClass is not null) request.StorageClass = Amazon.S3.S3StorageClass.FindValue(StorageClass);
            if (Encryption is not null)
            {
                request.ServerSideEncryptionMethod = Encryption.Method;
                request.ServerSideEncryptionKeyManagementServiceKeyId = Encryption.KmsKeyId;
            }
        }

        private void Apply(HeadersCollection headers, MetadataCollection metadata)
        {
            if (ContentEncoding is not null) headers.ContentEncoding = ContentEncoding;
            if (CacheControl is not null) headers.CacheControl = CacheControl;
            foreach (var (name, value) in Metadata)
            {
                metadata.Add(name, value);
            }
        }
    }
}
