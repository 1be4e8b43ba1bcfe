using System.Buffers;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

/// <summary>Server-side encryption for an upload: S3-managed keys, or a KMS key (the account's default when null).</summary>
/// <param name="Method">The SDK's encryption method.</param>
/// <param name="KmsKeyId">The KMS key id or ARN, for <c>aws:kms</c>.</param>
public sealed record S3Encryption(ServerSideEncryptionMethod Method, string? KmsKeyId = null)
{
    /// <summary>SSE-S3 (AES256).</summary>
    public static S3Encryption S3Managed { get; } = new(ServerSideEncryptionMethod.AES256);

    /// <summary>SSE-KMS with the given key, or the account's default S3 key.</summary>
    public static S3Encryption Kms(string? keyId = null) => new(ServerSideEncryptionMethod.AWSKMS, keyId);
}

public static partial class S3Interactions
{
    /// <summary>
    /// Uploads a local file, streamed from disk (never read whole into memory), with optional user metadata and
    /// server-side encryption. A missing local file is a Left before any request; NoSuchBucket is
    /// <c>BucketDoesNotExist</c>, AccessDenied <c>BucketAccessDenied</c>, and KMS errors stay KMS errors.
    /// </summary>
    public static async Task<Either<DomainError, Unit>> PutFileAsync(
        string localPath, string bucket, string key, IAwsClientProvider provider,
        IReadOnlyDictionary<string, string>? metadata = null, S3Encryption? encryption = null, CancellationToken ct = default)
    {
        if (AwsCall.NoProvider(provider) is { } missing) return missing;
        if ((AwsCall.ErrorOf(Validate.BucketName(bucket)) ?? AwsCall.ErrorOf(Validate.ObjectKey(key))) is { } invalid) return invalid;
        if (string.IsNullOrEmpty(localPath)) return DomainError.NewInvalidInput("local path", "is required");
        if (Directory.Exists(localPath)) return DomainError.NewInvalidInput("local path", "must name a file, not a folder");

        FileStream file;
        try
        {
            file = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (LocalReadError(localPath, e) is { } local)
        {
            return local;
        }

        await using (file.ConfigureAwait(false))
        {
            var request = new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = file,
                AutoCloseStream = false,
                UseChunkEncoding = provider.UseChunkEncoding,
            };
            foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
            {
                request.Metadata.Add(name, value);
            }

            if (encryption is not null)
            {
                request.ServerSideEncryptionMethod = encryption.Method;
                request.ServerSideEncryptionKeyManagementServiceKeyId = encryption.KmsKeyId;
            }

            var put = await AwsCall.RunAsync(S3, "PutObject", ErrorTarget.Of(bucket, key), c => provider.GetS3().PutObjectAsync(request, c), ct)
                .ConfigureAwait(false);
            return put.Map(_ => unit);
        }
    }

    /// <summary>
    /// Downloads an object to a new local file: it is written beside the target under a temporary name and moved into
    /// place only when complete, refusing an existing target or a missing directory atomically; no partial file is left
    /// on any failure. Returns the path and the object's user metadata.
    /// </summary>
    public static async Task<Either<DomainError, S3File>> GetObjectToFileAsync(
        string bucket, string key, string localPath, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (AwsCall.NoProvider(provider) is { } missing) return missing;
        if ((AwsCall.ErrorOf(Validate.BucketName(bucket)) ?? AwsCall.ErrorOf(Validate.ObjectKey(key))) is { } invalid) return invalid;
        if (string.IsNullOrEmpty(localPath)) return DomainError.NewInvalidInput("local path", "is required");

        string target;
        try
        {
            target = Path.GetFullPath(localPath);
        }
        catch (Exception e) when (LocalWriteError(localPath, e) is { } badPath)
        {
            return badPath;
        }

        var folder = Path.GetDirectoryName(target) ?? ".";
        if (Path.GetFileName(target).Length == 0) return DomainError.NewInvalidInput("local path", "must name a file, not a folder");
        if (!Directory.Exists(folder)) return DomainError.NewLocalDirectoryMissing(folder);
        if (File.Exists(target) || Directory.Exists(target)) return DomainError.NewLocalFileAlreadyExists(target);

        var got = await AwsCall.RunAsync(S3, "GetObject", ErrorTarget.Of(bucket, key),
            c => provider.GetS3().GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, c), ct).ConfigureAwait(false);
        if (!got.TryGetRight(out var answer, out var failure))
        {
            return failure;
        }

        using var response = answer;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.awsaio-partial");
        try
        {
            // CreateNew: the temporary name is ours alone; a folder removed meanwhile fails here, before any byte.
            // No FileStream buffer: the copy below already writes in large pooled chunks.
            var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                if (await CopyAsync(response.ResponseStream, output, ErrorTarget.Of(bucket, key), ct).ConfigureAwait(false) is { } failed)
                {
                    return failed;
                }
            }

            // Moving without overwrite is the atomic check: if the target appeared meanwhile, the move refuses.
            File.Move(temporary, target, overwrite: false);
            return new S3File(target, S3Rules.UserMetadata(response.Metadata.Keys.Select(k => KeyValuePair.Create(k, response.Metadata[k]))));
        }
        catch (Exception e)
        {
            // Reading the body is handled in CopyAsync, so what reaches here is the local file's or the caller's.
            return LocalWriteError(target, e) ?? ErrorMapping.OfException(ErrorTarget.Of(bucket, key), S3, "GetObject", e, ct.IsCancellationRequested);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Copies the body to the file; a failure to read the body is the network's (returned), a failure to write
    /// the file is local (thrown to the caller's handler).</summary>
    private static async Task<DomainError?> CopyAsync(Stream body, Stream file, ErrorTarget about, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, ct).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    return ErrorMapping.OfException(about, S3, "GetObject", e, ct.IsCancellationRequested);
                }

                if (read == 0) return null;
                await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>An object's user metadata (HeadObject), keys without the x-amz-meta- prefix; 404 is ObjectDoesNotExist.</summary>
    public static async Task<Either<DomainError, IReadOnlyDictionary<string, string>>> GetObjectMetadataAsync(
        string bucket, string key, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (AwsCall.NoProvider(provider) is { } missing) return missing;
        if ((AwsCall.ErrorOf(Validate.BucketName(bucket)) ?? AwsCall.ErrorOf(Validate.ObjectKey(key))) is { } invalid) return invalid;

        var head = await AwsCall.RunAsync(S3, "HeadObject", ErrorTarget.Of(bucket, key),
            c => provider.GetS3().GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, c), ct).ConfigureAwait(false);
        return head.Map(r => S3Rules.UserMetadata(r.Metadata.Keys.Select(k => KeyValuePair.Create(k, r.Metadata[k]))));
    }

    /// <summary>Failures to open a file for reading, as domain errors; null for anything not about the local file.</summary>
    private static DomainError? LocalReadError(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => DomainError.NewLocalFileDoesNotExist(path),
        UnauthorizedAccessException u => DomainError.NewLocalFilePermissionDenied(path, u.Message),
        ArgumentException or NotSupportedException or PathTooLongException => BadPath(),
        IOException io => DomainError.NewLocalFileFailed(path, io.Message),
        _ => null,
    };

    /// <summary>Failures to create or fill a file, as domain errors; null for anything not about the local file.</summary>
    private static DomainError? LocalWriteError(string path, Exception e) => e switch
    {
        DirectoryNotFoundException => DomainError.NewLocalDirectoryMissing(Path.GetDirectoryName(path) ?? path),
        UnauthorizedAccessException u => DomainError.NewLocalFilePermissionDenied(path, u.Message),
        ArgumentException or NotSupportedException or PathTooLongException => BadPath(),
        IOException when File.Exists(path) || Directory.Exists(path) => DomainError.NewLocalFileAlreadyExists(path),
        IOException io => DomainError.NewLocalFileFailed(path, io.Message),
        _ => null,
    };

    private static DomainError BadPath() => DomainError.NewInvalidInput("local path", "is not a valid path on this system");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temporary file is hidden and clearly named; nothing else depends on it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
