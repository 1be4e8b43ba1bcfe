namespace AwsAio.Core

open System
open LanguageExt

/// Where an S3 object is: a bucket and a key. A type of its own so that bucket, key and local path cannot be swapped
/// silently; <c>ToString()</c> gives the <c>s3://bucket/key</c> form the AWS CLI uses.
[<Sealed>]
type S3Location private (bucket: string, key: string) =

    /// The bucket name.
    member _.Bucket = bucket

    /// The object key.
    member _.Key = key

    /// The location in the AWS CLI's form, <c>s3://bucket/key</c>.
    override _.ToString() = $"s3://{bucket}/{key}"

    override _.Equals(other: obj) =
        match other with
        | :? S3Location as o -> o.Bucket = bucket && o.Key = key
        | _ -> false

    override _.GetHashCode() = HashCode.Combine(bucket, key)

    /// A checked location: the bucket name and the key by the same rules every call applies.
    /// <example><code>S3Location.Create("logs", "2026/app.log") // Ok s3://logs/2026/app.log</code></example>
    static member Create(bucket: string | null, key: string | null) : Result<S3Location, DomainError> =
        match Validate.bucketName bucket with
        | Error e -> Error e
        | Ok b ->
            match Validate.objectKeyWith (key, true) with
            | Error e -> Error e
            | Ok k -> Ok(S3Location(b, k))

    /// Reads <c>s3://bucket/key</c> (the key may hold further slashes); anything else is an <c>InvalidInput</c> Left.
    /// <example><code>S3Location.Parse("s3://logs/2026/app.log") // Right s3://logs/2026/app.log</code></example>
    static member Parse(text: string | null) : Either<DomainError, S3Location> =
        let refuse rule = Either<DomainError, S3Location>.Left(InvalidInput("S3 location", rule))
        match text with
        | null -> refuse "is required"
        | t when not (t.StartsWith("s3://", StringComparison.Ordinal)) -> refuse "must look like s3://bucket/key"
        | t ->
            let rest = t.Substring 5
            match rest.IndexOf '/' with
            | slash when slash <= 0 -> refuse "must name a bucket and a key (s3://bucket/key)"
            | slash ->
                match S3Location.Create(rest.Substring(0, slash), rest.Substring(slash + 1)) with
                | Ok location -> Either<DomainError, S3Location>.Right location
                | Error e -> Either<DomainError, S3Location>.Left e

    interface IEquatable<S3Location> with
        member this.Equals(other) = this.Equals(box other)
