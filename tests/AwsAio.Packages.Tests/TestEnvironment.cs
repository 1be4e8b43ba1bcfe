using System.Runtime.CompilerServices;

namespace AwsAio.Packages.Tests;

/// <summary>
/// Safety nets for the whole test assembly and the programs it builds and runs: no instance-metadata probe, and any
/// client without an explicit endpoint talks to a closed loopback port rather than to AWS.
/// </summary>
internal static class TestEnvironment
{
    /// <summary>A loopback port nothing listens on (the discard port).</summary>
    internal const string NowhereUrl = "http://127.0.0.1:9";

    [ModuleInitializer]
    internal static void Initialise()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", NowhereUrl);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", NowhereUrl);
    }
}
