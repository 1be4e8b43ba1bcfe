using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Testing;
using FsCheck;
using FsCheck.Fluent;
using Moq;
using Xunit;
using static AwsAio.Tests.Support.NeverThrowsAssert;

namespace AwsAio.Tests.NeverThrows;

/// <summary>
/// The object calls of S3Interactions.Objects.cs never throw, by property, over local files in temporary folders: a
/// Right is a complete file with exactly the served bytes (or an upload S3 accepted), a Left is the core's
/// classification of what failed, and no partial file is ever left behind.
/// </summary>
public sealed class S3InteractionsObjectsNeverThrowsTests
{
    /// <summary>What is on disk before an upload.</summary>
    public enum Source
    {
        /// <summary>The file to upload exists.</summary>
        File,

        /// <summary>Nothing is at the path.</summary>
        Missing,

        /// <summary>A folder is at the path.</summary>
        Folder,
    }

    /// <summary>What is on disk before a download.</summary>
    public enum Target
    {
        /// <summary>The folder exists, the file does not.</summary>
        Fresh,

        /// <summary>A file is already there.</summary>
        Exists,

        /// <summary>The folder does not exist.</summary>
        MissingFolder,
    }

    /// <summary>An upload: the local situation, the file's bytes, metadata and encryption, and PutObject's answer.</summary>
    public sealed record PutCase(Source Source, byte[] Content, KeyValuePair<string, string>[] Metadata, S3Encryption? Encryption, Answer<PutObjectResponse> Put)
    {
        /// <summary>Describes the case for counterexamples.</summary>
        public override string ToString() => $"{Source}, {Content.Length} bytes, {Metadata.Length} metadata, {Encryption?.Method.Value ?? "no encryption"}, {Put}";
    }

    /// <summary>A download: the local situation, GetObject's answer, and its body (kept apart: disposing the
    /// response lets go of its stream).</summary>
    public sealed record GetCase(Target Target, Answer<GetObjectResponse> Get, ScriptedBody? Body, KeyValuePair<string, string>[] Metadata)
    {
        /// <summary>Describes the case for counterexamples.</summary>
        public override string ToString() => $"{Target}, {Get} with {(Get.Succeeds ? Body?.ToString() ?? "no body" : "-")}";
    }

    /// <summary>A HeadObject answer.</summary>
    public sealed record HeadCase(Answer<GetObjectMetadataResponse> Head);

    private static readonly Gen<PutCase> PutCases =
        from source in Gen.Frequency((6, Gen.Constant(Source.File)), (1, Gen.Constant(Source.Missing)), (1, Gen.Constant(Source.Folder)))
        from content in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Select(bs => bs.Take(64).ToArray())
        from metadata in Gen.Frequency((6, Gen.Elements("owner", "team", "Case")), (1, Gen.Constant("x-amz-meta-kind"))).Zip(Gen.Elements("ops", "", "ü", "=?UTF-8?B?x?="))
            .Select(t => KeyValuePair.Create(t.Item1, t.Item2)).ArrayOf().Select(m => m.DistinctBy(e => e.Key).Take(3).ToArray())
        from encryption in Gen.Elements<S3Encryption?>(null, S3Encryption.S3Managed, S3Encryption.Kms(), S3Encryption.Kms("alias/awsaio"))
        from put in Answers.Of(S3Responses.PutObject(), AwsService.S3)
        select new PutCase(source, content, metadata, encryption, put);

    private static readonly Gen<GetCase> GetCases =
        from target in Gen.Frequency((8, Gen.Constant(Target.Fresh)), (1, Gen.Constant(Target.Exists)), (1, Gen.Constant(Target.MissingFolder)))
        from get in Answers.Of(S3Responses.GetObject(), Gen.Frequency(
            (3, ServiceErrors.Any(AwsService.S3)), (1, Gen.Constant((Exception)ErrorFixtures.S3NoSuchKey.ToException()))), responseWeight: 2)
        select new GetCase(target, get, get.Response?.ResponseStream as ScriptedBody,
            get.Response is { } r ? ExpectedMetadata(r.Metadata).ToArray() : []);

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property PutFile_AnyLocalSituationAndAnswer_IsRightOnlyWhenS3TookTheWholeFile() =>
        Prop.ForAll(PutCases.ToArbitrary(), async c =>
        {
            using var folder = new TemporaryFolder();
            var path = Path.Combine(folder.Path, "upload.bin");
            if (c.Source == Source.File) await File.WriteAllBytesAsync(path, c.Content);
            if (c.Source == Source.Folder) Directory.CreateDirectory(path);
            var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
            PutObjectRequest? sent = null;
            byte[]? uploaded = null;
            s3.Setup(s => s.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>()))
                .Returns((PutObjectRequest r, CancellationToken _) =>
                {
                    sent = r;
                    using var copy = new MemoryStream();
                    r.InputStream.CopyTo(copy);
                    uploaded = copy.ToArray();
                    return c.Put.ToTask();
                });

            var result = await S3Interactions.PutFileAsync(path, Bucket, Key, new FakeAwsClientProvider(s3.Object),
                c.Metadata.ToDictionary(e => e.Key, e => e.Value), c.Encryption);

            var error = Classified(result);
            if (c.Metadata.Any(e => e.Key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase)))
            {
                // Metadata keys go without the prefix: refused before any request.
                Assert.IsType<DomainError.InvalidInput>(error);
                Assert.Null(sent);
                return;
            }

            switch (c.Source)
            {
                case Source.Missing:
                    Same(DomainError.NewLocalFileDoesNotExist(path), LeftOf(result));
                    Assert.Null(sent);
                    return;
                case Source.Folder:
                    Assert.IsType<DomainError.InvalidInput>(error);
                    Assert.Null(sent);
                    return;
            }

            Assert.NotNull(sent);
            Assert.Equal((Bucket, Key), (sent!.BucketName, sent.Key));
            Assert.Equal(c.Content, uploaded);
            Assert.False(sent.InputStream.CanRead, "the local file was left open");
            Assert.All(c.Metadata, e => Assert.Equal(e.Value, S3Rules.DecodeMetadataValue(sent.Metadata[e.Key])));
            Assert.Equal(c.Encryption?.Method, sent.ServerSideEncryptionMethod == ServerSideEncryptionMethod.None ? null : sent.ServerSideEncryptionMethod);
            if (c.Put.Succeeds)
            {
                RightOf(result);
            }
            else
            {
                Same(Expected("S3", "PutObject", ErrorTarget.Of(Bucket, Key), c.Put.Error!), error ?? LeftOf(result));
            }
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property GetObjectToFile_AnyLocalSituationAndAnswer_IsTheWholeObjectOrNoFileAtAll() =>
        Prop.ForAll(GetCases.ToArbitrary(), async c =>
        {
            using var folder = new TemporaryFolder();
            var directory = c.Target == Target.MissingFolder ? Path.Combine(folder.Path, "missing") : folder.Path;
            var path = Path.Combine(directory, "download.bin");
            var existing = new byte[] { 1, 2, 3 };
            if (c.Target == Target.Exists) await File.WriteAllBytesAsync(path, existing);
            var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
            s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>())).Returns(c.Get.ToTask);

            var result = await S3Interactions.GetObjectToFileAsync(Bucket, Key, path, new FakeAwsClientProvider(s3.Object));

            var error = Classified(result);
            var left = Directory.GetFileSystemEntries(folder.Path, "*", SearchOption.AllDirectories);
            Assert.Equal(error is null || c.Target == Target.Exists ? [path] : Array.Empty<string>(), left);
            switch (c.Target)
            {
                case Target.Exists:
                    Same(DomainError.NewLocalFileAlreadyExists(path), LeftOf(result));
                    Assert.Equal(existing, await File.ReadAllBytesAsync(path));
                    s3.Verify(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()), Times.Never);
                    return;
                case Target.MissingFolder:
                    Same(DomainError.NewLocalDirectoryMissing(directory), LeftOf(result));
                    s3.Verify(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()), Times.Never);
                    return;
            }

            s3.Verify(s => s.GetObjectAsync(It.Is<GetObjectRequest>(r => r.BucketName == Bucket && r.Key == Key), It.IsAny<CancellationToken>()), Times.Once);
            var body = c.Body;
            if (body is not null)
            {
                Assert.True(body.Disposed, "the response body was not disposed");
            }

            if (error is not null)
            {
                Assert.False(File.Exists(path), "a failed download left a file at the target");
                if (!c.Get.Succeeds)
                {
                    Same(Expected("S3", "GetObject", ErrorTarget.Of(Bucket, Key), c.Get.Error!), error);
                }
                else if (body is { Failure: { } cut })
                {
                    Same(Expected("S3", "GetObject", ErrorTarget.Of(Bucket, Key), cut), error);
                }
                else
                {
                    Assert.True(body is null, $"a complete body was answered, yet: {error}");
                }

                return;
            }

            var file = RightOf(result);
            Assert.True(body is { Completes: true }, "Right, but the body was missing or cut off");
            Assert.Equal(Path.GetFullPath(path), file.LocalPath);
            Assert.Equal(body!.Content, await File.ReadAllBytesAsync(path));
            Assert.Equal(c.Metadata, file.Metadata.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase));
        });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property GetObjectMetadata_AnyHeadObjectAnswer_IsTheUserMetadataServed_OrItsClassifiedError() =>
        Prop.ForAll(Answers.Of(S3Responses.GetObjectMetadata(), Gen.Frequency(
                (3, ServiceErrors.Any(AwsService.S3)), (1, Gen.Constant((Exception)ErrorFixtures.S3HeadObjectNotFound.ToException()))))
            .Select(h => new HeadCase(h)).ToArbitrary(), async c =>
        {
            var s3 = new Mock<IAmazonS3>(MockBehavior.Strict);
            s3.Setup(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>())).Returns(c.Head.ToTask);

            var result = await S3Interactions.GetObjectMetadataAsync(Bucket, Key, new FakeAwsClientProvider(s3.Object));

            var error = Classified(result);
            if (c.Head.Succeeds)
            {
                Assert.Equal(ExpectedMetadata(c.Head.Response!.Metadata), RightOf(result).OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase));
            }
            else
            {
                Same(Expected("S3", "HeadObject", ErrorTarget.Of(Bucket, Key), c.Head.Error!), error ?? LeftOf(result));
            }
        });

    /// <summary>The served user metadata as the wrapper must return it: names without the x-amz-meta- prefix, values
    /// decoded from RFC 2047 (the core's decoder, checked on its own in the core's tests and the kit's).</summary>
    private static IEnumerable<KeyValuePair<string, string>> ExpectedMetadata(MetadataCollection served) =>
        served.Keys
            .Select(k => KeyValuePair.Create(
                k.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? k[11..] : k, S3Rules.DecodeMetadataValue(served[k])))
            .OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .ToArray();

    /// <summary>A folder of its own under the system's temporary folder, deleted afterwards.</summary>
    private sealed class TemporaryFolder : IDisposable
    {
        internal string Path { get; } = Directory.CreateTempSubdirectory("awsaio-never-throws-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
