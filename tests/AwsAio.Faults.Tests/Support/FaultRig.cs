using AwsAio.Tests.Support;
using System.Diagnostics;
using Amazon.Runtime;
using AwsAio.Core;
using LanguageExt;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AwsAio.Faults.Tests.Support;

/// <summary>What one fault row produced: the error and how long the call took.</summary>
/// <param name="Error">The Left the call returned.</param>
/// <param name="Elapsed">Wall time from the call to its answer.</param>
internal sealed record FaultResult(DomainError Error, TimeSpan Elapsed);

/// <summary>
/// Everything one fault row needs: a <see cref="FaultServer"/>, providers pointed at it with known secrets, a capturing
/// logger, a scratch folder, and a runner that asserts the row's invariants (no exception escapes, an answer within a
/// bound, no secret in the error or the logs). Disposing it releases every held connection first.
/// </summary>
internal sealed class FaultRig : IDisposable
{
    /// <summary>The bound every row must answer within: generous, since this is a hang check, not a speed test.</summary>
    internal static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>The bucket every S3 row talks about.</summary>
    internal const string Bucket = "fault-bucket";

    private readonly ITestOutputHelper _output;
    private readonly List<IDisposable> _owned = [];

    internal FaultRig(ITestOutputHelper output)
    {
        _output = output;
        Folder = Directory.CreateTempSubdirectory("awsaio-faults-").FullName;
    }

    internal FaultServer Server { get; } = FaultServer.Start();

    internal CapturingLoggerFactory Logs { get; } = new();

    /// <summary>A scratch folder for downloads and uploads, deleted on dispose.</summary>
    internal string Folder { get; }

    /// <summary>Options for a provider on the fault server: known secrets, a per-attempt timeout that keeps a row from
    /// hanging, and the SDK's default retry count (2) made explicit.</summary>
    internal AwsClientProviderOptions Options(int maxErrorRetry = 2, TimeSpan? timeout = null) => new()
    {
        Credentials = new BasicAWSCredentials(Secrets.AccessKeyId, Secrets.BaseSecretKey),
        Region = "us-east-1",
        Endpoint = new EndpointOverride(Server.Url),
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
        MaxErrorRetry = maxErrorRetry,
    };

    /// <summary>A provider built from the options (default: <see cref="Options"/>), disposed with the rig.</summary>
    internal AwsClientProvider Provider(AwsClientProviderOptions? options = null)
    {
        var provider = AwsClientProvider.Create(options ?? Options(), Logs)
            .Match(Right: p => p, Left: e => throw new XunitException($"the provider could not be built: {e}"));
        _owned.Add(provider);
        return provider;
    }

    /// <summary>Keeps something the rig disposes.</summary>
    internal T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>
    /// Runs one fault row: the call must not throw, must answer within <see cref="Bound"/> (or the given bound), must
    /// be a Left, and neither the error nor any log line may carry a secret.
    /// </summary>
    internal async Task<FaultResult> FailsAsync<T>(Func<Task<Either<DomainError, T>>> call, TimeSpan? bound = null)
    {
        var (result, elapsed) = await AnswerAsync(call, bound ?? Bound);
        var error = result.Match(
            Right: value => throw new XunitException($"expected a Left, got Right: {Describe(value)}"),
            Left: e => e);
        Secrets.AssertAbsent(error, Logs.Lines);
        return new FaultResult(error, elapsed);
    }

    /// <summary>Runs a call that must succeed, under the same invariants.</summary>
    internal async Task<T> SucceedsAsync<T>(Func<Task<Either<DomainError, T>>> call, TimeSpan? bound = null)
    {
        var (result, _) = await AnswerAsync(call, bound ?? Bound);
        return result.Match(Right: value => value, Left: e => throw new XunitException($"expected a Right, got Left: {e}"));
    }

    /// <summary>
    /// The requests a call makes when every attempt times out waiting for headers: three attempts (MaxErrorRetry 2),
    /// plus, now and then, an immediate re-send the SDK makes when it takes the aborted connection for a stale pooled
    /// one (its "stale connection" retries are not counted against MaxErrorRetry, up to ten; which exception surfaces
    /// from the cancelled socket read is a race). Observed: 3, sometimes 4 or 5.
    /// </summary>
    internal static void AssertAttemptsAfterTimeouts(int requests) => Assert.InRange(requests, 3, 13);

    /// <summary>Writes one matrix row to the test output: fault, wrapper, case, requests, time.</summary>
    internal void Row(string fault, string wrapper, FaultResult result, int requests) =>
        _output.WriteLine($"ROW | {fault} | {wrapper} | {result.Error.GetType().Name} ({result.Error.Category}, retryable {result.Error.IsRetryable}) | {requests} | {result.Elapsed.TotalSeconds:F1} s");

    /// <summary>No download left a temporary or partial file anywhere in the scratch folder.</summary>
    internal void AssertNothingHalfWritten(params string[] expectedFiles)
    {
        var files = Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(expectedFiles.Order().ToArray(), files);
    }

    public void Dispose()
    {
        // The server first: it resets every connection it still holds, so that no SDK call is left waiting.
        Server.Dispose();
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder under the temp directory; nothing depends on its removal.
        }
    }

    private static async Task<(Either<DomainError, T> Result, TimeSpan Elapsed)> AnswerAsync<T>(
        Func<Task<Either<DomainError, T>>> call, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        Task<Either<DomainError, T>> task;
        try
        {
            task = call();
        }
        catch (Exception e)
        {
            throw new XunitException($"an exception escaped the call: {e.GetType().Name}: {e.Message}");
        }

        if (await Task.WhenAny(task, Task.Delay(bound)) != task)
        {
            throw new XunitException($"the call did not answer within {bound.TotalSeconds} s");
        }

        try
        {
            return (await task, clock.Elapsed);
        }
        catch (Exception e)
        {
            throw new XunitException($"an exception escaped the call: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>A Right as a failure message names it: collections by their count (a listing of 0 objects is the
    /// classic lie this suite looks for).</summary>
    private static string Describe(object? value) =>
        value?.GetType().GetProperty("Count")?.GetValue(value) is int count
            ? $"{value.GetType().Name} with {count} items"
            : value?.ToString() ?? "null";
}
