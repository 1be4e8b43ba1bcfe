using System.Buffers;
using Amazon.S3.Model;
using AwsAio.Core;
using LanguageExt;
using static LanguageExt.Prelude;

namespace AwsAio;

public static partial class S3Interactions
{
    /// <summary>
    /// Downloads an object to a new local file: it is written beside the target under a temporary name and moved into
    /// place only when complete, refusing an existing target or a missing directory atomically; no partial file is left
    /// on any failure, a body that stalls or breaks off included (bounded by the call deadline and the idle timeout).
    /// Returns the path and the object's user metadata.
    /// </summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="localPath">The file to create (it must not exist; its folder must).</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the download (the temporary file is removed).</param>
    public static async Task<Either<DomainError, S3File>> GetObjectToFileAsync(
        string bucket, string key, string localPath, IAwsClientProvider provider, CancellationToken ct = default)
    {
        var invalid = Inputs.S3(provider, bucket, key)
                      ?? (string.IsNullOrEmpty(localPath) ? DomainError.NewInvalidInput("local path", "is required") : null);
        if (invalid is not null) return invalid;

        string target;
        try
        {
            target = Path.GetFullPath(localPath);
        }
        catch (Exception e) when (LocalFiles.WriteError(localPath, e, false) is { } badPath)
        {
            return badPath.Value;
        }

        var folder = Path.GetDirectoryName(target) ?? ".";
        var acceptable = LocalFiles.DownloadTarget(target, Directory.Exists(folder), File.Exists(target) || Directory.Exists(target));
        if (Inputs.Of(acceptable) is { } refused) return refused;

        var temporary = LocalFiles.PartialName(target, Guid.NewGuid());
        try
        {
            var got = await AwsCall.RunAsync(provider, S3Call(S3Operations.GetObject, bucket, key), async c =>
            {
                using var response = await provider.GetS3().GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, c)
                    .ConfigureAwait(false);
                await WriteBodyAsync(response.ResponseStream, temporary, c).ConfigureAwait(false);
                return S3Rules.UserMetadata(response.Metadata.Keys.Select(k => KeyValuePair.Create(k, response.Metadata[k])));
            }, ct).ConfigureAwait(false);
            if (!got.TryGetRight(out var metadata, out var failure))
            {
                return failure;
            }

            try
            {
                // Moving without overwrite is the atomic check: if the target appeared meanwhile, the move refuses.
                File.Move(temporary, target, overwrite: false);
            }
            catch (Exception e) when (LocalFiles.WriteError(target, e, File.Exists(target) || Directory.Exists(target)) is { } local)
            {
                return local.Value;
            }

            return new S3File(target, metadata);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Copies a response body into a new file through a pooled buffer. Reading the body may fail as the network fails
    /// (the exception goes to the call runner); creating or writing the file fails as a local file, decided here.
    /// </summary>
    private static async Task WriteBodyAsync(Stream body, string path, CancellationToken ct)
    {
        FileStream output;
        try
        {
            // CreateNew: the temporary name is ours alone; a folder removed meanwhile fails here, before any byte.
            // No FileStream buffer: the copy below already writes in large pooled chunks.
            output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
        }
        catch (Exception e) when (LocalFiles.WriteError(path, e, false) is { } local)
        {
            throw new DecidedFailure(local.Value);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            await using (output.ConfigureAwait(false))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    try
                    {
                        await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException && LocalFiles.WriteError(path, e, false) is { } local)
                    {
                        throw new DecidedFailure(local.Value);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>An object's user metadata (HeadObject), keys without the x-amz-meta- prefix, values decoded from RFC 2047
    /// when S3 encoded them; 404 is ObjectDoesNotExist.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key.</param>
    /// <param name="provider">Supplies the S3 client and the call settings.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<Either<DomainError, IReadOnlyDictionary<string, string>>> GetObjectMetadataAsync(
        string bucket, string key, IAwsClientProvider provider, CancellationToken ct = default)
    {
        if (Inputs.S3(provider, bucket, key) is { } invalid) return invalid;

        var head = await AwsCall.RunAsync(provider, S3Call(S3Operations.HeadObject, bucket, key),
            c => provider.GetS3().GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, c), ct).ConfigureAwait(false);
        return head.Map(r => S3Rules.UserMetadata(r.Metadata.Keys.Select(k => KeyValuePair.Create(k, r.Metadata[k]))));
    }

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
