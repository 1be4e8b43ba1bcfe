using System.Net.Http;
using System.Net.Sockets;
using Amazon.S3;
using Amazon.S3.Model;
using FsCheck;
using FsCheck.Fluent;

namespace AwsAio.Testing;

/// <summary>
/// Generated S3 answers, as the v4 SDK returns them: every collection and nullable value may be null (the v4 SDK no
/// longer initialises collections), strings may be empty or odd, enums may hold values this SDK version does not know.
/// One generator per SDK call AwsAio makes; every sample is a fresh object.
/// </summary>
public static class S3Responses
{
    private static readonly string[] Keys =
        ["report.csv", "2026/11/24/app.log.gz", "dir/", "a/b/c/d.txt", "über/ß.bin", "key with spaces", "🪣.json", "x"];

    /// <summary>An object key: mostly ordinary, sometimes odd (unicode, a folder marker, empty), sometimes null.</summary>
    public static Gen<string?> Key() =>
        Gen.Frequency((6, Gen.Elements(Keys).Select(k => (string?)k)), (2, AwsGen.TextOrNull()), (1, Gen.Constant<string?>(null)));

    /// <summary>An entity tag: quoted as S3 sends it, unquoted, multipart-style, empty, or null.</summary>
    public static Gen<string?> ETag() =>
        Gen.Elements<string?>("\"9b2cf535f27731c974343645a3985328\"", "9b2cf535f27731c974343645a3985328",
            "\"d41d8cd98f00b204e9800998ecf8427e-3\"", "", null);

    /// <summary>A storage class: null (S3 omits STANDARD), a known class, or one this SDK does not know.</summary>
    public static Gen<S3StorageClass?> StorageClass() =>
        AwsGen.Constant<S3StorageClass>(
            [S3StorageClass.Standard, S3StorageClass.StandardInfrequentAccess, S3StorageClass.Glacier,
             S3StorageClass.DeepArchive, S3StorageClass.IntelligentTiering, S3StorageClass.ReducedRedundancy,
             S3StorageClass.OneZoneInfrequentAccess, S3StorageClass.GlacierInstantRetrieval],
            S3StorageClass.FindValue);

    /// <summary>One entry of a ListObjectsV2 page.</summary>
    public static Gen<S3Object> Object() =>
        AwsGen.Object(() => new S3Object(),
            AwsGen.Field(Key(), (S3Object o, string? v) => o.Key = v),
            AwsGen.Field(AwsGen.Size(), (S3Object o, long? v) => o.Size = v),
            AwsGen.Field(AwsGen.Timestamp(), (S3Object o, DateTime? v) => o.LastModified = v),
            AwsGen.Field(ETag(), (S3Object o, string? v) => o.ETag = v),
            AwsGen.Field(StorageClass(), (S3Object o, S3StorageClass? v) => o.StorageClass = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Constant("awsaio-bucket")), (S3Object o, string? v) => o.BucketName = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("owner-id")), (S3Object o, string? id) => o.Owner = id is null ? null : new Owner { Id = id }),
            AwsGen.Field(AwsGen.ListOrNull(Gen.Elements("CRC32", "SHA256"), 2), (S3Object o, List<string>? v) => o.ChecksumAlgorithm = v));

    /// <summary>One entry of a ListObjectVersions page: a version or a delete marker. Version ids may be null, the
    /// literal "null" S3 uses for objects written before versioning, or ordinary.</summary>
    public static Gen<S3ObjectVersion> ObjectVersion() =>
        AwsGen.Object(() => new S3ObjectVersion(),
            AwsGen.Field(Key(), (S3ObjectVersion o, string? v) => o.Key = v),
            AwsGen.Field(Gen.Elements<string?>("3sL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY", "null", "", null, "v/+=é"),
                (S3ObjectVersion o, string? v) => o.VersionId = v),
            AwsGen.Field(AwsGen.Flag(), (S3ObjectVersion o, bool? v) => o.IsLatest = v),
            AwsGen.Field(AwsGen.Flag(), (S3ObjectVersion o, bool? v) => o.IsDeleteMarker = v),
            AwsGen.Field(AwsGen.Size(), (S3ObjectVersion o, long? v) => o.Size = v),
            AwsGen.Field(AwsGen.Timestamp(), (S3ObjectVersion o, DateTime? v) => o.LastModified = v),
            AwsGen.Field(ETag(), (S3ObjectVersion o, string? v) => o.ETag = v),
            AwsGen.Field(StorageClass(), (S3ObjectVersion o, S3StorageClass? v) => o.StorageClass = v));

    /// <summary>User metadata as S3 sends it in x-amz-meta-* headers (names with or without the prefix, in any case,
    /// empty values, non-ASCII values raw or RFC 2047-encoded as S3 returns them: <c>=?UTF-8?B?…?=</c>,
    /// <c>=?UTF-8?Q?…?=</c>).</summary>
    public static Gen<KeyValuePair<string, string>[]> UserMetadata() =>
        Gen.Frequency(
            (1, Gen.Constant(Array.Empty<KeyValuePair<string, string>>())),
            (3, Gen.Elements("owner", "x-amz-meta-team", "X-Amz-Meta-Case", "content-kind", "a", "x-amz-meta-")
                .Zip(Gen.Elements("ops", "", "ünïcödé", "value with spaces", "1", "=?UTF-8?B?w7xuw69jw7Zkw6k=?=", "=?UTF-8?Q?caf=C3=A9?="))
                .Select(t => KeyValuePair.Create(t.Item1, t.Item2))
                .ArrayOf()
                .Select(entries => entries.Take(AwsGen.MaxItems).ToArray())));

    /// <summary>HeadBucket: an empty 200 in practice; every optional header may be missing.</summary>
    public static Gen<HeadBucketResponse> HeadBucket() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("us-east-1", "eu-west-1", "")), (HeadBucketResponse r, string? v) => r.BucketRegion = v),
            AwsGen.Field(AwsGen.OrNullValue(Gen.Elements(true, false)), (HeadBucketResponse r, bool? v) => r.AccessPointAlias = v),
            AwsGen.Field(AwsGen.TextOrNull(), (HeadBucketResponse r, string? v) => r.BucketArn = v));

    /// <summary>PutBucket (CreateBucket).</summary>
    public static Gen<PutBucketResponse> PutBucket() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("/awsaio-bucket", "http://awsaio-bucket.s3.amazonaws.com/")),
                (PutBucketResponse r, string? v) => r.Location = v),
            AwsGen.Field(AwsGen.TextOrNull(), (PutBucketResponse r, string? v) => r.BucketArn = v));

    /// <summary>PutObject.</summary>
    public static Gen<PutObjectResponse> PutObject() =>
        AwsGen.Response(
            AwsGen.Field(ETag(), (PutObjectResponse r, string? v) => r.ETag = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", "null")), (PutObjectResponse r, string? v) => r.VersionId = v),
            AwsGen.Field(AwsGen.Size(), (PutObjectResponse r, long? v) => r.Size = v),
            AwsGen.Field(AwsGen.Constant<ServerSideEncryptionMethod>(
                    [ServerSideEncryptionMethod.AES256, ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionMethod.None],
                    ServerSideEncryptionMethod.FindValue),
                (PutObjectResponse r, ServerSideEncryptionMethod? v) => r.ServerSideEncryptionMethod = v),
            AwsGen.Field(AwsGen.Flag(), (PutObjectResponse r, bool? v) => r.BucketKeyEnabled = v));

    /// <summary>Response bodies: complete ones in irregular chunks, empty ones, bodies cut off mid-way by a transport
    /// failure, and (rarely) none at all.</summary>
    public static Gen<ScriptedBody?> Body() =>
        Gen.Frequency(
            (1, Gen.Constant<ScriptedBody?>(null)),
            (6, from content in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Select(bs => bs.Take(300).ToArray())
                from chunk in Gen.Elements(1, 7, 64, int.MaxValue)
                select (ScriptedBody?)new ScriptedBody(content, maxChunk: chunk)),
            (3, from content in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Select(bs => bs.Take(300).ToArray())
                from cut in Gen.Choose(0, content.Length)
                from failure in BodyFailure()
                from chunk in Gen.Elements(1, 7, int.MaxValue)
                select (ScriptedBody?)new ScriptedBody(content, cut, failure, chunk)));

    /// <summary>What cuts a body off: a reset connection, a premature end, a timeout.</summary>
    public static Gen<Exception> BodyFailure() =>
        Gen.Frequency(
            (2, Gen.Fresh<Exception>(() => new IOException("Unable to read data from the transport connection: Connection reset by peer.",
                new SocketException((int)SocketError.ConnectionReset)))),
            (2, Gen.Fresh<Exception>(() => new HttpRequestException("The response ended prematurely. (ResponseEnded)"))),
            (1, Gen.Fresh<Exception>(() => new TaskCanceledException("The operation was canceled.", new TimeoutException()))));

    /// <summary>GetObject with a generated body (<see cref="Body"/>) and user metadata.</summary>
    public static Gen<GetObjectResponse> GetObject() => GetObject(Body());

    /// <summary>GetObject with the given bodies and generated user metadata.</summary>
    /// <param name="bodies">The response streams.</param>
    public static Gen<GetObjectResponse> GetObject(Gen<ScriptedBody?> bodies) =>
        AwsGen.Response(
            AwsGen.Field(bodies, (GetObjectResponse r, ScriptedBody? b) => r.ResponseStream = b),
            AwsGen.Field(UserMetadata(), (GetObjectResponse r, KeyValuePair<string, string>[] m) => SetMetadata(r.Metadata, m)),
            AwsGen.Field(AwsGen.OrNull(Gen.Constant("awsaio-bucket")), (GetObjectResponse r, string? v) => r.BucketName = v),
            AwsGen.Field(Key(), (GetObjectResponse r, string? v) => r.Key = v),
            AwsGen.Field(ETag(), (GetObjectResponse r, string? v) => r.ETag = v),
            AwsGen.Field(AwsGen.Timestamp(), (GetObjectResponse r, DateTime? v) => r.LastModified = v),
            AwsGen.Field(AwsGen.OrNullValue(Gen.Choose(0, 3)), (GetObjectResponse r, int? v) => r.MissingMeta = v),
            AwsGen.Field(StorageClass(), (GetObjectResponse r, S3StorageClass? v) => r.StorageClass = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("true", "false")), (GetObjectResponse r, string? v) => r.DeleteMarker = v));

    /// <summary>GetObjectMetadata (HeadObject) with generated user metadata.</summary>
    public static Gen<GetObjectMetadataResponse> GetObjectMetadata() =>
        AwsGen.Response(
            AwsGen.Field(UserMetadata(), (GetObjectMetadataResponse r, KeyValuePair<string, string>[] m) => SetMetadata(r.Metadata, m)),
            AwsGen.Field(ETag(), (GetObjectMetadataResponse r, string? v) => r.ETag = v),
            AwsGen.Field(AwsGen.Timestamp(), (GetObjectMetadataResponse r, DateTime? v) => r.LastModified = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("text/plain", "application/octet-stream", "")), (GetObjectMetadataResponse r, string? v) => r.ContentType = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("null", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY")), (GetObjectMetadataResponse r, string? v) => r.VersionId = v),
            AwsGen.Field(StorageClass(), (GetObjectMetadataResponse r, S3StorageClass? v) => r.StorageClass = v));

    /// <summary>One ListObjectsV2 page on its own (for a whole listing use <see cref="PageScripts.Objects"/> and
    /// <see cref="FakePager.ListObjectsV2"/>).</summary>
    public static Gen<ListObjectsV2Response> ListObjectsV2() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.ListOrNull(Object()), (ListObjectsV2Response r, List<S3Object>? v) => r.S3Objects = v),
            AwsGen.Field(AwsGen.Flag(), (ListObjectsV2Response r, bool? v) => r.IsTruncated = v),
            AwsGen.Field(AwsGen.TokenOrNull(), (ListObjectsV2Response r, string? v) => r.NextContinuationToken = v),
            AwsGen.Field(AwsGen.OrNullValue(Gen.Choose(0, 1000)), (ListObjectsV2Response r, int? v) => r.KeyCount = v),
            AwsGen.Field(AwsGen.ListOrNull(Gen.Elements("logs/", "tmp/")), (ListObjectsV2Response r, List<string>? v) => r.CommonPrefixes = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Constant("awsaio-bucket")), (ListObjectsV2Response r, string? v) => r.Name = v));

    /// <summary>One ListObjectVersions page on its own (for a whole listing use <see cref="PageScripts.Versions"/> and
    /// <see cref="FakePager.ListVersions"/>).</summary>
    public static Gen<ListVersionsResponse> ListVersions() =>
        AwsGen.Response(
            AwsGen.Field(AwsGen.ListOrNull(ObjectVersion()), (ListVersionsResponse r, List<S3ObjectVersion>? v) => r.Versions = v),
            AwsGen.Field(AwsGen.Flag(), (ListVersionsResponse r, bool? v) => r.IsTruncated = v),
            AwsGen.Field(AwsGen.TokenOrNull(), (ListVersionsResponse r, string? v) => r.NextKeyMarker = v),
            AwsGen.Field(AwsGen.TokenOrNull(), (ListVersionsResponse r, string? v) => r.NextVersionIdMarker = v),
            AwsGen.Field(AwsGen.ListOrNull(Gen.Elements("logs/", "tmp/")), (ListVersionsResponse r, List<string>? v) => r.CommonPrefixes = v));

    /// <summary>One refused key of a DeleteObjects answer; every field may be null.</summary>
    public static Gen<DeleteError> DeleteError() =>
        AwsGen.Object(() => new DeleteError(),
            AwsGen.Field(Key(), (DeleteError e, string? v) => e.Key = v),
            AwsGen.Field(AwsGen.OrNull(Gen.Elements("null", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY")), (DeleteError e, string? v) => e.VersionId = v),
            AwsGen.Field(AwsGen.OrNull(ErrorCodes.Codes(AwsService.S3).Select(c => c.Wire ?? "")), (DeleteError e, string? v) => e.Code = v),
            AwsGen.Field(ServiceErrors.Message(), (DeleteError e, string? v) => e.Message = v));

    /// <summary>DeleteObjects as it answers in quiet mode: no errors (null or empty), and occasionally a list of
    /// refused keys returned without the exception the SDK normally throws for them.</summary>
    public static Gen<DeleteObjectsResponse> DeleteObjects() =>
        AwsGen.Response(
            AwsGen.Field(Gen.Frequency(
                    (4, Gen.Constant<List<DeleteError>?>(null)),
                    (2, Gen.Fresh<List<DeleteError>?>(() => [])),
                    (1, DeleteError().ArrayOf().Select(es => (List<DeleteError>?)es.Take(3).ToList()))),
                (DeleteObjectsResponse r, List<DeleteError>? v) => r.DeleteErrors = v),
            AwsGen.Field(AwsGen.ListOrNull(Key().Select(k => new DeletedObject { Key = k })), (DeleteObjectsResponse r, List<DeletedObject>? v) => r.DeletedObjects = v));

    /// <summary>The SDK's <see cref="DeleteObjectsException"/>: thrown when S3 refused some keys, carrying the partial
    /// response with at least one <see cref="Amazon.S3.Model.DeleteError"/> (the SDK throws it only then).</summary>
    public static Gen<DeleteObjectsException> DeleteObjectsPartial() =>
        from errors in Gen.Choose(1, 3).SelectMany(n => DeleteError().ArrayOf(n))
        from deleted in AwsGen.ListOrNull(Key().Select(k => new DeletedObject { Key = k }))
        from response in AwsGen.Response<DeleteObjectsResponse>()
        select new DeleteObjectsException(Fill(response, errors.ToList(), deleted));

    /// <summary>
    /// DeleteObjects answers that depend on the batch asked for, as S3 gives them with <c>Quiet = false</c>: every key
    /// deleted (unversioned keys sometimes answered with the delete marker they made); some keys refused, thrown as the
    /// SDK's <see cref="DeleteObjectsException"/> with the rest deleted; an answer that forgets a key (which a careful
    /// caller must not take for a deletion); an answer about other keys; or a failure of the call.
    /// </summary>
    public static Gen<Responder<DeleteObjectsRequest, DeleteObjectsResponse>> DeleteObjectsAnswers() =>
        Gen.Frequency(
            (5, from markers in Gen.Elements(false, true)
                from requestId in AwsGen.RequestId()
                select new Responder<DeleteObjectsRequest, DeleteObjectsResponse>(
                    $"deletes every key{(markers ? ", unversioned ones by delete marker" : "")}",
                    request => Answer<DeleteObjectsResponse>.Respond(Deleted(request, _ => false, markers, requestId)))),
            (2, from every in Gen.Choose(1, 3)
                from code in ErrorCodes.Codes(AwsService.S3)
                from message in ServiceErrors.Message()
                from requestId in AwsGen.RequestId()
                select new Responder<DeleteObjectsRequest, DeleteObjectsResponse>(
                    $"refuses every {every}th key with '{code.Wire}' (DeleteObjectsException)",
                    request =>
                    {
                        var response = Deleted(request, i => i % every == 0, false, requestId);
                        response.DeleteErrors = request.Objects.Where((_, i) => i % every == 0)
                            .Select(o => new DeleteError { Key = o.Key, VersionId = o.VersionId, Code = code.Wire, Message = message })
                            .ToList();
                        return Answer<DeleteObjectsResponse>.Fail(new DeleteObjectsException(response));
                    })),
            (1, AwsGen.RequestId().Select(requestId => new Responder<DeleteObjectsRequest, DeleteObjectsResponse>(
                "forgets the last key (neither deleted nor refused)",
                request => Answer<DeleteObjectsResponse>.Respond(Deleted(request, i => i == request.Objects.Count - 1, false, requestId))))),
            (1, DeleteObjects().Select(other => new Responder<DeleteObjectsRequest, DeleteObjectsResponse>(
                "answers about other keys", _ => Answer<DeleteObjectsResponse>.Respond(other)))),
            (2, from error in ServiceErrors.Any(AwsService.S3)
                from synchronously in Gen.Elements(false, false, false, true)
                select Responder<DeleteObjectsRequest, DeleteObjectsResponse>.Always(Answer<DeleteObjectsResponse>.Fail(error, synchronously))));

    /// <summary>The honest DeleteObjects: every key of the batch answered as deleted (with its version id).</summary>
    public static Responder<DeleteObjectsRequest, DeleteObjectsResponse> DeletingEveryKey() =>
        new("deletes every key", request => Answer<DeleteObjectsResponse>.Respond(Deleted(request, _ => false, false, "DELETE-ALL")));

    /// <summary>DeleteBucket: an empty 204.</summary>
    public static Gen<DeleteBucketResponse> DeleteBucket() => AwsGen.Response<DeleteBucketResponse>();

    /// <summary>A response deleting every key of <paramref name="request"/> but those <paramref name="skip"/> picks.</summary>
    private static DeleteObjectsResponse Deleted(DeleteObjectsRequest request, Func<int, bool> skip, bool markers, string? requestId) =>
        new()
        {
            DeletedObjects = (request.Objects ?? []).Where((_, i) => !skip(i))
                .Select(o => markers && o.VersionId is null
                    ? new DeletedObject { Key = o.Key, DeleteMarker = true, DeleteMarkerVersionId = "dm-" + o.Key?.Length }
                    : new DeletedObject { Key = o.Key, VersionId = o.VersionId })
                .ToList(),
            HttpStatusCode = System.Net.HttpStatusCode.OK,
            ResponseMetadata = new Amazon.Runtime.ResponseMetadata { RequestId = requestId },
        };

    private static DeleteObjectsResponse Fill(DeleteObjectsResponse response, List<DeleteError> errors, List<DeletedObject>? deleted)
    {
        response.DeleteErrors = errors;
        response.DeletedObjects = deleted;
        return response;
    }

    private static void SetMetadata(MetadataCollection target, KeyValuePair<string, string>[] entries)
    {
        foreach (var (name, value) in entries)
        {
            target[name] = value;
        }
    }
}
