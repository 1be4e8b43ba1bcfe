using AwsAio.Cli.Tests.Support;
using AwsAio.Tests.Peers;
using Xunit;

namespace AwsAio.Cli.Tests.Commands;

/// <summary>
/// <c>awsaio s3 …</c> as a process against s3rver: output, JSON shape, requests made, and the exit code of every
/// error category s3rver can produce (not found, input, conflict, credentials; transport with nothing listening).
/// </summary>
public sealed class S3CommandsTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>, IDisposable
{
    private readonly S3Store _store = new(s3rver);

    public void Dispose() => _store.Dispose();

    private Task<CliResult> Run(params string[] args) => _store.Run(args);

    private static string NewBucket() => S3Store.NewBucket();

    private string NewFile(string name, int size) => _store.NewFile(name, size);

    private Task<string> BucketWith(int objects) => _store.BucketWith(objects);

    [Fact]
    public async Task Status_OfAMissingBucket_SaysSo_AndSucceeds()
    {
        var run = await Run("s3", "status", NewBucket(), "--output", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("DoesNotExist", run.Json.GetProperty("result").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ensure_CreatesTheBucket_InTwoRequests_ThenStatusSaysYouMayUseIt()
    {
        var bucket = NewBucket();
        await s3rver.ResetRequestCountAsync();

        var ensure = await Run("s3", "ensure", bucket);
        var requests = await s3rver.GetRequestCountAsync();
        var status = await Run("s3", "status", bucket);

        Assert.Equal(0, ensure.ExitCode);
        Assert.Equal(2, requests);
        Assert.Contains($"ensured  s3://{bucket}", ensure.Stdout);
        Assert.Contains("status  exists, you may use it", status.Stdout);
    }

    [Fact]
    public async Task PutThenGet_ReturnsTheSameBytesAndMetadata()
    {
        var bucket = await BucketWith(0);
        var source = NewFile("source.bin", 300_000);
        var target = Path.Combine(_store.Folder, "target.bin");

        var put = await Run("s3", "put", bucket, "data/source.bin", source, "--metadata", "team=ops", "--metadata", "note=a=b");
        var get = await Run("s3", "get", bucket, "data/source.bin", target, "--output", "json");

        Assert.Equal(0, put.ExitCode);
        Assert.Matches($@"^uploaded +{System.Text.RegularExpressions.Regex.Escape(source)} -> s3://{bucket}/data/source.bin\n", put.Stdout);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
        var result = get.Json.GetProperty("result");
        Assert.Equal(300_000, result.GetProperty("bytes").GetInt64());
        Assert.Equal(target, result.GetProperty("file").GetString());
        Assert.Equal("ops", result.GetProperty("metadata").GetProperty("team").GetString());
        Assert.Equal("a=b", result.GetProperty("metadata").GetProperty("note").GetString());
    }

    [Fact]
    public async Task Meta_PrintsTheUserMetadataAligned_OrAsJson()
    {
        var bucket = await BucketWith(0);
        await Run("s3", "put", bucket, "k", NewFile("m", 10), "--metadata", "team=platform", "--metadata", "x=1");

        var text = await Run("s3", "meta", bucket, "k");
        var json = await Run("s3", "meta", bucket, "k", "--output", "json");

        Assert.Equal($"s3://{bucket}/k\nteam  platform\nx     1\n", text.Stdout);
        Assert.Equal("platform", json.Json.GetProperty("result").GetProperty("metadata").GetProperty("team").GetString());
    }

    [Fact]
    public async Task GetOfAMissingObject_IsNotFound_ExitFour_NamingBucketAndKey()
    {
        var bucket = await BucketWith(0);

        var run = await Run("s3", "get", bucket, "nothing/here.log", Path.Combine(_store.Folder, "x"));

        Assert.Equal(4, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains($"Object 'nothing/here.log' does not exist in bucket '{bucket}'", line);
        Assert.Contains("Check the name and the region", line);
        Assert.False(File.Exists(Path.Combine(_store.Folder, "x")));
    }

    [Fact]
    public async Task ABadBucketName_IsInput_ExitThree_BeforeAnyRequest()
    {
        await s3rver.ResetRequestCountAsync();

        var run = await Run("s3", "create", "Not_A_Bucket", "--output", "json");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(0, await s3rver.GetRequestCountAsync());
        var error = run.Json.GetProperty("error");
        Assert.Equal("InvalidInput", error.GetProperty("type").GetString());
        Assert.Equal("Input", error.GetProperty("category").GetString());
    }

    [Fact]
    public async Task CreatingABucketAgain_IsAConflict_ExitSeven_AsS3rverSaysBucketAlreadyExists()
    {
        var bucket = await BucketWith(0);

        var run = await Run("s3", "create", bucket);

        Assert.True(run.ExitCode == 7, run.ToString());
        Assert.Contains($"Bucket name '{bucket}' is taken", run.Stderr);
    }

    [Fact]
    public async Task GetOntoAnExistingFile_IsAConflict_ExitSeven_AndTheFileIsKept()
    {
        var bucket = await BucketWith(1);
        var existing = NewFile("existing", 5);
        var before = File.ReadAllBytes(existing);

        var run = await Run("s3", "get", bucket, "logs-00.log", existing);

        Assert.Equal(7, run.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(existing));
    }

    [Fact]
    public async Task KeysTheStoreDoesNotKnow_AreACredentialsError_ExitSix()
    {
        // A listing, not HeadBucket: s3rver's 403 to a HEAD has no body, and a bare 403 means "exists, not yours".
        var run = await Tool.RunAsync(["s3", "ls", "any-bucket"], _store.Environment(accessKey: "AKIDUNKNOWNEXAMPLE"));

        Assert.True(run.ExitCode == 6, run.ToString());
        Assert.Contains("'awsaio creds explain' shows where credentials are looked for", run.Stderr);
    }

    [Fact]
    public async Task NothingListening_IsTransport_ExitTen()
    {
        var run = await Tool.RunAsync("s3", "status", "any-bucket");

        Assert.True(run.ExitCode == 10, run.ToString());
        Assert.Contains("failed before a response arrived", run.Stderr);
        Assert.Contains("Check the network and the endpoint", run.Stderr);
    }

    [Fact]
    public async Task Destroy_DeletesEveryObjectAndTheBucket()
    {
        var bucket = await BucketWith(4);

        var destroy = await Run("s3", "destroy", bucket, "--yes", "--output", "json");
        var status = await Run("s3", "status", bucket, "--output", "json");

        Assert.Equal(0, destroy.ExitCode);
        Assert.Equal(bucket, destroy.Json.GetProperty("result").GetProperty("bucket").GetString());
        Assert.Equal("DoesNotExist", status.Json.GetProperty("result").GetProperty("status").GetString());
    }
}
