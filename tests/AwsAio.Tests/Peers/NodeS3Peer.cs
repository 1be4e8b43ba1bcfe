using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Xunit;

namespace AwsAio.Tests.Peers;

/// <summary>
/// A real S3 peer started by a node launcher in <c>tests/peers</c> on 127.0.0.1 (a port the OS chooses), stopped when
/// the fixture is disposed (its data directory, if any, deleted). The fixtures <see cref="S3rverFixture"/> and
/// <see cref="FauxqsFixture"/> say which launcher.
/// </summary>
/// <remarks>
/// Each launcher counts the S3 requests it receives and answers <c>GET</c>/<c>DELETE /__awsaio/requests</c> itself,
/// which is how <see cref="GetRequestCountAsync"/> and <see cref="ResetRequestCountAsync"/> work; those control
/// requests are not counted. The node process also exits when its standard input closes, so it dies with the test
/// host even if this fixture is never disposed.
/// </remarks>
public abstract class NodeS3Peer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private const string ControlPath = "__awsaio/requests";
    private const int NotListening = -1;

    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private HttpClient? _http;
    private Uri? _serviceUrl;
    private readonly string _name;
    private readonly string _package;
    private readonly string _launcher;
    private readonly bool _withDataDirectory;
    private readonly (string AccessKey, string SecretKey) _credentials;

    /// <summary>A peer started by <paramref name="launcher"/> from the npm package <paramref name="package"/>.</summary>
    /// <param name="name">The peer's name in messages.</param>
    /// <param name="package">The npm package under tests/peers/node_modules.</param>
    /// <param name="launcher">The launcher script in tests/peers.</param>
    /// <param name="withDataDirectory">Whether the launcher takes a data directory as its first argument.</param>
    /// <param name="credentials">The keys the peer accepts.</param>
    protected NodeS3Peer(string name, string package, string launcher, bool withDataDirectory, (string AccessKey, string SecretKey) credentials)
    {
        _name = name;
        _package = package;
        _launcher = launcher;
        _withDataDirectory = withDataDirectory;
        _credentials = credentials;
        DataDirectory = Path.Combine(Path.GetTempPath(), $"awsaio-{name}-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>The keys this peer accepts.</summary>
    public (string AccessKey, string SecretKey) PeerCredentials => _credentials;

    /// <summary>The peer's endpoint, <c>http://127.0.0.1:&lt;port&gt;/</c>; available once initialised.</summary>
    public Uri ServiceUrl => _serviceUrl ?? throw new InvalidOperationException($"The {_name} peer is not running.");

    /// <summary>The temporary directory the peer stores buckets and objects in (when it takes one); deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>Starts the peer and waits (at most 30 s) until it listens.</summary>
    public async Task InitializeAsync()
    {
        var root = FindRepositoryRoot();
        var peers = Path.Combine(root, "tests", "peers");
        var launcher = Path.Combine(peers, _launcher);
        if (!Directory.Exists(Path.Combine(peers, "node_modules", _package)) || !File.Exists(launcher))
        {
            throw new InvalidOperationException(
                $"The {_name} test peer is not installed under '{peers}'. Run `dotnet fsi build.fsx -t Restore` " +
                "(or `npm ci --prefix tests/peers`) from the repository root first.");
        }

        if (_withDataDirectory) Directory.CreateDirectory(DataDirectory);

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = peers,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add(launcher);
        if (_withDataDirectory) info.ArgumentList.Add(DataDirectory);
        // Node 20's OpenSSL 3 refuses the legacy cipher s3rver uses for ListObjectsV2 continuation tokens (harmless for
        // other peers).
        info.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetResult(NotListening);
                return;
            }

            const string prefix = "LISTENING ";
            if (e.Data.StartsWith(prefix, StringComparison.Ordinal) &&
                int.TryParse(e.Data.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                listening.TrySetResult(port);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetResult(NotListening);

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start `node` for the {_name} test peer: is Node.js on PATH?", ex);
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        int listeningPort;
        try
        {
            listeningPort = await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await StopAsync();
            throw new InvalidOperationException(Failure($"did not print 'LISTENING <port>' within {StartTimeout.TotalSeconds:0} s"));
        }

        if (listeningPort == NotListening)
        {
            // Let the rest of stderr arrive before quoting it.
            using var drain = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(drain.Token);
            }
            catch (OperationCanceledException)
            {
            }

            var exit = process.HasExited ? $" (exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)})" : "";
            await StopAsync();
            throw new InvalidOperationException(Failure($"stopped before it printed 'LISTENING <port>'{exit}"));
        }

        _serviceUrl = new Uri($"http://127.0.0.1:{listeningPort.ToString(CultureInfo.InvariantCulture)}/");
        _http = new HttpClient { BaseAddress = _serviceUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The number of S3 requests the peer has received since it started or was last reset.</summary>
    public async Task<int> GetRequestCountAsync()
    {
        var text = await Http.GetStringAsync(ControlPath);
        return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>Sets the peer's request count back to zero.</summary>
    public async Task ResetRequestCountAsync()
    {
        using var response = await Http.DeleteAsync(ControlPath);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A plain <see cref="AmazonS3Client"/> aimed at the peer: path-style, us-east-1 signing, checksums only where
    /// required, no retries. For the fixture's own smoke tests and for benchmarks; the caller disposes it.
    /// </summary>
    public AmazonS3Client CreateRawClient()
    {
        var (accessKey, secretKey) = _credentials;
        var config = new AmazonS3Config
        {
            ServiceURL = ServiceUrl.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,
        };
        return new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config);
    }

    /// <summary>Stops the node process (its whole tree), waits for it to exit and deletes the data directory.</summary>
    public async Task DisposeAsync()
    {
        _http?.Dispose();
        _http = null;
        await StopAsync();
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary directory is not worth failing a test run over.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A client for the launcher's control paths (relative to <see cref="ServiceUrl"/>).</summary>
    protected HttpClient Http => _http ?? throw new InvalidOperationException($"The {_name} peer is not running.");

    private async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                // Closing stdin asks the launcher to stop cleanly; kill the tree if it does not.
                try
                {
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                }

                using var wait = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private string Failure(string what)
    {
        string stderr;
        lock (_stderr)
        {
            stderr = _stderr.ToString().Trim();
        }

        return $"The {_name} test peer {what}." + (stderr.Length == 0 ? " It wrote nothing to stderr." : $" Its stderr:\n{stderr}");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AwsAio.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Could not find the repository root (a folder holding AwsAio.sln) above '{AppContext.BaseDirectory}'.");
    }
}
