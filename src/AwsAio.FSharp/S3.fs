namespace AwsAio.FSharp

open System.Collections.Generic
open System.Threading
open System.Threading.Tasks
open AwsAio
open AwsAio.Core

/// Every <c>S3Interactions</c> call as <c>Task&lt;Result&lt;'T, DomainError&gt;&gt;</c>: the same call, its result as
/// F#'s <c>Result</c>. For operations, use <c>S3Ops</c> inside <c>awsOp { }</c>.
[<RequireQualifiedAccess>]
module S3 =

    /// An absent optional argument as C# expects it (null; the shell checks for it).
    let private orNull (value: 'T option) : 'T =
        match value with
        | Some v -> v
        | None -> Unchecked.defaultof<'T>

    /// Whether a bucket exists and the caller may use it.
    let getBucketStatus (bucket: string) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<BucketStatus, DomainError>> =
        S3Interactions.GetBucketStatusAsync(bucket, provider, ct) |> Interop.ofTask

    /// Creates a bucket in the provider's region; already yours counts as created.
    let createBucket (bucket: string) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<unit, DomainError>> =
        S3Interactions.CreateBucketAsync(bucket, provider, ct) |> Interop.ofUnitTask

    /// Makes sure a bucket exists and the caller may use it.
    let ensureBucketExists (bucket: string) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<unit, DomainError>> =
        S3Interactions.EnsureBucketExistsAsync(bucket, provider, ct) |> Interop.ofUnitTask

    /// Deletes every version and delete marker of a bucket, then the bucket.
    let destroyBucket (bucket: string) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<unit, DomainError>> =
        S3Interactions.DestroyBucketAsync(bucket, provider, ct) |> Interop.ofUnitTask

    /// Uploads a file, with optional user metadata and server-side encryption.
    let putFile (localPath: string) (bucket: string) (key: string) (metadata: IReadOnlyDictionary<string, string> option)
                (encryption: S3Encryption option) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<unit, DomainError>> =
        S3Interactions.PutFileAsync(localPath, bucket, key, provider, orNull metadata, orNull encryption, ct) |> Interop.ofUnitTask

    /// Downloads an object to a file that does not exist yet.
    let getObjectToFile (bucket: string) (key: string) (localPath: string) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<S3File, DomainError>> =
        S3Interactions.GetObjectToFileAsync(bucket, key, localPath, provider, ct) |> Interop.ofTask

    /// An object's user metadata.
    let getObjectMetadata (bucket: string) (key: string) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<IReadOnlyDictionary<string, string>, DomainError>> =
        S3Interactions.GetObjectMetadataAsync(bucket, key, provider, ct) |> Interop.ofTask

    /// Every object of a bucket (under a prefix), all pages.
    let listObjects (bucket: string) (prefix: string option) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<S3Object list, DomainError>> =
        task {
            let! listed = S3Interactions.ListObjectsAsync(bucket, provider, orNull prefix, ct = ct)
            return Interop.toResult listed |> Result.map List.ofSeq
        }
