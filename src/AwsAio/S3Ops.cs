using AwsAio.Core;
using LanguageExt;
using S3Object = AwsAio.Core.S3Object;

namespace AwsAio;

/// <summary>
/// Every <see cref="S3Interactions"/> call as an operation (<see cref="AwsOp{T}"/>): the same call, made only when the
/// operation runs, with the provider and token it runs with. (Streams stay streams: <c>StreamObjects</c> has no twin.)
/// </summary>
public static class S3Ops
{
    /// <summary><see cref="S3Interactions.GetBucketStatusAsync"/> as an operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    public static AwsOp<BucketStatus> GetBucketStatus(string bucket) =>
        AwsOp.Of((p, ct) => S3Interactions.GetBucketStatusAsync(bucket, p, ct));

    /// <summary><see cref="S3Interactions.CreateBucketAsync"/> as an operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    public static AwsOp<Unit> CreateBucket(string bucket) =>
        AwsOp.Of((p, ct) => S3Interactions.CreateBucketAsync(bucket, p, ct));

    /// <summary><see cref="S3Interactions.EnsureBucketExistsAsync"/> as an operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    public static AwsOp<Unit> EnsureBucketExists(string bucket) =>
        AwsOp.Of((p, ct) => S3Interactions.EnsureBucketExistsAsync(bucket, p, ct));

    /// <summary><see cref="S3Interactions.DestroyBucketAsync"/> as an operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    public static AwsOp<Unit> DestroyBucket(string bucket) =>
        AwsOp.Of((p, ct) => S3Interactions.DestroyBucketAsync(bucket, p, ct));

    /// <summary><c>S3Interactions.PutFileAsync(localPath, bucket, key, …)</c> as an operation.</summary>
    /// <param name="localPath">The file to upload.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="metadata">User metadata, or null.</param>
    /// <param name="encryption">Server-side encryption, or null for the bucket's default.</param>
    public static AwsOp<Unit> PutFile(
        string localPath, string bucket, string key, IReadOnlyDictionary<string, string>? metadata = null, S3Encryption? encryption = null) =>
        AwsOp.Of((p, ct) => S3Interactions.PutFileAsync(localPath, bucket, key, p, metadata, encryption, ct));

    /// <summary><c>S3Interactions.GetObjectToFileAsync(bucket, key, localPath, …)</c> as an operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="localPath">Where to write the file.</param>
    public static AwsOp<S3File> GetObjectToFile(string bucket, string key, string localPath) =>
        AwsOp.Of((p, ct) => S3Interactions.GetObjectToFileAsync(bucket, key, localPath, p, ct));

    /// <summary><see cref="S3Interactions.GetObjectMetadataAsync"/> as an operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    public static AwsOp<IReadOnlyDictionary<string, string>> GetObjectMetadata(string bucket, string key) =>
        AwsOp.Of((p, ct) => S3Interactions.GetObjectMetadataAsync(bucket, key, p, ct));

    /// <summary><see cref="S3Interactions.ListObjectsAsync"/> as an operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="prefix">Only keys starting with this, or null for all.</param>
    /// <param name="pageSize">Keys per page, or null for S3's default.</param>
    /// <param name="resumeFrom">Where an interrupted listing stopped, or null to start at the beginning.</param>
    public static AwsOp<Seq<S3Object>> ListObjects(string bucket, string? prefix = null, int? pageSize = null, ResumePoint? resumeFrom = null) =>
        AwsOp.Of((p, ct) => S3Interactions.ListObjectsAsync(bucket, p, prefix, pageSize, resumeFrom, ct));

    /// <summary><c>S3Interactions.PutAsync(content, to, …)</c> as an operation: a file, stream, bytes or text, multipart
    /// above the threshold.</summary>
    /// <param name="content">What to upload (read again when the operation runs again).</param>
    /// <param name="to">Where to put it.</param>
    /// <param name="options">Content type, encoding, metadata, tags, encryption, multipart settings; null for defaults.</param>
    public static AwsOp<UploadedObject> Put(S3Content content, S3Location to, PutOptions? options = null) =>
        AwsOp.Of((p, ct) => S3Interactions.PutAsync(content, to, p, options, ct));

    /// <summary><c>S3Interactions.GetObjectToFileAsync(from, localPath, …)</c> as an operation.</summary>
    /// <param name="from">The object.</param>
    /// <param name="localPath">The new local file.</param>
    public static AwsOp<S3File> GetObjectToFile(S3Location from, string localPath) =>
        AwsOp.Of((p, ct) => S3Interactions.GetObjectToFileAsync(from, localPath, p, ct));

    /// <summary><c>S3Interactions.GetObjectInfoAsync(location, …)</c> as an operation.</summary>
    /// <param name="location">The object.</param>
    public static AwsOp<ObjectInfo> GetObjectInfo(S3Location location) =>
        AwsOp.Of((p, ct) => S3Interactions.GetObjectInfoAsync(location, p, ct));

    /// <summary><c>S3Interactions.ReadObjectAsync(location, read, …)</c> as an operation.</summary>
    /// <param name="location">The object.</param>
    /// <param name="read">Reads the body (the response is disposed after it).</param>
    /// <param name="offset">The first byte of a range, or null for the whole object.</param>
    /// <param name="length">How many bytes of the range, or null for the rest.</param>
    public static AwsOp<T> ReadObject<T>(S3Location location, Func<Stream, CancellationToken, Task<T>> read, long? offset = null, long? length = null) =>
        AwsOp.Of((p, ct) => S3Interactions.ReadObjectAsync(location, read, p, offset, length, ct));

    /// <summary><see cref="S3Interactions.CopyObjectAsync"/> as an operation.</summary>
    /// <param name="from">The source object.</param>
    /// <param name="to">The copy.</param>
    /// <param name="progress">Copy progress for multipart copies, or null.</param>
    public static AwsOp<UploadedObject> CopyObject(S3Location from, S3Location to, IProgress<TransferProgress>? progress = null) =>
        AwsOp.Of((p, ct) => S3Interactions.CopyObjectAsync(from, to, p, progress, ct));

    /// <summary><c>S3Interactions.DeleteObjectAsync(location, …)</c> as an operation (a missing key is success).</summary>
    /// <param name="location">The object.</param>
    public static AwsOp<Unit> DeleteObject(S3Location location) =>
        AwsOp.Of((p, ct) => S3Interactions.DeleteObjectAsync(location, p, ct));

    /// <summary><see cref="S3Interactions.DeleteObjectsAsync"/> as an operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="keys">The keys to delete.</param>
    public static AwsOp<Unit> DeleteObjects(string bucket, IEnumerable<string> keys) =>
        AwsOp.Of((p, ct) => S3Interactions.DeleteObjectsAsync(bucket, keys, p, ct));

    /// <summary><see cref="S3Interactions.ListFolderAsync"/> as an operation.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="prefix">The folder, or null for the top.</param>
    /// <param name="delimiter">What separates folders.</param>
    /// <param name="pageSize">Entries per page, or null for S3's default.</param>
    /// <param name="resumeFrom">Where an interrupted listing stopped, or null.</param>
    public static AwsOp<FolderListing> ListFolder(string bucket, string? prefix = null, string delimiter = "/", int? pageSize = null,
        ResumePoint? resumeFrom = null) =>
        AwsOp.Of((p, ct) => S3Interactions.ListFolderAsync(bucket, p, prefix, delimiter, pageSize, resumeFrom, ct));

    /// <summary><see cref="S3Interactions.PresignGetAsync"/> as an operation.</summary>
    /// <param name="location">The object.</param>
    /// <param name="lifetime">How long the URL lives (at most 7 days, and not past the signing credentials).</param>
    public static AwsOp<PresignedUrl> PresignGet(S3Location location, TimeSpan lifetime) =>
        AwsOp.Of((p, ct) => S3Interactions.PresignGetAsync(location, lifetime, p, ct));

    /// <summary><see cref="S3Interactions.PresignPutAsync"/> as an operation.</summary>
    /// <param name="location">The object.</param>
    /// <param name="lifetime">How long the URL lives (at most 7 days, and not past the signing credentials).</param>
    /// <param name="contentType">The content type the upload must carry, or null.</param>
    public static AwsOp<PresignedUrl> PresignPut(S3Location location, TimeSpan lifetime, string? contentType = null) =>
        AwsOp.Of((p, ct) => S3Interactions.PresignPutAsync(location, lifetime, p, contentType, ct));
}
