using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace AwsAio.Cli.Tests.Support;

/// <summary>What one run of awsaio printed, and how it exited.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Stdout">Everything written to stdout.</param>
/// <param name="Stderr">Everything written to stderr.</param>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout parsed as one JSON document (parsing fails the test if it is not exactly one).</summary>
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement.Clone();

    /// <summary>The lines of stderr.</summary>
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Everything the run printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the built awsaio (src/AwsAio.Cli's output for this configuration) as a process, with stdout and stderr
/// redirected, in an environment of its own: every AWS_ variable of the test host is dropped, then the safety nets are
/// set (no instance metadata, endpoint on a closed loopback port, shared files that do not exist, one attempt per
/// request, fixed keys and region), then the test's own variables (null removes one).
/// </summary>
public static class Tool
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>The awsaio assembly the tests run.</summary>
    public static string Assembly { get; } = Locate();

    /// <summary>A shared credentials file that does not exist, so that no profile of the machine is read.</summary>
    public static string NoSuchFile { get; } = Path.Combine(Path.GetTempPath(), "awsaio-cli-tests-none", "credentials");

    /// <summary>Runs awsaio with <paramref name="args"/>.</summary>
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, new Dictionary<string, string?>());

    /// <summary>Runs awsaio with <paramref name="args"/> and extra environment variables.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment,
        Action<Process>? whileRunning = null)
    {
        var info = new ProcessStartInfo(InterruptIgnored ? "/usr/bin/env" : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (InterruptIgnored)
        {
            // A test run started in the background of a shell without job control ignores SIGINT, and a child inherits
            // that: Ctrl-C could never reach the tool. env gives it back the default disposition.
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        var defaults = new Dictionary<string, string?>
        {
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = TestEnvironment.NowhereUrl,
            ["AWS_ENDPOINT_URL"] = TestEnvironment.NowhereUrl,
            ["AWS_SHARED_CREDENTIALS_FILE"] = NoSuchFile,
            ["AWS_CONFIG_FILE"] = Path.Combine(Path.GetDirectoryName(NoSuchFile)!, "config"),
            ["AWS_MAX_ATTEMPTS"] = "1",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "AKIDCLITESTEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "cli-test-secret-wJalrXUtnFEMI",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (name, value) in defaults.Concat(environment))
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        whileRunning?.Invoke(process);
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"awsaio {string.Join(' ', args)} did not finish within {Limit.TotalSeconds} s.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Whether this process ignores SIGINT (Linux: bit 2 of <c>SigIgn</c> in <c>/proc/self/status</c>).</summary>
    private static readonly bool InterruptIgnored = ReadInterruptIgnored();

    private static bool ReadInterruptIgnored()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/status") || !File.Exists("/usr/bin/env")) return false;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
               && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber,
                   System.Globalization.CultureInfo.InvariantCulture, out var mask)
               && (mask & 0b10) != 0;
    }

    /// <summary>The CLI's output folder for the configuration this test assembly was built in.</summary>
    private static string Locate()
    {
        var configuration = typeof(Tool).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AwsAio.sln")))
            {
                var path = Path.Combine(dir.FullName, "src", "AwsAio.Cli", "bin", configuration, "net10.0", "AwsAio.Cli.dll");
                return File.Exists(path)
                    ? path
                    : throw new InvalidOperationException($"{path} is missing: build the solution in {configuration} first.");
            }
        }

        throw new InvalidOperationException($"No AwsAio.sln above {AppContext.BaseDirectory}.");
    }
}
