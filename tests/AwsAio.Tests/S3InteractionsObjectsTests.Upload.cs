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

/// <summary>PutFile over a mocked IAmazonS3: streaming from disk, metadata and encryption checked before any request, errors by code.</summary>
public sealed partial class S3InteractionsObjectsTests
{
    // ---- PutFile --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task PutFile_StreamsTheFileFromDisk_WithBucketKeyAndMetadata()
    {
        var content = Bytes(200_000);
        var path = WriteLocalFile(content);
        var uploads = PutObjectSucceeds();
        var metadata = new Dictionary<string, string> { ["owner"] = "ops", ["build-id"] = "42" };

        var result = await S3Interactions.PutFileAsync(path, Bucket, Key, _provider.Object, metadata);

        Assert.Equal(Prelude.unit, result.Right());
        var upload = Assert.Single(uploads);
        Assert.True(upload.StreamIsFileStream, "the upload must stream from the file, not from a buffered copy");
        Assert.Equal(content, upload.Content);
        Assert.Equal(Bucket, upload.Request.BucketName);
        Assert.Equal(Key, upload.Request.Key);
        Assert.Equal("ops", upload.Request.Metadata["owner"]);
        Assert.Equal("42", upload.Request.Metadata["build-id"]);
        Assert.Equal(2, upload.Request.Metadata.Count);
        Assert.Null(upload.Request.ServerSideEncryptionMethod);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PutFile_TakesUseChunkEncodingFromTheProvider(bool chunked)
    {
        _provider.Setup(p => p.GetSettings<S3Settings>()).Returns(new S3Settings(chunked));
        var path = WriteLocalFile(Bytes(10));
        var uploads = PutObjectSucceeds();

        await S3Interactions.PutFileAsync(path, Bucket, Key, _provider.Object).Right();

        Assert.Equal(chunked, Assert.Single(uploads).Request.UseChunkEncoding);
    }

    [Fact]
    public async Task PutFile_WithKmsEncryption_SetsAwsKmsAndTheKeyId()
    {
        var path = WriteLocalFile(Bytes(10));
        var uploads = PutObjectSucceeds();

        await S3Interactions.PutFileAsync(path, Bucket, Key, _provider.Object, encryption: S3Encryption.Kms("key-1")).Right();

        var request = Assert.Single(uploads).Request;
        Assert.Equal(ServerSideEncryptionMethod.AWSKMS, request.ServerSideEncryptionMethod);
        Assert.Equal("key-1", request.ServerSideEncryptionKeyManagementServiceKeyId);
    }

    [Fact]
    public async Task PutFile_WhenTheLocalFileIsMissing_ReturnsLocalFileDoesNotExist_BeforeAnyRequest()
    {
        var missing = Path.Combine(_folder, "not-there.bin");

        var error = await S3Interactions.PutFileAsync(missing, Bucket, Key, _provider.Object).Left();

        Assert.Equal(missing, Assert.IsType<DomainError.LocalFileDoesNotExist>(error).Path);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PutFile_WhenNoSuchBucket_ReturnsBucketDoesNotExist()
    {
        PutObjectThrows(NoSuchBucket());

        var error = await S3Interactions.PutFileAsync(WriteLocalFile(Bytes(10)), Bucket, Key, _provider.Object).Left();

        var missing = Assert.IsType<DomainError.BucketDoesNotExist>(error);
        Assert.Equal(Bucket, missing.Bucket);
        Assert.Equal(AwsErrorDetails.Of("S3", "PutObject", "NoSuchBucket", "The specified bucket does not exist", 404, RequestId).On(ErrorTarget.Of(Bucket, Key)),
            missing.Details);
    }

    [Fact]
    public async Task PutFile_WhenAccessDenied_ReturnsBucketAccessDenied()
    {
        PutObjectThrows(S3Error("AccessDenied", HttpStatusCode.Forbidden, "Access Denied"));

        var error = await S3Interactions.PutFileAsync(WriteLocalFile(Bytes(10)), Bucket, Key, _provider.Object).Left();

        var denied = Assert.IsType<DomainError.BucketAccessDenied>(error);
        Assert.Equal(Bucket, denied.Bucket);
        Assert.Equal("AccessDenied", denied.Details.Code);
    }

    [Fact]
    public async Task PutFile_WhenKmsDeniesTheKey_ReturnsEncryptionKeyError_NeverBucketAccessDenied()
    {
        PutObjectThrows(S3Error("KMS.AccessDeniedException", HttpStatusCode.Forbidden,
            "User is not authorized to perform: kms:GenerateDataKey on resource key-1"));

        var error = await S3Interactions.PutFileAsync(WriteLocalFile(Bytes(10)), Bucket, Key, _provider.Object,
            encryption: S3Encryption.Kms("key-1")).Left();

        var kms = Assert.IsType<DomainError.EncryptionKeyError>(error);
        Assert.Equal("KMS.AccessDeniedException", kms.Details.Code);
        Assert.Equal(403, kms.Details.HttpStatus);
        Assert.Equal("PutObject", kms.Details.Operation);
    }

    [Fact]
    public async Task PutFile_WhenTheCodeIsUnknown_ReturnsUnexpected_KeepingTheCodeAndException()
    {
        var thrown = S3Error("Teapot", (HttpStatusCode)418, "I'm a teapot");
        PutObjectThrows(thrown);

        var error = await S3Interactions.PutFileAsync(WriteLocalFile(Bytes(10)), Bucket, Key, _provider.Object).Left();

        var unexpected = Assert.IsType<DomainError.Unexpected>(error);
        Assert.Equal(AwsErrorDetails.Of("S3", "PutObject", "Teapot", "I'm a teapot", 418, RequestId).On(ErrorTarget.Of(Bucket, Key)), unexpected.Details);
        Assert.Same(thrown, unexpected.Exception);
    }

    [Fact]
    public async Task PutFile_WithAnEmptyKey_ReturnsInvalidInput_BeforeAnyRequest()
    {
        var error = await S3Interactions.PutFileAsync(WriteLocalFile(Bytes(10)), Bucket, "", _provider.Object).Left();

        Assert.Equal("object key", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("owner", "ops\r\nX-Injected: 1", "line break")]
    [InlineData("owner", "ops\nGET /other HTTP/1.1", "line break")]
    [InlineData("has space", "v", "no space, colon")]
    [InlineData("has:colon", "v", "no space, colon")]
    [InlineData("owner", null, "must not be null")]
    [InlineData("owner", "nul\u0000byte", "control characters")]
    public async Task PutFile_WithUnsafeMetadata_IsInvalidInput_NamingTheKey_BeforeAnyRequest(string key, string? value, string fragment)
    {
        var path = WriteLocalFile(Bytes(10));
        var metadata = new Dictionary<string, string> { [key] = value! };

        var error = await S3Interactions.PutFileAsync(path, Bucket, Key, _provider.Object, metadata).Left();

        var invalid = Assert.IsType<DomainError.InvalidInput>(error);
        Assert.StartsWith("metadata", invalid.Field);
        Assert.Contains(fragment, invalid.Rule);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PutFile_WithAKmsKeyIdThatWouldInjectAHeader_IsInvalidInput_BeforeAnyRequest()
    {
        var path = WriteLocalFile(Bytes(10));

        var error = await S3Interactions.PutFileAsync(path, Bucket, Key, _provider.Object,
            encryption: S3Encryption.Kms("alias/key\r\nX-Injected: 1")).Left();

        Assert.Equal("KMS key id", Assert.IsType<DomainError.InvalidInput>(error).Field);
        _s3.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PutFile_WithNonAsciiMetadata_SendsItRfc2047Encoded_AsS3Documents()
    {
        var path = WriteLocalFile(Bytes(10));
        var uploads = PutObjectSucceeds();

        await S3Interactions.PutFileAsync(path, Bucket, Key, _provider.Object,
            new Dictionary<string, string> { ["owner"] = "Zoë", ["plain"] = "ops" }).Right();

        var sent = Assert.Single(uploads).Request.Metadata;
        Assert.Equal("=?UTF-8?B?Wm/Dqw==?=", sent["owner"]);
        Assert.Equal("ops", sent["plain"]);
    }
}
