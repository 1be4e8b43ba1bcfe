using Amazon;

namespace AwsAio.Tests.Support;

/// <summary>
/// Makes a temporary credentials file (and a config file beside it) the SDK's default shared files for one test, so
/// that the machine's own are never read: <c>AWSConfigs.AWSProfilesLocation</c> is read on every profile lookup, unlike
/// AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, which the SDK reads once per process (both are cleared here, with
/// the variables of an <see cref="EnvironmentScope"/>). Everything is put back when disposed. Only for tests in the
/// <see cref="EnvironmentVariables"/> collection, which runs alone.
/// </summary>
internal sealed class SharedFilesScope : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("awsaio-shared-").FullName;
    private readonly string? _location = AWSConfigs.AWSProfilesLocation;
    private readonly EnvironmentScope _environment;

    /// <summary>Writes the two files and makes them the default ones.</summary>
    /// <param name="credentials">The credentials file's text.</param>
    /// <param name="config">The config file's text.</param>
    /// <param name="environment">Further variables to set (null clears one), as <see cref="EnvironmentScope"/> does.</param>
    internal SharedFilesScope(string credentials, string config = "", params (string Name, string? Value)[] environment)
    {
        File.WriteAllText(CredentialsPath, credentials);
        File.WriteAllText(Path.Combine(_folder, "config"), config);
        _environment = new EnvironmentScope([("AWS_CONFIG_FILE", null), ("AWS_SHARED_CREDENTIALS_FILE", null), .. environment]);
        AWSConfigs.AWSProfilesLocation = CredentialsPath;
    }

    /// <summary>The folder holding both files (and anything a test adds, such as a script).</summary>
    internal string Folder => _folder;

    /// <summary>The credentials file.</summary>
    internal string CredentialsPath => Path.Combine(_folder, "credentials");

    public void Dispose()
    {
        AWSConfigs.AWSProfilesLocation = _location;
        _environment.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
