using Amazon.Runtime;

namespace AwsAio.Tests.Support;

/// <summary>
/// Sets (or clears, with null) process environment variables for one test and puts every one back when disposed,
/// resetting the SDK's cached region and configuration both times, so that the test sees exactly the environment it
/// names whatever the machine sets. Only for tests in the <see cref="EnvironmentVariables"/> collection, which runs
/// alone.
/// </summary>
internal sealed class EnvironmentScope : IDisposable
{
    /// <summary>The variables that name a region or a profile: cleared unless a test sets them.</summary>
    private static readonly string[] RegionAndProfile = ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"];

    private readonly Dictionary<string, string?> _saved = [];

    /// <summary>Clears the region and profile variables, then sets <paramref name="values"/>.</summary>
    /// <param name="values">Variables to set; a null value clears the variable.</param>
    internal EnvironmentScope(params (string Name, string? Value)[] values)
    {
        foreach (var name in RegionAndProfile.Concat(values.Select(v => v.Name)).Distinct())
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }

        foreach (var name in RegionAndProfile)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        foreach (var (name, value) in values)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        ResetSdkCaches();
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        ResetSdkCaches();
    }

    private static void ResetSdkCaches()
    {
        Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
        FallbackRegionFactory.Reset();
    }
}
