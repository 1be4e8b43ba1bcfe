using Amazon.S3;
using AwsAio.Core;
using AwsAio.Tests.Support;
using LanguageExt;
using Moq;
using Xunit;

namespace AwsAio.Tests;

/// <summary>Each S3 operation is its wrapper, deferred: nothing is called when it is built, and running it calls
/// exactly what the wrapper calls and gives what the wrapper gives.</summary>
public sealed class S3OpsTests
{
    /// <summary>An operation and the wrapper call it stands for, both against the provider given.</summary>
    public sealed record Twin(string Name, Func<AwsOp<object>> Op, Func<IAwsClientProvider, Task<Either<DomainError, object>>> Direct)
    {
        public override string ToString() => Name;
    }

    private static Twin Of<T>(string name, Func<AwsOp<T>> op, Func<IAwsClientProvider, Task<Either<DomainError, T>>> direct)
        where T : notnull =>
        new(name, () => op().Map(v => (object)v), async p => (await direct(p)).Map(v => (object)v));

    private static readonly string Missing = Path.Combine(Path.GetTempPath(), "awsaio-no-such-file-" + Guid.NewGuid().ToString("N"));

    private static IEnumerable<Twin> TwinRows() =>
    [
        Of("GetBucketStatus", () => S3Ops.GetBucketStatus("awsaio-b"), p => S3Interactions.GetBucketStatusAsync("awsaio-b", p)),
        Of("CreateBucket", () => S3Ops.CreateBucket("awsaio-b"), p => S3Interactions.CreateBucketAsync("awsaio-b", p)),
        Of("EnsureBucketExists", () => S3Ops.EnsureBucketExists("awsaio-b"), p => S3Interactions.EnsureBucketExistsAsync("awsaio-b", p)),
        Of("DestroyBucket", () => S3Ops.DestroyBucket("awsaio-b"), p => S3Interactions.DestroyBucketAsync("awsaio-b", p)),
        Of("PutFile", () => S3Ops.PutFile(Missing, "awsaio-b", "k"), p => S3Interactions.PutFileAsync(Missing, "awsaio-b", "k", p)),
        Of("GetObjectToFile", () => S3Ops.GetObjectToFile("awsaio-b", "k", Missing), p => S3Interactions.GetObjectToFileAsync("awsaio-b", "k", Missing, p)),
        Of("GetObjectMetadata", () => S3Ops.GetObjectMetadata("awsaio-b", "k"), p => S3Interactions.GetObjectMetadataAsync("awsaio-b", "k", p)),
        Of("ListObjects", () => S3Ops.ListObjects("awsaio-b", "logs/", 10), p => S3Interactions.ListObjectsAsync("awsaio-b", p, "logs/", 10)),
        Of("Put", () => S3Ops.Put(S3Content.FromText("hello"), Here), p => S3Interactions.PutAsync(S3Content.FromText("hello"), Here, p)),
        Of("GetObjectToFileAt", () => S3Ops.GetObjectToFile(Here, Missing), p => S3Interactions.GetObjectToFileAsync(Here, Missing, p)),
        Of("GetObjectInfo", () => S3Ops.GetObjectInfo(Here), p => S3Interactions.GetObjectInfoAsync(Here, p)),
        Of("ReadObject", () => S3Ops.ReadObject(Here, (s, _) => Task.FromResult(s.CanRead)), p => S3Interactions.ReadObjectAsync(Here, (s, _) => Task.FromResult(s.CanRead), p)),
        Of("CopyObject", () => S3Ops.CopyObject(Here, There), p => S3Interactions.CopyObjectAsync(Here, There, p)),
        Of("DeleteObject", () => S3Ops.DeleteObject(Here), p => S3Interactions.DeleteObjectAsync(Here, p)),
        Of("DeleteObjects", () => S3Ops.DeleteObjects("awsaio-b", ["a", "b"]), p => S3Interactions.DeleteObjectsAsync("awsaio-b", ["a", "b"], p)),
        Of("ListFolder", () => S3Ops.ListFolder("awsaio-b", "logs/"), p => S3Interactions.ListFolderAsync("awsaio-b", p, "logs/")),
        Of("PresignGet", () => S3Ops.PresignGet(Here, TimeSpan.FromMinutes(5)), p => S3Interactions.PresignGetAsync(Here, TimeSpan.FromMinutes(5), p)),
        Of("PresignPut", () => S3Ops.PresignPut(Here, TimeSpan.FromMinutes(5), "text/plain"), p => S3Interactions.PresignPutAsync(Here, TimeSpan.FromMinutes(5), p, "text/plain")),
    ];

    public static TheoryData<string> Twins => Rows.Named(TwinRows(), t => t.Name);

    private static readonly S3Location Here = S3Location.Create("awsaio-b", "logs/a.txt").ResultValue;
    private static readonly S3Location There = S3Location.Create("awsaio-b", "logs/b.txt").ResultValue;

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task AnOperation_CallsNothingWhenBuilt_AndWhenRunIsItsWrapper(string row)
    {
        var twin = Rows.Pick(TwinRows(), row);
        var viaOp = new Mock<IAmazonS3>();
        var direct = new Mock<IAmazonS3>();
        viaOp.Setup(s => s.Config).Returns(new AmazonS3Config { AuthenticationRegion = "eu-west-1" });
        direct.Setup(s => s.Config).Returns(new AmazonS3Config { AuthenticationRegion = "eu-west-1" });

        var op = twin.Op();
        Assert.Empty(viaOp.Invocations);

        var fromOp = await op.RunAsync(S3Doubles.ProviderFor(viaOp.Object).Object);
        var fromWrapper = await twin.Direct(S3Doubles.ProviderFor(direct.Object).Object);

        Assert.Equal(fromWrapper.ToString(), fromOp.ToString());
        Assert.Equal(direct.Invocations.Select(i => i.Method.Name), viaOp.Invocations.Select(i => i.Method.Name));
    }
}
