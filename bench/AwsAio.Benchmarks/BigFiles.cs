using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3.Transfer;
using AwsAio.Core;
using AwsAio.Tests.Peers;

namespace AwsAio.Benchmarks;

/// <summary>
/// Big-file throughput, a console harness rather than BenchmarkDotNet (one 1 GiB transfer takes seconds; BenchmarkDotNet
/// would want dozens): a 1 GiB upload and download with AwsAio beside the raw SDK's best practice, TransferUtility, in
/// the same run against the same loopback peer, alternating which goes first. Run it with
/// <c>dotnet run --project bench/AwsAio.Benchmarks -c Release -- bigfiles [MiB] [rounds]</c>.
/// </summary>
internal static class BigFiles
{
    private const string Bucket = "awsaio-bigfiles";
    private const long MiB = 1024 * 1024;

    internal static async Task<int> RunAsync(string[] args)
    {
        var size = (args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1024) * MiB;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var peer = new FauxqsFixture();
        await peer.InitializeAsync();
        var folder = Directory.CreateTempSubdirectory("awsaio-bigfiles-").FullName;
        try
        {
            using var raw = peer.CreateRawClient();
            using var transfer = new TransferUtility(raw);
            using var provider = AwsClientProvider.Create(new AwsClientProviderOptions
            {
                Credentials = new BasicAWSCredentials(peer.PeerCredentials.AccessKey, peer.PeerCredentials.SecretKey),
                Region = "us-east-1",
                Endpoint = new EndpointOverride(peer.ServiceUrl.ToString()),
                MaxErrorRetry = 0,
                // One download of 1 GiB is one request: give it more than the default two minutes on a loaded machine.
                CallDeadline = TimeSpan.FromMinutes(15),
            }).Match(Right: p => p, Left: e => throw new InvalidOperationException(e.ToString()));
            await raw.PutBucketAsync(Bucket);

            var source = Path.Combine(folder, "source.bin");
            await WriteRandomFileAsync(source, size);
            var expected = await HashAsync(source);
            Console.WriteLine($"# {size / MiB} MiB, {rounds} rounds, fauxqs 1.9.2 on 127.0.0.1, {Environment.ProcessorCount} cores");

            var results = new Dictionary<string, List<(double Seconds, long Allocated)>>();
            void Add(string name, (double, long) sample) => (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(sample);

            for (var round = 0; round < rounds; round++)
            {
                var steps = new List<(string Name, Func<Task> Run)>
                {
                    ("upload: TransferUtility", () => transfer.UploadAsync(source, Bucket, "tu.bin")),
                    ("upload: AwsAio PutFileAsync (4 parts in flight)", () => Expect(S3Interactions.PutFileAsync(source,
                        S3Location.Create(Bucket, "aio.bin").ToEither().Match(Right: l => l, Left: e => throw new InvalidOperationException(e.ToString())),
                        provider))),
                    ("upload: AwsAio PutFileAsync (10 parts in flight)", () => Expect(S3Interactions.PutFileAsync(source,
                        S3Location.Create(Bucket, "aio10.bin").ToEither().Match(Right: l => l, Left: e => throw new InvalidOperationException(e.ToString())),
                        provider, new PutOptions { ParallelParts = 10 }))),
                };
                if (round % 2 == 1) steps.Reverse();
                foreach (var (name, run) in steps)
                {
                    Add(name, await MeasureAsync(run));
                }

                var downloads = new List<(string Name, Func<Task> Run)>
                {
                    ("download: TransferUtility", () => transfer.DownloadAsync(new TransferUtilityDownloadRequest
                        { BucketName = Bucket, Key = "tu.bin", FilePath = Path.Combine(folder, $"tu-{round}.bin") })),
                    ("download: AwsAio GetObjectToFileAsync", () => Expect(S3Interactions.GetObjectToFileAsync(Bucket, "aio.bin",
                        Path.Combine(folder, $"aio-{round}.bin"), provider))),
                };
                if (round % 2 == 1) downloads.Reverse();
                foreach (var (name, run) in downloads)
                {
                    Add(name, await MeasureAsync(run));
                }

                foreach (var file in new[] { $"tu-{round}.bin", $"aio-{round}.bin" })
                {
                    var path = Path.Combine(folder, file);
                    if (await HashAsync(path) != expected) throw new InvalidOperationException($"{file} differs from the source");
                    File.Delete(path);
                }
            }

            Console.WriteLine();
            Console.WriteLine("| Transfer | Median MiB/s | Best MiB/s | Allocated per transfer |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var (name, samples) in results)
            {
                var speeds = samples.Select(s => size / MiB / s.Seconds).Order().ToList();
                Console.WriteLine(
                    $"| {name} | {speeds[speeds.Count / 2]:F0} | {speeds[^1]:F0} | {samples.Average(s => s.Allocated) / MiB:F1} MiB |");
            }

            return 0;
        }
        finally
        {
            await peer.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Expect<T>(Task<LanguageExt.Either<DomainError, T>> call) =>
        (await call).Match(Right: _ => { }, Left: e => throw new InvalidOperationException(e.ToString()));

    private static async Task<(double Seconds, long Allocated)> MeasureAsync(Func<Task> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await run();
        return (clock.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static async Task WriteRandomFileAsync(string path, long size)
    {
        await using var file = File.Create(path);
        var buffer = new byte[8 * MiB];
        for (long written = 0; written < size; written += buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            await file.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, size - written)));
        }
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }
}
