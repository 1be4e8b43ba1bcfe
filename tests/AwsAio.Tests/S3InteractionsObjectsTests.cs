using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using AwsAio.Core;
using AwsAio.Tests.Support;
using static AwsAio.Tests.Support.S3Doubles;
using LanguageExt;
using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>
/// S3 object calls (S3Interactions.Objects.cs) over a mocked IAmazonS3 and a real temporary folder: streamed uploads,
/// downloads that never leave a partial file, and object metadata.
/// </summary>
public sealed partial class S3InteractionsObjectsTests : IDisposable
{
    private const string Bucket = "awsaio-unit-objects";
    private const string Key = "reports/2026/q1.csv";
    private const string RequestId = S3Doubles.RequestId;

    private readonly Mock<IAmazonS3> _s3 = new(MockBehavior.Strict);
    private readonly Mock<IAwsClientProvider> _provider;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "awsaio-s3-objects-" + Guid.NewGuid().ToString("N"));

    public S3InteractionsObjectsTests()
    {
        Directory.CreateDirectory(_folder);
        _provider = S3Doubles.ProviderFor(_s3.Object);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static NoSuchBucketException NoSuchBucket() =>
        new("The specified bucket does not exist", ErrorType.Sender, "NoSuchBucket", RequestId, HttpStatusCode.NotFound);

    private static NoSuchKeyException NoSuchKey() =>
        new("The specified key does not exist.", ErrorType.Sender, "NoSuchKey", RequestId, HttpStatusCode.NotFound);

    private string[] FolderEntries() =>
        Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private string WriteLocalFile(byte[] content, string name = "upload.bin")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Bytes(int count, int seed = 7)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>What the upload looked like while the SDK held it (its stream is closed once the call returns).</summary>
    private sealed record Upload(PutObjectRequest Request, bool StreamIsFileStream, byte[] Content);

    private List<Upload> PutObjectSucceeds()
    {
        var uploads = new List<Upload>();
        _s3.Setup(s => s.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>()))
            .Returns((PutObjectRequest r, CancellationToken _) =>
            {
                using var copy = new MemoryStream();
                r.InputStream.CopyTo(copy);
                uploads.Add(new Upload(r, r.InputStream is UploadSource.FileSegmentStream, copy.ToArray()));
                return Task.FromResult(new PutObjectResponse
                {
                    ETag = "\"9b2cf535f27731c974343645a3985328\"", HttpStatusCode = HttpStatusCode.OK,
                    ResponseMetadata = new ResponseMetadata { RequestId = "REQ-PUT" },
                });
            });
        return uploads;
    }

    private void PutObjectThrows(Exception e) =>
        _s3.Setup(s => s.PutObjectAsync(It.IsAny<PutObjectRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(e);

    private static GetObjectResponse ObjectResponse(Stream body, params (string Name, string Value)[] metadata)
    {
        var response = new GetObjectResponse
        {
            BucketName = Bucket, Key = Key, ResponseStream = body, ContentLength = body.CanSeek ? body.Length : 0,
            ETag = "\"abc\"", HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "REQ-GET" },
        };
        foreach (var (name, value) in metadata)
        {
            response.Metadata.Add(name, value);
        }

        return response;
    }

    private void GetObjectReturns(Func<GetObjectResponse> answer) =>
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()))
            .Returns((GetObjectRequest _, CancellationToken _) => Task.FromResult(answer()));

    /// <summary>A response body that delivers some bytes and then fails as a dropped connection does.</summary>
    private sealed class FailingBody(byte[] first) : ForwardOnlyStream
    {
        private int _position;

        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            Reads++;
            if (_position >= first.Length)
            {
                throw new IOException("Unable to read data from the transport connection: Connection reset by peer.");
            }

            var n = Math.Min(buffer.Length, first.Length - _position);
            first.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return ValueTask.FromResult(Read(buffer.Span));
            }
            catch (IOException e)
            {
                return ValueTask.FromException<int>(e);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    }

    // ---- GetObjectToFile ------------------------------------------------------------------------------------------

    [Fact]
    public async Task GetObjectToFile_WritesExactlyTheBody_AndReturnsThePathAndUserMetadata()
    {
        var body = Bytes(300_000, seed: 11);
        var target = Path.Combine(_folder, "q1.csv");
        GetObjectRequest? sent = null;
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()))
            .Callback((GetObjectRequest r, CancellationToken _) => sent = r)
            .ReturnsAsync(() => ObjectResponse(new MemoryStream(body), ("x-amz-meta-owner", "ops"), ("x-amz-meta-Build-Id", "42")));

        var file = await S3Interactions.GetObjectToFileAsync(Bucket, Key, target, _provider.Object).Right();

        Assert.Equal(target, file.LocalPath);
        Assert.Equal(body, await File.ReadAllBytesAsync(target));
        Assert.Equal("ops", file.Metadata["owner"]);
        Assert.Equal("42", file.Metadata["Build-Id"]);
        Assert.Equal(2, file.Metadata.Count);
        Assert.Equal(Bucket, sent!.BucketName);
        Assert.Equal(Key, sent.Key);
        Assert.Equal(["q1.csv"], FolderEntries());
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheTargetExists_ReturnsLocalFileAlreadyExists_BeforeAnyRequest_AndLeavesItUntouched()
    {
        var original = Bytes(100, seed: 3);
        var target = WriteLocalFile(original, "existing.csv");

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, target, _provider.Object).Left();

        Assert.Equal(target, Assert.IsType<DomainError.LocalFileAlreadyExists>(error).Path);
        Assert.Equal(original, await File.ReadAllBytesAsync(target));
        Assert.Equal(["existing.csv"], FolderEntries());
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheTargetAppearsDuringTheDownload_NeverOverwritesIt_AndLeavesNoTemporaryFile()
    {
        var target = Path.Combine(_folder, "q1.csv");
        var theirs = Bytes(64, seed: 9);
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (GetObjectRequest _, CancellationToken _) =>
            {
                // Another process writes the same file while the object is on its way.
                await File.WriteAllBytesAsync(target, theirs);
                return ObjectResponse(new MemoryStream(Bytes(50_000)));
            });

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, target, _provider.Object).Left();

        Assert.Equal(target, Assert.IsType<DomainError.LocalFileAlreadyExists>(error).Path);
        Assert.Equal(theirs, await File.ReadAllBytesAsync(target));
        Assert.Equal(["q1.csv"], FolderEntries());
    }

    public static TheoryData<string, string, string> BadBucketsAndKeys => new()
    {
        { "Bad_Bucket", Key, "bucket name" },
        { "ab", Key, "bucket name" },
        { "192.168.5.4", Key, "bucket name" },
        { Bucket, "", "object key" },
        { Bucket, "../outside", "object key" },
        { Bucket, "reports/./q1.csv", "object key" },
        { Bucket, new string('k', 1025), "object key" },
    };

    [Theory]
    [MemberData(nameof(BadBucketsAndKeys))]
    public async Task ObjectWrappers_GivenABadBucketOrKey_AreInvalidInput_NamingIt_BeforeAnyRequest(string bucket, string key, string field)
    {
        var upload = WriteLocalFile(Bytes(10), "upload.bin");
        var target = Path.Combine(_folder, "download.bin");

        var errors = new[]
        {
            await S3Interactions.PutFileAsync(upload, bucket, key, _provider.Object).Left(),
            await S3Interactions.GetObjectToFileAsync(bucket, key, target, _provider.Object).Left(),
            await S3Interactions.GetObjectMetadataAsync(bucket, key, _provider.Object).Left(),
        };

        Assert.All(errors, e => Assert.Equal(field, Assert.IsType<DomainError.InvalidInput>(e).Field));
        Assert.Equal(["upload.bin"], FolderEntries());
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ObjectWrappers_TakeDotSegmentKeys_WhenTheProvidersS3SettingsAllowThem()
    {
        _provider.Setup(p => p.GetSettings<S3Settings>()).Returns(new S3Settings(UseChunkEncoding: true, AllowDotSegmentKeys: true));
        GetObjectMetadataRequest? sent = null;
        _s3.Setup(s => s.GetObjectMetadataAsync(It.IsAny<GetObjectMetadataRequest>(), It.IsAny<CancellationToken>()))
            .Callback((GetObjectMetadataRequest r, CancellationToken _) => sent = r)
            .ReturnsAsync(new GetObjectMetadataResponse { HttpStatusCode = HttpStatusCode.OK, ResponseMetadata = new ResponseMetadata { RequestId = "R" } });

        var metadata = await S3Interactions.GetObjectMetadataAsync(Bucket, "a/../b", _provider.Object).Right();

        Assert.Empty(metadata);
        Assert.Equal("a/../b", sent!.Key);
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheDirectoryIsMissing_ReturnsLocalDirectoryMissing_BeforeAnyRequest()
    {
        var missingFolder = Path.Combine(_folder, "no-such-dir");

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, Path.Combine(missingFolder, "q1.csv"), _provider.Object).Left();

        Assert.Equal(missingFolder, Assert.IsType<DomainError.LocalDirectoryMissing>(error).Path);
        Assert.False(Directory.Exists(missingFolder));
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetObjectToFile_WhenNoSuchKey_ReturnsObjectDoesNotExist_AndCreatesNoFile()
    {
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(NoSuchKey());

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, Path.Combine(_folder, "q1.csv"), _provider.Object).Left();

        var missing = Assert.IsType<DomainError.ObjectDoesNotExist>(error);
        Assert.Equal((Bucket, Key), (missing.Bucket, missing.Key));
        Assert.Equal("NoSuchKey", missing.Details.Code);
        Assert.Empty(FolderEntries());
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheBodyFailsMidway_ReturnsTransport_AndLeavesNoFileAndNoTemporaryFile()
    {
        var body = new FailingBody(Bytes(100_000, seed: 5));
        GetObjectReturns(() => ObjectResponse(body, ("x-amz-meta-owner", "ops")));

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, Path.Combine(_folder, "q1.csv"), _provider.Object).Left();

        var transport = Assert.IsType<DomainError.Transport>(error);
        Assert.Equal("GetObject", transport.Operation);
        Assert.IsType<IOException>(transport.Exception);
        Assert.True(body.Reads >= 2, "some bytes must have been delivered before the failure");
        Assert.Empty(FolderEntries());
    }

    [Fact]
    public async Task GetObjectToFile_WhenCancelledDuringTheDownload_ReturnsCancelled_AndLeavesNoFiles()
    {
        using var cts = new CancellationTokenSource();
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (GetObjectRequest _, CancellationToken _) =>
            {
                await cts.CancelAsync();
                return ObjectResponse(new MemoryStream(Bytes(50_000)));
            });

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, Path.Combine(_folder, "q1.csv"), _provider.Object, cts.Token).Left();

        Assert.Equal(DomainError.NewCancelled("GetObject"), error);
        Assert.Empty(FolderEntries());
    }

    [Fact]
    public async Task GetObjectToFile_WhenCancelledBeforeTheRequest_ReturnsCancelled_AndSendsNothing()
    {
        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, Path.Combine(_folder, "q1.csv"), _provider.Object,
            new CancellationToken(canceled: true)).Left();

        Assert.Equal(DomainError.NewCancelled("GetObject"), error);
        Assert.Empty(FolderEntries());
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheFolderIsRemovedDuringTheRequest_ReturnsLocalDirectoryMissing_BeforeReadingTheBody()
    {
        var downloads = Directory.CreateDirectory(Path.Combine(_folder, "downloads")).FullName;
        var body = new FailingBody(Bytes(1_000));
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()))
            .Returns((GetObjectRequest _, CancellationToken _) =>
            {
                // Someone cleans up the folder while the object is on its way: the temporary file cannot be created.
                Directory.Delete(downloads);
                return Task.FromResult(ObjectResponse(body));
            });

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, Path.Combine(downloads, "q1.csv"), _provider.Object).Left();

        Assert.Equal(DomainError.NewLocalDirectoryMissing(downloads), error);
        Assert.Equal(0, body.Reads);
        Assert.Empty(FolderEntries());
    }

    [Fact]
    public async Task GetObjectToFile_WhenTheFolderBecomesASymlinkLoopDuringTheRequest_ReturnsLocalFileFailed_NotAlreadyExists()
    {
        var downloads = Directory.CreateDirectory(Path.Combine(_folder, "downloads")).FullName;
        _s3.Setup(s => s.GetObjectAsync(It.IsAny<GetObjectRequest>(), It.IsAny<CancellationToken>()))
            .Returns((GetObjectRequest _, CancellationToken _) =>
            {
                // The folder is swapped for a link to itself: the temporary file cannot be created, and its name was
                // the download's own, so this is no name clash.
                Directory.Delete(downloads);
                File.CreateSymbolicLink(downloads, downloads);
                return Task.FromResult(ObjectResponse(new MemoryStream(Bytes(1_000))));
            });

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, Path.Combine(downloads, "q1.csv"), _provider.Object).Left();

        var failed = Assert.IsType<DomainError.LocalFileFailed>(error);
        Assert.StartsWith(Path.Combine(downloads, ".q1.csv."), failed.Path, StringComparison.Ordinal);
        Assert.EndsWith(".awsaio-partial", failed.Path, StringComparison.Ordinal);
        Assert.Equal($"Too many levels of symbolic links : '{failed.Path}'", failed.Reason);
        Assert.Equal(["downloads"], FolderEntries());
    }

    [LinuxFact]
    public async Task GetObjectToFile_WhenTheDiskFillsWhileWriting_ReturnsLocalFileFailed_AndLeavesNoPartialFile()
    {
        var target = Path.Combine(_folder, "q1.csv");
        var body = new DiskFillingBody(_folder, Bytes(200_000, seed: 13));
        GetObjectReturns(() => ObjectResponse(body));

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, target, _provider.Object).Left();

        var failed = Assert.IsType<DomainError.LocalFileFailed>(error);
        Assert.Equal(body.Temporary, failed.Path);
        Assert.StartsWith(Path.Combine(_folder, ".q1.csv."), failed.Path, StringComparison.Ordinal);
        Assert.StartsWith("No space left on device", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, body.Reads);
        Assert.Empty(FolderEntries());
    }

    [Fact]
    public async Task GetObjectToFile_WhenAFolderTakesTheTemporaryFilesName_ReturnsLocalFileFailed_AndWritesNoTarget()
    {
        var target = Path.Combine(_folder, "q1.csv");
        var body = new HijackedBody(_folder, Bytes(10_000, seed: 17));
        GetObjectReturns(() => ObjectResponse(body));

        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, target, _provider.Object).Left();

        // The move finds no file to move; removing the folder that is there instead is refused, and that is no error.
        Assert.Equal(DomainError.NewLocalFileFailed(target, $"Could not find file '{body.Temporary}'."), error);
        Assert.False(File.Exists(target));
        Assert.True(Directory.Exists(body.Temporary));
    }

    /// <summary>A fact only Linux can check (it needs /proc and /dev/full).</summary>
    private sealed class LinuxFactAttribute : FactAttribute
    {
        public LinuxFactAttribute()
        {
            if (!OperatingSystem.IsLinux()) Skip = "needs Linux's /proc/self/fd and /dev/full";
        }
    }

    /// <summary>The download's temporary file in <paramref name="folder"/> (there is one while the body is written).</summary>
    private static string TemporaryIn(string folder) =>
        Assert.Single(Directory.GetFiles(folder, "*.awsaio-partial").Concat(Directory.GetDirectories(folder, "*.awsaio-partial")));

    /// <summary>A body whose first read turns the disk full under the file being written: the download's open file is
    /// pointed at /dev/full, whose every write fails with ENOSPC, as a full disk's does.</summary>
    private sealed class DiskFillingBody(string folder, byte[] bytes) : ForwardOnlyStream
    {
        private readonly MemoryStream _inner = new(bytes);

        public string Temporary { get; private set; } = "";
        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (Reads++ == 0)
            {
                Temporary = TemporaryIn(folder);
                var descriptor = Directory.GetFiles("/proc/self/fd")
                    .Select(link => (Link: link, Target: Describe(link)))
                    .Single(d => d.Target == Temporary).Link;
                using var full = File.OpenHandle("/dev/full", FileMode.Open, FileAccess.Write);
                Assert.NotEqual(-1, Dup2((int)full.DangerousGetHandle(), int.Parse(Path.GetFileName(descriptor), System.Globalization.CultureInfo.InvariantCulture)));
            }

            return _inner.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        private static string? Describe(string link)
        {
            try
            {
                return new FileInfo(link).LinkTarget;
            }
            catch (IOException)
            {
                return null;
            }
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
        private static extern int Dup2(int from, int to);
    }

    /// <summary>A body during whose read another process replaces the download's temporary file with a folder.</summary>
    private sealed class HijackedBody(string folder, byte[] bytes) : MemoryStream(bytes)
    {
        public string Temporary { get; private set; } = "";

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Temporary.Length == 0)
            {
                Temporary = TemporaryIn(folder);
                File.Delete(Temporary);
                Directory.CreateDirectory(Temporary);
            }

            return base.ReadAsync(buffer, cancellationToken);
        }
    }
    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task GetObjectToFile_WithoutALocalPath_IsExactlyLocalPathIsRequired_BeforeAnyRequest(string? localPath)
    {
        var error = await S3Interactions.GetObjectToFileAsync(Bucket, Key, localPath!, _provider.Object).Left();

        Assert.Equal(DomainError.NewInvalidInput("local path", "is required"), error);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetObjectToFile_WithABadBucketAndNoLocalPath_IsTheBucketError()
    {
        var error = await S3Interactions.GetObjectToFileAsync("Bad_Bucket", Key, "", _provider.Object).Left();

        Assert.Equal(Inputs.S3(_provider.Object, "Bad_Bucket", Key), error);
        Assert.Equal("bucket name", Assert.IsType<DomainError.InvalidInput>(error).Field);
    }
}
