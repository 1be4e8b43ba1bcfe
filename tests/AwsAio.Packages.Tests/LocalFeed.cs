using System.Diagnostics;
using System.Text;
using Xunit;

namespace AwsAio.Packages.Tests;

/// <summary>What one program printed, and how it exited.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Stdout and stderr, interleaved as they came.</param>
public sealed record Ran(int ExitCode, string Output)
{
    /// <summary>The command and everything it printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>
/// A temporary folder whose NuGet.config adds artifacts/ as a local feed to the machine's own configured sources
/// (nothing here names a registry), with a packages folder of its own (so a repacked 0.1.0 is never served from a
/// cache) that falls back to the machine's packages folder for everything else. Deleted when the tests end.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    /// <summary>Creates the folder and its NuGet.config; fails when artifacts/ holds no packages.</summary>
    public LocalFeed()
    {
        Artifacts = Path.Combine(RepositoryRoot(), "artifacts");
        if (!Directory.Exists(Artifacts) || Directory.GetFiles(Artifacts, "*.nupkg").Length == 0)
        {
            throw new InvalidOperationException($"No packages in {Artifacts}: run `dotnet fsi build.fsx -t Pack` first.");
        }

        Folder = Directory.CreateTempSubdirectory("awsaio-packages-").FullName;
        var machinePackages = Run(Folder, "dotnet", "nuget", "locals", "global-packages", "--list").Output
            .Split(':', 2)[1].Trim();
        File.WriteAllText(Path.Combine(Folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Folder, "packages")}" />
              </config>
              <packageSources>
                <add key="awsaio-artifacts" value="{Artifacts}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    /// <summary>The repository's artifacts folder (the local feed).</summary>
    public string Artifacts { get; }

    /// <summary>The temporary folder the consumers are created in.</summary>
    public string Folder { get; }

    /// <summary>The package version every package of the repository has.</summary>
    public string Version => Path.GetFileNameWithoutExtension(Directory.GetFiles(Artifacts, "AwsAio.Core.*.nupkg").Single())["AwsAio.Core.".Length..];

    /// <summary>Writes a file under the folder and returns its path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs a program to completion in <paramref name="workingDirectory"/>, outside any MSBuild or test-host
    /// environment of this process.</summary>
    public static Ran Run(string workingDirectory, string program, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys
                     .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                     .ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {Limit.TotalMinutes} minutes:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new Ran(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Deletes the folder, the consumers and their packages.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing the run over.
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AwsAio.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No AwsAio.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Every test of the packages shares one local feed.</summary>
[CollectionDefinition(Name)]
public sealed class LocalFeedCollection : ICollectionFixture<LocalFeed>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "local feed";
}
