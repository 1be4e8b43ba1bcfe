using System.Diagnostics;
using System.Globalization;
using AwsAio.Core;

namespace AwsAio.Cli.Commands;

/// <summary>
/// One <c>s3 ls</c> as it goes: each object printed when it arrives (JSON flushed every hundred objects, so memory
/// stays flat), progress on stderr when it is a terminal, and the totals at the end.
/// </summary>
internal sealed class S3Listing(CommandCall call, string bucket, string? prefix)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);
    private readonly Output _output = call.Output;
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
    private bool _started;
    private bool _progressShown;
    private long _count;
    private long _bytes;

    /// <summary>The bucket being listed.</summary>
    public string Bucket { get; } = bucket;

    /// <summary>The prefix the keys begin with, or null for all.</summary>
    public string? Prefix { get; } = prefix;

    /// <summary>Prints one object as it arrives.</summary>
    public void Add(S3Object o)
    {
        Start();
        _count++;
        _bytes += o.Size;
        if (_output.IsJson)
        {
            var json = _output.Json;
            json.WriteStartObject();
            json.WriteString("key", o.Key);
            json.WriteNumber("size", o.Size);
            json.WriteString("lastModified", o.LastModified.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("etag", o.ETag);
            json.WriteString("storageClass", o.StorageClass.ToString());
            json.WriteEndObject();
        }
        else
        {
            _output.Text.WriteLine(
                $"{o.LastModified.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}  {o.Size,12}  {o.Key}");
        }

        if (_count % 100 == 0)
        {
            _output.Flush();
        }

        if (call.ShowProgress && _sinceProgress.Elapsed >= ProgressInterval)
        {
            _output.Error.Write($"\rlisted {_count} objects of s3://{Bucket}/{Prefix}…");
            _progressShown = true;
            _sinceProgress.Restart();
        }
    }

    /// <summary>Ends the listing: clears the progress line, closes the JSON result and prints the totals; returns
    /// <paramref name="error"/>, the failure that stopped it, or null.</summary>
    public DomainError? End(DomainError? error)
    {
        if (_progressShown)
        {
            _output.Error.Write("\r" + new string(' ', 60 + Bucket.Length + (Prefix?.Length ?? 0)) + "\r");
        }

        // A listing refused before its first page (a bad name, a missing bucket) has no result at all.
        if (error is not null && !_started)
        {
            return error;
        }

        Start();
        if (_output.IsJson)
        {
            var json = _output.Json;
            json.WriteEndArray();
            json.WriteNumber("count", _count);
            json.WriteNumber("bytes", _bytes);
            json.WriteEndObject();
        }
        else if (error is null)
        {
            _output.Text.WriteLine($"{_count} objects, {_bytes} bytes");
        }

        return error;
    }

    private void Start()
    {
        if (_started) return;
        _started = true;
        if (!_output.IsJson) return;
        _output.BeginResult();
        var json = _output.Json;
        json.WriteStartObject();
        json.WriteString("bucket", Bucket);
        json.WriteString("prefix", Prefix ?? "");
        json.WriteStartArray("objects");
    }
}
