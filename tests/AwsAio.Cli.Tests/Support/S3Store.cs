using System.Security.Cryptography;
using AwsAio.Tests.Peers;
using Xunit;

namespace AwsAio.Cli.Tests.Support;

/// <summary>awsaio runs against the s3rver peer, with its keys, plus local files in a temporary folder.</summary>
public sealed class S3Store(S3rverFixture s3rver) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("awsaio-cli-s3-");

    /// <summary>The temporary folder for local files; deleted on dispose.</summary>
    public string Folder => _folder.FullName;

    /// <summary>The environment that aims awsaio at the peer, signing with <paramref name="accessKey"/>.</summary>
    public Dictionary<string, string?> Environment(string accessKey = "S3RVER") => new()
    {
        ["AWS_ENDPOINT_URL"] = s3rver.ServiceUrl.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = accessKey,
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
    };

    /// <summary>Runs awsaio against the peer.</summary>
    public Task<CliResult> Run(params string[] args) => Tool.RunAsync(args, Environment());

    /// <summary>A bucket name no other test uses.</summary>
    public static string NewBucket() => $"cli-{Guid.NewGuid():N}"[..30];

    /// <summary>A local file of random bytes.</summary>
    public string NewFile(string name, int size)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(size));
        return path;
    }

    /// <summary>A new bucket holding <paramref name="objects"/> objects logs-00.log, logs-01.log, … of 100, 101, … bytes.</summary>
    public async Task<string> BucketWith(int objects)
    {
        var bucket = NewBucket();
        Assert.Equal(0, (await Run("s3", "create", bucket)).ExitCode);
        for (var i = 0; i < objects; i++)
        {
            // Keys without folders: s3rver 3.7.1 deletes the keys of one DeleteObjects concurrently, and two keys in
            // one folder race to remove it (a 500 InternalError).
            Assert.Equal(0, (await Run("s3", "put", bucket, $"logs-{i:D2}.log", NewFile($"{bucket}-{i}", 100 + i))).ExitCode);
        }

        return bucket;
    }

    /// <summary>Deletes the local files.</summary>
    public void Dispose() => _folder.Delete(recursive: true);
}
