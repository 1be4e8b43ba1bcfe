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

    /// <summary><see cref="S3Interactions.PutFileAsync"/> as an operation.</summary>
    /// <param name="localPath">The file to upload.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="metadata">User metadata, or null.</param>
    /// <param name="encryption">Server-side encryption, or null for the bucket's default.</param>
    public static AwsOp<Unit> PutFile(
        string localPath, string bucket, string key, IReadOnlyDictionary<string, string>? metadata = null, S3Encryption? encryption = null) =>
        AwsOp.Of((p, ct) => S3Interactions.PutFileAsync(localPath, bucket, key, p, metadata, encryption, ct));

    /// <summary><see cref="S3Interactions.GetObjectToFileAsync"/> as an operation.</summary>
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
}
