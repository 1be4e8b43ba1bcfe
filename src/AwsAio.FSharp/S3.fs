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

    /// Uploads a file, stream, bytes or text (multipart above the threshold) with content type, encoding, metadata,
    /// tags, storage class and encryption from <paramref name="options"/>.
    let put (content: S3Content) (location: S3Location) (options: PutOptions option) (provider: IAwsClientProvider)
            (ct: CancellationToken) : Task<Result<UploadedObject, DomainError>> =
        S3Interactions.PutAsync(content, location, provider, orNull options, ct) |> Interop.ofTask

    /// Downloads an object to a new local file (never overwrites, never leaves a partial file).
    let getObjectToFileAt (location: S3Location) (localPath: string) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<S3File, DomainError>> =
        S3Interactions.GetObjectToFileAsync(location, localPath, provider, ct) |> Interop.ofTask

    /// What HeadObject says about an object: size, ETag, content type, version, storage class, encryption, metadata.
    let getObjectInfo (location: S3Location) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<ObjectInfo, DomainError>> =
        S3Interactions.GetObjectInfoAsync(location, provider, ct) |> Interop.ofTask

    /// Reads an object (or a byte range of it) with <paramref name="read"/>; the response is disposed afterwards.
    let readObject (location: S3Location) (read: System.IO.Stream -> CancellationToken -> Task<'T>) (range: (int64 * int64 option) option)
                   (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<'T, DomainError>> =
        let offset, length =
            match range with
            | Some(o, l) -> System.Nullable o, Option.toNullable l
            | None -> System.Nullable(), System.Nullable()
        S3Interactions.ReadObjectAsync(location, System.Func<_, _, _>(read), provider, offset, length, ct) |> Interop.ofTask

    /// Copies an object server-side (multipart copy above 5 GiB).
    let copyObject (source: S3Location) (target: S3Location) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<UploadedObject, DomainError>> =
        S3Interactions.CopyObjectAsync(source, target, provider, null, ct) |> Interop.ofTask

    /// Deletes one object; a missing key is success.
    let deleteObject (location: S3Location) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<unit, DomainError>> =
        S3Interactions.DeleteObjectAsync(location, provider, ct) |> Interop.ofUnitTask

    /// Deletes many keys of a bucket, 1,000 per request, every refused key reported.
    let deleteObjects (bucket: string) (keys: string seq) (provider: IAwsClientProvider) (ct: CancellationToken) : Task<Result<unit, DomainError>> =
        S3Interactions.DeleteObjectsAsync(bucket, keys, provider, ct) |> Interop.ofUnitTask

    /// One "folder": the objects and common prefixes under a prefix, all pages.
    let listFolder (bucket: string) (prefix: string option) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<FolderListing, DomainError>> =
        S3Interactions.ListFolderAsync(bucket, provider, orNull prefix, ct = ct) |> Interop.ofTask

    /// A presigned GET URL (at most 7 days, never past the signing credentials).
    let presignGet (location: S3Location) (lifetime: System.TimeSpan) (provider: IAwsClientProvider) (ct: CancellationToken)
        : Task<Result<PresignedUrl, DomainError>> =
        S3Interactions.PresignGetAsync(location, lifetime, provider, ct) |> Interop.ofTask

    /// A presigned PUT URL (at most 7 days, never past the signing credentials).
    let presignPut (location: S3Location) (lifetime: System.TimeSpan) (contentType: string option) (provider: IAwsClientProvider)
                   (ct: CancellationToken) : Task<Result<PresignedUrl, DomainError>> =
        S3Interactions.PresignPutAsync(location, lifetime, provider, orNull contentType, ct) |> Interop.ofTask
