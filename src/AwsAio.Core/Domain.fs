namespace AwsAio.Core

open System
open System.Collections.Generic

/// Whether a bucket exists and whether the caller may use it (one HeadBucket answers it).
type BucketStatus =
    /// S3 says the bucket does not exist (404 / NotFound / NoSuchBucket).
    | DoesNotExist = 0
    /// The bucket exists and the caller has access to it.
    | ExistsHaveAccess = 1
    /// The bucket exists but belongs to someone else or the caller lacks permission (403).
    | ExistsNoAccess = 2

/// The storage class of an S3 object, as S3 names it in listings.
type S3StorageClass =
    /// A storage class this library does not know yet; the listing keeps going.
    | Unknown = 0
    /// STANDARD (also what S3 means when it sends no storage class).
    | Standard = 1
    /// REDUCED_REDUNDANCY.
    | ReducedRedundancy = 2
    /// STANDARD_IA.
    | StandardInfrequentAccess = 3
    /// ONEZONE_IA.
    | OneZoneInfrequentAccess = 4
    /// INTELLIGENT_TIERING.
    | IntelligentTiering = 5
    /// GLACIER.
    | Glacier = 6
    /// DEEP_ARCHIVE.
    | DeepArchive = 7
    /// GLACIER_IR.
    | GlacierInstantRetrieval = 8
    /// OUTPOSTS.
    | Outposts = 9
    /// SNOW.
    | Snow = 10
    /// EXPRESS_ONEZONE.
    | ExpressOneZone = 11

/// One object of a bucket listing.
type S3Object =
    {
        /// The object key.
        Key: string
        /// Size in bytes.
        Size: int64
        /// When the object was last written.
        LastModified: DateTimeOffset
        /// The entity tag, without surrounding quotes; empty when S3 sent none.
        ETag: string
        /// The storage class.
        StorageClass: S3StorageClass
    }

/// A local file downloaded from S3, with the object's user metadata.
type S3File =
    {
        /// Absolute path of the complete local file.
        LocalPath: string
        /// The object's user metadata (keys without the x-amz-meta- prefix).
        Metadata: IReadOnlyDictionary<string, string>
    }

/// What S3 says about one object (HeadObject), shaped by <c>S3Objects.objectInfo</c>.
type ObjectInfo =
    {
        /// The bucket.
        Bucket: string
        /// The object key.
        Key: string
        /// Size in bytes.
        Size: int64
        /// The entity tag, without surrounding quotes; empty when S3 sent none.
        ETag: string
        /// The Content-Type S3 serves the object with (S3's own <c>binary/octet-stream</c> when it has none).
        ContentType: string
        /// The Content-Encoding; empty when none.
        ContentEncoding: string
        /// The Cache-Control; empty when none.
        CacheControl: string
        /// When the object was last written (DateTimeOffset.MinValue when S3 did not say).
        LastModified: DateTimeOffset
        /// The version id; empty for an unversioned bucket.
        VersionId: string
        /// The storage class (STANDARD when S3 does not say).
        StorageClass: S3StorageClass
        /// Server-side encryption as S3 names it (<c>AES256</c>, <c>aws:kms</c>, <c>aws:kms:dsse</c>); empty when none.
        Encryption: string
        /// The KMS key for <c>aws:kms</c>; empty otherwise.
        KmsKeyId: string
        /// The user metadata (keys without the x-amz-meta- prefix, values decoded from RFC 2047).
        Metadata: IReadOnlyDictionary<string, string>
    }

/// An object an upload or a copy wrote.
type UploadedObject =
    {
        /// The bucket.
        Bucket: string
        /// The object key.
        Key: string
        /// The entity tag S3 gave the new object, without quotes (a multipart ETag ends in -N).
        ETag: string
        /// The version id; empty for an unversioned bucket.
        VersionId: string
        /// Size in bytes.
        Size: int64
        /// How many parts were sent: 1 for a single request.
        Parts: int
    }

/// One entry of a listing with a delimiter: an object, or a common prefix (the AWS CLI's <c>PRE</c>, a "folder").
type FolderEntry =
    /// An object directly under the prefix.
    | ObjectEntry of Object: S3Object
    /// A common prefix, delimiter included (for example <c>logs/2026/</c>).
    | PrefixEntry of Prefix: string

/// What a listing with a delimiter found: the objects directly under the prefix and the "folders" below it.
type FolderListing =
    {
        /// The objects directly under the prefix.
        Objects: IReadOnlyList<S3Object>
        /// The common prefixes, each ending in the delimiter, in S3's order.
        Prefixes: IReadOnlyList<string>
    }

/// An elastic network interface (ENI); its type is kept verbatim because EC2 adds types over time.
type NetworkInterface =
    {
        /// The VPC the interface lives in.
        VpcId: string
        /// The subnet the interface lives in.
        SubnetId: string
        /// The interface id (eni-…).
        EniId: string
        /// EC2's interface type, for example "interface", "nat_gateway" or "gateway_load_balancer_endpoint".
        EniType: string
    }

/// Instance tenancy of a VPC.
type VpcTenancy =
    /// A tenancy this library does not know yet.
    | Unknown = 0
    /// Shared hardware.
    | Default = 1
    /// Dedicated hardware.
    | Dedicated = 2
    /// Dedicated hosts.
    | Host = 3

/// What AwsAio needs to know about a VPC.
type VpcDetails =
    {
        /// The VPC id.
        VpcId: string
        /// The account that owns the VPC.
        OwnerId: string
        /// The IPv4 CIDR blocks that are associated or being associated.
        CidrBlocks: IReadOnlyList<string>
        /// The VPC's instance tenancy.
        Tenancy: VpcTenancy
    }

/// The account, region and profile a provider works in; renders as the CDK environment string.
type AwsEnvironment =
    {
        /// The 12-digit account id the credentials act in (the target account when a role is assumed).
        Account: string
        /// The region (never the pseudo-region aws-global).
        Region: string
        /// The named profile, or null when credentials come from elsewhere.
        Profile: string | null
    }

    /// Renders as aws://account/region.
    override this.ToString() = $"aws://{this.Account}/{this.Region}"

/// Who the credentials belong to, as STS GetCallerIdentity answers.
type CallerIdentity =
    {
        /// The 12-digit account the credentials act in.
        Account: string
        /// The ARN of the user or assumed-role session.
        Arn: string
        /// The unique id of the calling entity.
        UserId: string
    }

/// Conversions between the wire names AWS uses and the domain enums.
[<RequireQualifiedAccess>]
module DomainNames =

    /// Reads S3's storage class name; null or empty means STANDARD (S3 omits it for STANDARD objects).
    /// <example><code>DomainNames.storageClass "GLACIER_IR" = S3StorageClass.GlacierInstantRetrieval</code></example>
    [<CompiledName("StorageClass")>]
    let storageClass (name: string | null) : S3StorageClass =
        match name with
        | null | "" | "STANDARD" -> S3StorageClass.Standard
        | "REDUCED_REDUNDANCY" -> S3StorageClass.ReducedRedundancy
        | "STANDARD_IA" -> S3StorageClass.StandardInfrequentAccess
        | "ONEZONE_IA" -> S3StorageClass.OneZoneInfrequentAccess
        | "INTELLIGENT_TIERING" -> S3StorageClass.IntelligentTiering
        | "GLACIER" -> S3StorageClass.Glacier
        | "DEEP_ARCHIVE" -> S3StorageClass.DeepArchive
        | "GLACIER_IR" -> S3StorageClass.GlacierInstantRetrieval
        | "OUTPOSTS" -> S3StorageClass.Outposts
        | "SNOW" -> S3StorageClass.Snow
        | "EXPRESS_ONEZONE" -> S3StorageClass.ExpressOneZone
        | _ -> S3StorageClass.Unknown

    /// Reads EC2's tenancy name.
    /// <example><code>DomainNames.tenancy "dedicated" = VpcTenancy.Dedicated</code></example>
    [<CompiledName("Tenancy")>]
    let tenancy (name: string | null) : VpcTenancy =
        match name with
        | "default" -> VpcTenancy.Default
        | "dedicated" -> VpcTenancy.Dedicated
        | "host" -> VpcTenancy.Host
        | _ -> VpcTenancy.Unknown

    /// S3 quotes ETags; the domain keeps the bare value.
    /// <example><code>DomainNames.etag "\"abc\"" = "abc"</code></example>
    [<CompiledName("ETag")>]
    let etag (raw: string | null) : string =
        match raw with
        | null -> ""
        | s -> s.Trim('"')
