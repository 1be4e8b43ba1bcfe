using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AwsAio.Core;

namespace AwsAio.Cli.Commands;

/// <summary><c>awsaio s3 …</c>: buckets and objects through <see cref="S3Interactions"/>.</summary>
internal sealed class S3Commands : ICommandGroup
{
    /// <inheritdoc />
    public int Order => 30;

    /// <inheritdoc />
    public Command Build(CommandRunner runner) => new("s3", "S3 buckets and objects")
    {
        Status(runner), Create(runner), Ensure(runner), List(runner), Put(runner), Get(runner), Meta(runner), Destroy(runner),
    };

    private static Command Status(CommandRunner runner)
    {
        var bucketName = BucketArgument();
        var command = new Command("status", "Whether a bucket exists and you may use it (one HeadBucket)") { bucketName };
        runner.SetAction(command, async (call, ct) =>
        {
            var bucket = call.Parse.GetRequiredValue(bucketName);
            var status = await S3Interactions.GetBucketStatusAsync(bucket, call.Provider, ct).ConfigureAwait(false);
            return status.Map(s => new Rendered(
                text => TextTable.Pairs(text, [("bucket", bucket), ("status", Describe(s))]),
                json => Json(json, ("bucket", bucket), ("status", s.ToString()))));
        });
        return command;
    }

    private static Command Create(CommandRunner runner)
    {
        var bucketName = BucketArgument();
        var command = new Command("create", "Create a bucket in the provider's region (already yours counts as created)") { bucketName };
        runner.SetAction(command, async (call, ct) =>
        {
            var bucket = call.Parse.GetRequiredValue(bucketName);
            var created = await S3Interactions.CreateBucketAsync(bucket, call.Provider, ct).ConfigureAwait(false);
            return created.Map(_ => BucketDone("created", bucket, call.Provider.Region));
        });
        return command;
    }

    private static Command Ensure(CommandRunner runner)
    {
        var bucketName = BucketArgument();
        var command = new Command("ensure", "Make sure a bucket exists and you may use it (HeadBucket, then CreateBucket if needed)") { bucketName };
        runner.SetAction(command, async (call, ct) =>
        {
            var bucket = call.Parse.GetRequiredValue(bucketName);
            var ensured = await S3Interactions.EnsureBucketExistsAsync(bucket, call.Provider, ct).ConfigureAwait(false);
            return ensured.Map(_ => BucketDone("ensured", bucket, call.Provider.Region));
        });
        return command;
    }

    private static Command Destroy(CommandRunner runner)
    {
        var bucketName = BucketArgument();
        var yes = new Option<bool>("--yes") { Description = "Confirm: every object version and delete marker is deleted, then the bucket" };
        var command = new Command("destroy", "Delete every object version and delete marker of a bucket, then the bucket") { bucketName, yes };
        command.Validators.Add(result =>
        {
            if (!result.GetValue(yes))
            {
                result.AddError($"'s3 destroy' deletes bucket '{result.GetValue(bucketName)}' and everything in it; add --yes to confirm.");
            }
        });
        runner.SetAction(command, async (call, ct) =>
        {
            var bucket = call.Parse.GetRequiredValue(bucketName);
            var destroyed = await S3Interactions.DestroyBucketAsync(bucket, call.Provider, ct).ConfigureAwait(false);
            return destroyed.Map(_ => BucketDone("destroyed", bucket, call.Provider.Region));
        });
        return command;
    }

    private static Command Put(CommandRunner runner)
    {
        var bucketName = BucketArgument();
        var objectKey = KeyArgument();
        var file = new Argument<FileInfo>("file") { Description = "The local file to upload (streamed, never read whole)" };
        var metadata = new Option<string[]>("--metadata")
        {
            Description = "User metadata as key=value (repeat for more)",
            HelpName = "key=value",
            Arity = ArgumentArity.OneOrMore,
        };
        metadata.Validators.Add(result =>
        {
            foreach (var pair in result.Tokens.Select(t => t.Value).Where(v => v.IndexOf('=', StringComparison.Ordinal) < 1))
            {
                result.AddError($"--metadata takes key=value, not '{pair}'.");
            }
        });
        var sse = new Option<string?>("--sse") { Description = "Server-side encryption", HelpName = "AES256|aws:kms" };
        sse.AcceptOnlyFromAmong("AES256", "aws:kms");
        var kmsKey = new Option<string?>("--kms-key-id") { Description = "The KMS key for --sse aws:kms (default: the account's S3 key)", HelpName = "id" };
        var command = new Command("put", "Upload a local file with optional user metadata and server-side encryption")
        {
            bucketName, objectKey, file, metadata, sse, kmsKey,
        };
        runner.SetAction(command, async (call, ct) =>
        {
            var (bucket, key, path) = (call.Parse.GetRequiredValue(bucketName), call.Parse.GetRequiredValue(objectKey), call.Parse.GetRequiredValue(file).FullName);
            var pairs = (call.Parse.GetValue(metadata) ?? [])
                .Select(p => p.Split('=', 2))
                .GroupBy(p => p[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
            var encryption = call.Parse.GetValue(sse) switch
            {
                "AES256" => S3Encryption.S3Managed,
                "aws:kms" => S3Encryption.Kms(call.Parse.GetValue(kmsKey)),
                _ => null,
            };
            var put = await S3Interactions.PutFileAsync(path, bucket, key, call.Provider, pairs, encryption, ct).ConfigureAwait(false);
            return put.Map(_ => Transfer("uploaded", bucket, key, path, SizeOf(path), pairs));
        });
        return command;
    }

    private static Command Get(CommandRunner runner)
    {
        var bucketName = BucketArgument();
        var objectKey = KeyArgument();
        var file = new Argument<FileInfo>("file") { Description = "The local file to create (never overwritten; no partial file is left)" };
        var command = new Command("get", "Download an object to a new local file, with its user metadata") { bucketName, objectKey, file };
        runner.SetAction(command, async (call, ct) =>
        {
            var (bucket, key) = (call.Parse.GetRequiredValue(bucketName), call.Parse.GetRequiredValue(objectKey));
            var got = await S3Interactions.GetObjectToFileAsync(bucket, key, call.Parse.GetRequiredValue(file).FullName, call.Provider, ct)
                .ConfigureAwait(false);
            return got.Map(f => Transfer("downloaded", bucket, key, f.LocalPath, SizeOf(f.LocalPath), f.Metadata));
        });
        return command;
    }

    private static Command Meta(CommandRunner runner)
    {
        var bucketName = BucketArgument();
        var objectKey = KeyArgument();
        var command = new Command("meta", "Show an object's user metadata (one HeadObject)") { bucketName, objectKey };
        runner.SetAction(command, async (call, ct) =>
        {
            var (bucket, key) = (call.Parse.GetRequiredValue(bucketName), call.Parse.GetRequiredValue(objectKey));
            var metadata = await S3Interactions.GetObjectMetadataAsync(bucket, key, call.Provider, ct).ConfigureAwait(false);
            return metadata.Map(m => new Rendered(
                text =>
                {
                    text.WriteLine($"s3://{bucket}/{key}");
                    if (m.Count == 0) text.WriteLine("(no user metadata)");
                    TextTable.Pairs(text, m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
                },
                json =>
                {
                    json.WriteStartObject();
                    json.WriteString("bucket", bucket);
                    json.WriteString("key", key);
                    WriteMetadata(json, m);
                    json.WriteEndObject();
                }));
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var bucketName = BucketArgument();
        var prefix = new Option<string?>("--prefix") { Description = "List only keys that begin with this", HelpName = "prefix" };
        var pageSize = new Option<int?>("--page-size") { Description = "Objects per ListObjectsV2 request (1 to 1000; S3's default is 1000)", HelpName = "n" };
        var command = new Command("ls", "List a bucket's objects as they arrive, page by page, in constant memory") { bucketName, prefix, pageSize };
        runner.SetStreamingAction(command, async (call, ct) =>
        {
            var listing = new S3Listing(call, call.Parse.GetRequiredValue(bucketName), call.Parse.GetValue(prefix));
            await foreach (var item in S3Interactions.StreamObjects(listing.Bucket, call.Provider, listing.Prefix, call.Parse.GetValue(pageSize), ct: ct)
                               .ConfigureAwait(false))
            {
                var stop = item.MatchUnsafe(Right: o => { listing.Add(o); return null; }, Left: error => error);
                if (stop is not null)
                {
                    return listing.End(stop);
                }
            }

            return listing.End(null);
        });
        return command;
    }

    private static Argument<string> BucketArgument() => new("bucket") { Description = "The bucket name" };

    private static Argument<string> KeyArgument() => new("key") { Description = "The object key" };

    private static string Describe(BucketStatus status) => status switch
    {
        BucketStatus.ExistsHaveAccess => "exists, you may use it",
        BucketStatus.ExistsNoAccess => "exists, but you may not use it (another account's, or no permission)",
        BucketStatus.DoesNotExist => "does not exist",
        _ => status.ToString(),
    };

    private static Rendered BucketDone(string what, string bucket, string region) => new(
        text => TextTable.Pairs(text, [(what, $"s3://{bucket}"), ("region", region)]),
        json => Json(json, ("bucket", bucket), ("region", region), ("done", what)));

    private static Rendered Transfer(
        string what, string bucket, string key, string path, long bytes, IReadOnlyDictionary<string, string> metadata) => new(
        text =>
        {
            var (from, to) = what == "uploaded" ? (path, $"s3://{bucket}/{key}") : ($"s3://{bucket}/{key}", path);
            TextTable.Pairs(text,
                new[] { (what, $"{from} -> {to}"), ("bytes", bytes.ToString(CultureInfo.InvariantCulture)) }
                    .Concat(metadata.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => ($"meta {p.Key}", p.Value))));
        },
        json =>
        {
            json.WriteStartObject();
            json.WriteString("bucket", bucket);
            json.WriteString("key", key);
            json.WriteString("file", path);
            json.WriteNumber("bytes", bytes);
            WriteMetadata(json, metadata);
            json.WriteEndObject();
        });

    private static void WriteMetadata(Utf8JsonWriter json, IReadOnlyDictionary<string, string> metadata)
    {
        json.WriteStartObject("metadata");
        foreach (var (name, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }

    private static void Json(Utf8JsonWriter json, params (string Name, string Value)[] properties)
    {
        json.WriteStartObject();
        foreach (var (name, value) in properties)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }

    /// <summary>The size of a file the library has just written or read (0 if it vanished since).</summary>
    private static long SizeOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}
