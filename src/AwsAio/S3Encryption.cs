using Amazon.S3;

namespace AwsAio;

/// <summary>Server-side encryption for an upload: S3-managed keys, or a KMS key (the account's default when null).</summary>
/// <param name="Method">The SDK's encryption method.</param>
/// <param name="KmsKeyId">The KMS key id or ARN, for <c>aws:kms</c>.</param>
public sealed record S3Encryption(ServerSideEncryptionMethod Method, string? KmsKeyId = null)
{
    /// <summary>SSE-S3 (AES256).</summary>
    public static S3Encryption S3Managed { get; } = new(ServerSideEncryptionMethod.AES256);

    /// <summary>SSE-KMS with the given key, or the account's default S3 key.</summary>
    /// <param name="keyId">The KMS key id or ARN; null for the account's default S3 key.</param>
    public static S3Encryption Kms(string? keyId = null) => new(ServerSideEncryptionMethod.AWSKMS, keyId);
}
