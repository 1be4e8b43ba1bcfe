using Amazon.Runtime;
using AwsAio.Tests.Peers;

namespace AwsAio.Tests.Support;

/// <summary>Real providers aimed at a loopback stub: base keys, us-east-1, the SDK's own retries off.</summary>
internal static class StubProviders
{
    /// <summary>The access key id of the base credentials.</summary>
    internal const string BaseKey = "AKIDBASEEXAMPLE";

    /// <summary>Options for a provider that sends everything to <paramref name="stub"/>.</summary>
    internal static AwsClientProviderOptions Options(AwsWireStub stub) => Options(stub.Url);

    /// <summary>Options for a provider that sends everything to <paramref name="url"/>.</summary>
    internal static AwsClientProviderOptions Options(string url) => new()
    {
        Credentials = new BasicAWSCredentials(BaseKey, "base-secret-wJalrXUtnFEMI"),
        Region = "us-east-1",
        Endpoint = new EndpointOverride(url),
        MaxErrorRetry = 0,
    };

    /// <summary>A provider that sends everything to <paramref name="stub"/>.</summary>
    internal static AwsClientProvider For(AwsWireStub stub, Func<AwsClientProviderOptions, AwsClientProviderOptions>? adjust = null) =>
        AwsClientProvider.Create((adjust ?? (o => o))(Options(stub))).Match(Right: p => p, Left: e => throw new InvalidOperationException(e.ToString()));
}
