namespace AwsAio.Core

open System
open System.Collections.Generic

/// What a caller wants from a call beyond its answer, so that the core can say when a failure means the goal already
/// holds (the bucket is already yours; the bucket is already gone).
type CallGoal =
    /// The answer itself; every failure is a failure.
    | Answer = 0
    /// The bucket should exist and be the caller's (CreateBucket).
    | BucketExists = 1
    /// The bucket should be gone (every step of DestroyBucket).
    | BucketGone = 2
    /// The object should be gone (DeleteObject): a key that is not there is success.
    | ObjectGone = 3
    /// The multipart upload should be gone (AbortMultipartUpload): an upload already completed or aborted is success.
    | UploadGone = 4

/// One service's part of the error mapping: its name as the shell names it, the operations that change something
/// (whose outcome is unknown when no answer came back), and its table of codes that name a domain condition.
/// Adding a service is one more table in <see cref="T:AwsAio.Core.ServiceTables"/>: the mapping, the families and
/// the outcome rules apply to it unchanged.
type ServiceTable =
    {
        /// The service name, compared case-insensitively ("S3", "EC2", "STS").
        Service: string
        /// Operations that change something (create, put, delete): a timeout or a lost connection after sending one
        /// leaves its outcome unknown.
        Mutating: IReadOnlySet<string>
        /// (operation, normalised code, target, details) → the domain error the code names, if any.
        Map: string -> string -> ErrorTarget -> AwsErrorDetails -> DomainError option
        /// (goal, operation, normalised code) → whether that error means the goal already holds.
        GoalHolds: CallGoal -> string -> string -> bool
        /// Operations whose answer body is data the caller streams (GetObject); every other answer is a document the
        /// SDK parses, read whole (asynchronously, under the idle timeout) before it is parsed.
        Streaming: IReadOnlySet<string>
    }

/// S3's operations, as the shell names them and the error table reads them.
[<RequireQualifiedAccess>]
module S3Operations =
    /// The service name.
    [<Literal>]
    let Service = "S3"
    /// HeadBucket.
    [<Literal>]
    let HeadBucket = "HeadBucket"
    /// CreateBucket (the SDK's PutBucket).
    [<Literal>]
    let CreateBucket = "CreateBucket"
    /// DeleteBucket.
    [<Literal>]
    let DeleteBucket = "DeleteBucket"
    /// PutObject.
    [<Literal>]
    let PutObject = "PutObject"
    /// GetObject.
    [<Literal>]
    let GetObject = "GetObject"
    /// HeadObject (the SDK's GetObjectMetadata).
    [<Literal>]
    let HeadObject = "HeadObject"
    /// ListObjectsV2.
    [<Literal>]
    let ListObjectsV2 = "ListObjectsV2"
    /// ListObjectVersions (the SDK's ListVersions).
    [<Literal>]
    let ListObjectVersions = "ListObjectVersions"
    /// DeleteObjects.
    [<Literal>]
    let DeleteObjects = "DeleteObjects"
    /// DeleteObject (also one key of a DeleteObjects answer).
    [<Literal>]
    let DeleteObject = "DeleteObject"
    /// CopyObject.
    [<Literal>]
    let CopyObject = "CopyObject"
    /// CreateMultipartUpload (the SDK's InitiateMultipartUpload).
    [<Literal>]
    let CreateMultipartUpload = "CreateMultipartUpload"
    /// UploadPart.
    [<Literal>]
    let UploadPart = "UploadPart"
    /// UploadPartCopy (the SDK's CopyPart).
    [<Literal>]
    let UploadPartCopy = "UploadPartCopy"
    /// CompleteMultipartUpload.
    [<Literal>]
    let CompleteMultipartUpload = "CompleteMultipartUpload"
    /// AbortMultipartUpload.
    [<Literal>]
    let AbortMultipartUpload = "AbortMultipartUpload"
    /// Presigning a URL: signed here, no request is sent (named so that the Debug line and errors say what ran).
    [<Literal>]
    let PresignUrl = "PresignUrl"

/// STS's operations.
[<RequireQualifiedAccess>]
module StsOperations =
    /// The service name.
    [<Literal>]
    let Service = "STS"
    /// GetCallerIdentity.
    [<Literal>]
    let GetCallerIdentity = "GetCallerIdentity"
    /// AssumeRole.
    [<Literal>]
    let AssumeRole = "AssumeRole"

/// EC2's operations.
[<RequireQualifiedAccess>]
module Ec2Operations =
    /// The service name.
    [<Literal>]
    let Service = "EC2"
    /// DescribeSubnets.
    [<Literal>]
    let DescribeSubnets = "DescribeSubnets"
    /// DescribeVpcs.
    [<Literal>]
    let DescribeVpcs = "DescribeVpcs"
    /// DescribeNetworkInterfaces.
    [<Literal>]
    let DescribeNetworkInterfaces = "DescribeNetworkInterfaces"
    /// DescribeInstances.
    [<Literal>]
    let DescribeInstances = "DescribeInstances"
    /// DescribeAvailabilityZones.
    [<Literal>]
    let DescribeAvailabilityZones = "DescribeAvailabilityZones"
    /// CreateTrafficMirrorSession.
    [<Literal>]
    let CreateTrafficMirrorSession = "CreateTrafficMirrorSession"
    /// DeleteTrafficMirrorSession.
    [<Literal>]
    let DeleteTrafficMirrorSession = "DeleteTrafficMirrorSession"

/// The per-service tables of the error mapping, registered in one list (<see cref="all"/>).
[<RequireQualifiedAccess>]
module ServiceTables =

    let private set (xs: string list) = HashSet<string>(xs, StringComparer.Ordinal) :> IReadOnlySet<string>
    let private noGoals (_: CallGoal) (_: string) (_: string) = false

    // Operations whose bare 404 means the bucket (not an object) is missing, and whose denial is about the bucket.
    let private bucketNotFoundOperations =
        set [ S3Operations.HeadBucket; S3Operations.ListObjectsV2; S3Operations.ListObjectVersions; S3Operations.DeleteObjects
              S3Operations.DeleteBucket ]

    let private bucketDeniedOperations =
        set [ S3Operations.HeadBucket; S3Operations.PutObject; S3Operations.ListObjectsV2; S3Operations.ListObjectVersions
              S3Operations.DeleteObjects; S3Operations.DeleteBucket; S3Operations.CreateMultipartUpload; S3Operations.UploadPart
              S3Operations.CompleteMultipartUpload ]

    /// S3: which codes name a bucket or object condition, by operation.
    let s3 : ServiceTable =
        { Service = S3Operations.Service
          Mutating =
            set [ S3Operations.CreateBucket; S3Operations.DeleteBucket; S3Operations.PutObject; S3Operations.DeleteObjects
                  S3Operations.DeleteObject; S3Operations.CopyObject; S3Operations.CreateMultipartUpload
                  S3Operations.UploadPart; S3Operations.UploadPartCopy; S3Operations.CompleteMultipartUpload
                  S3Operations.AbortMultipartUpload ]
          Map =
            fun operation code t d ->
                match operation, code with
                | _, "nosuchbucket" -> Some(BucketDoesNotExist(t.Resource, d))
                | _, "nosuchkey" -> Some(ObjectDoesNotExist(t.Resource, t.Key, d))
                | (S3Operations.HeadObject | S3Operations.GetObject), "notfound" -> Some(ObjectDoesNotExist(t.Resource, t.Key, d))
                | op, "notfound" when bucketNotFoundOperations.Contains op -> Some(BucketDoesNotExist(t.Resource, d))
                | op, ("accessdenied" | "forbidden") when bucketDeniedOperations.Contains op -> Some(BucketAccessDenied(t.Resource, d))
                | S3Operations.CreateBucket, "bucketalreadyexists" -> Some(BucketNameNotAvailable(t.Resource, d))
                // A range past the end of the object is the caller's request, not a failure of S3.
                | S3Operations.GetObject, "invalidrange" -> Some(InvalidRequest d)
                // A copy names the source's ETag: the source was rewritten meanwhile.
                | (S3Operations.CopyObject | S3Operations.UploadPartCopy), "preconditionfailed" -> Some(Conflict d)
                // The upload was aborted or completed by someone else meanwhile.
                | _, "nosuchupload" -> Some(ResourceDoesNotExist("Multipart upload", "", d))
                | _ -> None
          GoalHolds =
            fun goal operation code ->
                match goal, operation, code with
                | CallGoal.BucketExists, S3Operations.CreateBucket, "bucketalreadyownedbyyou" -> true
                // Only S3's own word NoSuchBucket: a bare 404 or a denial is never taken for "gone".
                | CallGoal.BucketGone, _, "nosuchbucket" -> true
                // S3 answers 204 for a missing key; a store that says NoSuchKey means the same.
                | CallGoal.ObjectGone, S3Operations.DeleteObject, "nosuchkey" -> true
                | CallGoal.UploadGone, S3Operations.AbortMultipartUpload, "nosuchupload" -> true
                | _ -> false
          Streaming = set [ S3Operations.GetObject ] }

    /// EC2: dotted not-found codes name the resource the operation was about.
    let ec2 : ServiceTable =
        { Service = Ec2Operations.Service
          Mutating = set [ Ec2Operations.CreateTrafficMirrorSession; Ec2Operations.DeleteTrafficMirrorSession ]
          Map =
            fun operation code t d ->
                match operation, code with
                | _, "invalidvpcid.notfound" -> Some(VpcDoesNotExist(t.Resource, d))
                | _, "invalidinstanceid.notfound" -> Some(InstanceDoesNotExist(t.Resource, d))
                | _, "invalidtrafficmirrorsessionid.notfound" -> Some(MirrorDoesNotExist(t.Resource, d))
                | (Ec2Operations.DescribeNetworkInterfaces | Ec2Operations.DescribeSubnets), "invalidsubnetid.notfound" ->
                    Some(ResourceDoesNotExist("Subnet", t.Resource, d))
                | (Ec2Operations.DescribeNetworkInterfaces | Ec2Operations.CreateTrafficMirrorSession),
                  "invalidnetworkinterfaceid.notfound" -> Some(ResourceDoesNotExist("Network interface", t.Resource, d))
                | _ -> None
          GoalHolds = noGoals
          Streaming = set [] }

    /// STS: a refused AssumeRole names the role.
    let sts : ServiceTable =
        { Service = StsOperations.Service
          Mutating = set []
          Map =
            fun operation code t d ->
                match operation, code with
                | StsOperations.AssumeRole, ("accessdenied" | "forbidden" | "regiondisabled") -> Some(AssumeRoleFailed(t.Resource, d))
                | _ -> None
          GoalHolds = noGoals
          Streaming = set [] }

    /// Every registered table; a service without one is mapped by the shared families and HTTP status alone.
    let all : ServiceTable list = [ s3; ec2; sts ]

    /// The table of a service (case-insensitive), if one is registered.
    let find (service: string) : ServiceTable option =
        all |> List.tryFind (fun t -> String.Equals(t.Service, service, StringComparison.OrdinalIgnoreCase))

    /// Whether an operation's answer is a document to read whole before parsing (true), or data the caller streams
    /// (false: S3's GetObject). Unknown services and operations are documents.
    /// <example><code>ServiceTables.answerIsDocument ("S3", "GetObject") = false</code></example>
    [<CompiledName("AnswerIsDocument")>]
    let answerIsDocument (service: string, operation: string) : bool =
        not (find service |> Option.exists (fun t -> t.Streaming.Contains operation))
