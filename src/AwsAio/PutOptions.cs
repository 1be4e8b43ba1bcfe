using AwsAio.Core;

namespace AwsAio;

/// <summary>
/// How an upload is stored and sent. Every string that becomes a header is checked before any request (header values
/// by <c>Validate.HeaderValue</c>, metadata by <c>Validate.UserMetadata</c>, tags by <c>S3Objects.Tags</c>).
/// </summary>
public sealed record PutOptions
{
    /// <summary>The defaults: guessed Content-Type, the bucket's storage class and encryption, 16 MiB threshold.</summary>
    public static PutOptions Default { get; } = new();

    /// <summary>The Content-Type; null to guess it from the file name or key as the AWS CLI does.</summary>
    public string? ContentType { get; init; }

    /// <summary>The Content-Encoding (for example <c>gzip</c>); null for none.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>The Cache-Control (for example <c>max-age=3600</c>); null for none.</summary>
    public string? CacheControl { get; init; }

    /// <summary>User metadata (keys without the x-amz-meta- prefix); non-ASCII values are sent RFC 2047-encoded.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Object tags (at most 10, S3's character rules).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The storage class; null for the bucket's default (STANDARD).</summary>
    public S3StorageClass? StorageClass { get; init; }

    /// <summary>Server-side encryption (SSE-S3 or SSE-KMS); null for the bucket's default.</summary>
    public S3Encryption? Encryption { get; init; }

    /// <summary>Where progress goes (bytes done of the total, -1 when a stream's length is unknown): once at the start,
    /// after each part, and at the end.</summary>
    public IProgress<TransferProgress>? Progress { get; init; }

    /// <summary>The size from which an upload goes multipart (at least 5 MiB); 16 MiB by default.</summary>
    public long MultipartThreshold { get; init; } = S3Transfers.DefaultMultipartThreshold;

    /// <summary>The size of each part (5 MiB to 5 GiB), grown when an object would need more than 10,000 parts.</summary>
    public long PartSize { get; init; } = S3Transfers.DefaultPartSize;

    /// <summary>How many parts are in flight at once (1 to 64); a stream holds this many parts in memory.</summary>
    public int ParallelParts { get; init; } = S3Transfers.DefaultParallelParts;
}
